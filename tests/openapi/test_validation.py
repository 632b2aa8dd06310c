"""Structural-schema validation: every keyword Kubernetes applies, with its verdict and its wording."""

from __future__ import annotations

from typing import Any

import pytest

from generator.openapi import FieldError, unknown_field_paths, validate
from generator.openapi.errors import FORBIDDEN, INVALID, REQUIRED, TOO_LONG, warning
from tests.openapi.matchers import assert_errors

P = "spec.topology.variables[v].value"

CASES: list[tuple[str, dict[str, Any], Any, list[tuple[str, str]]]] = [
    # type
    ("accepts a string for a string", {"type": "string"}, "x", []),
    ("rejects a number for a string", {"type": "string"}, 5, [(P, 'Invalid value: "integer": must be of type string: "integer"')]),
    ("accepts an integer for an integer", {"type": "integer"}, 5, []),
    ("rejects a float for an integer", {"type": "integer"}, 5.5, [(P, 'Invalid value: "number": must be of type integer: "number"')]),
    ("rejects a whole float for an integer, as JSON 5.0 is a number", {"type": "integer"}, 5.0, [(P, "must be of type integer")]),
    ("accepts an integer for a number", {"type": "number"}, 5, []),
    ("accepts a float for a number", {"type": "number"}, 5.25, []),
    ("rejects a boolean for an integer", {"type": "integer"}, True, [(P, 'Invalid value: "boolean": must be of type integer: "boolean"')]),
    ("rejects a string for a boolean", {"type": "boolean"}, "true", [(P, 'must be of type boolean: "string"')]),
    ("accepts a boolean for a boolean", {"type": "boolean"}, False, []),
    ("rejects an object for an array", {"type": "array", "items": {"type": "string"}}, {}, [(P, 'must be of type array: "object"')]),
    ("rejects a list for an object", {"type": "object"}, [], [(P, 'must be of type object: "array"')]),
    ("accepts anything without a type when unknown fields are preserved", {"x-kubernetes-preserve-unknown-fields": True}, {"a": [1]}, []),
    # nullable
    ("rejects null when not nullable", {"type": "string"}, None, [(P, 'Invalid value: "null": must be of type string: "null"')]),
    ("accepts null when nullable", {"type": "string", "nullable": True}, None, []),
    ("skips other checks for null when nullable", {"type": "string", "nullable": True, "minLength": 3}, None, []),
    # enum
    ("accepts a value in the enum", {"type": "string", "enum": ["a", "b"]}, "b", []),
    ("rejects a value outside the enum and lists the supported values", {"type": "string", "enum": ["a", "b"]}, "c",
     [(P, 'Unsupported value: "c": supported values: "a", "b"')]),
    ("quotes non-string enum values as JSON", {"type": "integer", "enum": [1, 2]}, 3, [(P, 'Unsupported value: 3: supported values: "1", "2"')]),
    ("treats a single enum as a constant", {"type": "string", "enum": ["fixed"]}, "other", [(P, 'supported values: "fixed"')]),
    ("matches an integer enum with an equal number", {"type": "number", "enum": [1]}, 1.0, []),
    # kube-openapi runs its enum check beside the type check (Cluster API's tests want both errors).
    ("does not match true with 1 in an enum", {"type": "integer", "enum": [1]}, True,
     [(P, "must be of type integer"), (P, 'Unsupported value: true: supported values: "1"')]),
    # numbers
    ("rejects a number below the minimum", {"type": "integer", "minimum": 4}, 3, [(P, "Invalid value: 3: should be greater than or equal to 4")]),
    ("accepts the minimum itself", {"type": "integer", "minimum": 4}, 4, []),
    ("rejects the minimum when it is exclusive", {"type": "integer", "minimum": 4, "exclusiveMinimum": True}, 4, [(P, "Invalid value: 4: should be greater than 4")]),
    ("rejects a number above the maximum", {"type": "number", "maximum": 1.5}, 2, [(P, "Invalid value: 2: should be less than or equal to 1.5")]),
    ("rejects the maximum when it is exclusive", {"type": "integer", "maximum": 10, "exclusiveMaximum": True}, 10, [(P, "Invalid value: 10: should be less than 10")]),
    ("prints a whole float bound without a fraction", {"type": "integer", "minimum": 4.0}, 1, [(P, "should be greater than or equal to 4")]),
    ("rejects a number that is not a multiple", {"type": "integer", "multipleOf": 2}, 3, [(P, "Invalid value: 3: should be a multiple of 2")]),
    ("accepts a multiple", {"type": "integer", "multipleOf": 2}, 8, []),
    ("accepts a float multiple despite rounding", {"type": "number", "multipleOf": 0.1}, 0.3, []),
    ("rejects a float that is not a multiple", {"type": "number", "multipleOf": 0.25}, 0.3, [(P, "should be a multiple of 0.25")]),
    ("reports every broken bound, not just the first", {"type": "integer", "maximum": 5, "multipleOf": 4}, 7,
     [(P, "should be a multiple of 4"), (P, "should be less than or equal to 5")]),
    # strings
    ("rejects a string over maxLength", {"type": "string", "maxLength": 3}, "abcd", [(P, "Too long: may not be more than 3 bytes")]),
    ("counts characters, not bytes, for maxLength", {"type": "string", "maxLength": 3}, "äöü", []),
    ("rejects a string under minLength", {"type": "string", "minLength": 2}, "a", [(P, 'Invalid value: "a": should be at least 2 chars long')]),
    ("counts characters, not bytes, for minLength", {"type": "string", "minLength": 2}, "é", [(P, "should be at least 2 chars long")]),
    ("rejects a string not matching the pattern", {"type": "string", "pattern": "^[a-z]+$"}, "A1", [(P, "Invalid value: \"A1\": should match '^[a-z]+$'")]),
    ("searches the pattern unanchored, like Go", {"type": "string", "pattern": "[0-9]"}, "abc1", []),
    ("does not let $ match before a trailing newline", {"type": "string", "pattern": "^a$"}, "a\n", [(P, "should match '^a$'")]),
    ("warns instead of passing when a pattern cannot be checked", {"type": "string", "pattern": "(?=a)"}, "a",
     [(P, "warning: pattern '(?=a)' was not checked")]),
    # formats
    ("rejects a malformed uuid", {"type": "string", "format": "uuid"}, "not-a-uuid", [(P, 'Invalid value: "not-a-uuid": must be of type uuid: "not-a-uuid"')]),
    ("accepts an unknown format unchecked", {"type": "string", "format": "flavor-name"}, "anything", []),
    # arrays
    ("rejects too many items", {"type": "array", "maxItems": 1, "items": {"type": "string"}}, ["a", "b"], [(P, "Too many: 2: must have at most 1 item")]),
    ("rejects too few items", {"type": "array", "minItems": 2, "items": {"type": "string"}}, ["a"], [(P, "Invalid value: 1: should have at least 2 items")]),
    ("validates every item and names it by index", {"type": "array", "items": {"type": "integer", "minimum": 0}}, [1, -1, -2],
     [(f"{P}[1]", "should be greater than or equal to 0"), (f"{P}[2]", "should be greater than or equal to 0")]),
    ("rejects duplicates in a set list", {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}}, ["a", "b", "a"],
     [(f"{P}[2]", 'Duplicate value: "a"')]),
    ("rejects duplicates with uniqueItems", {"type": "array", "uniqueItems": True, "items": {"type": "integer"}}, [1, 1], [(f"{P}[1]", "Duplicate value: 1")]),
    ("accepts repeated values in an atomic list", {"type": "array", "x-kubernetes-list-type": "atomic", "items": {"type": "string"}}, ["a", "a"], []),
    ("rejects map-list entries with the same keys", {
        "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
        "items": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer"}}},
    }, [{"name": "a", "size": 1}, {"name": "a", "size": 2}], [(f"{P}[1]", 'Duplicate value: {"name":"a"}')]),
    ("accepts map-list entries with different keys", {
        "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
        "items": {"type": "object", "properties": {"name": {"type": "string"}}},
    }, [{"name": "a"}, {"name": "b"}], []),
    # objects
    ("reports a missing required property", {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}, {},
     [(f"{P}.name", "Required value")]),
    ("validates properties by name", {"type": "object", "properties": {"size": {"type": "integer", "maximum": 2}}}, {"size": 3},
     [(f"{P}.size", "Invalid value: 3: should be less than or equal to 2")]),
    ("reports a field the schema does not declare", {"type": "object", "properties": {"a": {"type": "string"}}}, {"b": "x"},
     [(f"{P}.b", "Forbidden: field not declared in schema")]),
    ("keeps unknown fields when they are preserved", {"type": "object", "x-kubernetes-preserve-unknown-fields": True, "properties": {"a": {"type": "string"}}},
     {"a": "x", "b": {"c": 1}}, []),
    ("validates map values against additionalProperties", {"type": "object", "additionalProperties": {"type": "string"}}, {"a": "x", "b": 1},
     [(f"{P}.b", 'must be of type string: "integer"')]),
    ("accepts any map value with additionalProperties true", {"type": "object", "additionalProperties": True}, {"a": [1]}, []),
    ("rejects any field with additionalProperties false", {"type": "object", "additionalProperties": False}, {"a": 1},
     [(f"{P}.a", "Forbidden: field not declared in schema")]),
    ("rejects too many properties", {"type": "object", "maxProperties": 1, "additionalProperties": {"type": "integer"}}, {"a": 1, "b": 2},
     [(P, "Too many: 2: must have at most 1 item")]),
    ("rejects too few properties", {"type": "object", "minProperties": 1, "additionalProperties": {"type": "integer"}}, {},
     [(P, "Invalid value: 0: should have at least 1 properties")]),
    ("lets an embedded resource carry apiVersion, kind and metadata", {"type": "object", "x-kubernetes-embedded-resource": True, "properties": {"spec": {"type": "object"}}},
     {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "spec": {}}, []),
    # int-or-string
    ("accepts an integer for int-or-string", {"x-kubernetes-int-or-string": True}, 8080, []),
    ("accepts a string for int-or-string", {"x-kubernetes-int-or-string": True}, "http", []),
    ("rejects a float for int-or-string", {"x-kubernetes-int-or-string": True}, 1.5, [(P, 'must be of type integer,string: "number"')]),
    ("rejects a boolean for int-or-string", {"x-kubernetes-int-or-string": True}, True, [(P, 'must be of type integer,string: "boolean"')]),
    ("applies anyOf value validations of int-or-string", {
        "x-kubernetes-int-or-string": True, "anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^[0-9]+%$"}],
    }, "ten", [(P, "must validate at least one schema (anyOf)")]),
    # junctors
    ("rejects a value matching two oneOf schemas", {"type": "integer", "oneOf": [{"minimum": 0}, {"maximum": 10}]}, 5,
     [(P, "must validate one and only one schema (oneOf)")]),
    ("rejects a value matching the not schema", {"type": "string", "not": {"enum": ["forbidden"]}}, "forbidden",
     [(P, "must not validate the schema (not)")]),
    ("applies allOf validations", {"type": "integer", "allOf": [{"minimum": 2}]}, 1, [(P, "should be greater than or equal to 2")]),
    # CEL
    ("reports a failed CEL rule with its message", {"type": "integer", "x-kubernetes-validations": [{"rule": "self % 2 == 0", "message": "must be even"}]}, 3,
     [(P, "Invalid value: 3: must be even")]),
    ("reports a failed CEL rule without a message as failed rule", {"type": "integer", "x-kubernetes-validations": [{"rule": "self > 5"}]}, 3,
     [(P, "Invalid value: 3: failed rule: self > 5")]),
    ("skips CEL where the value already broke the schema", {"type": "integer", "minimum": 10, "x-kubernetes-validations": [{"rule": "self > 5"}]}, 3,
     [(P, "should be greater than or equal to 10")]),
    ("warns about a CEL rule it cannot evaluate", {"type": "string", "x-kubernetes-validations": [{"rule": "isURL(self)"}]}, "x",
     [(P, "warning: rule was not checked (function isURL() is not supported): isURL(self)")]),
]


