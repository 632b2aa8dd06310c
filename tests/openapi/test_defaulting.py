"""Structural defaulting: missing fields get their default at every level; set values never change."""

from __future__ import annotations

from typing import Any

import pytest

from generator.openapi import apply_defaults

OBJ = {
    "type": "object",
    "properties": {
        "groupsClaim": {"type": "string", "default": "groups"},
        "issuerURL": {"type": "string"},
        "tls": {
            "type": "object",
            "default": {},
            "properties": {"verify": {"type": "boolean", "default": True}},
        },
    },
}

CASES: list[tuple[str, dict[str, Any], Any, Any]] = [
    ("fills a missing property with its default", OBJ, {"issuerURL": "https://a"},
     {"issuerURL": "https://a", "groupsClaim": "groups", "tls": {"verify": True}}),
    ("never overwrites a value the user set", OBJ, {"groupsClaim": "roles", "tls": {"verify": False}},
     {"groupsClaim": "roles", "tls": {"verify": False}}),
    ("defaults inside a defaulted object", OBJ, {}, {"groupsClaim": "groups", "tls": {"verify": True}}),
    ("replaces null with the default of a non-nullable field", OBJ, {"groupsClaim": None},
     {"groupsClaim": "groups", "tls": {"verify": True}}),
    ("keeps null for a nullable field", {"type": "object", "properties": {"a": {"type": "string", "nullable": True, "default": "x"}}},
     {"a": None}, {"a": None}),
    ("defaults fields inside every array item", {
        "type": "array",
        "items": {"type": "object", "properties": {"size": {"type": "integer", "default": 10}}},
    }, [{"size": 1}, {}], [{"size": 1}, {"size": 10}]),
    ("defaults fields inside additionalProperties values", {
        "type": "object",
        "additionalProperties": {"type": "object", "properties": {"on": {"type": "boolean", "default": False}}},
    }, {"a": {}, "b": {"on": True}}, {"a": {"on": False}, "b": {"on": True}}),
    ("leaves a scalar alone", {"type": "integer", "default": 3}, 5, 5),
    ("does not default a missing top-level value (the caller decides)", {"type": "integer", "default": 3}, None, None),
    ("leaves a value of the wrong type alone", OBJ, "text", "text"),
]


@pytest.mark.parametrize(("schema", "value", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_apply_defaults(schema: dict[str, Any], value: Any, want: Any) -> None:
    assert apply_defaults(value, schema) == want


def test_does_not_mutate_its_input_or_share_default_objects() -> None:
    value: dict[str, Any] = {}
    first = apply_defaults(value, OBJ)
    first["tls"]["verify"] = False
    second = apply_defaults(value, OBJ)
    assert value == {}
    assert second["tls"] == {"verify": True}
    assert OBJ["properties"]["tls"]["default"] == {}
