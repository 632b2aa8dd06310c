"""Helpers for the tables ported from Cluster API's tests: their variables are raw JSON, as in Go."""

from __future__ import annotations

import json
from typing import Any


def raw(text: str) -> Any:
    """Read an ``apiextensionsv1.JSON{Raw: ...}``: empty bytes marshal as null in Go."""
    return json.loads(text) if text.strip() else None


def raw_map(variables: dict[str, str] | None) -> dict[str, Any]:
    """Read a ``map[string]apiextensionsv1.JSON`` written as name -> raw JSON text."""
    return {name: raw(text) for name, text in (variables or {}).items()}
