"""Validate a value against a Kubernetes structural schema, with kube-openapi's verdicts and wording."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from generator.openapi import cel
from generator.openapi.errors import (
    FieldError,
    child,
    duplicate,
    format_number,
    forbidden,
    index,
    invalid,
    not_supported,
    required,
    too_long,
    too_many,
    type_invalid,
    warning,
)
from generator.openapi.formats import check_format
from generator.openapi.patterns import PatternError, compile_pattern

logger = logging.getLogger(__name__)

Schema = dict[str, Any]


def json_type(value: Any) -> str:
    """Name the JSON type of a decoded value the way kube-openapi does (a float is a number, not an integer)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def validate(
    value: Any,
    schema: Schema,
    path: str = "",
    *,
    unknown_fields: bool = True,
    run_cel: bool = True,
    old: Any = None,
    has_old: bool = False,
) -> list[FieldError]:
    """Validate VALUE against a structural SCHEMA and return every error (and CEL warning) under PATH.

    ``unknown_fields`` reports fields the schema does not declare (unless preserved), as strict
    field validation does; ``run_cel`` evaluates ``x-kubernetes-validations`` where the value is
    otherwise valid. Schema errors come first, then unknown fields, then CEL results. With
    ``has_old``, OLD is the stored value for transition rules.
    """
    schema_errors, unknown, rules = validate_parts(value, schema, path, run_cel=run_cel, old=old, has_old=has_old)
    return schema_errors + (unknown if unknown_fields else []) + rules


def validate_parts(
    value: Any,
    schema: Schema,
    path: str = "",
    *,
    run_cel: bool = True,
    old: Any = None,
    has_old: bool = False,
    body_names: bool = False,
) -> tuple[list[FieldError], list[FieldError], list[FieldError]]:
    """Validate in one walk and return (schema errors, unknown-field errors, CEL results) apart.

    Callers that stop after schema errors, as Cluster API does for variables, need them apart.
    With ``has_old``, OLD is the stored value: CEL transition rules (``oldSelf``) run where it correlates.
    ``body_names`` words errors as the API server's custom resource validation does (kube-openapi
    names the field relative to PATH: ``enabled in body must be of type boolean``); Cluster API's
    variable errors read so.
    """
    walker = _Validator(run_cel, path if body_names else None)
    errors: list[FieldError] = []
    walker.node(value, schema or {}, path, errors, old if has_old else cel.NO_OLD)
    return errors, walker.unknown, walker.rules


def unknown_field_paths(value: Any, schema: Schema, path: str = "") -> list[str]:
    """List the paths pruning would drop: fields not declared in the schema and not preserved."""
    found: list[str] = []
    _collect_unknown(value, schema or {}, path, found)
    return found


def _collect_unknown(value: Any, schema: Schema, path: str, found: list[str]) -> None:
    if isinstance(value, dict):
        properties = schema.get("properties")
        additional = schema.get("additionalProperties")
        preserve = schema.get("x-kubernetes-preserve-unknown-fields") is True
        for name, item in value.items():
            if properties and name in properties:
                _collect_unknown(item, properties[name], child(path, name), found)
            elif isinstance(additional, dict):
                _collect_unknown(item, additional, child(path, name), found)
            elif additional is True or preserve or _embedded_meta(schema, name):
                continue
            else:
                found.append(child(path, name))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            _collect_unknown(item, schema["items"], index(path, i), found)


def _embedded_meta(schema: Schema, name: str) -> bool:
    # An embedded resource implicitly declares apiVersion, kind and metadata.
    return schema.get("x-kubernetes-embedded-resource") is True and name in ("apiVersion", "kind", "metadata")


def _type_ok(actual: str, schema: Schema) -> bool:
    if schema.get("x-kubernetes-int-or-string"):
        return actual == "string" or actual == "integer"
    wanted = schema.get("type")
    return not wanted or actual == wanted or (wanted == "number" and actual == "integer")


