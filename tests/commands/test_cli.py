"""``python -m generator``: every command in the table is listed, even one whose module breaks on import."""

from __future__ import annotations

import json
import re

import pytest

from generator import cli
from tests.commands.stacks_support import released_ledger, run_generator, tiny_stack, write_stack

BROKEN_MODULES = [
    ("lists a command whose module imports a missing module", "import generator_no_such_module\n", "ModuleNotFoundError: No module named 'generator_no_such_module'"),
    ("lists a command whose module fails while it runs", "HELP = 'x'\nraise RuntimeError('the table of stages is empty')\n", "RuntimeError: the table of stages is empty"),
    ("lists a command whose module does not parse", "def broken(:\n", "SyntaxError: "),
]


def test_help_lists_every_command_of_the_table(tmp_path):
    result = run_generator("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert listed_commands(result.stdout) == list(cli.COMMANDS)
    assert "cannot be loaded" not in result.stdout


def listed_commands(help_text: str) -> list[str]:
    """Return the command names ``--help`` lists, in its order (each starts a line indented by four)."""
    return re.findall(r"^    (\S+)", help_text, re.MULTILINE)


def help_of(help_text: str, name: str) -> str:
    """Return the help ``--help`` prints for one command, on one line."""
    match = re.search(rf"^    {re.escape(name)}\s+(.*?)(?=^    \S|^\S|\Z)", help_text, re.MULTILINE | re.DOTALL)
    assert match, help_text
    return " ".join(match.group(1).split())


@pytest.fixture
def commands_with(tmp_path, monkeypatch):
    """Return a command table with the real ``list`` command and a module written from the given source."""

    def table(source: str) -> dict[str, str]:
        name = f"broken_cmd_{abs(hash(source))}"
        (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        return {"list": "generator.commands.list_cmd", "broken": name, "validate": "generator.commands.validate_cmd"}

    return table


@pytest.mark.parametrize(("source", "reason"), [(s, r) for _, s, r in BROKEN_MODULES], ids=[n for n, _, _ in BROKEN_MODULES])
def test_a_broken_command_is_listed_with_its_import_error(commands_with, capsys, source, reason):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"], commands=commands_with(source))
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert listed_commands(out) == ["list", "broken", "validate"]
    assert help_of(out, "broken").startswith("(cannot be loaded: " + reason)
    assert help_of(out, "list").startswith("List every Cluster Stack version")


@pytest.mark.parametrize(("source", "reason"), [(s, r) for _, s, r in BROKEN_MODULES], ids=[n for n, _, _ in BROKEN_MODULES])
def test_running_a_broken_command_reports_its_import_error(commands_with, capsys, source, reason):
    code = cli.main(["broken", "--stacks", "stacks", "file.yaml"], commands=commands_with(source))
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m generator broken: the command cannot be loaded: " + reason)


def test_the_other_commands_still_run_beside_a_broken_one(commands_with, capsys, tmp_path):
    table = commands_with("import generator_no_such_module\n")
    files = tiny_stack()
    files["releases.yaml"] = released_ledger(files, ("1.32",))
    write_stack(tmp_path / "stacks", files)
    code = cli.main(["list", "--stacks", str(tmp_path / "stacks"), "--json"], commands=table)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert [row["className"] for row in json.loads(captured.out)] == ["docker-tiny-1-32-v1", "docker-tiny-1-33-v1"]
