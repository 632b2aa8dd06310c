"""What people see of a topology: objects with the fields patches set, one YAML for all, per-variable effects."""

from __future__ import annotations

import yaml

from generator.topology.preview import preview, variable_effects
from generator.topology.stack import topology_inputs
from tests.topology.stacks_support import cluster, working, working_class_names

OPENSTACK = next(n for n in working_class_names() if n.startswith("openstack-"))


def test_fields_set_by_patches_name_the_patch_and_the_variables() -> None:
    result = preview(cluster(OPENSTACK, {"node_cidr": "10.1.0.0/24"}), topology_inputs(working(OPENSTACK)), with_addons=False)
    openstack_cluster = next(o for o in result["objects"] if o["kind"] == "OpenStackCluster")
    assert {"path": "spec.managedSubnets", "op": "replace", "patch": "node_network", "variables": ["dns_nameservers", "node_cidr"]} in openstack_cluster["fields"]
    assert "cidr: 10.1.0.0/24" in openstack_cluster["yaml"]
    assert result["addons"] == []


def test_the_yaml_holds_every_object_and_rendered_addon_object() -> None:
    result = preview(cluster(OPENSTACK), topology_inputs(working(OPENSTACK)))
    documents = [d for d in yaml.safe_load_all(result["yaml"]) if d]
    assert len(documents) == len(result["objects"]) + sum(len(a["objects"]) for a in result["addons"])
    assert [a["name"] for a in result["addons"]] == ["cni", "ccm", "csi", "metrics-server"]


def test_a_patch_error_carries_patch_field_and_template_line() -> None:
    data = cluster(OPENSTACK)
    data["spec"]["topology"].setdefault("variables", []).append({"name": "restrict_kubeapi", "value": "oops"})
    (problem,) = preview(data, topology_inputs(working(OPENSTACK)), with_addons=False)["problems"]
    assert (problem["patch"], problem["field"], problem["line"]) == ("apiserver_loadbalancer", "spec.patches[4].definitions[0].jsonPatches[0].valueFrom.template", 6)


def test_variable_effects_list_each_field_a_variable_changes() -> None:
    effects = variable_effects(working(OPENSTACK).objects)
    assert [(e["kind"], e["field"], e["patch"]) for e in effects["node_cidr"]] == [
        ("OpenStackCluster", "spec.managedSubnets", "node_network"),
        ("OpenStackCluster", "spec.apiServerLoadBalancer", "apiserver_loadbalancer"),
    ]
    assert [(e["kind"], e["field"], e["for"]) for e in effects["worker_flavor"]] == [("OpenStackMachineTemplate", "spec.template.spec.flavor", ["machine deployment classes default-worker"])]
