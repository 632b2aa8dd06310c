"""Cluster API v1beta2 end to end: the shipped v1beta2 stack, Clusters with classRef, per-role variable overrides."""

from __future__ import annotations

import pytest

from generator.manifests import ClusterForm, default_cluster_form, generate_cluster
from generator.manifests.parsing import parse_cluster
from generator.stacks import load_stack_versions
from tests.stacks.support import STACKS_DIR, requires_engine
from tests.support.crds import assert_valid_against_crd

pytestmark = requires_engine

CLASS = "docker-scs2-1-34-v1"


@pytest.fixture(scope="module")
def versions():
    return {v.class_name: v for v in load_stack_versions(STACKS_DIR)}


@pytest.fixture(scope="module")
def version(versions):
    return versions[CLASS]


def _errors(generated):
    return [f"{d.field}: {d.message}" for d in generated.diagnostics if d.severity == "error"]


def test_the_shipped_v1beta2_class_is_valid_against_the_real_crd(version):
    cluster_class = version.cluster_class
    assert cluster_class["apiVersion"] == "cluster.x-k8s.io/v1beta2"
    assert cluster_class["spec"]["kubernetesVersions"] == ["v1.34.0"]
    assert "templateRef" in cluster_class["spec"]["controlPlane"]
    worker = cluster_class["spec"]["workers"]["machineDeployments"][0]
    assert set(worker) >= {"class", "bootstrap", "infrastructure", "naming"}
    assert_valid_against_crd(cluster_class)


def test_overrides_for_the_control_plane_and_a_pool_are_written_and_valid(version):
    form = default_cluster_form(version)
    form.control_plane_variables = {"node_image": "kindest/node:v1.34.0"}
    form.machine_deployments[0].variables = {"node_labels": {"pool": "gpu"}}
    generated = generate_cluster(version, form)
    assert _errors(generated) == []
    (cluster,) = generated.objects
    topology = cluster["spec"]["topology"]
    assert topology["classRef"] == {"name": CLASS}
    assert topology["controlPlane"]["variables"] == {"overrides": [{"name": "node_image", "value": "kindest/node:v1.34.0"}]}
    assert topology["workers"]["machineDeployments"][0]["variables"] == {"overrides": [{"name": "node_labels", "value": {"pool": "gpu"}}]}
    assert_valid_against_crd(cluster)


def test_an_override_of_a_variable_the_class_does_not_define_is_refused(version):
    form = default_cluster_form(version)
    form.machine_deployments[0].variables = {"flavor": "large"}
    (error,) = _errors(generate_cluster(version, form))
    # The same words as for an undefined variable in spec.topology.variables: Cluster API's.
    top = default_cluster_form(version)
    top.variables = {"flavor": "large"}
    (top_error,) = _errors(generate_cluster(version, top))
    assert error.startswith("spec.topology.workers.machineDeployments[0].variables.overrides[flavor]: ")
    assert error.split(": ", 1)[1] == top_error.split(": ", 1)[1]
    assert "not defined" in error


def test_an_override_is_checked_against_its_schema(version):
    form = default_cluster_form(version)
    form.control_plane_variables = {"node_labels": "not a map"}
    (error,) = _errors(generate_cluster(version, form))
    assert error.startswith("spec.topology.controlPlane.variables.overrides[node_labels].value:")


def test_overrides_read_back_from_a_manifest_round_trip(version, versions):
    form = default_cluster_form(version)
    form.control_plane_variables = {"node_image": "kindest/node:v1.34.0"}
    form.machine_deployments[0].variables = {"node_labels": {"pool": "gpu"}}
    text = generate_cluster(version, form).text
    parsed = parse_cluster(text, versions)
    assert [d for d in parsed.diagnostics if d.severity == "error"] == []
    assert parsed.form.control_plane_variables == form.control_plane_variables
    assert parsed.form.machine_deployments[0].variables == {"node_labels": {"pool": "gpu"}}
    assert parsed.form.extra == {}
    assert generate_cluster(version, parsed.form).text == text


def test_a_v1beta2_cluster_naming_its_class_with_topology_class_is_refused(versions):
    text = (
        "apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\nmetadata:\n  name: c\n  namespace: default\n"
        f"spec:\n  topology:\n    class: {CLASS}\n    version: v1.34.0\n"
    )
    errors = [(d.line, f"{d.field}: {d.message}") for d in parse_cluster(text, versions).diagnostics if d.severity == "error"]
    assert (8, 'spec.topology.class: unknown field "spec.topology.class"') in errors
    assert any(field.startswith("spec.topology.classRef.name: ") for _, field in errors)


def test_only_the_kubernetes_versions_the_class_lists_are_allowed(version):
    form = default_cluster_form(version)
    form.kubernetes_version = "v1.34.1"
    assert _errors(generate_cluster(version, form)) == [
        f"spec.topology.version: Invalid value: \"v1.34.1\": ClusterClass {CLASS} allows only v1.34.0 (spec.kubernetesVersions)"
    ]


def test_the_form_state_keeps_overrides_and_stays_as_before_without_them(version):
    form = default_cluster_form(version)
    assert "controlPlaneVariables" not in form.to_dict()
    assert "variables" not in form.to_dict()["machineDeployments"][0]
    form.control_plane_variables = {"node_image": "x"}
    form.machine_deployments[0].variables = {"node_labels": {"a": "b"}}
    again = ClusterForm.from_dict(form.to_dict())
    assert (again.control_plane_variables, again.machine_deployments[0].variables) == ({"node_image": "x"}, {"node_labels": {"a": "b"}})
