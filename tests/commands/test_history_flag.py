"""DESIGN.md's contract: every ``python -m generator`` command that takes --stacks also takes --history."""

from __future__ import annotations

import argparse

from generator.cli import build_parser


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_command_with_stacks_takes_history():
    commands = _subcommands(build_parser())
    with_stacks = {name for name, sub in commands.items() if any("--stacks" in a.option_strings for a in sub._actions)}
    assert {"list", "expand", "release", "cluster", "clusterstack", "validate"} <= with_stacks
    missing = [name for name in sorted(with_stacks) if not any("--history" in a.option_strings for a in commands[name]._actions)]
    assert missing == []
