"""Validate a ClusterClass's inline variable definitions, as Cluster API's ClusterClass webhook does."""

from __future__ import annotations

import logging
from typing import Any

from generator.openapi.celparse import CelSyntaxError, parse
from generator.openapi.errors import (
    FieldError,
    child,
    forbidden,
    index,
    invalid,
    key,
    not_supported,
    required,
    warning,
)
from generator.openapi.patterns import pattern_error
from generator.openapi.validation import validate
from generator.variables.definitions import variable_schema
from generator.variables.metadata import validate_metadata

logger = logging.getLogger(__name__)

TYPES = ["array", "boolean", "integer", "number", "object", "string"]
RESERVED_NAME = "builtin"


def validate_clusterclass_variables(
    definitions: list[dict[str, Any]], path: str = "spec.variables", *, old: list[dict[str, Any]] | None = None
) -> list[FieldError]:
    """Check names are unique, then each variable (name, metadata, schema) as Cluster API's ClusterClass webhook does.

    OLD are the definitions stored before this change: a CEL rule they already had may keep
    using what a newer Kubernetes allows.
    """
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, definition in enumerate(definitions or ()):
        if not isinstance(definition, dict):
            errors.append(invalid(index(path, i), definition, "must be an object"))
            continue
        name = definition.get("name")
        if isinstance(name, str) and name in seen:
            errors.append(
                invalid(
                    child(key(path, name), "name"),
                    name,
                    f'variable name must be unique. Variable with name "{name}" is defined more than once',
                )
            )
        seen.add(name if isinstance(name, str) else "")
    for definition in definitions or ():
        if isinstance(definition, dict):
            name = definition.get("name")
            errors.extend(validate_clusterclass_variable(definition, key(path, name if isinstance(name, str) else "")))
    return errors


def validate_clusterclass_variable(definition: dict[str, Any], path: str) -> list[FieldError]:
    """Check one variable at PATH (``spec.variables[name]``): its name, its metadata, then its schema."""
    errors: list[FieldError] = []
    name = definition.get("name")
    name_path = child(path, "name")
    if not isinstance(name, str) or not name:
        errors.append(required(name_path, "variable name must be defined"))
        name = ""
    if name == RESERVED_NAME:
        errors.append(invalid(name_path, name, f'"{RESERVED_NAME}" is a reserved variable name'))
    if "." in name:
        errors.append(invalid(name_path, name, 'variable name cannot contain "."'))
    for field in ("metadata", "deprecatedV1Beta1Metadata"):
        if isinstance(definition.get(field), dict):
            errors.extend(validate_metadata(definition[field], child(path, field)))
    schema_path = child(child(path, "schema"), "openAPIV3Schema")
    schema = variable_schema(definition)
    if not schema:
        errors.append(required(schema_path, "a variable must have a schema"))
        return errors
    errors.extend(_x_metadata(schema, schema_path))
    errors.extend(validate_variable_schema(schema, schema_path))
    return errors


def _x_metadata(schema: dict[str, Any], path: str) -> list[FieldError]:
    # x-metadata may sit at every level; Cluster API checks its labels and annotations like an object's.
    errors: list[FieldError] = []
    if isinstance(schema.get("x-metadata"), dict):
        errors.extend(validate_metadata(schema["x-metadata"], child(path, "x-metadata")))
    if isinstance(schema.get("additionalProperties"), dict):
        errors.extend(_x_metadata(schema["additionalProperties"], child(path, "additionalProperties")))
    for name, sub in sorted((schema.get("properties") or {}).items()):
        if isinstance(sub, dict):
            errors.extend(_x_metadata(sub, key(child(path, "properties"), name)))
    if isinstance(schema.get("items"), dict):
        errors.extend(_x_metadata(schema["items"], child(path, "items")))
    return errors


def validate_variable_schema(schema: dict[str, Any], path: str) -> list[FieldError]:
    """Check one variable schema: structure at every level, then its defaults, examples and enums against it."""
    errors: list[FieldError] = []
    _structure(schema, path, errors, root=True)
    if errors:
        # Values cannot be checked meaningfully against a broken schema.
        return errors
    _values(schema, path, errors)
    return errors


