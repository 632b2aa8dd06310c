"""Opt-in: the whole build, with --history, of a local copy of the public cluster-stacks repository.

Set CLUSTER_STACKS_CHECKOUT to a clone of SovereignCloudStack/cluster-stacks (with its tags),
for example ``git clone /work/.mirror/SovereignCloudStack+cluster-stacks/repo /tmp/cs``;
the test is skipped otherwise (CI has no copy). Nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from bench.common import copy_repo
from tests.build.test_build import tree_digest
from tests.conftest import run_build

CHECKOUT = os.environ.get("CLUSTER_STACKS_CHECKOUT")

pytestmark = pytest.mark.skipif(
    not CHECKOUT or not (Path(CHECKOUT) / "providers").is_dir(), reason="CLUSTER_STACKS_CHECKOUT does not point at a clone"
)


def test_the_public_repository_builds_with_its_release_history(tmp_path):
    out = tmp_path / "site"
    result = run_build("--stacks", str(Path(CHECKOUT) / "providers"), "--out", str(out), "--history")
    assert result.returncode == 0, result.stderr[-4000:]
    index = json.loads((out / "stacks/index.json").read_text())
    released = [v for v in index["versions"] if v["released"]]
    # The repository's tags record its releases; the build shows them with the tag's date.
    assert len(released) >= 25
    names = {v["className"] for v in index["versions"]}
    for name in ("openstack-scs2-1-34-v2", "openstack-scs2-1-33-v5", "openstack-scs-1-32-v1"):
        assert name in names
        assert (out / "stacks" / name / "index.html").is_file()
        assert json.loads((out / "stacks" / name / "release.json").read_text())["className"] == name
    assert any(v["channel"] == "custom" for v in index["versions"])


def test_a_rebuild_from_the_build_cache_is_byte_identical_to_the_first_build(tmp_path):
    # A copy with no .cache/: the first build reads and renders every tag, the second takes it all from the cache.
    repo = copy_repo(tmp_path / "repo")
    shutil.rmtree(repo / ".cache", ignore_errors=True)
    stacks = str(Path(CHECKOUT) / "providers")
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    assert run_build("--stacks", stacks, "--out", str(cold), "--history", cwd=repo).returncode == 0
    assert (repo / ".cache" / "history").is_dir()
    assert run_build("--stacks", stacks, "--out", str(warm), "--history", cwd=repo).returncode == 0
    first, again = tree_digest(cold), tree_digest(warm)
    assert sorted(p for p in first if first[p] != again.get(p)) == []
    assert first == again
