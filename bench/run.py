#!/usr/bin/env python3
"""Run every benchmark, print one table, write bench/results.json and refresh bench/README.md.

    python bench/run.py [--repeat N] [--only GROUP ...]

Every figure is the median of at least 5 runs; figures with a baseline were
measured side by side with it in this same run and are judged as ratios.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT))

from bench.figures import Figure, table  # noqa: E402

# Group name → module in bench/; run in this order (cheap and CPU-bound first, browser last).
GROUPS = {
    "generator": "bench.generator_bench",
    "upgrade": "bench.upgrade_bench",
    "helm": "bench.helm_bench",
    "topology": "bench.topology_bench",
    "build": "bench.build_bench",
    "upstream": "bench.upstream_bench",
    "incremental": "bench.incremental_bench",
    "editor": "bench.editor_bench",
    "http": "bench.http_bench",
}
README_MARKER = "<!-- results: written by `python bench/run.py`, do not edit by hand -->"


def commit() -> str:
    """Return the checked-out commit (and whether the tree has changes)."""
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+changes" if dirty else "")


def run_groups(names: list[str], repeat: int) -> list[Figure]:
    """Run the chosen groups and collect their figures, reporting progress on stderr."""
    figures: list[Figure] = []
    for name in names:
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        module = importlib.import_module(GROUPS[name])
        figures.extend(module.run(repeat))
    return figures


def write_results(figures: list[Figure], repeat: int) -> dict:
    """Write bench/results.json and return its content."""
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "commit": commit(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "repeat": repeat,
        "figures": [f.to_dict() for f in figures],
    }
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return results


def write_readme(text: str, results: dict) -> None:
    """Replace the results section of bench/README.md with this run's table."""
    readme = BENCH_DIR / "README.md"
    head = readme.read_text(encoding="utf-8").split(README_MARKER)[0] if readme.exists() else "# Benchmarks\n\n"
    stamp = f"Run on {results['date']}, commit `{results['commit'][:12]}`, {results['cpus']} CPUs, {results['repeat']} runs per figure.\n\n"
    readme.write_text(head + README_MARKER + "\n\n" + stamp + text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and report them."""
    parser = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (at least 5)")
    parser.add_argument("--only", nargs="+", choices=sorted(GROUPS), help="run only these groups")
    args = parser.parse_args(argv)
    if args.repeat < 5:
        parser.error("--repeat must be at least 5: every figure is a median of at least 5 runs")
    names = [name for name in GROUPS if not args.only or name in args.only]
    figures = run_groups(names, args.repeat)
    text = table(figures)
    print(text)
    results = write_results(figures, args.repeat)
    if not args.only:
        write_readme(text, results)
    misses = [f"{f.group}: {f.name}" for f in figures if f.met is False]
    if misses:
        print(f"\n{len(misses)} target(s) missed: " + "; ".join(misses), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
