"""The public cluster-stacks repository built with --history: every tagged release plus the working tree.

Opt-in: CLUSTER_STACKS_CHECKOUT points at a local clone of SovereignCloudStack/cluster-stacks
with its tags (the same variable as tests/build/test_upstream_build.py); without it the group
reports nothing. Same structure and baseline as the build group: our whole build against a
bare Material for MkDocs build of exactly the pages we staged, alternately, in the same run.

The machine is shared, and wall-clock time under load measures the neighbours as much as the
build; so the same runs are also reported as CPU time (user + system of the build's process
and its children), with the load average before and after: a ratio that moves with the load
but not in CPU time is the machine, not the build.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build_bench import bare_project
from bench.common import copy_repo
from bench.figures import Figure, Target

CHECKOUT_VARIABLE = "CLUSTER_STACKS_CHECKOUT"


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run command; return its wall-clock and CPU time (user + system, children included) in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


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
        load_before = _load()
        ours = [_timed(command, repo)]
        bare = bare_project(work / ".site.staging" / "docs", work / "bare")
        pages = len(list((bare / "docs").rglob("*.md")))
        versions = len(list((work / ".site.staging" / "docs" / "stacks").glob("*/release.json")))
        bare_command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "bare-site")]
        bare_times = [_timed(bare_command, bare)]
        for _ in range(repeat - 1):
            ours.append(_timed(command, repo))
            bare_times.append(_timed(bare_command, bare))
        load = f"load average (1/5/15 min) {load_before} before, {_load()} after"
        print(f"bench: upstream: {load}", file=sys.stderr)
        head = subprocess.run(["git", "-C", str(stacks), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    name = f"cluster-stacks @ {head} with --history ({versions} versions, {pages} pages)"
    return [
        Figure(
            "upstream",
            f"whole site, {name}",
            "ms",
            [wall for wall, _ in ours],
            baseline=[wall for wall, _ in bare_times],
            baseline_name="bare mkdocs-material",
            target=Target("ratio", 1.3),
            note=load,
        ),
        Figure(
            "upstream",
            "the same builds, CPU time (user + system)",
            "ms",
            [cpu for _, cpu in ours],
            baseline=[cpu for _, cpu in bare_times],
            baseline_name="bare mkdocs-material",
            note=load,
        ),
    ]
