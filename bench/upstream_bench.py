"""The public cluster-stacks repository built with --history: every tagged release plus the working tree.

Opt-in: CLUSTER_STACKS_CHECKOUT points at a local clone of SovereignCloudStack/cluster-stacks
with its tags (the same variable as tests/build/test_upstream_build.py); without it the group
reports nothing. Same structure and baseline as the build group: our whole build against a
bare Material for MkDocs build of exactly the pages we staged, alternately, in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.build_bench import _timed, bare_project
from bench.common import copy_repo
from bench.figures import Figure, Target

CHECKOUT_VARIABLE = "CLUSTER_STACKS_CHECKOUT"


def run(repeat: int) -> list[Figure]:
    """Time the --history build of the clone's providers/ against the bare build of the same pages."""
    checkout = os.environ.get(CHECKOUT_VARIABLE)
    if not checkout or not (Path(checkout) / "providers").is_dir():
        print(f"bench: upstream skipped ({CHECKOUT_VARIABLE} does not point at a clone)", file=sys.stderr)
        return []
    stacks = Path(checkout).resolve() / "providers"
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        work = Path(tmp) / "work"
        work.mkdir()
        out = work / "site"
        command = [sys.executable, "build.py", "--stacks", str(stacks), "--out", str(out), "--history"]
        ours = [_timed(command, repo)]
        bare = bare_project(work / ".site.staging" / "docs", work / "bare")
        pages = len(list((bare / "docs").rglob("*.md")))
        versions = len(list((work / ".site.staging" / "docs" / "stacks").glob("*/release.json")))
        bare_command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "bare-site")]
        bare_times = [_timed(bare_command, bare)]
        for _ in range(repeat - 1):
            ours.append(_timed(command, repo))
            bare_times.append(_timed(bare_command, bare))
        head = subprocess.run(["git", "-C", str(stacks), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return [
        Figure(
            "upstream",
            f"whole site, cluster-stacks @ {head} with --history ({versions} versions, {pages} pages)",
            "ms",
            ours,
            baseline=bare_times,
            baseline_name="bare mkdocs-material",
            target=Target("ratio", 1.3),
        )
    ]