def _structure(schema: dict[str, Any], path: str, errors: list[FieldError], root: bool = False, item: bool = False) -> None:
    typ = schema.get("type")
    int_or_string = schema.get("x-kubernetes-int-or-string") is True
    preserve = schema.get("x-kubernetes-preserve-unknown-fields")
    if preserve is not None and preserve is not True:
        errors.append(invalid(child(path, "x-kubernetes-preserve-unknown-fields"), preserve, "must be true or undefined"))
    if typ is None or typ == "":
        if not int_or_string and preserve is not True:
            # Cluster API checks the schema wrapped as a property of an object, so the root is an object field too.
            where = "for specified array items" if item else "for specified object fields"
            errors.append(required(child(path, "type"), f"must not be empty {where}"))
    elif typ not in TYPES:
        errors.append(not_supported(child(path, "type"), typ, TYPES))
    elif int_or_string:
        errors.append(invalid(child(path, "type"), typ, "must be empty if x-kubernetes-int-or-string is true"))
    pattern = schema.get("pattern")
    if pattern is not None:
        reason = pattern_error(pattern) if isinstance(pattern, str) else "must be a string"
        if reason:
            errors.append(
                invalid(child(path, "pattern"), pattern, f"must be a valid regular expression, but isn't: {reason}")
            )
    if typ == "array" and not isinstance(schema.get("items"), dict):
        errors.append(required(child(path, "items"), "must be specified"))
    if schema.get("properties") and "additionalProperties" in schema:
        errors.append(forbidden(path, "additionalProperties and properties are mutually exclusive"))
    for junctor in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(schema.get(junctor) or ()):
            if isinstance(sub, dict):
                _junctor_structure(sub, index(child(path, junctor), i), errors)
    if isinstance(schema.get("not"), dict):
        _junctor_structure(schema["not"], child(path, "not"), errors)
    list_type = schema.get("x-kubernetes-list-type")
    if list_type is not None:
        if list_type not in ("atomic", "set", "map"):
            errors.append(not_supported(child(path, "x-kubernetes-list-type"), list_type, ["atomic", "map", "set"]))
        elif typ != "array":
            errors.append(invalid(child(path, "x-kubernetes-list-type"), list_type, "must only be used if type is array"))
        elif list_type == "map" and not schema.get("x-kubernetes-list-map-keys"):
            errors.append(
                required(child(path, "x-kubernetes-list-map-keys"), "must not be empty if x-kubernetes-list-type is map")
            )
    _bounds(schema, path, errors)
    for i, rule in enumerate(schema.get("x-kubernetes-validations") or ()):
        rule_path = child(index(child(path, "x-kubernetes-validations"), i), "rule")
        text = rule.get("rule") if isinstance(rule, dict) else None
        if not isinstance(text, str) or not text.strip():
            errors.append(required(rule_path, "rule is not specified"))
            continue
        try:
            parse(text)
        except CelSyntaxError as exc:
            # Our parser reads a subset of CEL, so this is a warning: Cluster API may well accept the rule.
            errors.append(warning(rule_path, f"rule could not be parsed here ({exc}); it will not be checked"))
    for name, sub in (schema.get("properties") or {}).items():
        if isinstance(sub, dict):
            _structure(sub, key(child(path, "properties"), name), errors)
    if isinstance(schema.get("items"), dict):
        _structure(schema["items"], child(path, "items"), errors, item=True)
    if isinstance(schema.get("additionalProperties"), dict):
        _structure(schema["additionalProperties"], child(path, "additionalProperties"), errors)


def _junctor_structure(schema: dict[str, Any], path: str, errors: list[FieldError]) -> None:
    """Structural schemas allow allOf/anyOf/oneOf/not only to add value checks: no types, defaults or rules inside."""
    if schema.get("type"):
        errors.append(forbidden(child(path, "type"), "must be empty to be structural"))
    if "default" in schema:
        errors.append(forbidden(child(path, "default"), "must be undefined to be structural"))
    if schema.get("x-kubernetes-validations"):
        errors.append(forbidden(child(path, "x-kubernetes-validations"), "must be empty to be structural"))
    for name, sub in (schema.get("properties") or {}).items():
        if isinstance(sub, dict):
            _junctor_structure(sub, key(child(path, "properties"), name), errors)
    if isinstance(schema.get("items"), dict):
        _junctor_structure(schema["items"], child(path, "items"), errors)
    for junctor in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(schema.get(junctor) or ()):
            if isinstance(sub, dict):
                _junctor_structure(sub, index(child(path, junctor), i), errors)
    if isinstance(schema.get("not"), dict):
        _junctor_structure(schema["not"], child(path, "not"), errors)


def _bounds(schema: dict[str, Any], path: str, errors: list[FieldError]) -> None:
    for low, high in (("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties")):
        lo, hi = schema.get(low), schema.get(high)
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo > hi:
            errors.append(invalid(child(path, low), lo, f"must be less than or equal to {high}"))
    for name in ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"):
        value = schema.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            errors.append(invalid(child(path, name), value, "must be a non-negative integer"))
    multiple = schema.get("multipleOf")
    if multiple is not None and (not isinstance(multiple, (int, float)) or isinstance(multiple, bool) or multiple <= 0):
        errors.append(invalid(child(path, "multipleOf"), multiple, "must be greater than zero"))


def _values(schema: dict[str, Any], path: str, errors: list[FieldError]) -> None:
    # Defaults, examples and enum values must be valid against the schema they sit in (nested ones too).
    for field in ("default", "example"):
        if field in schema:
            errors.extend(validate(schema[field], schema, child(path, field), run_cel=False))
    for i, allowed in enumerate(schema.get("enum") or ()):
        without_enum = {k: v for k, v in schema.items() if k != "enum"}
        errors.extend(validate(allowed, without_enum, index(child(path, "enum"), i), run_cel=False))
    for name, sub in (schema.get("properties") or {}).items():
        if isinstance(sub, dict):
            _values(sub, key(child(path, "properties"), name), errors)
    if isinstance(schema.get("items"), dict):
        _values(schema["items"], child(path, "items"), errors)
    if isinstance(schema.get("additionalProperties"), dict):
        _values(schema["additionalProperties"], child(path, "additionalProperties"), errors)