class _Validator:
    """Walks one value; kept as a class so the options need not be threaded through every call."""

    def __init__(self, run_cel: bool, root: str | None = None) -> None:
        self.run_cel = run_cel
        self.root = root
        self.unknown: list[FieldError] = []
        self.rules: list[FieldError] = []

    def node(self, value: Any, schema: Schema, path: str, errors: list[FieldError], old: Any = cel.NO_OLD) -> None:
        """Validate one value against one schema node, appending to ERRORS; OLD is the correlated stored value."""
        start = len(errors)
        actual = json_type(value)
        if actual == "null":
            if schema.get("nullable") is True:
                return
            if schema.get("type") or schema.get("x-kubernetes-int-or-string"):
                errors.append(self._type_error(actual, schema, path))
                return
        elif not _type_ok(actual, schema):
            errors.append(self._type_error(actual, schema, path))
            # kube-openapi's enum check is its own validator and runs on a value of the wrong type too.
            self._enum(value, schema, path, errors)
            return
        self._enum(value, schema, path, errors)
        if actual == "string":
            self._string(value, schema, path, errors)
        elif actual == "integer" or actual == "number":
            self._number(value, schema, path, errors)
        elif actual == "array":
            self._array(value, schema, path, errors, old)
        elif actual == "object":
            self._object(value, schema, path, errors, old)
        if "allOf" in schema or "anyOf" in schema or "oneOf" in schema or "not" in schema:
            self._junctors(value, schema, path, errors)
        if self.run_cel and len(errors) == start and "x-kubernetes-validations" in schema:
            self.rules.extend(cel.check_rules(value, schema, path, old))

    def _enum(self, value: Any, schema: Schema, path: str, errors: list[FieldError]) -> None:
        enum = schema.get("enum")
        if enum is not None and not any(_json_equal(value, allowed) for allowed in enum):
            errors.append(not_supported(self._at(path), value, list(enum)))

    def _type_error(self, actual: str, schema: Schema, path: str) -> FieldError:
        wanted = "integer,string" if schema.get("x-kubernetes-int-or-string") else schema.get("type")
        return type_invalid(self._at(path), actual, self._say(path, f'must be of type {wanted}: "{actual}"'))

    def _relative(self, path: str) -> str:
        return path[len(self.root) :].lstrip(".") if self.root is not None and path.startswith(self.root) else ""

    def _say(self, path: str, detail: str) -> str:
        """Word a kube-openapi detail: ``<field> in body <detail>`` below the root (Cluster API trims it at the root)."""
        relative = self._relative(path)
        return f"{relative} in body {detail}" if relative else detail

    def _at(self, path: str) -> str:
        """Place an error as apiextensions does: the root path, then the relative name as one child (``value.[1]``)."""
        if self.root is None:
            return path
        relative = path[len(self.root) :]
        return f"{self.root}.{relative}" if relative.startswith("[") else path

    def _string(self, value: str, schema: Schema, path: str, errors: list[FieldError]) -> None:
        # Python str length counts code points, which is what Kubernetes counts (runes).
        max_length = schema.get("maxLength")
        if max_length is not None and len(value) > max_length:
            errors.append(too_long(self._at(path), value, max_length))
        min_length = schema.get("minLength")
        if min_length is not None and len(value) < min_length:
            errors.append(invalid(self._at(path), value, self._say(path, f"should be at least {min_length} chars long")))
        pattern = schema.get("pattern")
        if pattern is not None:
            try:
                matched = compile_pattern(pattern).search(value) is not None
            except (PatternError, re.error) as exc:
                errors.append(warning(path, f"pattern {pattern!r} was not checked: {exc}"))
            else:
                if not matched:
                    errors.append(invalid(self._at(path), value, self._say(path, f"should match '{pattern}'")))
        fmt = schema.get("format")
        if fmt and not check_format(fmt, value):
            # kube-openapi reports a format miss as an invalid type.
            errors.append(type_invalid(self._at(path), value, self._say(path, f'must be of type {fmt}: "{value}"')))

    def _number(self, value: float | int, schema: Schema, path: str, errors: list[FieldError]) -> None:
        multiple = schema.get("multipleOf")
        if multiple is not None and multiple > 0 and not _is_multiple(value, multiple):
            errors.append(invalid(self._at(path), value, self._say(path, f"should be a multiple of {format_number(multiple)}")))
        maximum = schema.get("maximum")
        if maximum is not None:
            if schema.get("exclusiveMaximum") and value >= maximum:
                errors.append(invalid(self._at(path), value, self._say(path, f"should be less than {format_number(maximum)}")))
            elif value > maximum:
                errors.append(invalid(self._at(path), value, self._say(path, f"should be less than or equal to {format_number(maximum)}")))
        minimum = schema.get("minimum")
        if minimum is not None:
            if schema.get("exclusiveMinimum") and value <= minimum:
                errors.append(invalid(self._at(path), value, self._say(path, f"should be greater than {format_number(minimum)}")))
            elif value < minimum:
                errors.append(invalid(self._at(path), value, self._say(path, f"should be greater than or equal to {format_number(minimum)}")))

    def _array(self, value: list[Any], schema: Schema, path: str, errors: list[FieldError], old: Any = cel.NO_OLD) -> None:
        max_items = schema.get("maxItems")
        if max_items is not None and len(value) > max_items:
            errors.append(too_many(self._at(path), len(value), max_items))
        min_items = schema.get("minItems")
        if min_items is not None and len(value) < min_items:
            errors.append(invalid(self._at(path), len(value), self._say(path, f"should have at least {min_items} items")))
        list_type = schema.get("x-kubernetes-list-type")
        if schema.get("uniqueItems") and self.root is not None and list_type != "set":
            # kube-openapi's uniqueItems check names the list once, not each repeated item.
            if len({_canonical(item) for item in value}) != len(value):
                errors.append(invalid(self._at(path), value, self._say(path, "shouldn't contain duplicates")))
        elif schema.get("uniqueItems") or list_type == "set":
            seen: set[str] = set()
            for i, item in enumerate(value):
                marker = _canonical(item)
                if marker in seen:
                    errors.append(duplicate(index(path, i), item))
                seen.add(marker)
        elif list_type == "map":
            self._map_list(value, schema, path, errors)
        items = schema.get("items")
        if isinstance(items, dict):
            olds = _correlate_items(value, old, schema)
            for i, item in enumerate(value):
                self.node(item, items, index(path, i), errors, olds[i])

    def _map_list(self, value: list[Any], schema: Schema, path: str, errors: list[FieldError]) -> None:
        keys = schema.get("x-kubernetes-list-map-keys") or []
        seen: set[str] = set()
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            # Kubernetes compares map-list entries by their key fields only (missing keys count as absent).
            identity = {k: item.get(k) for k in keys if k in item}
            marker = _canonical(identity)
            if marker in seen:
                errors.append(duplicate(index(path, i), identity))
            seen.add(marker)

    def _object(self, value: dict[str, Any], schema: Schema, path: str, errors: list[FieldError], old: Any = cel.NO_OLD) -> None:
        max_props = schema.get("maxProperties")
        if max_props is not None and len(value) > max_props:
            errors.append(too_many(self._at(path), len(value), max_props))
        min_props = schema.get("minProperties")
        if min_props is not None and len(value) < min_props:
            errors.append(invalid(self._at(path), len(value), self._say(path, f"should have at least {min_props} properties")))
        properties = schema.get("properties") or {}
        additional = schema.get("additionalProperties")
        preserve = schema.get("x-kubernetes-preserve-unknown-fields") is True
        for name, item in value.items():
            sub = properties.get(name)
            old_item = old.get(name, cel.NO_OLD) if isinstance(old, dict) else cel.NO_OLD
            if sub is not None:
                self.node(item, sub, child(path, name), errors, old_item)
            elif isinstance(additional, dict):
                self.node(item, additional, child(path, name), errors, old_item)
            elif additional is False and not preserve:
                errors.append(forbidden(child(path, name), "field not declared in schema"))
            elif additional is not True and not preserve and not _embedded_meta(schema, name):
                self.unknown.append(forbidden(child(path, name), "field not declared in schema"))
        # kube-openapi checks the properties it has, then the required ones that are missing.
        for name in schema.get("required") or ():
            if name not in value:
                errors.append(required(self._at(child(path, name))))

    def _junctors(self, value: Any, schema: Schema, path: str, errors: list[FieldError]) -> None:
        # Structural schemas allow allOf/anyOf/oneOf/not only as extra value validations.
        quiet = _Validator(run_cel=False)

        def passes(sub: Schema) -> bool:
            found: list[FieldError] = []
            quiet.node(value, sub, path, found)
            return not any(e.severity == "error" for e in found)

        # Below a body root kube-openapi quotes the field's name: '"" must validate ...' at the root itself.
        named = f'"{self._relative(path)}" ' if self.root is not None else ""
        before = len(errors)
        for sub in schema.get("allOf") or ():
            quiet.node(value, sub, path, errors)
        if self.root is not None and len(errors) > before:
            errors.append(invalid(self._at(path), value, f"{named}must validate all the schemas (allOf)"))
        any_of = schema.get("anyOf")
        if any_of and not any(passes(sub) for sub in any_of):
            errors.append(invalid(self._at(path), value, f"{named}must validate at least one schema (anyOf)"))
        one_of = schema.get("oneOf")
        if one_of:
            valid = sum(passes(sub) for sub in one_of)
            if valid != 1:
                found = f". Found {valid} valid alternatives" if valid > 1 and self.root is not None else ""
                errors.append(invalid(self._at(path), value, f"{named}must validate one and only one schema (oneOf){found}"))
        negated = schema.get("not")
        if isinstance(negated, dict) and passes(negated):
            errors.append(invalid(self._at(path), value, f"{named}must not validate the schema (not)"))


