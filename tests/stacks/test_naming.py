"""csctl's stable-mode names and the vN sequence."""

from __future__ import annotations

import pytest

from generator.kubeversion import kubernetes_minor, minor_sort_key
from generator.naming import (
    chart_name,
    class_name,
    next_version,
    release_name,
    version_number,
    version_order,
)


@pytest.mark.parametrize(
    ("function", "args", "want"),
    [
        (release_name, ("openstack", "scs", "1.32.9"), "openstack-scs-1-32"),
        (chart_name, ("openstack", "scs", "1.32.9", "cluster-class"), "openstack-scs-1-32-cluster-class"),
        (chart_name, ("docker", "scs", "v1.34.0", "cluster-addon"), "docker-scs-1-34-cluster-addon"),
        (class_name, ("openstack", "scs", "1.32.9", "v1"), "openstack-scs-1-32-v1"),
        (class_name, ("kubevirt", "scs", "1.33.5", "v12"), "kubevirt-scs-1-33-v12"),
        (kubernetes_minor, ("v1.32.5",), "1.32"),
        (next_version, (None,), "v1"),
        (next_version, ("v1",), "v2"),
        (next_version, ("v9",), "v10"),
        (version_number, ("v27",), 27),
    ],
    ids=[
        "names the release after provider, stack and Kubernetes minor",
        "names the cluster-class chart like csctl",
        "names the cluster-addon chart, ignoring a v prefix",
        "names the ClusterClass after the release and the stack version",
        "keeps multi-digit stack versions",
        "takes major.minor of a version with v",
        "starts a never released minor at v1",
        "bumps v1 to v2",
        "bumps v9 to v10, not v91",
        "reads the number of a stack version",
    ],
)
def test_names(function, args, want):
    assert function(*args) == want


@pytest.mark.parametrize("bad", ["1", "v0", "v01", "V1", "v1.0", ""], ids=lambda b: f"rejects {b!r} as a stack version")
def test_version_number_rejects(bad):
    with pytest.raises(ValueError, match="is not a stack version like v1"):
        version_number(bad)


def test_minors_sort_numerically():
    assert sorted(["1.10", "1.9", "1.32", "2.0"], key=minor_sort_key) == ["1.9", "1.10", "1.32", "2.0"]


def test_versions_sort_by_minor_then_number_with_a_malformed_version_first():
    versions = [("1.32.5", "v10"), ("1.32.5", "v9"), ("1.9.0", "v3"), ("1.32.5", "v0-sha.b699b93"), ("1.10.1", "v1")]
    ordered = sorted(versions, key=lambda v: version_order(*v))
    assert ordered == [("1.9.0", "v3"), ("1.10.1", "v1"), ("1.32.5", "v0-sha.b699b93"), ("1.32.5", "v9"), ("1.32.5", "v10")]
