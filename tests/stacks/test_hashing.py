"""The content hash: changes with the content, never with the version's name."""

from __future__ import annotations

import pytest

from generator.stacks.expand import expand_version, version_hash
from generator.stacks.hashing import content_hash
from generator.stacks.layout import parse_stack
from tests.stacks.support import tiny_stack


def _source(**overrides):
    source, problems = parse_stack("docker/tiny", tiny_stack(**overrides), "stacks/docker/tiny")
    assert problems == []
    return source


def test_same_files_same_hash_regardless_of_order():
    assert content_hash({"a": "1", "b": "2"}) == content_hash({"b": "2", "a": "1"})


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ({"a": "1"}, {"a": "2"}),
        ({"a": "1"}, {"b": "1"}),
        ({"a": "1"}, {"a": "1", "b": ""}),
        ({"ab": "c"}, {"a": "bc"}),
    ],
    ids=["differs when a text changes", "differs when a path changes", "differs when a file is added", "does not let path and text run together"],
)
def test_hash_differs(left, right):
    assert content_hash(left) != content_hash(right)


def test_hash_has_algorithm_prefix():
    assert content_hash({}).startswith("sha256:")


def test_version_hash_does_not_depend_on_the_version_name():
    source = _source()
    entry = source.entries[0]
    assert expand_version(source, entry, "v1") != expand_version(source, entry, "v2")
    assert version_hash(source, entry) == version_hash(source, entry)


@pytest.mark.parametrize(
    "overrides",
    [
        {"cluster-class__values.yaml": "nodeImage: kindest/node:v1.32.8\nextra: 1\n"},
        {"versions.yaml": "- kubernetes: 1.32.8\n  cilium: 1.17.9\n- kubernetes: 1.33.4\n  cilium: 1.18.2\n"},
        {"versions.yaml": "- kubernetes: 1.32.9\n  cilium: 1.17.8\n- kubernetes: 1.33.4\n  cilium: 1.18.2\n"},
        {"clusteraddon.yaml": "addonStages: {}\n"},
    ],
    ids=[
        "changes when a cluster-class value changes",
        "changes when a component is bumped",
        "changes when the Kubernetes patch version changes",
        "changes when the addon stages change",
    ],
)
def test_version_hash_changes_with_content(overrides):
    before, after = _source(), _source(**overrides)
    assert version_hash(before, before.entries[0]) != version_hash(after, after.entries[0])


@pytest.mark.parametrize(
    "overrides",
    [{"README.md": "# changed\n"}, {"releases.yaml": "releases: {}\n"}],
    ids=["ignores the README", "ignores the ledger"],
)
def test_version_hash_ignores_source_only_files(overrides):
    before, after = _source(), _source(**overrides)
    assert version_hash(before, before.entries[0]) == version_hash(after, after.entries[0])
