"""Sub-commands of ``python -m generator``; each module is ``<name>_cmd.py``."""

from __future__ import annotations

import argparse


def add_history_argument(parser: argparse.ArgumentParser) -> None:
    """Declare ``--history``: every command that takes ``--stacks`` takes it (a DESIGN.md contract)."""
    parser.add_argument(
        "--history",
        action="store_true",
        help="also read the release tags (<provider>-<stack>-<major>-<minor>-v<N>) of the git repository the stacks folder lies in",
    )


def add_versions_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``--stacks`` as ``load_versions`` reads it (a folder or a JSON file of versions) and ``--history``."""
    parser.add_argument("--stacks", default="stacks", metavar="PATH", help="the stacks folder, or a JSON file of stack versions (default: stacks)")
    add_history_argument(parser)
