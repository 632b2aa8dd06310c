"""One reader of Cluster API's v1beta1 and v1beta2 shapes: the topology engine and the docs see a class alike.

The same ClusterClass and Cluster, written once as v1beta1 and once as v1beta2 (field
names from the CRDs in schemas/crds), must read the same through ``generator.apiversions``
and through ``generator.clusterclass``, which summarises a class with it.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator import apiversions as api
from generator.clusterclass import kubernetes_versions, template_refs

INFRA = "infrastructure.cluster.x-k8s.io/v1beta1"
CP = "controlplane.cluster.x-k8s.io/v1beta1"
BOOT = "bootstrap.cluster.x-k8s.io/v1beta1"


def _ref(api_version: str, kind: str, name: str) -> dict[str, str]:
    return {"apiVersion": api_version, "kind": kind, "name": name}


CLUSTER_INFRA = _ref(INFRA, "OpenStackClusterTemplate", "cluster")
CONTROL_PLANE = _ref(CP, "KubeadmControlPlaneTemplate", "control-plane")
CONTROL_PLANE_MACHINES = _ref(INFRA, "OpenStackMachineTemplate", "control-plane")
WORKER_BOOTSTRAP = _ref(BOOT, "KubeadmConfigTemplate", "worker")
WORKER_MACHINES = _ref(INFRA, "OpenStackMachineTemplate", "worker")
POOL_BOOTSTRAP = _ref(BOOT, "KubeadmConfigTemplate", "pool")
POOL_MACHINES = _ref(INFRA, "OpenStackMachinePoolTemplate", "pool")

V1BETA1_CLASS: dict[str, Any] = {
    "apiVersion": api.V1BETA1,
    "kind": "ClusterClass",
    "metadata": {"name": "openstack-scs-1-33-v1"},
    "spec": {
        "infrastructure": {"ref": CLUSTER_INFRA},
        "infrastructureNamingStrategy": {"template": "{{ .cluster.name }}-infra"},
        "controlPlane": {
            "ref": CONTROL_PLANE,
            "machineInfrastructure": {"ref": CONTROL_PLANE_MACHINES},
            "namingStrategy": {"template": "{{ .cluster.name }}-cp"},
            "machineHealthCheck": {"maxUnhealthy": "33%"},
        },
        "workers": {
            "machineDeployments": [{
                "class": "default-worker",
                "namingStrategy": {"template": "{{ .cluster.name }}-w"},
                "machineHealthCheck": {"maxUnhealthy": "33%"},
                "template": {
                    "bootstrap": {"ref": WORKER_BOOTSTRAP},
                    "infrastructure": {"ref": WORKER_MACHINES},
                    "metadata": {"labels": {"tier": "worker"}},
                },
            }],
            "machinePools": [{
                "class": "default-pool",
                "template": {"bootstrap": {"ref": POOL_BOOTSTRAP}, "infrastructure": {"ref": POOL_MACHINES}},
            }],
        },
    },
}

V1BETA2_CLASS: dict[str, Any] = {
    "apiVersion": api.V1BETA2,
    "kind": "ClusterClass",
    "metadata": {"name": "openstack-scs-1-33-v1"},
    "spec": {
        "kubernetesVersions": ["v1.33.1", "v1.33.2"],
        "infrastructure": {"templateRef": CLUSTER_INFRA, "naming": {"template": "{{ .cluster.name }}-infra"}},
        "controlPlane": {
            "templateRef": CONTROL_PLANE,
            "machineInfrastructure": {"templateRef": CONTROL_PLANE_MACHINES},
            "naming": {"template": "{{ .cluster.name }}-cp"},
            "healthCheck": {"remediation": {"triggerIf": {"unhealthyLessThanOrEqualTo": "33%"}}},
        },
        "workers": {
            "machineDeployments": [{
                "class": "default-worker",
                "naming": {"template": "{{ .cluster.name }}-w"},
                "healthCheck": {"remediation": {"triggerIf": {"unhealthyLessThanOrEqualTo": "33%"}}},
                "bootstrap": {"templateRef": WORKER_BOOTSTRAP},
                "infrastructure": {"templateRef": WORKER_MACHINES},
                "metadata": {"labels": {"tier": "worker"}},
            }],
            "machinePools": [{
                "class": "default-pool",
                "bootstrap": {"templateRef": POOL_BOOTSTRAP},
                "infrastructure": {"templateRef": POOL_MACHINES},
            }],
        },
    },
}

V1BETA1_CLUSTER: dict[str, Any] = {
    "apiVersion": api.V1BETA1,
    "kind": "Cluster",
    "metadata": {"name": "c1", "namespace": "team-a"},
    "spec": {"topology": {"class": "openstack-scs-1-33-v1", "classNamespace": "stacks", "version": "v1.33.1",
                          "controlPlane": {"machineHealthCheck": {"enable": False}}}},
}

V1BETA2_CLUSTER: dict[str, Any] = {
    "apiVersion": api.V1BETA2,
    "kind": "Cluster",
    "metadata": {"name": "c1", "namespace": "team-a"},
    "spec": {"topology": {"classRef": {"name": "openstack-scs-1-33-v1", "namespace": "stacks"}, "version": "v1.33.1",
                          "controlPlane": {"healthCheck": {"enabled": False}}}},
}

ROLES = [
    ("infrastructure", CLUSTER_INFRA),
    ("controlPlane", CONTROL_PLANE),
    ("controlPlane.machineInfrastructure", CONTROL_PLANE_MACHINES),
    ("workers.machineDeployments[default-worker].bootstrap", WORKER_BOOTSTRAP),
    ("workers.machineDeployments[default-worker].infrastructure", WORKER_MACHINES),
    ("workers.machinePools[default-pool].bootstrap", POOL_BOOTSTRAP),
    ("workers.machinePools[default-pool].infrastructure", POOL_MACHINES),
]

CLASSES = [
    pytest.param(V1BETA1_CLASS, False, [], id="v1beta1"),
    pytest.param(V1BETA2_CLASS, True, ["v1.33.1", "v1.33.2"], id="v1beta2"),
]


@pytest.mark.parametrize(("cluster_class", "v1beta2", "versions"), CLASSES)
def test_a_class_reads_alike_in_either_version(cluster_class, v1beta2, versions):
    spec = cluster_class["spec"]
    worker = spec["workers"]["machineDeployments"][0]
    assert api.is_v1beta2(cluster_class["apiVersion"]) is v1beta2
    assert [(ref.role, {"apiVersion": ref.api_version, "kind": ref.kind, "name": ref.name}) for ref in template_refs(cluster_class)] == ROLES
    assert kubernetes_versions(cluster_class) == versions
    assert api.template_ref(spec["infrastructure"]) == CLUSTER_INFRA
    assert api.machine_deployment_class_refs(worker) == (WORKER_BOOTSTRAP, WORKER_MACHINES)
    assert api.machine_deployment_class_metadata(worker) == {"labels": {"tier": "worker"}}
    assert api.infrastructure_naming(spec) == "{{ .cluster.name }}-infra"
    assert api.naming_template(spec["controlPlane"]) == "{{ .cluster.name }}-cp"
    assert api.naming_template(worker) == "{{ .cluster.name }}-w"
    assert api.machine_health_check(spec["controlPlane"]) is not None


@pytest.mark.parametrize("cluster_class", [V1BETA1_CLASS, V1BETA2_CLASS], ids=["v1beta1", "v1beta2"])
def test_the_docs_list_the_templates_the_topology_engine_reads(cluster_class):
    # The records and pages (template_refs) and the topology engine (machine_deployment_class_refs)
    # name the same worker templates, because one module reads both shapes.
    listed = {ref.role: _ref(ref.api_version, ref.kind, ref.name) for ref in template_refs(cluster_class)}
    for kind in ("machineDeployments", "machinePools"):
        for worker in cluster_class["spec"]["workers"][kind]:
            bootstrap, infrastructure = api.machine_deployment_class_refs(worker)
            assert listed[f"workers.{kind}[{worker['class']}].bootstrap"] == bootstrap
            assert listed[f"workers.{kind}[{worker['class']}].infrastructure"] == infrastructure


@pytest.mark.parametrize("cluster", [V1BETA1_CLUSTER, V1BETA2_CLUSTER], ids=["v1beta1", "v1beta2"])
def test_a_cluster_names_its_class_alike_in_either_version(cluster):
    topology = cluster["spec"]["topology"]
    assert api.cluster_class_name(cluster) == "openstack-scs-1-33-v1"
    assert api.cluster_class_namespace(cluster) == "stacks"
    assert api.health_check_enabled(api.machine_health_check(topology["controlPlane"])) is False


def test_a_class_reference_without_a_namespace_is_the_clusters_own():
    cluster = {"metadata": {"namespace": "team-a"}, "spec": {"topology": {"classRef": {"name": "x"}}}}
    assert api.cluster_class_namespace(cluster) == "team-a"


def test_references_are_written_as_each_version_writes_them():
    template = {"apiVersion": INFRA, "kind": "OpenStackCluster", "metadata": {"name": "c1-x", "namespace": "team-a"}}
    assert api.object_ref(template, v1beta2=False) == {"apiVersion": INFRA, "kind": "OpenStackCluster", "name": "c1-x", "namespace": "team-a"}
    assert api.object_ref(template, v1beta2=True) == {"apiGroup": "infrastructure.cluster.x-k8s.io", "kind": "OpenStackCluster", "name": "c1-x"}
