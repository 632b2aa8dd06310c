"""Describe ClusterClass variables as JSON-Schema-like data, so a form (or a docs table) can be generated."""

from __future__ import annotations

import copy
from typing import Any

from generator.variables.definitions import is_required, variable_schema

# Schema keywords copied as they are, in the order they appear in the description.
_PLAIN_KEYS = (
    "format",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "uniqueItems",
    "nullable",
)


def form_schema(definitions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one description per variable, in definition order: JSON-serialisable and deterministic."""
    described: list[dict[str, Any]] = []
    for definition in definitions or ():
        name = definition.get("name")
        if not isinstance(name, str):
            continue
        schema = variable_schema(definition)
        entry = {"name": name, **_describe(schema, name, is_required(definition))}
        metadata = definition.get("metadata") or definition.get("deprecatedV1Beta1Metadata") or {}
        if metadata.get("labels") or metadata.get("annotations"):
            entry["metadata"] = {k: dict(sorted(metadata[k].items())) for k in ("labels", "annotations") if metadata.get(k)}
        described.append(entry)
    return described


def _describe(schema: dict[str, Any], name: str, is_required_field: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    x_metadata = schema.get("x-metadata") or {}
    out["title"] = schema.get("title") or _humanise(name)
    if schema.get("description"):
        out["description"] = schema["description"]
    if schema.get("x-kubernetes-int-or-string"):
        out["type"] = "integer-or-string"
        out["intOrString"] = True
    elif schema.get("type"):
        out["type"] = schema["type"]
    out["required"] = is_required_field
    for field in ("default", "example"):
        if field in schema:
            out[field] = copy.deepcopy(schema[field])
    if "enum" in schema:
        out["enum"] = copy.deepcopy(schema["enum"])
    for field in _PLAIN_KEYS:
        if field in schema and schema[field] is not None:
            out[field] = schema[field]
    if schema.get("x-kubernetes-list-type"):
        out["listType"] = schema["x-kubernetes-list-type"]
        if schema.get("x-kubernetes-list-map-keys"):
            out["listMapKeys"] = list(schema["x-kubernetes-list-map-keys"])
    if schema.get("x-kubernetes-preserve-unknown-fields"):
        out["preserveUnknownFields"] = True
    properties = schema.get("properties")
    if isinstance(properties, dict) and properties:
        required_names = set(schema.get("required") or ())
        out["properties"] = [
            {"name": prop, **_describe(sub, prop, prop in required_names)}
            for prop, sub in properties.items()
            if isinstance(sub, dict)
        ]
    if isinstance(schema.get("items"), dict):
        out["items"] = _describe(schema["items"], "item", False)
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict):
        out["additionalProperties"] = _describe(additional, "value", False)
    elif isinstance(additional, bool):
        out["additionalProperties"] = additional
    rules = schema.get("x-kubernetes-validations")
    if rules:
        out["validations"] = [
            {k: rule[k] for k in ("rule", "message", "messageExpression", "fieldPath", "reason") if rule.get(k)}
            for rule in rules
            if isinstance(rule, dict)
        ]
    if x_metadata.get("labels") or x_metadata.get("annotations"):
        out["metadata"] = {k: dict(sorted(x_metadata[k].items())) for k in ("labels", "annotations") if x_metadata.get(k)}
    return out


def _humanise(name: str) -> str:
    # "worker_root_disk" / "workerRootDisk" -> "Worker root disk": a readable default label.
    words: list[str] = []
    current = ""
    for c in name.replace("-", "_"):
        if c == "_":
            if current:
                words.append(current)
            current = ""
        elif c.isupper() and current and not current[-1].isupper():
            words.append(current)
            current = c
        else:
            current += c
    if current:
        words.append(current)
    text = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return text[:1].upper() + text[1:]
