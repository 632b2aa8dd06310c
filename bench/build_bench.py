"""Whole-site build time: the shipped stacks and synthetic stacks folders of 10, 50 and 200 versions.

Baseline, measured side by side in the same run: a bare Material for MkDocs
build of exactly the Markdown pages our build staged (same pages, same sizes,
same Markdown extensions, no stacks loading, page generation, editor bundle,
runtime copy or compression). The ratio is therefore our whole overhead.
"""

from __future__ import annotations

import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.common import REPO_ROOT, copy_repo
from bench.figures import Figure, Target

SIZES = (10, 50, 200)
TEMPLATE_STACK = ("openstack", "scs")  # the largest shipped stack: pages of realistic size
MARKDOWN_EXTENSIONS_FROM = REPO_ROOT / "mkdocs.yml"


def synthesize_stacks(target: Path, versions: int) -> Path:
    """Write a stacks folder with exactly ``versions`` Cluster Stack versions, all copies of one real stack."""
    provider, name = TEMPLATE_STACK
    source = REPO_ROOT / "stacks" / provider / name
    entries = yaml.safe_load((source / "versions.yaml").read_text(encoding="utf-8"))
    per_stack = len(entries)
    for index in range(math.ceil(versions / per_stack)):
        stack_name = f"syn{index:03d}"
        folder = target / provider / stack_name
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("releases.yaml"))
        count = min(per_stack, versions - index * per_stack)
        (folder / "versions.yaml").write_text(yaml.safe_dump(entries[:count], sort_keys=False), encoding="utf-8")
        csctl = folder / "csctl.yaml"
        csctl.write_text(csctl.read_text(encoding="utf-8").replace(f"clusterStackName: {name}", f"clusterStackName: {stack_name}"), encoding="utf-8")
    return target


def bare_project(staged_docs: Path, target: Path) -> Path:
    """Make a bare mkdocs-material project from the staged Markdown pages only."""
    docs = target / "docs"
    for page in staged_docs.rglob("*.md"):
        destination = docs / page.relative_to(staged_docs)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, destination)
    ours = yaml.safe_load(MARKDOWN_EXTENSIONS_FROM.read_text(encoding="utf-8"))
    config = {
        "site_name": "bare",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def measure(repo: Path, stacks: Path, work: Path, repeat: int) -> tuple[list[float], list[float], int]:
    """Time our build and the bare build alternately; return both series and the page count."""
    out = work / "site"
    ours = [_timed([sys.executable, "build.py", "--stacks", str(stacks), "--out", str(out)], repo)]
    bare = bare_project(work / ".site.staging" / "docs", work / "bare")
    pages = len(list((bare / "docs").rglob("*.md")))
    bare_times = [_timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "bare-site")], bare)]
    for _ in range(repeat - 1):
        ours.append(_timed([sys.executable, "build.py", "--stacks", str(stacks), "--out", str(out)], repo))
        bare_times.append(_timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "bare-site")], bare))
    return ours, bare_times, pages


def run(repeat: int) -> list[Figure]:
    """Measure the shipped stacks and the synthetic sizes; report ratios and the 50→200 slope."""
    figures: list[Figure] = []
    medians: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        cases: list[tuple[str, Path, int | None]] = [("shipped stacks", repo / "stacks", None)]
        for size in SIZES:
            cases.append((f"{size} synthetic versions", synthesize_stacks(Path(tmp) / f"stacks-{size}", size), size))
        for label, stacks, size in cases:
            work = Path(tmp) / f"work-{size or 'shipped'}"
            work.mkdir()
            ours, bare, pages = measure(repo, stacks, work, repeat)
            figures.append(
                Figure("build", f"whole site, {label} ({pages} pages)", "ms", ours, baseline=bare, baseline_name="bare mkdocs-material", target=Target("ratio", 1.3))
            )
            if size:
                medians[size] = (statistics.median(ours), statistics.median(bare))
    if 50 in medians and 200 in medians:
        ours_slope = (medians[200][0] - medians[50][0]) / 150
        bare_slope = (medians[200][1] - medians[50][1]) / 150
        # Linear growth means the 50→200 slope equals the 10→50 slope; 1.0 is perfectly linear.
        early_slope = (medians[50][0] - medians[10][0]) / 40
        figures.append(
            Figure(
                "build",
                "slope 50→200 versions, per version",
                "ms",
                [ours_slope],
                baseline=[bare_slope],
                baseline_name="bare mkdocs-material",
                note="from the medians above",
                extra={"slope_ratio_50_200_vs_10_50": ours_slope / early_slope if early_slope else None},
            )
        )
    return figures