@pytest.mark.parametrize(("schema", "value", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate(schema: dict[str, Any], value: Any, want: list[tuple[str, str]]) -> None:
    assert_errors(validate(value, schema, P), want)


def test_collects_errors_from_every_branch_in_document_order() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "integer", "minimum": 1},
            "b": {"type": "array", "items": {"type": "string", "maxLength": 1}},
        },
    }
    errors = validate({"a": 0, "b": ["ok", "x", "no"], "c": 1}, schema, "spec")
    assert [str(e) for e in errors] == [
        "spec.a: Invalid value: 0: should be greater than or equal to 1",
        "spec.b[0]: Too long: may not be more than 1 byte",
        "spec.b[2]: Too long: may not be more than 1 byte",
        "spec.c: Forbidden: field not declared in schema",
    ]


def test_does_not_report_unknown_fields_when_asked_not_to() -> None:
    assert validate({"b": 1}, {"type": "object", "properties": {}}, "x", unknown_fields=False) == []


def test_lists_the_fields_pruning_would_drop() -> None:
    schema = {
        "type": "object",
        "properties": {
            "kept": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
            "items": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}},
        },
    }
    value = {"kept": {"free": 1}, "items": [{"a": "x", "b": 1}], "extra": True}
    assert unknown_field_paths(value, schema, "v") == ["v.items[0].b", "v.extra"]


