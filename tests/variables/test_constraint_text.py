"""A schema's constraints in words: the docs' phrases and the editor's help line, from form_schema's description."""

from __future__ import annotations

import pytest

from generator.variables.constraint_text import constraint_phrases, help_text, show

PHRASES = [
    ("bounds read as ≥ and ≤", {"minimum": 20, "maximum": 500}, ["≥ 20", "≤ 500"]),
    ("an exclusive bound given as a flag", {"minimum": 0, "exclusiveMinimum": True}, ["> 0"]),
    ("an exclusive bound given as a number", {"exclusiveMaximum": 10}, ["< 10"]),
    ("an enum lists its values", {"enum": ["a", 1]}, ["one of a, 1"]),
    ("lengths, items and uniqueness", {"minLength": 1, "maxItems": 3, "listType": "set"}, ["at least 1 characters", "at most 3 items", "unique items"]),
    ("a pattern and a rule with its message", {"pattern": "^a$", "validations": [{"rule": "self > 1", "message": "too small"}]}, ["matches ^a$", "rule self > 1: too small"]),
]


@pytest.mark.parametrize(("schema", "want"), [(s, w) for _, s, w in PHRASES], ids=[n for n, _, _ in PHRASES])
def test_constraint_phrases(schema, want):
    assert constraint_phrases(schema) == want


def test_the_docs_escape_values_and_messages_their_way():
    phrases = constraint_phrases({"enum": ["<b>"], "validations": [{"rule": "x", "message": "m"}]}, code=lambda v: f"`{v}`", text=str.upper)
    assert phrases == ["one of `<b>`", "rule `x`: M"]


HELP = [
    ("description, default and bounds", {"description": "How many workers to expect.", "default": 3, "minimum": 1, "maximum": 10}, "How many workers to expect. Default: 3. (minimum 1; maximum 10)"),
    ("lengths, pattern, format and example", {"minLength": 1, "maxLength": 8, "pattern": "^[a-z]+$", "format": "hostname", "example": "abc"}, "(at least 1 characters; at most 8 characters; pattern ^[a-z]+$; format hostname; example abc)"),
    ("a structured default as compact JSON", {"default": {"a": [1, 2]}}, 'Default: {"a":[1,2]}.'),
    ("a null default and an integral float bound", {"default": None, "minimum": 20.0}, "Default: null. (minimum 20)"),
    ("nothing to say", {"type": "string"}, ""),
]


@pytest.mark.parametrize(("schema", "want"), [(s, w) for _, s, w in HELP], ids=[n for n, _, _ in HELP])
def test_help_text(schema, want):
    assert help_text(schema) == want


def test_show_prints_like_the_browser():
    assert [show("a"), show(1.5), show(2.0), show(True), show(None)] == ["a", "1.5", "2", "true", "null"]
