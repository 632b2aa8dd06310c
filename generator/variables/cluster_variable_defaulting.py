"""Default a Cluster's ``spec.topology.variables`` from its ClusterClass, as Cluster API does."""

from __future__ import annotations

import copy
import logging
from typing import Any

from generator.openapi.defaulting import apply_defaults
from generator.variables.definitions import index_definitions, variable_schema

logger = logging.getLogger(__name__)


def default_cluster_variables(definitions: list[dict[str, Any]], values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return new values: the given ones (nested defaults filled in), then unset variables with a top-level default.

    A value the user set is never overwritten; variables without a top-level default stay unset,
    exactly as structural defaulting of ``{name: value}`` under ``{properties: {name: schema}}`` behaves.
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
            result.append({"name": name, "value": apply_defaults(schema["default"], schema)})
    return result


def _default_value(name: str, value: Any, schema: dict[str, Any]) -> Any:
    # Wrapping keeps the top-level rule exact: a null value of a non-nullable variable gets the default, like Kubernetes.
    wrapped = apply_defaults({name: value}, {"type": "object", "properties": {name: schema}})
    return wrapped[name]