def test_does_not_mutate_the_value_or_the_schema() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer", "default": 1}}}
    value = {"b": 2}
    validate(value, schema, "x")
    assert value == {"b": 2}
    assert schema == {"type": "object", "properties": {"a": {"type": "integer", "default": 1}}}


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (FieldError(INVALID, "a.b", "should be greater than or equal to 4", 3), "a.b: Invalid value: 3: should be greater than or equal to 4"),
        (FieldError(INVALID, "a", "bad", "x"), 'a: Invalid value: "x": bad'),
        (FieldError(REQUIRED, "a.b", ""), "a.b: Required value"),
        (FieldError(REQUIRED, "a", 'required variable with name "x" must be defined'), 'a: Required value: required variable with name "x" must be defined'),
        (FieldError(TOO_LONG, "a", "may not be more than 3 bytes", "abcd"), "a: Too long: may not be more than 3 bytes"),
        (FieldError(FORBIDDEN, "a.c", "field not declared in schema"), "a.c: Forbidden: field not declared in schema"),
        (FieldError(INVALID, "a", "m", {"b": [1, True, None]}), 'a: Invalid value: {"b":[1,true,null]}: m'),
        (FieldError(INVALID, "a", "m", 2.5), "a: Invalid value: 2.5: m"),
        (warning("a", "rule was not checked"), "a: rule was not checked"),
    ],
    ids=[
        "prints a number bare",
        "quotes a string value",
        "prints a required value without value or detail",
        "prints a required value with its detail",
        "prints too long without the value, like Kubernetes",
        "prints forbidden without the value",
        "prints a composite value as compact JSON",
        "prints a float as written",
        "prints a warning as its detail alone (the CLI and the editor label it)",
    ],
)
def test_field_error_prints_like_kubernetes(error: FieldError, text: str) -> None:
    assert str(error) == text


def test_field_error_converts_to_plain_data() -> None:
    error = FieldError(INVALID, "a", "m", [1])
    assert error.to_dict() == {
        "severity": "error",
        "type": "FieldValueInvalid",
        "field": "a",
        "detail": "m",
        "value": [1],
        "message": "Invalid value: [1]: m",
        "line": None,
    }
