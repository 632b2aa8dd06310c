"""The CRD test helper: it must accept what the API server accepts and name what it would reject."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.support.crds import assert_valid_against_crd, crd_schema, validate_against_crd, validate_against_schema

CLUSTER_V1BETA1: dict[str, Any] = {
    "apiVersion": "cluster.x-k8s.io/v1beta1",
    "kind": "Cluster",
    "metadata": {"name": "my-cluster", "namespace": "tenant-a", "labels": {"team": "a"}},
    "spec": {
        "clusterNetwork": {
            "pods": {"cidrBlocks": ["192.168.0.0/16"]},
            "services": {"cidrBlocks": ["10.96.0.0/12"]},
            "serviceDomain": "cluster.local",
        },
        "topology": {
            "class": "openstack-scs-1-32-v1",
            "version": "v1.32.5",
            "controlPlane": {"replicas": 3},
            "workers": {"machineDeployments": [{"class": "default-worker", "name": "md-0", "replicas": 2, "failureDomain": "nova"}]},
            "variables": [{"name": "worker_root_disk", "value": 50}, {"name": "oidc", "value": {"issuerURL": "https://a"}}],
        },
    },
}

CLUSTER_V1BETA2: dict[str, Any] = {
    "apiVersion": "cluster.x-k8s.io/v1beta2",
    "kind": "Cluster",
    "metadata": {"name": "my-cluster", "namespace": "tenant-a"},
    "spec": {
        "topology": {
            "classRef": {"name": "openstack-scs-1-32-v1"},
            "version": "v1.32.5",
            "controlPlane": {"replicas": 3},
            "workers": {"machineDeployments": [{"class": "default-worker", "name": "md-0", "replicas": 1}]},
            "variables": [{"name": "worker_root_disk", "value": 50}],
        },
    },
}

CLUSTER_STACK: dict[str, Any] = {
    "apiVersion": "clusterstack.x-k8s.io/v1alpha1",
    "kind": "ClusterStack",
    "metadata": {"name": "openstack-scs-1-32", "namespace": "tenant-a"},
    "spec": {
        "provider": "openstack",
        "name": "scs",
        "kubernetesVersion": "1.32",
        "channel": "stable",
        "autoSubscribe": False,
        "versions": ["v1"],
        "providerRef": {
            "apiVersion": "infrastructure.clusterstack.x-k8s.io/v1alpha1",
            "kind": "OpenStackClusterStackReleaseTemplate",
            "name": "cspotemplate",
        },
    },
}

RELEASE_TEMPLATE: dict[str, Any] = {
    "apiVersion": "infrastructure.clusterstack.x-k8s.io/v1alpha1",
    "kind": "OpenStackClusterStackReleaseTemplate",
    "metadata": {"name": "cspotemplate", "namespace": "tenant-a"},
    "spec": {"template": {"spec": {"identityRef": {"kind": "Secret", "name": "openstack"}}}},
}


@pytest.mark.parametrize(
    "obj",
    [CLUSTER_V1BETA1, CLUSTER_V1BETA2, CLUSTER_STACK, RELEASE_TEMPLATE],
    ids=["accepts a v1beta1 Cluster", "accepts a v1beta2 Cluster", "accepts a ClusterStack", "accepts an OpenStackClusterStackReleaseTemplate"],
)
def test_accepts_valid_objects(obj: dict[str, Any]) -> None:
    assert_valid_against_crd(obj)


def _edit(obj: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    edited = copy.deepcopy(obj)
    *parents, last = dotted.split(".")
    node = edited
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return edited


_DELETE = object()

INVALID = [
    ("reports a field the CRD does not declare", CLUSTER_V1BETA1, "spec.topology.colour", "blue",
     "spec.topology.colour: Forbidden: field not declared in schema"),
    ("reports the v1beta1 class field in a v1beta2 Cluster", CLUSTER_V1BETA2, "spec.topology.class", "x",
     "spec.topology.class: Forbidden: field not declared in schema"),
    ("reports a missing required field", CLUSTER_V1BETA2, "spec.topology.version", _DELETE, "spec.topology.version: Required value"),
    ("reports a wrong type", CLUSTER_V1BETA1, "spec.topology.controlPlane.replicas", "three",
     'spec.topology.controlPlane.replicas: Invalid value: "string": must be of type integer: "string"'),
    ("reports a value outside an enum", CLUSTER_STACK, "spec.channel", "beta",
     'spec.channel: Unsupported value: "beta": supported values: "stable", "custom"'),
    ("reports a pattern mismatch", CLUSTER_STACK, "spec.kubernetesVersion", "v1.32",
     "spec.kubernetesVersion: Invalid value: \"v1.32\": should match '^\\d\\.\\d+$'"),
    ("reports an invalid metadata name", CLUSTER_STACK, "metadata.name", "My_Stack", "metadata.name: Invalid value: 'My_Stack': a lowercase RFC 1123 subdomain"),
    ("reports an invalid namespace", CLUSTER_STACK, "metadata.namespace", "Tenant.A", "metadata.namespace: Invalid value: 'Tenant.A': a lowercase RFC 1123 label"),
    ("reports an unknown metadata field", RELEASE_TEMPLATE, "metadata.colour", "blue", "metadata.colour: Forbidden: field not declared in schema"),
    ("reports non-string label values", CLUSTER_V1BETA1, "metadata.labels", {"a": 1}, "metadata.labels: Invalid value: must be a map of strings to strings"),
    ("reports a missing name", RELEASE_TEMPLATE, "metadata.name", _DELETE, "metadata.name: Required value"),
    ("reports a wrong type deep inside a template", RELEASE_TEMPLATE, "spec.template.spec.identityRef.kind", "",
     'spec.template.spec.identityRef.kind: Invalid value: "": should be at least 1 chars long'),
]


@pytest.mark.parametrize(("obj", "dotted", "value", "want"), [i[1:] for i in INVALID], ids=[i[0] for i in INVALID])
def test_reports_invalid_objects(obj: dict[str, Any], dotted: str, value: Any, want: str) -> None:
    problems = validate_against_crd(_edit(obj, dotted, value))
    assert any(p.startswith(want) for p in problems), problems


@pytest.mark.parametrize(
    ("obj", "want"),
    [
        ({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "a"}}, "apiVersion: no CRD for kind Widget in group 'example.com'"),
        ({"apiVersion": "cluster.x-k8s.io/v1alpha3", "kind": "Cluster", "metadata": {"name": "a"}},
         "apiVersion: CRD clusters.cluster.x-k8s.io has no version v1alpha3 (it has v1beta1, v1beta2)"),
        ({"kind": "Cluster"}, "apiVersion/kind: both must be set to find the CRD"),
    ],
    ids=["reports an unknown kind", "reports an unknown version", "reports a missing apiVersion"],
)
def test_reports_objects_it_cannot_place(obj: dict[str, Any], want: str) -> None:
    problems = validate_against_crd(obj)
    assert len(problems) == 1 and problems[0].startswith(want), problems


def test_assert_valid_lists_every_problem() -> None:
    broken = _edit(_edit(CLUSTER_V1BETA1, "spec.topology.colour", "blue"), "spec.topology.controlPlane.replicas", "x")
    with pytest.raises(AssertionError) as failure:
        assert_valid_against_crd(broken)
    assert "spec.topology.colour" in str(failure.value) and "spec.topology.controlPlane.replicas" in str(failure.value)


def test_finds_the_schema_by_group_version_and_kind() -> None:
    assert "classRef" in crd_schema("cluster.x-k8s.io/v1beta2", "Cluster")["properties"]["spec"]["properties"]["topology"]["properties"]
    assert "class" in crd_schema("cluster.x-k8s.io/v1beta1", "Cluster")["properties"]["spec"]["properties"]["topology"]["properties"]


def test_evaluates_the_crds_cel_rules() -> None:
    schema = crd_schema("helm.toolkit.fluxcd.io/v2", "HelmRelease")
    release = {
        "apiVersion": "helm.toolkit.fluxcd.io/v2",
        "kind": "HelmRelease",
        "metadata": {"name": "a", "namespace": "b"},
        "spec": {"interval": "5m"},
    }
    assert schema["properties"]["spec"].get("x-kubernetes-validations")
    problems = validate_against_crd(release)
    assert any("spec: Invalid value" in p and "chart" in p for p in problems), problems


def test_reports_a_rule_it_cannot_check_instead_of_passing() -> None:
    schema = {
        "type": "object",
        "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
                       "spec": {"type": "string", "x-kubernetes-validations": [{"rule": "quantity(self).isPositive()"}]}},
    }
    problems = validate_against_schema({"apiVersion": "x/v1", "kind": "Widget", "metadata": {"name": "a"}, "spec": "1Gi"}, schema)
    assert problems == ["spec: warning: rule was not checked (function isPositive() is not supported): quantity(self).isPositive()"]
