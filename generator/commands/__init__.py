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
