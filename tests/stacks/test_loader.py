"""Loading the shipped stacks end to end: ledger history, rendered ClusterClasses, real CRDs."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.stacks import load_stack_versions, load_stacks
from generator.stacks.catalog import build_stacks, read_sources, render_working_version, working_versions
from generator.stacks.files import read_stacks
from generator.naming import release_name
from generator.stacks.render import render_cluster_class
from tests.stacks.support import STACKS_DIR, requires_engine, tiny_stack

pytestmark = requires_engine

INFRASTRUCTURE_KINDS = {
    "openstack": ("infrastructure.cluster.x-k8s.io/v1beta1", {"OpenStackClusterTemplate", "OpenStackMachineTemplate"}),
    "docker": ("infrastructure.cluster.x-k8s.io/v1beta1", {"DockerClusterTemplate", "DockerMachineTemplate"}),
    "kubevirt": ("infrastructure.cluster.x-k8s.io/v1alpha1", {"KubevirtClusterTemplate", "KubevirtMachineTemplate"}),
}


@pytest.fixture(scope="module")
def shipped():
    return load_stacks(STACKS_DIR)


@pytest.fixture(scope="module")
def shipped_versions():
    return load_stack_versions(STACKS_DIR)


def test_stacks_come_sorted_with_every_version(shipped):
    assert [repr(s) for s in shipped] == [
        "Stack(docker/scs: docker-scs-1-32-v1, docker-scs-1-33-v1, docker-scs-1-34-v1)",
        "Stack(docker/scs2: docker-scs2-1-33-v1, docker-scs2-1-34-v1)",
        "Stack(kubevirt/scs: kubevirt-scs-1-32-v1, kubevirt-scs-1-33-v1, kubevirt-scs-1-34-v1)",
        "Stack(openstack/scs: openstack-scs-1-32-v1, openstack-scs-1-32-v2, openstack-scs-1-32-v3,"
        " openstack-scs-1-33-v1, openstack-scs-1-33-v2, openstack-scs-1-34-v1)",
    ]


def test_openstack_1_32_has_a_real_history(shipped_versions):
    by_name = {v.class_name: v for v in shipped_versions}
    v1, v2, v3 = (by_name[f"openstack-scs-1-32-v{n}"] for n in (1, 2, 3))
    assert (v1.released, v2.released, v3.released) == ("2025-07-01", "2025-10-06", None)
    names = lambda v: {d["name"] for d in v.variables}  # noqa: E731
    assert names(v2) - names(v1) == {"network_mtu"}
    components = lambda v: {c.name: c.version for c in v.components}  # noqa: E731
    assert (components(v1)["cilium"], components(v2)["cilium"]) == ("1.16.15", "1.17.8")
    assert components(v3)["openstack-cloud-controller-manager"] != components(v2)["openstack-cloud-controller-manager"]
    assert len({v1.content_hash, v2.content_hash, v3.content_hash}) == 3


def test_every_cluster_class_is_named_like_its_version(shipped_versions):
    assert [v.cluster_class["metadata"]["name"] for v in shipped_versions] == [v.class_name for v in shipped_versions]


def test_every_cluster_class_is_valid_against_the_real_crd(shipped_versions):
    from tests.support.crds import assert_valid_against_crd

    for version in shipped_versions:
        assert_valid_against_crd(version.cluster_class)


def test_every_variable_definition_is_valid_for_cluster_api(shipped_versions):
    from generator.variables import validate_clusterclass_variables

    for version in shipped_versions:
        assert [str(e) for e in validate_clusterclass_variables(version.variables)] == [], version.class_name


def test_openstack_offers_what_the_issue_asks(shipped_versions):
    latest = [v for v in shipped_versions if v.provider == "openstack"][-1]
    variables = {d["name"]: d["schema"]["openAPIV3Schema"] for d in latest.variables}
    assert len(variables) >= 20
    assert variables["external_network_id"]["format"] == "uuid"
    assert variables["node_cidr"]["format"] == "cidr"
    assert variables["dns_nameservers"]["type"] == "array"
    assert variables["security_groups"]["type"] == "array"
    assert variables["apiserver_loadbalancer"]["enum"] == ["none", "octavia-amphora", "octavia-ovn"]
    assert variables["oidc_config"]["type"] == "object" and "issuer_url" in variables["oidc_config"]["properties"]
    assert (variables["network_mtu"]["minimum"], variables["network_mtu"]["maximum"]) == (1280, 9000)
    assert all(schema.get("description") for schema in variables.values())
    assert latest.machine_deployment_classes == ["default-worker", "large-worker"]


def test_kubevirt_has_the_csi_driver_switch(shipped_versions):
    kubevirt = [v for v in shipped_versions if v.provider == "kubevirt"][0]
    variables = {d["name"]: d["schema"]["openAPIV3Schema"] for d in kubevirt.variables}
    assert variables["csi_driver"] == {
        "type": "boolean",
        "default": False,
        "example": True,
        "description": variables["csi_driver"]["description"],
    }


@pytest.mark.parametrize("stack", ["openstack/scs", "docker/scs", "kubevirt/scs"])
def test_every_template_the_cluster_class_references_is_rendered(stack):
    sources, problems = read_sources(read_stacks(STACKS_DIR), "stacks")
    assert problems == []
    source, ledger = next((s, l) for s, l in sources if s.path == stack)
    api_version, kinds = INFRASTRUCTURE_KINDS[source.provider]
    for working in working_versions(source, ledger):
        objects, problems = render_cluster_class(
            working.files(), source.base, release_name(source.provider, source.name, working.entry.kubernetes), working.entry.kubernetes
        )
        assert problems == []
        by_ref = {(o["apiVersion"], o["kind"], o["metadata"]["name"]): o for o in objects}
        cluster_class = next(o for o in objects if o["kind"] == "ClusterClass")
        refs = [cluster_class["spec"]["controlPlane"]["ref"], cluster_class["spec"]["controlPlane"]["machineInfrastructure"]["ref"], cluster_class["spec"]["infrastructure"]["ref"]]
        for md in cluster_class["spec"]["workers"]["machineDeployments"]:
            refs += [md["template"]["bootstrap"]["ref"], md["template"]["infrastructure"]["ref"]]
        for ref in refs:
            obj = by_ref.get((ref["apiVersion"], ref["kind"], ref["name"]))
            assert obj is not None, f"{working.class_name}: {ref} is not rendered"
            assert isinstance(obj["spec"]["template"]["spec"], dict)
        assert {o["kind"] for o in objects if o["apiVersion"] == api_version} == kinds


UNTYPED = tiny_stack()["cluster-class/templates/cluster-class.yaml"].replace(
    "          type: string\n          default: {{ .Values.nodeImage }}\n", "          default: {{ .Values.nodeImage }}\n"
)
BAD_DEFAULT = tiny_stack()["cluster-class/templates/cluster-class.yaml"].replace(
    "          type: string\n          default: {{ .Values.nodeImage }}\n", "          type: integer\n          default: {{ .Values.nodeImage }}\n"
)


TEMPLATE = "stacks/docker/tiny/cluster-class/templates/cluster-class.yaml"


@pytest.mark.parametrize(
    ("template", "want"),
    [
        (UNTYPED, f"{TEMPLATE}:31: spec.variables[node_image].schema.openAPIV3Schema.type: Required value: must not be empty for specified object fields"),
        (
            BAD_DEFAULT,
            f'{TEMPLATE}:31: spec.variables[node_image].schema.openAPIV3Schema.default: Invalid value: "string": must be of type integer: "string"',
        ),
        (
            tiny_stack()["cluster-class/templates/cluster-class.yaml"] + "  x: {{ .Values.nope.deeper }}\n",
            f"{TEMPLATE}:37: nil pointer evaluating interface {{}}.deeper",
        ),
    ],
    ids=[
        "reports a variable without a type at its definition",
        "reports a default that fails its own schema at its definition",
        "reports a template error at its template line",
    ],
)
def test_cluster_class_problems_point_at_the_template(template, want):
    folders = {"docker/tiny": tiny_stack(**{"cluster-class__templates__cluster-class.yaml": template})}
    with pytest.raises(InputError) as raised:
        build_stacks(folders, "stacks")
    # Both Kubernetes versions fail on the same line: it is reported once.
    assert [str(p) for p in raised.value.problems] == [want]


def test_missing_folder_reads_as_no_stacks(tmp_path):
    assert load_stacks(tmp_path / "nothing") == []


def test_a_released_version_the_source_still_matches_renders_as_recorded():
    sources, problems = read_sources(read_stacks(STACKS_DIR), "stacks")
    assert problems == []
    checked = 0
    for source, ledger in sources:
        for working in working_versions(source, ledger):
            if working.released is None:
                continue
            again, problems = render_working_version(working, released=working.released.released)
            assert problems == []
            assert again == working.released, working.class_name
            checked += 1
    assert checked == 10