def _correlate_items(value: list[Any], old: Any, schema: Schema) -> list[Any]:
    """Pair each item with its stored counterpart, as Kubernetes does: map lists by key, sets by value, else none."""
    olds = [cel.NO_OLD] * len(value)
    if not isinstance(old, list):
        return olds
    list_type = schema.get("x-kubernetes-list-type")
    if list_type == "map":
        keys = schema.get("x-kubernetes-list-map-keys") or []
        stored = {_canonical({k: o.get(k) for k in keys}): o for o in old if isinstance(o, dict)}
        for i, item in enumerate(value):
            if isinstance(item, dict):
                olds[i] = stored.get(_canonical({k: item.get(k) for k in keys}), cel.NO_OLD)
    elif list_type == "set":
        stored_set = {_canonical(o): o for o in old}
        for i, item in enumerate(value):
            olds[i] = stored_set.get(_canonical(item), cel.NO_OLD)
    return olds


def _is_multiple(value: float | int, factor: float | int) -> bool:
    if isinstance(value, int) and isinstance(factor, int):
        return value % factor == 0
    quotient = value / factor
    # Floating point division is inexact; go-openapi allows the same small tolerance.
    return abs(quotient - round(quotient)) < 1e-9 * max(1.0, abs(quotient))


def _json_equal(a: Any, b: Any) -> bool:
    # JSON equality: 1 == 1.0 but true != 1.
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _canonical(value: Any) -> str:
    def normalise(v: Any) -> Any:
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    return json.dumps(value, sort_keys=True, default=str, separators=(",", ":")) if not isinstance(
        value, float
    ) else json.dumps(normalise(value))
