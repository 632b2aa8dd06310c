"""The loader accepts the public SovereignCloudStack/cluster-stacks ``providers/`` layout.

Uses a local copy of that repository when one is present (the project's mirror, or
$CLUSTER_STACKS_REPO pointing at a git directory); skips otherwise. Nothing is downloaded.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.stacks.catalog import build_stacks, read_sources, working_versions
from tests.stacks.support import requires_engine

MIRROR = Path(os.environ.get("CLUSTER_STACKS_REPO", "/work/.mirror/SovereignCloudStack+cluster-stacks/repo"))


def _read_providers(git_dir: Path) -> dict[str, dict[str, str]]:
    """Read every text file under providers/ at HEAD into the loader's folder form."""
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "--name-only", "HEAD", "providers/"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\n")
    folders: dict[str, dict[str, str]] = {}
    for path in filter(None, listing):
        parts = path.split("/")
        if len(parts) < 4:
            continue
        data = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"], capture_output=True, check=True).stdout
        if b"\0" in data:
            continue
        folders.setdefault(f"{parts[1]}/{parts[2]}", {})["/".join(parts[3:])] = data.decode("utf-8")
    return folders


@pytest.fixture(scope="module")
def upstream() -> dict[str, dict[str, str]]:
    if not (MIRROR / "HEAD").exists():
        pytest.skip("no local copy of SovereignCloudStack/cluster-stacks")
    return _read_providers(MIRROR)


def test_reads_the_upstream_openstack_stack_with_its_short_version_keys(upstream):
    sources, problems = read_sources({"openstack/scs": upstream["openstack/scs"]}, "providers")
    assert problems == []
    (source, ledger), = sources
    assert source.kubernetes_version in [e.kubernetes for e in source.entries]
    for entry in source.entries:
        # occm and cinder_csi reach their charts through the default aliases.
        assert set(entry.pins) == {"openstack-cloud-controller-manager", "openstack-cinder-csi"}
    names = [w.class_name for w in working_versions(source, ledger)]
    assert names == [f"openstack-scs-{e.minor.replace('.', '-')}-v1" for e in source.entries]


def test_reads_every_upstream_stack(upstream):
    _, problems = read_sources(upstream, "providers")
    assert [str(p) for p in problems] == []


def test_a_stack_without_versions_yaml_has_the_csctl_version_only(upstream):
    assert "versions.yaml" not in upstream["docker/scs"]
    (source, _), = read_sources({"docker/scs": upstream["docker/scs"]}, "providers")[0]
    assert [e.kubernetes for e in source.entries] == [source.kubernetes_version]


@requires_engine
def test_renders_every_upstream_stack_into_named_cluster_classes(upstream):
    stacks = build_stacks(upstream, "providers")
    for stack in stacks:
        assert stack.versions, stack
        for version in stack.versions:
            assert version.cluster_class["metadata"]["name"] == version.class_name
            assert version.variables
