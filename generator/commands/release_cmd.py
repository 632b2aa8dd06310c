"""``python -m generator release``: record every changed working state in the stacks' ledgers."""

from __future__ import annotations

import argparse
import datetime
import re
from pathlib import Path

from generator.stacks.catalog import plan_release
from generator.stacks.files import read_stacks
from generator.stacks.loader import load_tagged
from generator.commands import add_history_argument

HELP = "Release every stack version whose content changed: bump vN and record it in releases.yaml."


def _date(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-10-06")
    datetime.date.fromisoformat(text)
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare --stacks, --history, --date and --backfill-topology."""
    parser.add_argument("--stacks", default="stacks", help="the stacks folder (default: stacks)")
    add_history_argument(parser)
    parser.add_argument("--date", type=_date, default=None, help="release date, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--backfill-topology",
        action="store_true",
        help="release nothing; add the topology inputs to ledger entries that lack them, rendered from the git commit whose source has their content hash",
    )


def run(args: argparse.Namespace) -> int:
    """Write the updated ledgers and say what was released (or, with --backfill-topology, what was completed)."""
    if args.backfill_topology:
        from generator.commands.release_backfill import run_backfill  # reads git: only loaded when asked for

        return run_backfill(args.stacks)
    date = args.date or datetime.date.today().isoformat()
    tagged = load_tagged(Path(args.stacks)) if args.history else None
    ledgers = plan_release(read_stacks(Path(args.stacks)), args.stacks, date, tagged)
    for path, text in sorted(ledgers.items()):
        Path(args.stacks, path).write_text(text, encoding="utf-8", newline="\n")
        print(f"updated {Path(args.stacks, path)}")
    if not ledgers:
        print("nothing to release: every stack version is unchanged")
    return 0
