"""generator.rollout: which machines Cluster API replaces when a cluster's desired objects change."""

from __future__ import annotations

import copy
from typing import Any

from generator.rollout import ADDED, CHANGED, FieldChange, diff, describe_plan, plan_rollout


def ref(kind: str, name: str, api: str = "infrastructure.cluster.x-k8s.io/v1beta1") -> dict[str, str]:
    return {"apiVersion": api, "kind": kind, "name": name, "namespace": "default"}


def topology(version: str = "v1.33.5", image: str = "ubuntu-1.33", flavor: str = "SCS-2V-4", replicas: int = 1, cp_replicas: int = 3, suffix: str = "a") -> list[dict[str, Any]]:
    """A small desired state as generator.topology computes it: Cluster, infra cluster, KCP and one machine deployment."""
    return [
        {
            "apiVersion": "cluster.x-k8s.io/v1beta1",
            "kind": "Cluster",
            "metadata": {"name": "prod", "namespace": "default"},
            "spec": {
                "topology": {"class": "c", "version": version, "variables": [{"name": "node_image", "value": image}]},
                "infrastructureRef": ref("OpenStackCluster", f"prod-{suffix}1"),
                "controlPlaneRef": ref("KubeadmControlPlane", f"prod-{suffix}2", "controlplane.cluster.x-k8s.io/v1beta1"),
            },
        },
        {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "OpenStackCluster", "metadata": {"name": f"prod-{suffix}1"}, "spec": {"apiServerLoadBalancer": {"enabled": True}}},
        {
            "apiVersion": "controlplane.cluster.x-k8s.io/v1beta1",
            "kind": "KubeadmControlPlane",
            "metadata": {"name": f"prod-{suffix}2"},
            "spec": {"version": version, "replicas": cp_replicas, "kubeadmConfigSpec": {"clusterConfiguration": {}}, "machineTemplate": {"infrastructureRef": ref("OpenStackMachineTemplate", f"prod-{suffix}3")}},
        },
        {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "OpenStackMachineTemplate", "metadata": {"name": f"prod-{suffix}3", "annotations": {"cluster.x-k8s.io/cloned-from-name": f"c-{suffix}-control-plane"}}, "spec": {"template": {"spec": {"image": {"filter": {"name": image}}, "flavor": "SCS-2V-4-20s"}}}},
        {
            "apiVersion": "cluster.x-k8s.io/v1beta1",
            "kind": "MachineDeployment",
            "metadata": {"name": f"prod-md-0-{suffix}4", "labels": {"topology.cluster.x-k8s.io/deployment-name": "md-0"}},
            "spec": {
                "replicas": replicas,
                "template": {
                    "metadata": {"labels": {"topology.cluster.x-k8s.io/deployment-name": "md-0"}},
                    "spec": {
                        "version": version,
                        "bootstrap": {"configRef": ref("KubeadmConfigTemplate", f"prod-md-0-{suffix}5", "bootstrap.cluster.x-k8s.io/v1beta1")},
                        "infrastructureRef": ref("OpenStackMachineTemplate", f"prod-md-0-{suffix}6"),
                    },
                },
            },
        },
        {"apiVersion": "bootstrap.cluster.x-k8s.io/v1beta1", "kind": "KubeadmConfigTemplate", "metadata": {"name": f"prod-md-0-{suffix}5"}, "spec": {"template": {"spec": {"joinConfiguration": {}}}}},
        {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "OpenStackMachineTemplate", "metadata": {"name": f"prod-md-0-{suffix}6"}, "spec": {"template": {"spec": {"image": {"filter": {"name": image}}, "flavor": flavor}}}},
    ]


def rollouts(plan: Any) -> dict[str, bool]:
    return {r.machines: r.replaced for r in plan.rollouts}


def test_the_same_state_changes_nothing_even_with_other_generated_names() -> None:
    plan = plan_rollout(topology(suffix="a"), topology(suffix="b"))
    assert plan.objects == ()
    assert rollouts(plan) == {"control plane": False, "machine deployment md-0": False}
    assert describe_plan(plan) == "control plane: no rollout\nmachine deployment md-0: no rollout\n"


def test_a_kubernetes_version_replaces_every_machine() -> None:
    plan = plan_rollout(topology(), topology(version="v1.34.1"))
    assert rollouts(plan) == {"control plane": True, "machine deployment md-0": True}
    assert plan.rollouts[0].reasons[0] == "Kubernetes v1.33.5 → v1.34.1"


def test_a_node_image_replaces_the_machines_whose_templates_it_changes() -> None:
    plan = plan_rollout(topology(), topology(image="ubuntu-1.33-b"))
    assert rollouts(plan) == {"control plane": True, "machine deployment md-0": True}
    assert plan.rollouts[1].reasons == ("its machine template changes (spec.template.spec.image.filter.name)",)
    cluster = next(o for o in plan.objects if o.role == "Cluster")
    assert cluster.fields == (FieldChange("spec.topology.variables[node_image].value", "ubuntu-1.33", "ubuntu-1.33-b"),)


def test_a_worker_flavor_rolls_only_that_machine_deployment() -> None:
    plan = plan_rollout(topology(), topology(flavor="SCS-4V-8"))
    assert rollouts(plan) == {"control plane": False, "machine deployment md-0": True}


def test_replicas_scale_without_a_rollout() -> None:
    plan = plan_rollout(topology(), topology(replicas=3, cp_replicas=5))
    assert rollouts(plan) == {"control plane": False, "machine deployment md-0": False}
    assert plan.rollouts[0].reasons == ("updated in place: spec.replicas",)
    assert not plan.replaces_machines


def test_infrastructure_cluster_changes_are_in_place() -> None:
    after = topology()
    after[1]["spec"]["apiServerLoadBalancer"]["enabled"] = False
    plan = plan_rollout(topology(), after)
    assert [(o.role, o.change) for o in plan.objects] == [("infrastructure cluster", CHANGED)]
    assert not plan.replaces_machines


def test_a_new_machine_deployment_is_created_not_rolled() -> None:
    after = topology()
    extra = copy.deepcopy(after[4])
    extra["metadata"] = {"name": "prod-md-1-x", "labels": {"topology.cluster.x-k8s.io/deployment-name": "md-1"}}
    after.append(extra)
    plan = plan_rollout(topology(), after)
    assert ("machine deployment md-1", ADDED) in [(o.role, o.change) for o in plan.objects]
    assert [str(r) for r in plan.rollouts][-1] == "machine deployment md-1: no rollout (created)"


def test_diff_matches_named_list_items_and_skips_generated_names() -> None:
    before = {"metadata": {"name": "a-1"}, "spec": {"ref": ref("X", "a-1"), "items": [{"name": "x", "value": 1}, {"name": "y", "value": 2}]}}
    after = {"metadata": {"name": "a-2"}, "spec": {"ref": ref("X", "a-2"), "items": [{"name": "y", "value": 3}, {"name": "x", "value": 1}]}}
    assert list(diff(before, after)) == [FieldChange("spec.items[y].value", 2, 3)]
