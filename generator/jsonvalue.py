"""JSON-like values (dicts, lists and scalars, as YAML and JSON decode them): copying them (pure)."""

from __future__ import annotations

from typing import Any


def clone(value: Any) -> Any:
    """Copy JSON-like data several times faster than copy.deepcopy (on every keystroke: defaulting, patches).

    Only dicts and lists are copied; anything else (scalars, and immutable tuples) is shared.
    """
    if type(value) is dict:
        return {key: clone(item) for key, item in value.items()}
    if type(value) is list:
        return [clone(item) for item in value]
    return value
