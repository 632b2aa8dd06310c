"""Evaluate x-kubernetes-validations CEL rules (placeholder until the evaluator lands)."""

from __future__ import annotations

from typing import Any

from generator.openapi.errors import FieldError, warning


def check_rules(value: Any, schema: dict[str, Any], path: str) -> list[FieldError]:
    """Check the node's CEL rules; report each one that could not be evaluated as a warning."""
    return [warning(path, f"rule was not checked: {r.get('rule')}") for r in schema.get("x-kubernetes-validations") or ()]
