"""Kubernetes version syntax: one grammar for topology versions, csctl.yaml, versions.yaml, chart pins and Helm."""

from __future__ import annotations

import pytest

from generator.kubeversion import Version, kubernetes_minor, minor_sort_key, parse_version

PARSES = [
    ("reads a Kubernetes version with its v", "v1.32.5", Version(1, 32, 5, v_prefix=True)),
    ("reads a plain release version", "1.32.5", Version(1, 32, 5)),
    ("reads a pre-release", "v1.33.0-rc.1", Version(1, 33, 0, prerelease="rc.1", v_prefix=True)),
    ("reads build metadata", "1.2.3+build.7", Version(1, 2, 3, build="build.7")),
    ("rejects a version without a patch number", "v1.32", None),
    ("rejects a leading zero", "1.032.5", None),
    ("rejects a second plus", "1.2.3+a+b", None),
    ("rejects a trailing newline", "1.2.3\n", None),
    ("rejects what is not text", 1.32, None),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in PARSES], ids=[n for n, _, _ in PARSES])
def test_parse_version(text, want):
    assert parse_version(text) == want


def test_a_release_has_no_suffix():
    assert parse_version("1.32.5").is_release
    assert not parse_version("1.32.5-rc.0").is_release


def test_minors_sort_numerically_and_a_malformed_one_first():
    assert sorted(["1.10", "1.9", "x.1", "1.32"], key=minor_sort_key) == ["x.1", "1.9", "1.10", "1.32"]
    assert kubernetes_minor("v1.32.5") == "1.32"
