"""Kubernetes rules for names, labels, versions, CIDRs and replicas: what passes, and the exact message when not."""

from __future__ import annotations

from typing import Callable

import pytest

from generator.manifests import names

SUBDOMAIN_HINT = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters"
LABEL_HINT = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'"

CASES: list[tuple[str, Callable[..., list], tuple, list[tuple[str, str, str]]]] = [
    # id, check, args, expected (severity, field, message substring)
    ("accepts a plain cluster name", names.check_cluster_name, ("metadata.name", "my-cluster"), []),
    ("accepts a dotted cluster name", names.check_cluster_name, ("metadata.name", "prod.eu-1"), []),
    ("rejects upper case and underscores in a cluster name", names.check_cluster_name, ("metadata.name", "My_Cluster"), [("error", "metadata.name", f'Invalid value: "My_Cluster": {SUBDOMAIN_HINT}')]),
    ("rejects a cluster name ending in a dash", names.check_cluster_name, ("metadata.name", "c-"), [("error", "metadata.name", SUBDOMAIN_HINT)]),
    ("rejects a cluster name over 63 characters because it becomes a label value", names.check_cluster_name, ("metadata.name", "a" * 64), [("error", "metadata.name", "must be no more than 63 characters (it becomes the cluster.x-k8s.io/cluster-name label)")]),
    ("requires a cluster name", names.check_cluster_name, ("metadata.name", ""), [("error", "metadata.name", "Required value")]),
    ("rejects a cluster name that is not a string", names.check_cluster_name, ("metadata.name", 5), [("error", "metadata.name", "Invalid value: 5: must be a string")]),
    ("accepts a namespace label", names.check_dns1123_label, ("metadata.namespace", "tenant-a"), []),
    ("rejects a dotted namespace", names.check_dns1123_label, ("metadata.namespace", "a.b"), [("error", "metadata.namespace", f'Invalid value: "a.b": {LABEL_HINT}')]),
    ("rejects a namespace over 63 characters", names.check_dns1123_label, ("metadata.namespace", "n" * 64), [("error", "metadata.namespace", "must be no more than 63 characters")]),
    ("accepts labels with a prefix and an empty value", names.check_labels, ("metadata.labels", {"example.com/team": "", "env": "prod_1"}), []),
    ("rejects a label value with a space", names.check_labels, ("metadata.labels", {"env": "a b"}), [("error", "metadata.labels[env]", "a valid label must be an empty string or consist of alphanumeric characters")]),
    ("rejects a label value over 63 characters", names.check_labels, ("metadata.labels", {"env": "v" * 64}), [("error", "metadata.labels[env]", "must be no more than 63 characters")]),
    ("rejects a label key with a bad prefix", names.check_labels, ("metadata.labels", {"Bad_Prefix/x": "1"}), [("error", "metadata.labels", "prefix part a lowercase RFC 1123 subdomain")]),
    ("rejects a label key whose name starts with a dash", names.check_labels, ("metadata.labels", {"-x": "1"}), [("error", "metadata.labels", "name part must consist of alphanumeric characters")]),
    ("rejects a label value that is not a string", names.check_labels, ("metadata.labels", {"n": 1}), [("error", "metadata.labels[n]", "a label value must be a string")]),
    ("accepts a Kubernetes patch version", names.check_kubernetes_version, ("spec.topology.version", "v1.32.5"), []),
    ("accepts a pre-release Kubernetes version", names.check_kubernetes_version, ("spec.topology.version", "v1.33.0-rc.1"), []),
    ("rejects a version without the leading v", names.check_kubernetes_version, ("spec.topology.version", "1.32.5"), [("error", "spec.topology.version", 'Invalid value: "1.32.5": must be a Kubernetes version like "v1.32.5" ("v", then major.minor.patch)')]),
    ("rejects a version without a patch number", names.check_kubernetes_version, ("spec.topology.version", "v1.32"), [("error", "spec.topology.version", "must be a Kubernetes version")]),
    ("accepts one IPv4 and one IPv6 block", names.check_cidr_blocks, ("p", ["10.0.0.0/8", "fd00::/64"]), []),
    ("rejects a block without a prefix length", names.check_cidr_blocks, ("p", ["10.0.0.0"]), [("error", "p[0]", 'Invalid value: "10.0.0.0": must be a CIDR block like "192.168.0.0/16" or "fd00::/108"')]),
    ("rejects a prefix length over 32", names.check_cidr_blocks, ("p", ["10.0.0.0/33"]), [("error", "p[0]", "must be a CIDR block")]),
    ("rejects two IPv4 blocks", names.check_cidr_blocks, ("p", ["10.0.0.0/8", "172.16.0.0/12"]), [("error", "p[1]", "only one IPv4 CIDR block is allowed")]),
    ("rejects three blocks", names.check_cidr_blocks, ("p", ["10.0.0.0/8", "fd00::/64", "fd01::/64"]), [("error", "p[2]", "only one IPv6"), ("error", "p", "must have at most 2 CIDR blocks")]),
    ("warns when host bits are set", names.check_cidr_blocks, ("p", ["10.0.0.1/8"]), [("warning", "p[0]", "host bits are set; the network is 10.0.0.0/8")]),
    ("rejects a CIDR list that is a string", names.check_cidr_blocks, ("p", "10.0.0.0/8"), [("error", "p", "must be a list of CIDR blocks")]),
    ("warns when pod and service CIDRs overlap", names.overlapping_cidrs, ("spec.clusterNetwork", ["10.0.0.0/8"], ["10.96.0.0/12"]), [("warning", "spec.clusterNetwork", "the pod CIDR 10.0.0.0/8 overlaps the service CIDR 10.96.0.0/12")]),
    ("accepts zero worker replicas", names.check_replicas, ("r", 0), []),
    ("rejects replicas below the minimum", names.check_replicas, ("r", -1), [("error", "r", "Invalid value: -1: must be greater than or equal to 0")]),
    ("rejects replicas over int32", names.check_replicas, ("r", 2**31), [("error", "r", "must be less than or equal to 2147483647")]),
    ("rejects fractional replicas", names.check_replicas, ("r", 1.5), [("error", "r", "Invalid value: 1.5: must be an integer")]),
    ("rejects boolean replicas", names.check_replicas, ("r", True), [("error", "r", "must be an integer")]),
    ("accepts three control plane replicas", names.check_replicas, ("r", 3), []),
]


@pytest.mark.parametrize(("check", "args", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(check: Callable[..., list], args: tuple, expected: list[tuple[str, str, str]]) -> None:
    found = check(*args)
    got = [(d.severity, d.field, d.message) for d in found]
    assert len(got) == len(expected), f"want {expected}\ngot  {got}"
    for (severity, field, message), (got_severity, got_field, got_message) in zip(expected, got):
        assert (got_severity, got_field) == (severity, field), f"want {expected}\ngot  {got}"
        assert message in got_message, f"want {message!r} in {got_message!r}"


@pytest.mark.parametrize("count", [0, 2, 4], ids=["warns on zero control plane replicas", "warns on two control plane replicas", "warns on four control plane replicas"])
def test_even_control_plane_warns(count: int) -> None:
    [found] = names.check_replicas("spec.topology.controlPlane.replicas", count, control_plane=True)
    assert found.severity == "warning"
    assert found.message == f"{count} control plane replicas: an odd number is recommended, etcd needs a majority to keep quorum"


def test_parse_kubernetes_version() -> None:
    assert names.parse_kubernetes_version("v1.32.5") == (1, 32, 5)
    assert names.parse_kubernetes_version("1.32.5") is None
