"""The release ledger: its text form, and how it names the working state."""

from __future__ import annotations

import pytest

from generator.errors import Problem
from generator.model import AddonStage, AddonStep, Component, StackVersion
from generator.stacks.catalog import working_versions
from generator.stacks.expand import version_hash
from generator.stacks.layout import parse_stack
from generator.stacks.ledger import Ledger, dump_ledger, empty_ledger, parse_ledger
from tests.stacks.support import tiny_stack

PATH = "stacks/docker/tiny/releases.yaml"


def _version(kube="1.32.8", version="v1", digest="sha256:aaa", released="2025-07-01"):
    return StackVersion(
        provider="docker",
        stack="tiny",
        kubernetes_version=kube,
        version=version,
        released=released,
        content_hash=digest,
        components=(Component("cilium", "1.17.8", "addon"),),
        addon_stages=(AddonStage("AfterControlPlaneInitialized", (AddonStep("cni", "apply"),)),),
        cluster_class={"apiVersion": "cluster.x-k8s.io/v1beta1", "kind": "ClusterClass", "metadata": {"name": "x"}},
    )


def _ledger(*versions):
    ledger = empty_ledger("docker", "tiny")
    for version in versions:
        ledger = ledger.with_release(version)
    return ledger


def test_round_trips_through_its_text():
    ledger = _ledger(_version(), _version(version="v2", digest="sha256:bbb"), _version(kube="1.33.4"))
    parsed, problems = parse_ledger(dump_ledger(ledger), PATH, "docker", "tiny")
    assert problems == []
    assert parsed == ledger


def test_text_is_human_readable_and_pinned():
    assert dump_ledger(_ledger(_version())) == (
        "# Release ledger of the Cluster Stack docker/tiny, written by `python -m generator release`.\n"
        "# One entry per released stack version, by Kubernetes minor; do not edit by hand.\n"
        "provider: docker\n"
        "stack: tiny\n"
        "releases:\n"
        "  '1.32':\n"
        "  - version: v1\n"
        "    released: '2025-07-01'\n"
        "    kubernetesVersion: 1.32.8\n"
        "    contentHash: sha256:aaa\n"
        "    channel: stable\n"
        "    components:\n"
        "    - name: cilium\n"
        "      version: 1.17.8\n"
        "      kind: addon\n"
        "    addonStages:\n"
        "    - hook: AfterControlPlaneInitialized\n"
        "      steps:\n"
        "      - name: cni\n"
        "        action: apply\n"
        "    clusterClass:\n"
        "      apiVersion: cluster.x-k8s.io/v1beta1\n"
        "      kind: ClusterClass\n"
        "      metadata:\n"
        "        name: x\n"
    )


def test_orders_minors_numerically_whatever_order_they_were_released_in():
    text = dump_ledger(_ledger(_version(kube="1.10.1"), _version(kube="1.9.3")))
    assert text.index("'1.9':") < text.index("'1.10':")


def test_latest_is_the_newest_release_of_a_minor():
    ledger = _ledger(_version(), _version(version="v2", digest="sha256:bbb"))
    assert ledger.latest("1.32").version == "v2"
    assert ledger.latest("1.33") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("releases: [1, 2\n", [Problem(PATH, 2, "invalid YAML: while parsing a flow sequence, expected ',' or ']', but got '<stream end>'")]),
        ("releases: []\n", [Problem(PATH, 1, "releases: must map Kubernetes minors to lists of releases")]),
        (
            "releases:\n  '1.32':\n  - version: v1\n",
            [Problem(PATH, None, "releases.1.32[0]: unreadable release ('kubernetesVersion')")],
        ),
    ],
    ids=["reports a YAML error at its line", "reports releases that are not a mapping", "reports an incomplete release"],
)
def test_bad_ledgers_are_reported(text, want):
    _, problems = parse_ledger(text, PATH, "docker", "tiny")
    assert problems == want


def _source(**overrides):
    source, problems = parse_stack("docker/tiny", tiny_stack(**overrides), "stacks/docker/tiny")
    assert problems == []
    return source


def test_a_never_released_minor_is_v1_unreleased():
    working = working_versions(_source(), empty_ledger("docker", "tiny"))
    assert [(w.class_name, w.released) for w in working] == [("docker-tiny-1-32-v1", None), ("docker-tiny-1-33-v1", None)]


def test_unchanged_content_is_the_released_version():
    source = _source()
    released = _version(digest=version_hash(source, source.entries[0]), version="v4")
    working = working_versions(source, _ledger(_version(), released))
    assert (working[0].class_name, working[0].released) == ("docker-tiny-1-32-v4", released)


def test_changed_content_is_the_next_version():
    before = _source()
    released = _version(digest=version_hash(before, before.entries[0]), version="v2")
    after = _source(**{"cluster-class__values.yaml": "nodeImage: kindest/node:v1.32.8\nmore: 1\n"})
    working = working_versions(after, _ledger(_version(), released))
    assert (working[0].class_name, working[0].released) == ("docker-tiny-1-32-v3", None)
    # Another minor is unaffected by the releases of 1.32.
    assert working[1].class_name == "docker-tiny-1-33-v1"


RECORD = {
    "objects": [{"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "DockerClusterTemplate", "metadata": {"name": "c"}}],
    "files": {"cluster-addon/cni/values.yaml": "cilium: {}\n"},
}


def test_topology_inputs_round_trip_after_the_cluster_class():
    ledger = _ledger(_version()).with_topology("docker-tiny-1-32-v1", RECORD)
    text = dump_ledger(ledger)
    assert text.index("    clusterClass:\n") < text.index("    topologyInputs:\n      objects:\n")
    parsed, problems = parse_ledger(text, PATH, "docker", "tiny")
    assert (parsed, problems) == (ledger, [])


def test_the_topology_inputs_are_the_class_then_the_templates_with_the_versions_addon_stages():
    version = _version()
    inputs = _ledger(version).with_topology(version.class_name, RECORD).topology_inputs(version)
    assert inputs == {"objects": [version.cluster_class, *RECORD["objects"]], "files": RECORD["files"], "kubernetesVersion": "1.32.8", "stages": ["cni"]}
    assert _ledger(version).topology_inputs(version) is None


def test_a_tag_that_replaces_an_entry_drops_the_entrys_topology_inputs():
    ledger = _ledger(_version(), _version(kube="1.33.4")).with_topology("docker-tiny-1-32-v1", RECORD).with_topology("docker-tiny-1-33-v1", RECORD)
    merged = ledger.merged((_version(digest="sha256:tagged"),))
    assert sorted(merged.topology) == ["docker-tiny-1-33-v1"]
