"""Cluster API's TestApply for the patch engine, ported as the specification (MachinePool cases left out).

Source: kubernetes-sigs/cluster-api release-1.10,
internal/controllers/topology/cluster/patches/engine_test.go. The blueprint is the one
of its setupTestObjects: generic templates, one machine deployment class
``default-worker`` used by two topologies ``default-worker-topo1`` and ``-topo2``.
"""

from __future__ import annotations

from typing import Any

from generator.topology import compute_topology

INFRA = "infrastructure.cluster.x-k8s.io/v1beta1"
CONTROL_PLANE = "controlplane.cluster.x-k8s.io/v1beta1"
BOOTSTRAP = "bootstrap.cluster.x-k8s.io/v1beta1"


def _template(api_version: str, kind: str, name: str) -> dict[str, Any]:
    return {"apiVersion": api_version, "kind": kind, "metadata": {"name": name, "namespace": "default"}, "spec": {"template": {"spec": {}}}}


def _objects(patches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cluster_class = {
        "apiVersion": "cluster.x-k8s.io/v1beta1",
        "kind": "ClusterClass",
        "metadata": {"name": "clusterClass1", "namespace": "default"},
        "spec": {
            "infrastructure": {"ref": {"apiVersion": INFRA, "kind": "GenericInfrastructureClusterTemplate", "name": "infraClusterTemplate1"}},
            "controlPlane": {
                "ref": {"apiVersion": CONTROL_PLANE, "kind": "GenericControlPlaneTemplate", "name": "controlPlaneTemplate1"},
                "machineInfrastructure": {"ref": {"apiVersion": INFRA, "kind": "GenericInfrastructureMachineTemplate", "name": "controlplaneinframachinetemplate1"}},
            },
            "workers": {"machineDeployments": [{
                "class": "default-worker",
                "template": {
                    "bootstrap": {"ref": {"apiVersion": BOOTSTRAP, "kind": "GenericBootstrapConfigTemplate", "name": "linux-worker-bootstrapconfigtemplate"}},
                    "infrastructure": {"ref": {"apiVersion": INFRA, "kind": "GenericInfrastructureMachineTemplate", "name": "linux-worker-inframachinetemplate"}},
                },
            }]},
            "patches": patches,
        },
    }
    return [
        cluster_class,
        _template(INFRA, "GenericInfrastructureClusterTemplate", "infraClusterTemplate1"),
        _template(CONTROL_PLANE, "GenericControlPlaneTemplate", "controlPlaneTemplate1"),
        _template(INFRA, "GenericInfrastructureMachineTemplate", "controlplaneinframachinetemplate1"),
        _template(INFRA, "GenericInfrastructureMachineTemplate", "linux-worker-inframachinetemplate"),
        _template(BOOTSTRAP, "GenericBootstrapConfigTemplate", "linux-worker-bootstrapconfigtemplate"),
    ]


CLUSTER = {
    "apiVersion": "cluster.x-k8s.io/v1beta1",
    "kind": "Cluster",
    "metadata": {"name": "cluster1", "namespace": "default"},
    "spec": {"topology": {
        "class": "clusterClass1",
        "version": "v1.21.2",
        "controlPlane": {"replicas": 3},
        "workers": {"machineDeployments": [{"class": "default-worker", "name": "default-worker-topo1"}, {"class": "default-worker", "name": "default-worker-topo2"}]},
    }},
}


def _selector(api_version: str, kind: str, **match: Any) -> dict[str, Any]:
    return {"apiVersion": api_version, "kind": kind, "matchResources": match}


def _add(path: str, value: Any = None, variable: str | None = None) -> dict[str, Any]:
    return {"op": "add", "path": path, "valueFrom": {"variable": variable}} if variable else {"op": "add", "path": path, "value": value}


def _run(patches: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    topology = compute_topology(CLUSTER, _objects(patches))
    assert topology.errors == []
    kinds: dict[str, list[dict[str, Any]]] = {}
    for obj in topology.objects:
        kinds.setdefault(obj["kind"], []).append(obj)
    return kinds


def _by_deployment(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["labels"]["topology.cluster.x-k8s.io/deployment-name"]: o for o in objects}


def test_should_preserve_desired_state_if_there_are_no_patches() -> None:
    kinds = _run([])
    assert kinds["GenericInfrastructureCluster"][0]["spec"] == {}
    assert kinds["GenericControlPlane"][0]["spec"]["replicas"] == 3


def test_should_apply_json_patches_to_infra_cluster_control_plane_and_its_machine_template() -> None:
    kinds = _run([{"name": "fake-patch1", "definitions": [
        {"selector": _selector(INFRA, "GenericInfrastructureClusterTemplate", infrastructureCluster=True), "jsonPatches": [_add("/spec/template/spec/resource", "infraCluster")]},
        {"selector": _selector(CONTROL_PLANE, "GenericControlPlaneTemplate", controlPlane=True), "jsonPatches": [_add("/spec/template/spec/resource", "controlPlane")]},
        {"selector": _selector(INFRA, "GenericInfrastructureMachineTemplate", controlPlane=True), "jsonPatches": [_add("/spec/template/spec/resource", "controlPlaneInfrastructureMachineTemplate")]},
    ]}])
    assert kinds["GenericInfrastructureCluster"][0]["spec"]["resource"] == "infraCluster"
    assert kinds["GenericControlPlane"][0]["spec"]["resource"] == "controlPlane"
    machine_templates = kinds["GenericInfrastructureMachineTemplate"]
    control_plane_template = [t for t in machine_templates if "topology.cluster.x-k8s.io/deployment-name" not in t["metadata"]["labels"]]
    assert control_plane_template[0]["spec"]["template"]["spec"]["resource"] == "controlPlaneInfrastructureMachineTemplate"
    workers = [t for t in machine_templates if t not in control_plane_template]
    assert all("resource" not in t["spec"]["template"]["spec"] for t in workers)


def test_should_apply_json_patches_to_machine_deployment_templates() -> None:
    match = {"machineDeploymentClass": {"names": ["default-worker"]}}
    kinds = _run([{"name": "fake-patch1", "definitions": [
        {"selector": _selector(INFRA, "GenericInfrastructureMachineTemplate", **match), "jsonPatches": [_add("/spec/template/spec/resource", "default-worker-infra")]},
        {"selector": _selector(BOOTSTRAP, "GenericBootstrapConfigTemplate", **match), "jsonPatches": [_add("/spec/template/spec/resource", "default-worker-bootstrap")]},
    ]}])
    bootstrap = _by_deployment(kinds["GenericBootstrapConfigTemplate"])
    infrastructure = _by_deployment([t for t in kinds["GenericInfrastructureMachineTemplate"] if "topology.cluster.x-k8s.io/deployment-name" in t["metadata"]["labels"]])
    for name in ("default-worker-topo1", "default-worker-topo2"):
        assert bootstrap[name]["spec"]["template"]["spec"]["resource"] == "default-worker-bootstrap"
        assert infrastructure[name]["spec"]["template"]["spec"]["resource"] == "default-worker-infra"


def test_should_apply_json_patches_in_the_correct_order() -> None:
    selector = _selector(CONTROL_PLANE, "GenericControlPlaneTemplate", controlPlane=True)
    kinds = _run([
        {"name": "fake-patch1", "definitions": [{"selector": selector, "jsonPatches": [_add("/spec/template/spec/clusterName", "cluster1"), _add("/spec/template/spec/files", [{"key1": "value1"}])]}]},
        {"name": "fake-patch2", "definitions": [{"selector": selector, "jsonPatches": [{"op": "replace", "path": "/spec/template/spec/clusterName", "value": "cluster1-overwritten"}]}]},
    ])
    spec = kinds["GenericControlPlane"][0]["spec"]
    assert spec["clusterName"] == "cluster1-overwritten"
    assert spec["files"] == [{"key1": "value1"}]


def test_should_apply_json_patches_and_preserve_control_plane_fields() -> None:
    before = _run([])["GenericControlPlane"][0]["spec"]
    kinds = _run([{"name": "fake-patch1", "definitions": [{"selector": _selector(CONTROL_PLANE, "GenericControlPlaneTemplate", controlPlane=True), "jsonPatches": [
        _add("/spec/template/spec/replicas", 1),
        _add("/spec/template/spec/version", "v1.15.0"),
        _add("/spec/template/spec/machineTemplate", {}),
        _add("/spec/template/spec/machineTemplate/infrastructureRef", {"apiVersion": "invalid", "kind": "invalid", "namespace": "invalid", "name": "invalid"}),
    ]}]}])
    spec = kinds["GenericControlPlane"][0]["spec"]
    assert (spec["replicas"], spec["version"], spec["machineTemplate"]["infrastructureRef"]) == (3, "v1.21.2", before["machineTemplate"]["infrastructureRef"])


def test_should_apply_json_patches_without_metadata() -> None:
    before = _run([])["GenericInfrastructureCluster"][0]["metadata"]["name"]
    kinds = _run([{"name": "fake-patch1", "definitions": [{"selector": _selector(INFRA, "GenericInfrastructureClusterTemplate", infrastructureCluster=True), "jsonPatches": [
        _add("/spec/template/spec/clusterName", "cluster1"),
        {"op": "replace", "path": "/metadata/name", "value": "overwrittenName"},
    ]}]}])
    infrastructure_cluster = kinds["GenericInfrastructureCluster"][0]
    assert infrastructure_cluster["spec"]["clusterName"] == "cluster1"
    assert infrastructure_cluster["metadata"]["name"] == before


def test_should_correctly_apply_patches_with_builtin_variables() -> None:
    match = {"machineDeploymentClass": {"names": ["default-worker"]}}
    kinds = _run([{"name": "fake-patch1", "definitions": [
        {"selector": _selector(INFRA, "GenericInfrastructureClusterTemplate", infrastructureCluster=True), "jsonPatches": [_add("/spec/template/spec/clusterName", variable="builtin.cluster.name")]},
        {"selector": _selector(CONTROL_PLANE, "GenericControlPlaneTemplate", controlPlane=True), "jsonPatches": [_add("/spec/template/spec/controlPlaneName", variable="builtin.controlPlane.name")]},
        {"selector": _selector(INFRA, "GenericInfrastructureMachineTemplate", controlPlane=True), "jsonPatches": [_add("/spec/template/spec/controlPlaneName", variable="builtin.controlPlane.name")]},
        {"selector": _selector(BOOTSTRAP, "GenericBootstrapConfigTemplate", **match), "jsonPatches": [_add("/spec/template/spec/machineDeploymentTopologyName", variable="builtin.machineDeployment.topologyName")]},
        {"selector": _selector(INFRA, "GenericInfrastructureMachineTemplate", **match), "jsonPatches": [_add("/spec/template/spec/machineDeploymentTopologyName", variable="builtin.machineDeployment.topologyName")]},
    ]}])
    control_plane = kinds["GenericControlPlane"][0]
    assert kinds["GenericInfrastructureCluster"][0]["spec"]["clusterName"] == "cluster1"
    assert control_plane["spec"]["controlPlaneName"] == control_plane["metadata"]["name"]
    bootstrap = _by_deployment(kinds["GenericBootstrapConfigTemplate"])
    for name in ("default-worker-topo1", "default-worker-topo2"):
        assert bootstrap[name]["spec"]["template"]["spec"]["machineDeploymentTopologyName"] == name


def test_a_failing_patch_names_patch_field_and_template() -> None:
    topology = compute_topology(CLUSTER, _objects([{"name": "broken", "definitions": [
        {"selector": _selector(INFRA, "GenericInfrastructureClusterTemplate", infrastructureCluster=True), "jsonPatches": [
            {"op": "add", "path": "/spec/template/spec/a", "valueFrom": {"template": "x: {{ .builtin.cluster.name | nosuchfunc }}"}},
        ]},
    ]}]))
    assert len(topology.patch_errors) == 1
    error = topology.patch_errors[0]
    assert (error.patch, error.field, error.line) == ("broken", "spec.patches[0].definitions[0].jsonPatches[0].valueFrom.template", 1)
    assert error.target == "GenericInfrastructureClusterTemplate infraClusterTemplate1"
    assert 'function "nosuchfunc" not defined' in error.message


def test_a_missing_path_fails_like_the_json_patch_library() -> None:
    topology = compute_topology(CLUSTER, _objects([{"name": "deep", "definitions": [
        {"selector": _selector(INFRA, "GenericInfrastructureClusterTemplate", infrastructureCluster=True), "jsonPatches": [_add("/spec/template/spec/missing/child", 1)]},
    ]}]))
    assert [e.message for e in topology.patch_errors] == [
        'failed to apply patches for patch "deep": failed to apply patch: error applying json patch (RFC6902): add operation does not apply: doc is missing path: "/spec/template/spec/missing/child": missing value'
    ]


def test_external_patches_are_reported_not_applied() -> None:
    topology = compute_topology(CLUSTER, _objects([{"name": "ext", "external": {"generateExtension": "generate-patches.my-extension"}}]))
    assert topology.errors == []
    assert topology.warnings == ['spec.patches[0]: patch "ext" is an external patch (Runtime SDK extension generate-patches.my-extension); it cannot run offline and is not applied']
