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


def test_the_commands_that_read_a_versions_file_declare_stacks_alike():
    # cluster, clusterstack, validate, compare and upgrade read --stacks with load_versions, which
    # also takes a JSON file of versions: one declaration says so for all of them.
    commands = _subcommands(build_parser())
    declared = {
        name: [(a.metavar, a.default, a.help) for a in commands[name]._actions if "--stacks" in a.option_strings]
        for name in ("cluster", "clusterstack", "validate", "compare", "upgrade")
    }
    expected = [("PATH", "stacks", "the stacks folder, or a JSON file of stack versions (default: stacks)")]
    assert declared == dict.fromkeys(declared, expected)
