"""Default a Cluster's ``spec.topology.variables`` from its ClusterClass, as Cluster API does."""

from __future__ import annotations

import copy
import logging
from typing import Any

from generator.openapi.defaulting import apply_defaults
from generator.openapi.errors import FieldError
from generator.variables.cluster_variable_validation import check_definitions, index_values, undefined_variable
from generator.variables.definitions import definition_list, index_definitions, variable_schema

logger = logging.getLogger(__name__)


def default_cluster_variables(definitions: list[dict[str, Any]], values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return new values: the given ones (nested defaults filled in), then unset variables with a top-level default.

    A value the user set is never overwritten; variables without a top-level default stay unset,
    exactly as structural defaulting of ``{name: value}`` under ``{properties: {name: schema}}`` behaves.
    Unlike ``default_variables`` this never drops a value: entries it cannot default are kept as
    they are, so validation can report them where the user wrote them.
    """
    by_name = index_definitions(definitions)
    result: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in values or ():
        if not isinstance(entry, dict):
            result.append(copy.deepcopy(entry))
            continue
        item = copy.deepcopy(entry)
        name = entry.get("name")
        definition = by_name.get(name) if isinstance(name, str) else None
        if isinstance(name, str):
            seen.add(name)
        if definition is not None and "value" in entry:
            item["value"] = _default_value(name, entry["value"], variable_schema(definition))
        result.append(item)
    for name, definition in by_name.items():
        if name in seen:
            continue
        schema = variable_schema(definition)
        if "default" in schema:
            result.append({"name": name, "value": _default_value(name, None, schema)})
    return result


def default_variables(
    definitions: list[dict[str, Any]],
    values: list[dict[str, Any]],
    *,
    create: bool = True,
    path: str = "spec.topology.variables",
) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Default as Cluster API's webhook does, with its errors: (defaulted values, []) or ([], errors).

    ``create`` adds unset variables that have a top-level default (false for machine
    deployment and control plane overrides, which only default what they set).
    """
    entries, errors = index_values(values, path)
    if errors:
        return [], errors
    errors = check_definitions(definitions, path)
    if errors:
        return [], errors
    by_name = index_definitions(definitions)
    given = {entry["name"]: entry for entry in entries}
    everything = list(entries) + [{"name": name} for name in by_name if name not in given]
    defaulted: list[dict[str, Any]] = []
    for entry in everything:
        name = entry["name"]
        definition = by_name.get(name)
        if definition is None:
            errors.append(undefined_variable(path, entry))
            continue
        schema = variable_schema(definition_list(definition)[0])
        current = given.get(name)
        if current is None and (not create or "default" not in schema):
            continue
        value = current.get("value") if current is not None else None
        defaulted.append({"name": name, "value": _default_value(name, value, schema)})
    if errors:
        return [], errors
    return defaulted, []


def _default_value(name: str, value: Any, schema: dict[str, Any]) -> Any:
    # Wrapping keeps the top-level rule exact: a null value of a non-nullable variable gets the default, like Kubernetes.
    wrapped = apply_defaults({name: value}, {"type": "object", "properties": {name: schema}})
    return wrapped[name]
