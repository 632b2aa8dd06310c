"""Load the ported Cluster API tables and compare errors the way its ``checkErrors`` does.

A Go ``validationMatch`` holds a field.ErrorType, a field path and a text the error's
``Error()`` must contain; ``checkErrors`` wants as many errors as matches, in order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.openapi.errors import FieldError

HERE = Path(__file__).parent
LINES = ("v1beta1", "v1beta2")


def load(line: str, file: str) -> dict[str, list[dict[str, Any]]]:
    """Return the tables of one ported file: test function name -> cases."""
    return json.loads((HERE / line / f"{file}.json").read_text(encoding="utf-8"))["tests"]


def cases(file: str, test: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Return (line, case name, case) for one Go test function on every release line."""
    found = []
    for line in LINES:
        for case in load(line, file).get(test, []):
            found.append((line, case["name"], case))
    return found


def ids(entries: list[tuple[str, str, dict[str, Any]]]) -> list[str]:
    """Name each parametrised case ``line: Go case name`` (what the known-miss list uses)."""
    return [f"{line}: {name}" for line, name, _ in entries]


def raw_value(value: Any) -> tuple[bool, Any]:
    """Decode a ported ``{"raw": text}`` variable value; (False, text) when it is not JSON (no YAML holds it)."""
    raw = value.get("raw") if isinstance(value, dict) else None
    if raw is None:
        return True, None
    try:
        return True, json.loads(raw)
    except ValueError:
        return False, raw


def variable(entry: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    """Turn a ported ClusterVariable into our plain one (value decoded); False when its JSON cannot be decoded."""
    ok, value = raw_value(entry.get("value"))
    decoded = {k: v for k, v in entry.items() if k != "value"}
    decoded["value"] = value
    return ok, decoded


def expressible(data: Any) -> bool:
    """Say whether a case's inputs can be written as YAML at all (no invalid JSON in defaults or enums)."""
    if isinstance(data, dict):
        return "$invalidJSON" not in data and all(expressible(v) for v in data.values())
    if isinstance(data, list):
        return all(expressible(v) for v in data)
    return True


def check_errors(want: list[dict[str, str]] | None, got: list[FieldError]) -> None:
    """Assert GOT matches WANT as Cluster API's checkErrors does: same count, then type, field and contained text."""
    want = want or []
    got_errors = [e for e in got if e.severity == "error"]
    shown = "\nwant:\n" + "\n".join(f"  {w['type']} {w['field']}: ...{w['contains']}..." for w in want)
    shown += "\ngot:\n" + "\n".join(f"  {e.type} {e}" for e in got_errors)
    assert len(got_errors) == len(want), shown
    for w, e in zip(want, got_errors):
        assert e.type == w["type"] and e.field == w["field"] and w["contains"] in str(e), shown
