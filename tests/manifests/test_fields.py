"""The fixed fields' table: the builder writes, the checks report and the parser reads each form field at one path."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.manifests import ClusterForm, ClusterStackForm, default_cluster_form, default_clusterstack_form, fields, form_inputs, generate_cluster, generate_clusterstack, parse_cluster, parse_clusterstack
from tests.manifests.versions import BY_CLASS, DOCKER, OPENSTACK, OPENSTACK_V1BETA2


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


@pytest.mark.parametrize("version", [OPENSTACK, DOCKER], ids=["openstack has the identity secret input", "docker has none"])
def test_the_editors_fixed_inputs_edit_form_keys_at_their_manifest_paths(version):
    inputs = form_inputs(version)
    # The override maps are left out of the form's JSON while empty; the editor adds them.
    cluster_keys = set(default_cluster_form(version).to_dict()) | {fields.CONTROL_PLANE_OVERRIDES.key}
    stack_keys = set(default_clusterstack_form(version).to_dict())
    assert {i["key"] for i in inputs["cluster"]} <= cluster_keys
    assert {i["key"] for i in inputs["clusterstack"]} <= stack_keys
    assert {inputs["machineDeployments"]["key"], inputs["variables"]["key"]} <= cluster_keys
    md_keys = set(default_cluster_form(version).to_dict()["machineDeployments"][0]) | {fields.MD_OVERRIDES.key}
    assert {i["key"] for i in inputs["machineDeployments"]["inputs"]} <= md_keys
    by_key = {i["key"]: i for i in inputs["cluster"]}
    assert by_key["kubernetesVersion"]["path"] == fields.KUBERNETES_VERSION.text == "spec.topology.version"
    assert [i["label"] for i in inputs["cluster"][:2]] == ["Cluster name", "Namespace"]  # the accessibility names DESIGN.md fixes
    assert len({i["id"] for i in inputs["cluster"] + inputs["clusterstack"]}) == len(inputs["cluster"]) + len(inputs["clusterstack"])
    identity = [i for i in inputs["clusterstack"] if i["key"] == "identitySecret"]
    assert identity == ([{"id": "identitySecret", "key": "identitySecret", "path": "spec.template.spec.identityRef.name", "label": "Identity secret", "help": "The Secret with the provider's credentials (clouds.yaml); default: openstack.", "control": "text"}] if version is OPENSTACK else [])


def test_the_namespace_pair_names_the_inputs_whose_namespaces_the_pairing_check_compares():
    inputs = form_inputs(OPENSTACK)
    pair = inputs["namespaces"]
    cluster = next(i for i in inputs["cluster"] if i["id"] == pair["cluster"]["id"])
    stack = next(i for i in inputs["clusterstack"] if i["id"] == pair["clusterstack"]["id"])
    assert (cluster["key"], cluster["path"]) == (pair["cluster"]["key"], fields.NAMESPACE.text)
    assert (stack["key"], stack["path"]) == (pair["clusterstack"]["key"], fields.STACK_NAMESPACE.text)
    # The keys are the form JSON's: a Cluster and a ClusterStack apart under them are what check_namespaces reports.
    cluster_form = ClusterForm.from_dict({**default_cluster_form(OPENSTACK).to_dict(), pair["cluster"]["key"]: "team-a"})
    stack_form = ClusterStackForm.from_dict({**default_clusterstack_form(OPENSTACK).to_dict(), pair["clusterstack"]["key"]: "team-b"})
    assert [d.field for d in generate_cluster(OPENSTACK, cluster_form, beside=stack_form).errors] == [fields.NAMESPACE.text]


def test_the_override_inputs_write_each_role_s_overrides_at_their_paths():
    version = OPENSTACK_V1BETA2
    inputs = form_inputs(version)
    plane = next(i for i in inputs["cluster"] if i["control"] == "overrides")
    pool = next(i for i in inputs["machineDeployments"]["inputs"] if i["control"] == "overrides")
    assert (plane["label"], plane["role"], pool["label"], pool["role"]) == ("Control plane overrides", "control plane", "Overrides of machine deployment {n}", "machine deployment {n}")
    name = version.variables[0]["name"]
    value = default_cluster_form(version).variables.get(name, "x")
    data = default_cluster_form(version).to_dict()
    data[plane["key"]] = {name: value}
    data[inputs["machineDeployments"]["key"]][0][pool["key"]] = {name: value}
    cluster = generate_cluster(version, ClusterForm.from_dict(data)).objects[0]
    assert value_at(cluster, tuple(plane["path"].split("."))) == [{"name": name, "value": value}]
    item = value_at(cluster, fields.machine_deployment(0))
    assert value_at(item, tuple(pool["path"].split("."))) == [{"name": name, "value": value}]


def test_a_class_that_lists_kubernetes_versions_offers_exactly_those():
    cluster_class = {**OPENSTACK_V1BETA2.cluster_class, "spec": {**OPENSTACK_V1BETA2.cluster_class["spec"], "kubernetesVersions": ["v1.33.1", "v1.33.2"]}}
    listing = dataclasses.replace(OPENSTACK_V1BETA2, cluster_class=cluster_class)
    chosen = {i["key"]: i for i in form_inputs(listing)["cluster"]}["kubernetesVersion"]
    assert (chosen["control"], chosen["options"], chosen["path"]) == ("select", ["v1.33.1", "v1.33.2"], fields.KUBERNETES_VERSION.text)
    assert {i["key"]: i for i in form_inputs(OPENSTACK_V1BETA2)["cluster"]}["kubernetesVersion"]["control"] == "text"


@pytest.mark.parametrize("version", [OPENSTACK, DOCKER], ids=lambda v: v.class_name)
def test_the_pool_the_editor_adds_is_python_s_first_pool_numbered_on_the_page(version):
    added = form_inputs(version)["machineDeployments"]["added"]
    assert added["name"] == "md-{n}" and added["replicas"] == 1
    first = default_cluster_form(version).to_dict()["machineDeployments"][0]
    assert {**added, "name": added["name"].replace("{n}", "0")} == first
