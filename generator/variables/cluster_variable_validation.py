"""Validate a Cluster's ``spec.topology.variables`` against its ClusterClass, as Cluster API's webhook does.

The order and wording follow Cluster API's ``internal/topology/variables``: the values are
indexed first (a value set twice or with ``definitionFrom`` stops there), then the
definitions (a variable without definitions, or with conflicting ones, stops there), then
required variables, then each value against its schema. Like Cluster API, every error about
a value carries the value's JSON text as its bad value (``Invalid value: "99"``).
"""

from __future__ import annotations

import logging
from typing import Any

from generator.openapi.errors import (
    FieldError,
    child,
    go_json,
    go_quote,
    index,
    internal,
    invalid,
    key,
    required,
    type_invalid,
)
from generator.openapi.validation import validate_parts
from generator.variables.definitions import definition_list, index_definitions, is_required, variable_schema

logger = logging.getLogger(__name__)


def validate_cluster_variables(
    definitions: list[dict[str, Any]],
    values: list[dict[str, Any]],
    path: str = "spec.topology.variables",
    *,
    validate_required: bool = True,
    old_values: list[dict[str, Any]] | None = None,
) -> list[FieldError]:
    """Validate every value against its definition; return all errors and CEL warnings in Cluster API's order.

    ``validate_required`` is false for machine deployment and control plane overrides, which
    need not repeat required variables. ``old_values`` are the stored values, for CEL
    transition rules (``oldSelf``).
    """
    entries, errors = index_values(values, path)
    if errors:
        return errors
    old_entries, _ = index_values(old_values or [], path)
    old_by_name = {entry["name"]: entry for entry in old_entries}
    errors = check_definitions(definitions, path)
    if errors:
        return errors
    by_name = index_definitions(definitions)
    names = {entry["name"] for entry in entries}
    if validate_required:
        for name, definition in by_name.items():
            if is_required(definition) and name not in names:
                errors.append(required(path, f"required variable {_q(name)} must be set"))
    for entry in entries:
        name = entry["name"]
        definition = by_name.get(name)
        if definition is None:
            errors.append(undefined_variable(path, entry))
            continue
        old = old_by_name.get(name)
        errors.extend(
            validate_cluster_variable(
                name,
                entry.get("value"),
                definition,
                key(path, name),
                old_value=old.get("value") if old else None,
                has_old=old is not None,
            )
        )
    return errors


def index_values(values: list[dict[str, Any]], path: str) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Return the well-formed entries and Cluster API's newValuesIndex errors (definitionFrom set, a name twice)."""
    errors: list[FieldError] = []
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, entry in enumerate(values or ()):
        if not isinstance(entry, dict):
            errors.append(invalid(index(path, i), entry, "must be an object with name and value"))
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            errors.append(required(child(index(path, i), "name"), "variable name must be set"))
            continue
        if entry.get("definitionFrom"):
            errors.append(
                invalid(
                    key(path, name),
                    raw_value(entry),
                    f"variable {_q(name)} has DefinitionFrom set. DefinitionFrom is deprecated, "
                    "must not be set anymore and is going to be removed in the next apiVersion",
                )
            )
        if name in seen:
            errors.append(invalid(key(path, name), raw_value(entry), f"variable {_q(name)} is set more than once"))
        seen.add(name)
        entries.append(entry)
    return entries, errors


def undefined_variable(path: str, entry: dict[str, Any]) -> FieldError:
    """Return Cluster API's error for a value whose variable the class does not define (validation and defaulting alike)."""
    return invalid(key(path, entry["name"]), raw_value(entry), "variable is not defined")


def check_definitions(definitions: list[dict[str, Any]], path: str) -> list[FieldError]:
    """Return Cluster API's newDefinitionsIndex error: a status variable without definitions, or with conflicting ones."""
    problems = []
    for definition in definitions or ():
        name = definition.get("name")
        if not definition_list(definition):
            problems.append(f"variable {_q(name)} has no definitions")
        if definition.get("definitionsConflict") is True:
            problems.append(f"variable {_q(name)} has conflicting definitions")
    if not problems:
        return []
    listed = "[" + ",".join(f"Name: {d.get('name')}" for d in definitions) + "]"
    # kerrors.NewAggregate prints one error bare and several as a bracketed list.
    aggregate = problems[0] if len(problems) == 1 else "[" + ", ".join(problems) + "]"
    return [type_invalid(path, listed, f"variable definitions in the ClusterClass not valid: {aggregate}")]


def validate_cluster_variable(
    name: str,
    value: Any,
    definition: dict[str, Any],
    path: str,
    *,
    old_value: Any = None,
    has_old: bool = False,
    raw: str | None = None,
) -> list[FieldError]:
    """Validate one variable's value at PATH (``…variables[name]``): schema, then unknown fields, then CEL.

    RAW is the value's JSON text as the API server received it, when the caller has it:
    Cluster API prints those bytes, spacing included, as the bad value of every error.
    Without it (a value decoded from YAML) the value is printed as Go's encoding/json would.
    """
    schema = variable_schema(definition)
    value_path = child(path, "value")
    if not schema:
        return [internal(path, f"variable {_q(name)} has no schema; ClusterClass should be checked")]
    # One walk, three verdicts; Cluster API stops after schema errors, then after unknown fields, then runs CEL.
    errors, unknown, rules = validate_parts(
        value, schema, value_path, run_cel=True, old=old_value, has_old=has_old, body_names=True
    )
    if not (errors or unknown or rules):
        return []  # the common case, on every keystroke: no error, so no bad value to print
    raw = raw if raw is not None else go_json(value, sort_keys=False)
    if errors:
        return [_with_raw(e, raw) for e in errors]
    if unknown:
        # Name the pruned fields as Cluster API does: pruning sees {"variableValue": value} and only
        # "variableValue." is trimmed, so a field under a top-level list keeps "variableValue[i]".
        fields = ",".join(_pruned_name(e.field[len(value_path) :]) for e in unknown)
        return [
            invalid(
                path,
                raw,
                f"failed validation: {_q(fields)} field(s) are not specified in the variable schema of variable {_q(name)}",
            )
        ]
    return [_with_raw(e, raw) for e in rules]


def _pruned_name(relative: str) -> str:
    return relative[1:] if relative.startswith(".") else "variableValue" + relative


def _with_raw(error: FieldError, raw: str) -> FieldError:
    # Cluster API replaces every schema and CEL error's bad value with the variable's JSON text.
    if error.severity != "error" or error.type is None:
        return error
    return FieldError(error.type, error.field, error.detail, raw, error.severity, error.line)


def raw_value(entry: dict[str, Any]) -> str:
    """Return a value's JSON text, which Cluster API prints as the bad value of every error about it."""
    return go_json(entry.get("value"), sort_keys=False)


def _q(text: Any) -> str:
    # Go's %q of a name, as in Cluster API's messages.
    return go_quote(str(text))
