"""Apply schema defaults the way Kubernetes' structural defaulting does."""

from __future__ import annotations

from typing import Any

from generator.jsonvalue import clone


def apply_defaults(value: Any, schema: dict[str, Any]) -> Any:
    """Return a copy of VALUE with defaults filled in for missing (or null, non-nullable) fields at every level."""
    return _default(clone(value), schema or {})


def _default(value: Any, schema: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        for name, sub in properties.items():
            if "default" not in sub:
                continue
            # Kubernetes drops null for non-nullable fields before defaulting, so null gets the default too.
            if name not in value or (value[name] is None and sub.get("nullable") is not True):
                value[name] = clone(sub["default"])
        additional = schema.get("additionalProperties")
        for name in list(value):
            sub = properties.get(name)
            if sub is None and isinstance(additional, dict):
                sub = additional
            if sub is not None:
                value[name] = _default(value[name], sub)
    elif isinstance(value, list):
        items = schema.get("items")
        if isinstance(items, dict):
            for i, item in enumerate(value):
                if item is None and "default" in items and items.get("nullable") is not True:
                    value[i] = clone(items["default"])
                value[i] = _default(value[i], items)
    return value
