"""The command-line adapter: one sub-command per module in ``generator.commands``.

Each command module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. Problems in user input are printed one per line and give
exit code 1; there is never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from generator.errors import InputError

COMMANDS = ("list", "expand", "release", "cluster", "clusterstack", "validate", "topology", "compare", "upgrade")


def build_parser() -> argparse.ArgumentParser:
    """Create the parser with every available sub-command."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="Cluster Stacks generator")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"generator.commands.{name}_cmd")
        except ModuleNotFoundError:
            continue
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one sub-command and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
