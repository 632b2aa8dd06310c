"""A variable schema's constraints as words, for the docs' variables reference and the editor's help lines.

Both read ``form_schema``'s description of a variable. The docs list every
constraint in a table cell (bounds as ≥/≤, enums, rules); the editor's help
line sits under an input that already offers an enum's choices and a
boolean's checkbox, so it names the bounds, lengths, pattern, format and
example in words. Values are shown by the caller's ``code`` (the docs escape
them as inline code) and untrusted text by its ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Show = Callable[[Any], str]


def show(value: Any) -> str:
    """Return a value as the editor prints it: strings as they are, everything else as compact JSON (``20``, not ``20.0``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _bound(schema: dict[str, Any], key: str, exclusive_key: str, inclusive: str, exclusive: str, code: Show) -> str | None:
    value = schema.get(key)
    strict = schema.get(exclusive_key)
    if isinstance(strict, (int, float)) and not isinstance(strict, bool):
        return f"{exclusive} {code(strict)}"  # JSON Schema style: the bound itself
    if value is None:
        return None
    return f"{exclusive if strict is True else inclusive} {code(value)}"


def constraint_phrases(schema: dict[str, Any], code: Show = show, text: Callable[[str], str] = str) -> list[str]:
    """Return the schema's constraints as short phrases for the docs, in a fixed order."""
    found: list[str] = []
    if "enum" in schema:
        found.append("one of " + ", ".join(code(v) for v in schema["enum"]))
    for phrase in (_bound(schema, "minimum", "exclusiveMinimum", "≥", ">", code), _bound(schema, "maximum", "exclusiveMaximum", "≤", "<", code)):
        if phrase:
            found.append(phrase)
    if "multipleOf" in schema:
        found.append(f"multiple of {code(schema['multipleOf'])}")
    for key, words in (("minLength", "at least {} characters"), ("maxLength", "at most {} characters"), ("minItems", "at least {} items"), ("maxItems", "at most {} items")):
        if key in schema:
            found.append(words.format(code(schema[key])))
    if schema.get("uniqueItems") or schema.get("listType") == "set":
        found.append("unique items")
    if "pattern" in schema:
        found.append(f"matches {code(schema['pattern'])}")
    for rule in schema.get("validations") or []:
        message = rule.get("message")
        found.append(f"rule {code(rule.get('rule', ''))}" + (f": {text(str(message))}" if message else ""))
    return found


def help_text(schema: dict[str, Any]) -> str:
    """Return the editor's help line for one input: the description, the default, then the limits in parentheses."""
    parts = []
    if schema.get("description"):
        parts.append(str(schema["description"]))
    if "default" in schema:
        parts.append(f"Default: {show(schema['default'])}.")
    limits = []
    for key, words in (("minimum", "minimum {}"), ("maximum", "maximum {}"), ("minLength", "at least {} characters"), ("maxLength", "at most {} characters"), ("pattern", "pattern {}"), ("format", "format {}"), ("example", "example {}")):
        if key in schema:
            limits.append(words.format(show(schema[key])))
    if limits:
        parts.append(f"({'; '.join(limits)})")
    return " ".join(parts)
