"""``python -m generator expand``: write one ready-to-package folder per Cluster Stack version."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from generator.stacks.catalog import expand_stacks
from generator.stacks.files import read_stacks
from generator.stacks.loader import load_tagged
from generator.commands import add_history_argument

HELP = "Write one folder per Kubernetes version of every stack, named by class name, ready for csctl or helm package."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --out and --stacks."""
    parser.add_argument("--out", required=True, help="folder to write the versions into (replaced)")
    parser.add_argument("--stacks", default="stacks", help="the stacks folder (default: stacks)")
    add_history_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Expand every stack, then replace --out with the result in one step."""
    # Everything is computed before anything is written: bad input leaves --out untouched.
    tagged = load_tagged(Path(args.stacks)) if args.history else None
    versions = expand_stacks(read_stacks(Path(args.stacks)), args.stacks, tagged)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    for name, files in versions.items():
        for path, text in files.items():
            target = staging / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
    if out.exists():
        shutil.rmtree(out)
    os.replace(staging, out)
    print(f"wrote {len(versions)} stack versions to {out}")
    return 0
