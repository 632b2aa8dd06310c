"""The desired state for v1beta1 and v1beta2 classes: names (naming templates, the random stand-in), refs, health checks."""

from __future__ import annotations

import copy
from typing import Any

from generator.topology import compute_topology
from generator.topology.names import RANDOM_ALPHABET, random_stand_in

INFRA = "infrastructure.cluster.x-k8s.io/v1beta2"
CP = "controlplane.cluster.x-k8s.io/v1beta2"
BOOT = "bootstrap.cluster.x-k8s.io/v1beta2"


def _template(api_version: str, kind: str, name: str, spec: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"apiVersion": api_version, "kind": kind, "metadata": {"name": name, "namespace": "default"}, "spec": {"template": {"spec": spec or {}}}}


def _v1beta2(naming: bool = True) -> list[dict[str, Any]]:
    spec: dict[str, Any] = {
        "infrastructure": {"templateRef": {"apiVersion": INFRA, "kind": "DockerClusterTemplate", "name": "cluster"}},
        "controlPlane": {
            "templateRef": {"apiVersion": CP, "kind": "KubeadmControlPlaneTemplate", "name": "control-plane"},
            "machineInfrastructure": {"templateRef": {"apiVersion": INFRA, "kind": "DockerMachineTemplate", "name": "control-plane"}},
            "healthCheck": {"checks": {"unhealthyNodeConditions": [{"type": "Ready", "status": "False", "timeoutSeconds": 300}]}},
        },
        "workers": {"machineDeployments": [{
            "class": "default-worker",
            "bootstrap": {"templateRef": {"apiVersion": BOOT, "kind": "KubeadmConfigTemplate", "name": "worker"}},
            "infrastructure": {"templateRef": {"apiVersion": INFRA, "kind": "DockerMachineTemplate", "name": "worker"}},
            "healthCheck": {"checks": {"nodeStartupTimeoutSeconds": 900}},
            "metadata": {"labels": {"class-label": "x"}},
        }]},
        "variables": [{"name": "greeting", "schema": {"openAPIV3Schema": {"type": "string", "default": "hello"}}}],
        "patches": [{"name": "class-ref", "definitions": [{
            "selector": {"apiVersion": INFRA, "kind": "DockerClusterTemplate", "matchResources": {"infrastructureCluster": True}},
            "jsonPatches": [
                {"op": "add", "path": "/spec/template/spec/classRef", "valueFrom": {"variable": "builtin.cluster.topology.classRef.name"}},
                {"op": "add", "path": "/spec/template/spec/greeting", "valueFrom": {"template": "{{ .greeting }}, {{ .builtin.cluster.name }}"}},
            ],
        }]}],
    }
    if naming:
        spec["infrastructure"]["naming"] = {"template": "{{ .cluster.name }}-infra-{{ .random }}"}
        spec["controlPlane"]["naming"] = {"template": "{{ .cluster.name }}-cp"}
        spec["workers"]["machineDeployments"][0]["naming"] = {"template": "{{ .cluster.name }}-{{ .machineDeployment.topologyName }}-w"}
    return [
        {"apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "ClusterClass", "metadata": {"name": "class-a", "namespace": "default"}, "spec": spec},
        _template(INFRA, "DockerClusterTemplate", "cluster"),
        _template(CP, "KubeadmControlPlaneTemplate", "control-plane", {"kubeadmConfigSpec": {}}),
        _template(INFRA, "DockerMachineTemplate", "control-plane"),
        _template(INFRA, "DockerMachineTemplate", "worker"),
        _template(BOOT, "KubeadmConfigTemplate", "worker"),
    ]


CLUSTER_V1BETA2 = {
    "apiVersion": "cluster.x-k8s.io/v1beta2",
    "kind": "Cluster",
    "metadata": {"name": "c1", "namespace": "team-a"},
    "spec": {"topology": {
        "classRef": {"name": "class-a"},
        "version": "v1.33.1",
        "controlPlane": {"replicas": 1},
        "workers": {"machineDeployments": [
            {"class": "default-worker", "name": "md-0", "replicas": 2},
            {"class": "default-worker", "name": "md-1", "healthCheck": {"enabled": False}},
        ]},
    }},
}


def _by_kind(objects: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    kinds: dict[str, list[dict[str, Any]]] = {}
    for obj in objects:
        kinds.setdefault(obj["kind"], []).append(obj)
    return kinds


def test_v1beta2_class_gives_v1beta2_objects_named_by_its_naming_templates() -> None:
    topology = compute_topology(CLUSTER_V1BETA2, _v1beta2())
    assert topology.errors == []
    kinds = _by_kind(topology.objects)
    (cluster,) = kinds["Cluster"]
    (infra,) = kinds["DockerCluster"]
    (control_plane,) = kinds["KubeadmControlPlane"]
    assert infra["metadata"]["name"] == f"c1-infra-{random_stand_in('team-a', 'c1', 'infrastructure-cluster')}"
    assert control_plane["metadata"]["name"] == "c1-cp"
    assert cluster["spec"]["infrastructureRef"] == {"apiGroup": "infrastructure.cluster.x-k8s.io", "kind": "DockerCluster", "name": infra["metadata"]["name"]}
    assert cluster["spec"]["controlPlaneRef"] == {"apiGroup": "controlplane.cluster.x-k8s.io", "kind": "KubeadmControlPlane", "name": "c1-cp"}
    machine_ref = control_plane["spec"]["machineTemplate"]["spec"]["infrastructureRef"]
    assert machine_ref["apiGroup"] == "infrastructure.cluster.x-k8s.io" and machine_ref["kind"] == "DockerMachineTemplate"
    assert (control_plane["spec"]["replicas"], control_plane["spec"]["version"]) == (1, "v1.33.1")
    deployments = {md["metadata"]["labels"]["topology.cluster.x-k8s.io/deployment-name"]: md for md in kinds["MachineDeployment"]}
    assert deployments["md-0"]["metadata"]["name"] == "c1-md-0-w"
    assert deployments["md-0"]["apiVersion"] == "cluster.x-k8s.io/v1beta2"
    assert deployments["md-0"]["spec"]["replicas"] == 2 and "replicas" not in deployments["md-1"]["spec"]
    assert deployments["md-0"]["metadata"]["labels"]["class-label"] == "x"
    assert deployments["md-0"]["spec"]["template"]["spec"]["bootstrap"]["configRef"]["apiGroup"] == "bootstrap.cluster.x-k8s.io"
    assert infra["spec"] == {"classRef": "class-a", "greeting": "hello, c1"}


def test_v1beta2_health_checks_follow_class_and_topology() -> None:
    topology = compute_topology(CLUSTER_V1BETA2, _v1beta2())
    checks = {mhc["metadata"]["name"]: mhc for mhc in _by_kind(topology.objects)["MachineHealthCheck"]}
    assert set(checks) == {"c1-cp", "c1-md-0-w"}, "md-1 switches its check off"
    assert checks["c1-cp"]["spec"]["selector"] == {"matchLabels": {"topology.cluster.x-k8s.io/owned": "", "cluster.x-k8s.io/control-plane": ""}}
    assert checks["c1-cp"]["spec"]["checks"] == {"unhealthyNodeConditions": [{"type": "Ready", "status": "False", "timeoutSeconds": 300}], "nodeStartupTimeoutSeconds": 600}
    assert checks["c1-md-0-w"]["spec"]["checks"] == {"nodeStartupTimeoutSeconds": 900}
    assert checks["c1-md-0-w"]["spec"]["selector"]["matchLabels"]["topology.cluster.x-k8s.io/deployment-name"] == "md-0"


def test_v1beta1_health_check_gets_the_webhook_defaults() -> None:
    objects = copy.deepcopy(_v1beta2(naming=False))
    spec = objects[0]["spec"]
    objects[0]["apiVersion"] = "cluster.x-k8s.io/v1beta1"
    spec["infrastructure"] = {"ref": spec["infrastructure"]["templateRef"]}
    spec["controlPlane"] = {"ref": spec["controlPlane"]["templateRef"], "machineInfrastructure": {"ref": spec["controlPlane"]["machineInfrastructure"]["templateRef"]},
                            "machineHealthCheck": {"unhealthyConditions": [{"type": "Ready", "status": "Unknown", "timeout": "300s"}]}}
    md = spec["workers"]["machineDeployments"][0]
    spec["workers"]["machineDeployments"] = [{"class": "default-worker", "template": {"bootstrap": {"ref": md["bootstrap"]["templateRef"]}, "infrastructure": {"ref": md["infrastructure"]["templateRef"]}}}]
    objects[2]["apiVersion"] = "controlplane.cluster.x-k8s.io/v1beta1"
    spec["controlPlane"]["ref"]["apiVersion"] = "controlplane.cluster.x-k8s.io/v1beta1"
    cluster = {"apiVersion": "cluster.x-k8s.io/v1beta1", "kind": "Cluster", "metadata": {"name": "c1", "namespace": "default"},
               "spec": {"topology": {"class": "class-a", "version": "v1.33.1", "workers": {"machineDeployments": [{"class": "default-worker", "name": "md-0"}]}}}}
    topology = compute_topology(cluster, objects)
    # builtin.cluster.topology.classRef is v1beta2's: a v1beta1 class cannot read it, as in Cluster API 1.10.
    assert [e.split(": ")[-1] for e in topology.errors] == ['failed to lookup segment "classRef"']
    (check,) = _by_kind(topology.objects)["MachineHealthCheck"]
    assert check["spec"]["maxUnhealthy"] == "100%" and check["spec"]["nodeStartupTimeout"] == "10m0s"
    control_plane = _by_kind(topology.objects)["KubeadmControlPlane"][0]
    assert control_plane["spec"]["machineTemplate"]["infrastructureRef"]["namespace"] == "default"
    assert control_plane["metadata"]["name"] == f"c1-{random_stand_in('default', 'c1', 'control-plane')}"


def test_random_stand_in_is_stable_and_looks_like_a_kubernetes_suffix() -> None:
    suffix = random_stand_in("default", "c1", "control-plane")
    assert suffix == random_stand_in("default", "c1", "control-plane") != random_stand_in("default", "c2", "control-plane")
    assert len(suffix) == 5 and set(suffix) <= set(RANDOM_ALPHABET)


def test_names_longer_than_63_characters_are_cut_like_cluster_api() -> None:
    cluster = copy.deepcopy(CLUSTER_V1BETA2)
    cluster["metadata"]["name"] = "c" * 60
    topology = compute_topology(cluster, _v1beta2())
    names = [o["metadata"]["name"] for o in topology.objects if o["kind"] != "Cluster"]
    assert all(len(n) <= 63 for n in names)
    infra = _by_kind(topology.objects)["DockerCluster"][0]["metadata"]["name"]
    assert infra == "c" * 58 + random_stand_in("team-a", "c" * 60, "infrastructure-cluster")


def test_a_naming_template_reading_a_missing_key_is_an_error_at_its_field() -> None:
    objects = _v1beta2()
    objects[0]["spec"]["controlPlane"]["naming"] = {"template": "{{ .cluster.name }}-{{ .nope }}"}
    topology = compute_topology(CLUSTER_V1BETA2, objects)
    assert topology.objects == []
    assert topology.errors[0].startswith("spec.controlPlane.naming.template: failed to generate name: rendering template:")


def test_a_template_the_class_names_but_the_chart_lacks_is_an_error() -> None:
    objects = [o for o in _v1beta2() if not (o["kind"] == "DockerMachineTemplate" and o["metadata"]["name"] == "worker")]
    topology = compute_topology(CLUSTER_V1BETA2, objects)
    assert topology.errors == ["spec.workers.machineDeployments[0].infrastructure.templateRef: DockerMachineTemplate 'worker' (infrastructure.cluster.x-k8s.io/v1beta2) is not among the objects the stack's cluster-class chart renders"]


def test_an_unknown_machine_deployment_class_names_the_topology_field() -> None:
    cluster = copy.deepcopy(CLUSTER_V1BETA2)
    cluster["spec"]["topology"]["workers"]["machineDeployments"][1]["class"] = "gpu"
    topology = compute_topology(cluster, _v1beta2())
    assert topology.errors == ["spec.topology.workers.machineDeployments[1].class: MachineDeployment class 'gpu' not found in ClusterClass class-a; it offers: default-worker"]


def test_a_cluster_of_the_wrong_shape_is_reported_by_field_not_raised() -> None:
    cluster = copy.deepcopy(CLUSTER_V1BETA2)
    cluster["spec"]["topology"]["workers"]["machineDeployments"] = [{"class": "default-worker"}, "md"]
    cluster["spec"]["topology"]["variables"] = {"greeting": "hi"}
    topology = compute_topology(cluster, _v1beta2())
    assert topology.objects == []
    assert topology.errors == [
        "spec.topology.variables: must be a list of {name, value}",
        "spec.topology.workers.machineDeployments[0]: must be a mapping with a string class and name",
        "spec.topology.workers.machineDeployments[1]: must be a mapping with a string class and name",
    ]


def test_a_malformed_class_is_an_error_not_a_traceback() -> None:
    objects = _v1beta2()
    objects[0]["spec"]["patches"][0]["definitions"][0]["selector"] = "everything"
    topology = compute_topology(CLUSTER_V1BETA2, objects)
    assert topology.objects == []
    assert topology.errors[0].startswith("ClusterClass class-a: a field is not shaped as Cluster API's CRDs require")
