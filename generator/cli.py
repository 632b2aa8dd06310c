"""The command-line adapter: one sub-command per module, named in one table.

Each command module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. Problems in user input are printed one per line and give
exit code 1; there is never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Mapping

from generator.errors import InputError

# Every command, in the order --help lists them: adding one is adding its line here.
COMMANDS: dict[str, str] = {
    "list": "generator.commands.list_cmd",
    "expand": "generator.commands.expand_cmd",
    "release": "generator.commands.release_cmd",
    "cluster": "generator.commands.cluster_cmd",
    "clusterstack": "generator.commands.clusterstack_cmd",
    "validate": "generator.commands.validate_cmd",
    "topology": "generator.commands.topology_cmd",
    "compare": "generator.commands.compare_cmd",
    "upgrade": "generator.commands.upgrade_cmd",
}


def build_parser(commands: Mapping[str, str] = COMMANDS) -> argparse.ArgumentParser:
    """Create the parser with every command; one whose module fails to import is listed as broken, not left out."""
    parser = argparse.ArgumentParser(prog="python -m generator", description="Cluster Stacks generator")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in commands.items():
        try:
            module = importlib.import_module(module_name)
        except Exception as error:  # noqa: BLE001 - any import failure: the other commands must keep working
            _add_broken(sub, name, f"{type(error).__name__}: {error}")
            continue
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def _add_broken(sub: argparse._SubParsersAction, name: str, reason: str) -> None:
    """Register a command whose module does not import: it takes any arguments and, when run, says why it cannot."""
    help_text = f"(cannot be loaded: {reason})"
    command = sub.add_parser(name, help=help_text, description=help_text)

    def run(_args: argparse.Namespace) -> int:
        print(f"python -m generator {name}: the command cannot be loaded: {reason}", file=sys.stderr)
        return 1

    command.set_defaults(run=run, broken=True)


def main(argv: list[str] | None = None, commands: Mapping[str, str] = COMMANDS) -> int:
    """Run one sub-command and return its exit code."""
    parser = build_parser(commands)
    args, unknown = parser.parse_known_args(argv)
    if unknown and not getattr(args, "broken", False):  # what parse_args does; a broken command takes anything
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return int(args.run(args))
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
