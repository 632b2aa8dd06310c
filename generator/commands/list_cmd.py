"""``python -m generator list``: print every Cluster Stack version, released or not."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.stacks import load_stack_versions
from generator.commands import add_history_argument

HELP = "List every Cluster Stack version: released ones from the ledgers and the unreleased working state."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --stacks and --json."""
    parser.add_argument("--stacks", default="stacks", help="the stacks folder (default: stacks)")
    add_history_argument(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")


def run(args: argparse.Namespace) -> int:
    """Print the versions as a table or JSON."""
    rows = [
        {
            "provider": v.provider,
            "stack": v.stack,
            "kubernetesVersion": v.kubernetes_version,
            "version": v.version,
            "className": v.class_name,
            "released": v.released,
        }
        for v in load_stack_versions(Path(args.stacks), history=args.history)
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    header = ("PROVIDER", "STACK", "KUBERNETES", "VERSION", "CLASS NAME", "RELEASED")
    table = [header] + [
        (r["provider"], r["stack"], r["kubernetesVersion"], r["version"], r["className"], r["released"] or "unreleased")
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0
