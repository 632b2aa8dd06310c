"""The fixed fields' table: the builder writes, the checks report and the parser reads each form field at one path."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.manifests import ClusterForm, ClusterStackForm, default_cluster_form, default_clusterstack_form, fields, generate_cluster, generate_clusterstack, parse_cluster, parse_clusterstack
from tests.manifests.versions import BY_CLASS, OPENSTACK, OPENSTACK_V1BETA2


def value_at(obj: Any, path: fields.Path) -> Any:
    """Return the value at a path of a nested object."""
    for part in path:
        obj = obj[part]
    return obj


# (field, a bad value for the form's JSON key, the message's start)
CLUSTER_CASES = [
    ("reports a bad cluster name at metadata.name", fields.NAME, "Bad_Name", "Invalid value"),
    ("reports a bad namespace at metadata.namespace", fields.NAMESPACE, "Bad_NS", "Invalid value"),
    ("reports a bad Kubernetes version at spec.topology.version", fields.KUBERNETES_VERSION, "1.32", "Invalid value"),
    ("reports a bad control plane count at its replicas", fields.CONTROL_PLANE_REPLICAS, -1, "Invalid value"),
    ("reports a bad pod CIDR list at its cidrBlocks", fields.POD_CIDRS, "10.0.0.0/8", "Invalid value"),
    ("reports a bad service CIDR list at its cidrBlocks", fields.SERVICE_CIDRS, "10.0.0.0/8", "Invalid value"),
    ("reports a bad service domain at serviceDomain", fields.SERVICE_DOMAIN, "Bad_Domain", "Invalid value"),
]


@pytest.mark.parametrize(("field", "bad", "message"), [(f, b, m) for _, f, b, m in CLUSTER_CASES], ids=[n for n, _, _, _ in CLUSTER_CASES])
def test_a_cluster_field_is_checked_at_its_path(field, bad, message):
    data = default_cluster_form(OPENSTACK).to_dict()
    data[field.key] = bad
    generated = generate_cluster(OPENSTACK, ClusterForm.from_dict(data))
    assert [d.message.split(":")[0] for d in generated.errors if d.field == field.text] == [message]


@pytest.mark.parametrize("version", [OPENSTACK, OPENSTACK_V1BETA2], ids=["v1beta1", "v1beta2"])
def test_the_cluster_holds_and_gives_back_each_field_at_its_path(version):
    form = default_cluster_form(version)
    form.labels = {"team": "a"}
    data = form.to_dict()
    cluster = generate_cluster(version, form).objects[0]
    for field in (fields.NAME, fields.NAMESPACE, fields.LABELS, fields.KUBERNETES_VERSION, fields.CONTROL_PLANE_REPLICAS, fields.POD_CIDRS, fields.SERVICE_CIDRS, fields.SERVICE_DOMAIN, fields.class_field(version.api_version)):
        assert value_at(cluster, field.path) == data[field.key], field
    first = value_at(cluster, fields.machine_deployment(0))
    assert {key: first[key] for key in (fields.MD_NAME.key, fields.MD_CLASS.key, fields.MD_REPLICAS.key)} == {k: data["machineDeployments"][0][k] for k in ("name", "class", "replicas")}
    parsed = parse_cluster(generate_cluster(version, form).text, BY_CLASS)
    assert dataclasses.replace(parsed.form, variables={}) == form  # the required variables are written too


def test_the_clusterstack_holds_and_gives_back_each_field_at_its_path():
    form = default_clusterstack_form(OPENSTACK)
    data = form.to_dict()
    generated = generate_clusterstack(OPENSTACK, form)
    stack, template = generated.objects
    for field in (fields.STACK_NAMESPACE, fields.CHANNEL, fields.VERSIONS, fields.AUTO_SUBSCRIBE):
        assert value_at(stack, field.path) == data[field.key], field
    assert value_at(template, fields.IDENTITY_SECRET.path) == data[fields.IDENTITY_SECRET.key]
    assert parse_clusterstack(generated.text, BY_CLASS).form == form
    bad = ClusterStackForm.from_dict({**data, fields.IDENTITY_SECRET.key: "Bad_Secret", fields.CHANNEL.key: "beta"})
    assert {d.field for d in generate_clusterstack(OPENSTACK, bad).errors} == {fields.IDENTITY_SECRET.text, fields.CHANNEL.text}
