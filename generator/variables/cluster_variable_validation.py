"""Validate a Cluster's ``spec.topology.variables`` against its ClusterClass, as Cluster API's webhook does."""

from __future__ import annotations

import logging
from typing import Any

from generator.openapi.errors import FieldError, child, index, internal, invalid, key, required
from generator.openapi.validation import unknown_field_paths, validate
from generator.variables.definitions import index_definitions, is_required, variable_schema

logger = logging.getLogger(__name__)


def validate_cluster_variables(
    definitions: list[dict[str, Any]],
    values: list[dict[str, Any]],
    path: str = "spec.topology.variables",
) -> list[FieldError]:
    """Validate every value against its definition; return all errors and CEL warnings in a fixed order.

    Order: malformed and duplicate entries and undefined variables (in value order), missing
    required variables (in definition order), then each value's schema errors (in value order).
    """
    errors: list[FieldError] = []
    by_name = index_definitions(definitions)
    seen: set[str] = set()
    checked: list[tuple[str, dict[str, Any], Any]] = []
    for i, entry in enumerate(values or ()):
        if not isinstance(entry, dict):
            errors.append(invalid(index(path, i), entry, "must be an object with name and value"))
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            errors.append(required(child(index(path, i), "name"), "variable name must be set"))
            continue
        if name in seen:
            errors.append(FieldError("Duplicate value", key(path, name), "variable is set more than once", name))
            continue
        seen.add(name)
        definition = by_name.get(name)
        if definition is None:
            errors.append(
                FieldError("Not found", key(path, name), f'no definitions found for variable "{name}"', name)
            )
            continue
        checked.append((name, definition, entry.get("value")))
    for name, definition in by_name.items():
        if is_required(definition) and name not in seen:
            errors.append(required(key(path, name), f'required variable with name "{name}" must be defined'))
    for name, definition, value in checked:
        errors.extend(validate_cluster_variable(name, value, definition, key(path, name)))
    return errors


def validate_cluster_variable(name: str, value: Any, definition: dict[str, Any], path: str) -> list[FieldError]:
    """Validate one variable's value at PATH (``…variables[name]``): schema, then unknown fields, then CEL."""
    schema = variable_schema(definition)
    value_path = child(path, "value")
    if not schema:
        return [internal(path, f'variable "{name}" has no schema; ClusterClass should be checked')]
    # Cluster API stops after schema errors: unknown fields and CEL are only checked on a well-formed value.
    errors = validate(value, schema, value_path, unknown_fields=False, run_cel=False)
    if errors:
        return errors
    unknown = unknown_field_paths({name: value}, {"type": "object", "properties": {name: schema}})
    if unknown:
        fields = ",".join(unknown)
        return [
            invalid(
                value_path,
                value,
                f'failed validation: "{fields}" fields are not specified in the variable schema of variable "{name}"',
            )
        ]
    if _has_rules(schema):
        return validate(value, schema, value_path, unknown_fields=False, run_cel=True)
    return []


def _has_rules(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if "x-kubernetes-validations" in schema:
        return True
    nested: list[Any] = list((schema.get("properties") or {}).values())
    nested += [schema.get("items"), schema.get("additionalProperties"), schema.get("not")]
    for junctor in ("allOf", "anyOf", "oneOf"):
        nested += schema.get(junctor) or []
    return any(_has_rules(sub) for sub in nested)
