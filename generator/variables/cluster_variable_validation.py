"""Validate a Cluster's ``spec.topology.variables`` against its ClusterClass, as Cluster API's webhook does."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from generator.openapi.errors import FieldError, child, index, internal, invalid, key, required
from generator.openapi.validation import validate_parts
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
    # One walk, three verdicts; Cluster API stops after schema errors, then after unknown fields, then runs CEL.
    errors, unknown, rules = validate_parts(value, schema, value_path, run_cel=True)
    if errors:
        # The schema validator names only the type of a value of the wrong type; Cluster API puts the
        # variable's value back into the error, so the message shows what the user wrote.
        return [replace(e, value=value) if e.field == value_path and e.message.startswith("must be of type") else e for e in errors]
    if unknown:
        # Name the pruned fields as Cluster API does: relative to the variable, prefixed with its name.
        fields = ",".join(name + e.field[len(value_path) :] for e in unknown)
        return [
            invalid(
                value_path,
                value,
                f'failed validation: "{fields}" fields are not specified in the variable schema of variable "{name}"',
            )
        ]
    return rules
