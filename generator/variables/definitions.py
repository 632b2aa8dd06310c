"""Read ClusterClass variable definitions (v1beta1 and v1beta2 shapes) into name, required flag and schema."""

from __future__ import annotations

from typing import Any


def variable_schema(definition: dict[str, Any]) -> dict[str, Any]:
    """Return the openAPIV3Schema of one definition ({} when absent), accepting the status shape too."""
    if "schema" not in definition and definition.get("definitions"):
        # ClusterClass status.variables nest the definitions; the first one is the ClusterClass's own.
        definition = definition["definitions"][0]
    schema = (definition.get("schema") or {}).get("openAPIV3Schema")
    return schema if isinstance(schema, dict) else {}


def is_required(definition: dict[str, Any]) -> bool:
    """Tell whether the Cluster must set this variable."""
    if "required" not in definition and definition.get("definitions"):
        return bool(definition["definitions"][0].get("required"))
    return definition.get("required") is True


def definition_list(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a variable's definitions: a status variable's list, or the spec definition itself."""
    if "definitions" in definition and "schema" not in definition:
        found = definition.get("definitions")
        return [d for d in found if isinstance(d, dict)] if isinstance(found, list) else []
    return [definition]


def index_definitions(definitions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Map variable names to their definitions; the first definition of a name wins."""
    index: dict[str, dict[str, Any]] = {}
    for definition in definitions or ():
        name = definition.get("name")
        if isinstance(name, str) and name not in index:
            index[name] = definition
    return index
