"""A Cluster and the ClusterStack that provides its ClusterClass share one namespace."""

from __future__ import annotations

import dataclasses

import pytest

from generator.manifests import check_namespaces, default_cluster_form, default_clusterstack_form
from tests.manifests.versions import DOCKER, OPENSTACK


@pytest.mark.parametrize(
    ("cluster_namespace", "stack_namespace", "stack_version", "want"),
    [
        ("tenant-a", "tenant-a", OPENSTACK, []),
        ("tenant-a", "default", OPENSTACK, [("metadata.namespace", 'Invalid value: "tenant-a": the ClusterStack is in namespace "default"')]),
        ("tenant-a", "default", DOCKER, []),
    ],
    ids=["accepts one namespace for both", "reports a Cluster outside its ClusterStack's namespace", "ignores a ClusterStack of another stack"],
)
def test_check_namespaces(cluster_namespace: str, stack_namespace: str, stack_version, want: list[tuple[str, str]]) -> None:
    cluster = dataclasses.replace(default_cluster_form(OPENSTACK), namespace=cluster_namespace)
    stack = dataclasses.replace(default_clusterstack_form(stack_version), namespace=stack_namespace)
    found = check_namespaces(cluster, stack_version, stack)
    assert [(d.field, d.message[: len(w[1])]) for d, w in zip(found, want)] == want and len(found) == len(want)
