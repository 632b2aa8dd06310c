"""The topology of every shipped stack: every patch exercised, addons' values from the Cluster's variables."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from generator.topology import Topology, compute_topology
from generator.topology.addons import compute_addons
from generator.variables.definitions import variable_schema
from tests.topology.stacks_support import cluster, working, working_class_names

CLASS_NAMES = working_class_names()


def _topology(class_name: str, variables: dict[str, Any] | None = None) -> Topology:
    return compute_topology(cluster(class_name, variables), working(class_name).objects)


def _non_default(schema: dict[str, Any]) -> Any:
    """Return a value of the schema that differs from its default: another enum value, the example, or one made up."""
    default = schema.get("default")
    if schema.get("enum"):
        return next(v for v in schema["enum"] if v != default)
    if "example" in schema and schema["example"] != default:
        return schema["example"]
    kind = schema.get("type")
    if kind == "boolean":
        return not default
    if kind == "integer":
        return max(int(default or 0) + 1, int(schema.get("minimum", 0)))
    if kind == "array":
        return [_non_default(schema.get("items") or {"type": "string"})]
    return f"{default or 'value'}-changed"


def _referenced_variables(patch: dict[str, Any]) -> set[str]:
    """Return the user variables a patch reads: in enabledIf, valueFrom.variable and templates."""
    names = set(re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)", str(patch.get("enabledIf") or "")))
    for definition in patch.get("definitions") or ():
        for operation in definition.get("jsonPatches") or ():
            source = operation.get("valueFrom") or {}
            if source.get("variable"):
                names.add(str(source["variable"]).split(".")[0].split("[")[0])
            names.update(re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)", str(source.get("template") or "")))
    return names - {"builtin"}


def _field(topology: Topology, name: str, pointer: str) -> Any:
    """Return the value at a template JSON pointer in the desired object called ``name`` (objects take spec.template.spec as spec)."""
    obj = next(o for o in topology.objects if o["metadata"]["name"] == name)
    parts = pointer.strip("/").split("/")
    if not obj["kind"].endswith("Template") and parts[:2] == ["spec", "template"]:
        parts = parts[2:]
    value: Any = obj
    for part in parts:
        if isinstance(value, list):
            value = value[int(part)] if part.isdigit() and int(part) < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def _patch_cases() -> list[pytest.param]:
    cases = []
    for class_name in CLASS_NAMES:
        cluster_class = next(o for o in working(class_name).objects if o["kind"] == "ClusterClass")
        for patch in cluster_class["spec"].get("patches") or ():
            cases.append(pytest.param(class_name, patch["name"], id=f"{class_name}: patch {patch['name']}"))
    return cases


@pytest.mark.parametrize(("class_name", "patch_name"), _patch_cases())
def test_every_patch_changes_the_field_it_targets(class_name: str, patch_name: str) -> None:
    """Set each variable the patch reads to a non-default value: the fields its operations target must change."""
    cluster_class = next(o for o in working(class_name).objects if o["kind"] == "ClusterClass")
    patch = next(p for p in cluster_class["spec"]["patches"] if p["name"] == patch_name)
    definitions = {d["name"]: d for d in cluster_class["spec"]["variables"]}
    baseline = _topology(class_name)
    assert baseline.errors == []
    variables = sorted(_referenced_variables(patch) & set(definitions))
    assert variables, f"patch {patch_name} reads no variable of the class"
    changed = {name: _non_default(variable_schema(definitions[name])) for name in variables}
    # Patches whose value combines variables (allowedCIDRs needs restrict_kubeapi set) see all of them set at once.
    topology = _topology(class_name, changed)
    assert topology.errors == []
    applied = [a for a in topology.applied if a.patch == patch_name]
    assert applied, f"patch {patch_name} was not applied with {changed}"
    for operation in applied:
        before, after = _field(baseline, operation.target_name, operation.path), _field(topology, operation.target_name, operation.path)
        assert after != before, f"{operation.target_kind} {operation.target_name} {operation.path} stays {after!r} with {changed}"


def _addon(class_name: str, variables: dict[str, Any], name: str) -> Any:
    topology = _topology(class_name, variables)
    version = working(class_name)
    cluster_object, infrastructure, control_plane = topology.objects[0], topology.objects[1], topology.objects[2]
    addons = compute_addons(version.files, version.kubernetes_version, cluster_object, control_plane, infrastructure, version.stage_names)
    return next(a for a in addons if a.name == name)


KUBEVIRT = [n for n in CLASS_NAMES if n.startswith("kubevirt-")]
OPENSTACK = [n for n in CLASS_NAMES if n.startswith("openstack-")]


@pytest.mark.parametrize("class_name", KUBEVIRT)
@pytest.mark.parametrize("enabled", [True, False])
def test_kubevirt_csi_driver_variable_switches_the_csi_addon(class_name: str, enabled: bool) -> None:
    addon = _addon(class_name, {"csi_driver": enabled}, "kubevirt-csi-driver")
    assert addon.values["enabled"] is enabled
    assert addon.rendered
    assert ("CSIDriver" in {o["kind"] for o in addon.objects}) is enabled


@pytest.mark.parametrize("class_name", OPENSTACK)
def test_openstack_node_cidr_is_the_subnet_of_the_openstack_cluster(class_name: str) -> None:
    topology = _topology(class_name, {"node_cidr": "10.42.0.0/22"})
    (openstack_cluster,) = topology.find("OpenStackCluster")
    assert [s["cidr"] for s in openstack_cluster["spec"]["managedSubnets"]] == ["10.42.0.0/22"]


@pytest.mark.parametrize("class_name", OPENSTACK)
def test_addons_with_unvendored_dependencies_say_they_are_not_available_offline(class_name: str) -> None:
    addon = _addon(class_name, {}, "ccm")
    assert not addon.rendered and addon.objects == []
    assert "openstack-cloud-controller-manager" in addon.reason and "not available offline" in addon.reason
    assert addon.values == {"openstack-cloud-controller-manager": {"cluster": {"name": "my-cluster"}}}


@pytest.mark.parametrize("class_name", CLASS_NAMES)
def test_default_topology_has_every_object_cluster_api_creates(class_name: str) -> None:
    topology = _topology(class_name)
    assert topology.errors == [] and topology.warnings == []
    kinds = [o["kind"] for o in topology.objects]
    assert kinds[0] == "Cluster" and "MachineDeployment" in kinds and kinds[2] in ("KubeadmControlPlane",)
    cluster_object = topology.objects[0]
    refs = {cluster_object["spec"][k]["name"] for k in ("infrastructureRef", "controlPlaneRef")}
    assert refs == {topology.objects[1]["metadata"]["name"], topology.objects[2]["metadata"]["name"]}
    (deployment,) = topology.find("MachineDeployment")
    template_names = {deployment["spec"]["template"]["spec"]["bootstrap"]["configRef"]["name"], deployment["spec"]["template"]["spec"]["infrastructureRef"]["name"]}
    assert template_names <= {o["metadata"]["name"] for o in topology.objects}


def test_same_cluster_gives_byte_identical_objects() -> None:
    class_name = OPENSTACK[0]
    first, second = _topology(class_name), _topology(class_name)
    assert repr(first.objects) == repr(second.objects)


def test_per_machine_deployment_overrides_change_only_that_deployment() -> None:
    class_name = OPENSTACK[0]
    spec = cluster(class_name)
    topology_spec = spec["spec"]["topology"]
    first = topology_spec["workers"]["machineDeployments"][0]
    second = copy.deepcopy(first)
    second["name"] = "md-1"
    second["variables"] = {"overrides": [{"name": "worker_flavor", "value": "SCS-16V-64"}]}
    topology_spec["workers"]["machineDeployments"].append(second)
    topology = compute_topology(spec, working(class_name).objects)
    flavors = {t["metadata"]["labels"]["topology.cluster.x-k8s.io/deployment-name"]: t["spec"]["template"]["spec"]["flavor"]
               for t in topology.find("OpenStackMachineTemplate") if "topology.cluster.x-k8s.io/deployment-name" in t["metadata"]["labels"]}
    assert flavors["md-1"] == "SCS-16V-64" and flavors["md-0"] != "SCS-16V-64"
