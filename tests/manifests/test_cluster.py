"""cluster.yaml: the exact text for a default form, every form rule, variables defaulted and validated, CRD-valid output."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.manifests import ClusterForm, MachineDeploymentSpec, default_cluster_form, generate_cluster
from tests.manifests.versions import ALL, DOCKER, OPENSTACK, OPENSTACK_V1BETA2
from tests.support.crds import assert_valid_against_crd, validate_against_crd

DEFAULT_OPENSTACK = """\
apiVersion: cluster.x-k8s.io/v1beta1
kind: Cluster
metadata:
  name: my-cluster
  namespace: default
spec:
  clusterNetwork:
    pods:
      cidrBlocks:
      - 192.168.0.0/16
    services:
      cidrBlocks:
      - 10.96.0.0/12
    serviceDomain: cluster.local
  topology:
    class: openstack-scs-1-32-v2
    version: v1.32.5
    controlPlane:
      replicas: 3
    workers:
      machineDeployments:
      - class: default-worker
        name: md-0
        replicas: 1
    variables:
    - name: controller_flavor
      value: SCS-2V-4-20s
"""


def form(**changes: Any) -> ClusterForm:
    """Return the default form of OPENSTACK with some fields changed."""
    return dataclasses.replace(default_cluster_form(OPENSTACK), **changes)


def test_default_form_gives_the_expected_text() -> None:
    generated = generate_cluster(OPENSTACK, default_cluster_form(OPENSTACK))
    assert generated.text == DEFAULT_OPENSTACK
    assert generated.diagnostics == []
    assert generated.valid


def test_v1beta2_class_uses_class_ref() -> None:
    generated = generate_cluster(OPENSTACK_V1BETA2, default_cluster_form(OPENSTACK_V1BETA2))
    cluster = generated.objects[0]
    assert cluster["apiVersion"] == "cluster.x-k8s.io/v1beta2"
    assert cluster["spec"]["topology"]["classRef"] == {"name": "openstack-scs-1-32-v3"}
    assert "class" not in cluster["spec"]["topology"]
    assert "  topology:\n    classRef:\n      name: openstack-scs-1-32-v3\n    version: v1.32.5\n" in generated.text


def test_generating_twice_gives_identical_bytes() -> None:
    chosen = form(variables={"oidc_config": {"issuer_url": "https://id.example", "client_id": "k"}}, labels={"b": "2", "a": "1"})
    assert generate_cluster(OPENSTACK, chosen).text == generate_cluster(OPENSTACK, dataclasses.replace(chosen)).text


WORKERS = [MachineDeploymentSpec("md-0", "default-worker"), MachineDeploymentSpec("md-0", "gpu-worker", replicas=-2, failure_domain="")]

FORM_CASES = [
    ("rejects an invalid cluster name", {"name": "Prod"}, [("error", "metadata.name", 'Invalid value: "Prod": a lowercase RFC 1123 subdomain')]),
    ("rejects an invalid namespace", {"namespace": "team.a"}, [("error", "metadata.namespace", 'Invalid value: "team.a": a lowercase RFC 1123 label')]),
    ("rejects an invalid label value", {"labels": {"env": "a b"}}, [("error", "metadata.labels[env]", "a valid label must be an empty string")]),
    ("rejects a Kubernetes version in the wrong format", {"kubernetes_version": "1.32.5"}, [("error", "spec.topology.version", 'must be a Kubernetes version like "v1.32.5"')]),
    ("rejects a Kubernetes minor the stack does not provide", {"kubernetes_version": "v1.31.2"}, [("error", "spec.topology.version", 'Invalid value: "v1.31.2": Cluster Stack openstack-scs-1-32-v2 provides Kubernetes v1.32.5; its node images do not run 1.31')]),
    ("warns about another patch version than the stack's", {"kubernetes_version": "v1.32.4"}, [("warning", "spec.topology.version", "Cluster Stack openstack-scs-1-32-v2 was built and tested with Kubernetes v1.32.5, not v1.32.4")]),
    ("rejects a pod CIDR that is not a CIDR", {"pod_cidrs": ["192.168.0.0"]}, [("error", "spec.clusterNetwork.pods.cidrBlocks[0]", "must be a CIDR block")]),
    ("rejects a service CIDR that is not a CIDR", {"service_cidrs": ["10.96.0.0/40"]}, [("error", "spec.clusterNetwork.services.cidrBlocks[0]", "must be a CIDR block")]),
    ("warns when pod and service CIDRs overlap", {"pod_cidrs": ["10.0.0.0/8"]}, [("warning", "spec.clusterNetwork", "overlaps the service CIDR")]),
    ("rejects an invalid service domain", {"service_domain": "Cluster_Local"}, [("error", "spec.clusterNetwork.serviceDomain", "a lowercase RFC 1123 subdomain")]),
    ("rejects negative control plane replicas", {"control_plane_replicas": -1}, [("error", "spec.topology.controlPlane.replicas", "Invalid value: -1: must be greater than or equal to 0")]),
    ("warns on an even control plane count", {"control_plane_replicas": 2}, [("warning", "spec.topology.controlPlane.replicas", "an odd number is recommended")]),
    (
        "rejects a duplicate worker name, an unknown class, negative replicas and an empty failure domain",
        {"machine_deployments": WORKERS},
        [
            ("error", "spec.topology.workers.machineDeployments[1].name", 'Duplicate value: "md-0"'),
            ("error", "spec.topology.workers.machineDeployments[1].class", 'Unsupported value: "gpu-worker": supported values: "default-worker", "large-worker"'),
            ("error", "spec.topology.workers.machineDeployments[1].replicas", "must be greater than or equal to 0"),
            ("error", "spec.topology.workers.machineDeployments[1].failureDomain", "must be a string of 1 to 256 characters"),
        ],
    ),
    ("rejects a worker name that is not a DNS name", {"machine_deployments": [MachineDeploymentSpec("MD_0", "default-worker")]}, [("error", "spec.topology.workers.machineDeployments[0].name", "a lowercase RFC 1123 subdomain")]),
    ("rejects a form that belongs to another class", {"class_name": "docker-scs-1-31-v1"}, [("error", "spec.topology.class", 'the variables and classes given are those of ClusterClass "openstack-scs-1-32-v2"')]),
    ("rejects a variable below its minimum", {"variables": {"worker_root_disk": 10}}, [("error", "spec.topology.variables[worker_root_disk].value", 'Invalid value: "10": should be greater than or equal to 20')]),
    ("rejects a variable the ClusterClass does not define", {"variables": {"gpu": True}}, [("error", "spec.topology.variables[gpu]", 'Invalid value: "true": variable is not defined')]),
    # The bad value is the JSON kubectl would send for the written YAML (keys sorted), as Cluster API prints it.
    ("prints a bad object value as the JSON that is sent", {"variables": {"oidc_config": {"zzz": 1, "issuer_url": "https://x", "client_id": "k"}}},
     [("error", "spec.topology.variables[oidc_config]", 'Invalid value: "{\\"client_id\\":\\"k\\",\\"issuer_url\\":\\"https://x\\",\\"zzz\\":1}": failed validation: "zzz" field(s) are not specified')]),
    ("rejects a variable of the wrong type", {"variables": {"worker_flavor": 4}}, [("error", "spec.topology.variables[worker_flavor].value", "Invalid value")]),
    ("rejects an empty ssh key pair below minLength", {"variables": {"ssh_keypair": ""}}, [("error", "spec.topology.variables[ssh_keypair].value", "should be at least 1 chars long")]),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in FORM_CASES], ids=[c[0] for c in FORM_CASES])
def test_form_rule(changes: dict[str, Any], expected: list[tuple[str, str, str]]) -> None:
    generated = generate_cluster(OPENSTACK, form(**changes))
    got = [(d.severity, d.field, d.message) for d in generated.diagnostics]
    assert len(got) == len(expected), f"want {expected}\ngot  {got}"
    for (severity, field, message), found in zip(expected, got):
        assert found[:2] == (severity, field), f"want {expected}\ngot  {got}"
        assert message in found[2], f"want {message!r} in {found[2]!r}"
    assert generated.valid == all(severity == "warning" for severity, _, _ in expected)


def test_diagnostics_carry_the_line_of_their_field_in_the_text() -> None:
    generated = generate_cluster(OPENSTACK, form(name="Prod", variables={"worker_root_disk": 10}))
    lines = generated.text.splitlines()
    by_field = {d.field: lines[d.line - 1] for d in generated.diagnostics if d.line}
    assert by_field == {"metadata.name": "  name: Prod", "spec.topology.variables[worker_root_disk].value": "      value: 10"}


VARIABLE_CASES = [
    ("writes only the required variable, defaulted, when nothing is set", {}, False, [{"name": "controller_flavor", "value": "SCS-2V-4-20s"}]),
    ("keeps a value the user set over the default", {"controller_flavor": "SCS-4V-8"}, False, [{"name": "controller_flavor", "value": "SCS-4V-8"}]),
    (
        "writes what the user set in the ClusterClass's order, without nested defaults",
        {"oidc_config": {"issuer_url": "https://id.example"}, "worker_flavor": "SCS-8V-16"},
        False,
        [
            {"name": "controller_flavor", "value": "SCS-2V-4-20s"},
            {"name": "worker_flavor", "value": "SCS-8V-16"},
            {"name": "oidc_config", "value": {"issuer_url": "https://id.example"}},
        ],
    ),
    (
        "writes every top-level default and nested defaults of set values when all defaults are asked for",
        {"oidc_config": {"issuer_url": "https://id.example"}},
        True,
        [
            {"name": "controller_flavor", "value": "SCS-2V-4-20s"},
            {"name": "worker_flavor", "value": "SCS-2V-4"},
            {"name": "worker_root_disk", "value": 50},
            {"name": "oidc_config", "value": {"client_id": "kubectl", "issuer_url": "https://id.example"}},
        ],
    ),
    ("never overwrites a value the user set, even with all defaults", {"worker_root_disk": 100}, True, [{"name": "controller_flavor", "value": "SCS-2V-4-20s"}, {"name": "worker_flavor", "value": "SCS-2V-4"}, {"name": "worker_root_disk", "value": 100}]),
]


@pytest.mark.parametrize(("values", "all_defaults", "expected"), [c[1:] for c in VARIABLE_CASES], ids=[c[0] for c in VARIABLE_CASES])
def test_variables_written(values: dict[str, Any], all_defaults: bool, expected: list[dict[str, Any]]) -> None:
    generated = generate_cluster(OPENSTACK, form(variables=values, all_defaults=all_defaults))
    assert generated.valid, generated.diagnostics
    assert generated.objects[0]["spec"]["topology"]["variables"] == expected


def test_a_required_variable_without_default_is_reported() -> None:
    required = [{"name": "cloud", "required": True, "schema": {"openAPIV3Schema": {"type": "string"}}}]
    version = dataclasses.replace(OPENSTACK, cluster_class={**OPENSTACK.cluster_class, "spec": {**OPENSTACK.cluster_class["spec"], "variables": required}})
    generated = generate_cluster(version, default_cluster_form(version))
    assert [(d.field, d.message) for d in generated.errors] == [("spec.topology.variables", 'Required value: required variable "cloud" must be set')]


def test_extra_fields_are_written_and_never_override_the_form() -> None:
    extra = {"metadata": {"annotations": {"a": "b"}, "name": "ignored"}, "spec": {"paused": True, "topology": {"controlPlane": {"metadata": {"labels": {"x": "y"}}}}}}
    cluster = generate_cluster(OPENSTACK, form(extra=extra)).objects[0]
    assert cluster["metadata"] == {"name": "my-cluster", "namespace": "default", "annotations": {"a": "b"}}
    assert cluster["spec"]["paused"] is True
    assert cluster["spec"]["topology"]["controlPlane"] == {"replicas": 3, "metadata": {"labels": {"x": "y"}}}


def test_empty_network_and_workers_are_left_out() -> None:
    cluster = generate_cluster(OPENSTACK_V1BETA2, form(pod_cidrs=[], service_cidrs=[], service_domain="", machine_deployments=[], class_name="")).objects[0]
    assert "clusterNetwork" not in cluster["spec"]
    assert "workers" not in cluster["spec"]["topology"]
    assert validate_against_crd(cluster) == []


def test_unset_worker_replicas_are_left_to_the_autoscaler() -> None:
    cluster = generate_cluster(OPENSTACK, form(machine_deployments=[MachineDeploymentSpec("md-0", "large-worker", replicas=None, failure_domain="az-1")])).objects[0]
    assert cluster["spec"]["topology"]["workers"]["machineDeployments"] == [{"class": "large-worker", "name": "md-0", "failureDomain": "az-1"}]


def test_multi_line_values_are_written_as_literal_blocks() -> None:
    generated = generate_cluster(OPENSTACK, form(variables={"ssh_keypair": "line one\nline two\n"}))
    assert "      value: |\n        line one\n        line two\n" in generated.text


@pytest.mark.parametrize("version", ALL, ids=[f"the default Cluster of {v.class_name} is valid against the {v.api_version} CRD" for v in ALL])
def test_default_cluster_is_valid_against_the_crd(version: Any) -> None:
    generated = generate_cluster(version, default_cluster_form(version))
    assert generated.valid, generated.diagnostics
    assert_valid_against_crd(generated.objects[0])


@pytest.mark.parametrize("version", [OPENSTACK, OPENSTACK_V1BETA2], ids=["a full v1beta1 Cluster is valid against the CRD", "a full v1beta2 Cluster is valid against the CRD"])
def test_full_cluster_is_valid_against_the_crd(version: Any) -> None:
    chosen = dataclasses.replace(
        default_cluster_form(version),
        labels={"team": "a"},
        pod_cidrs=["192.168.0.0/16", "fd00:1::/56"],
        service_cidrs=["10.96.0.0/12", "fd00:2::/108"],
        machine_deployments=[MachineDeploymentSpec("md-0", "default-worker", 2, "az-1"), MachineDeploymentSpec("md-1", "large-worker", None)],
        variables={"oidc_config": {"issuer_url": "https://id.example"}},
        all_defaults=True,
    )
    generated = generate_cluster(version, chosen)
    assert generated.valid, generated.diagnostics
    assert_valid_against_crd(generated.objects[0])


def test_docker_cluster_uses_its_own_kubernetes_version() -> None:
    assert generate_cluster(DOCKER, default_cluster_form(DOCKER)).objects[0]["spec"]["topology"]["version"] == "v1.31.9"
