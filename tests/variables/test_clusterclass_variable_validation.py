"""ClusterClass variable checks: what Cluster API's ClusterClass webhook rejects in inline variable definitions."""

from __future__ import annotations

from typing import Any

import pytest

from generator.variables import validate_clusterclass_variables
from tests.openapi.matchers import assert_errors
from tests.variables.fixtures import DEFINITIONS, definition

S = "spec.variables[v].schema.openAPIV3Schema"

CASES: list[tuple[str, list[dict[str, Any]], list[tuple[str, str]]]] = [
    ("accepts the definitions the stacks ship", DEFINITIONS, []),
    ("reports a variable without a name", [{"schema": {"openAPIV3Schema": {"type": "string"}}}],
     [("spec.variables[].name", "Required value: variable name must be defined")]),
    ("reports a name defined twice", [definition("v", {"type": "string"}), definition("v", {"type": "integer"})],
     [("spec.variables[v].name", 'Invalid value: "v": variable name must be unique. Variable with name "v" is defined more than once')]),
    ("reports the reserved name builtin", [definition("builtin", {"type": "string"})],
     [("spec.variables[builtin].name", 'Invalid value: "builtin": "builtin" is a reserved variable name')]),
    ("reports a dot in a name", [definition("a.b", {"type": "string"})], [("spec.variables[a.b].name", 'variable name cannot contain "."')]),
    ("reports a variable without a schema", [{"name": "v"}], [(S, "Required value: a variable must have a schema")]),
    ("reports a missing type at the root", [definition("v", {"description": "x"})], [(f"{S}.type", "Required value: must not be empty for specified object fields")]),
    ("reports a missing type on a property", [definition("v", {"type": "object", "properties": {"a": {"description": "x"}}})],
     [(f"{S}.properties[a].type", "Required value: must not be empty for specified object fields")]),
    ("reports a missing type on array items", [definition("v", {"type": "array", "items": {"minLength": 1}})],
     [(f"{S}.items.type", "Required value: must not be empty for specified array items")]),
    ("accepts no type with x-kubernetes-int-or-string", [definition("v", {"x-kubernetes-int-or-string": True})], []),
    ("accepts no type with preserved unknown fields", [definition("v", {"x-kubernetes-preserve-unknown-fields": True})], []),
    ("reports an unknown type", [definition("v", {"type": "float"})],
     [(f"{S}.type", 'Unsupported value: "float": supported values: "array", "boolean", "integer", "number", "object", "string"')]),
    ("reports an array without items", [definition("v", {"type": "array"})], [(f"{S}.items", "Required value: must be specified")]),
    ("reports an invalid pattern", [definition("v", {"type": "string", "pattern": "(a"})],
     [(f"{S}.pattern", 'Invalid value: "(a": must be a valid regular expression, but isn\'t: missing )')]),
    ("reports a pattern RE2 rejects", [definition("v", {"type": "string", "pattern": "a(?!b)"})],
     [(f"{S}.pattern", "invalid or unsupported Perl syntax: (?! (lookaround)")]),
    ("reports a default that breaks its own schema", [definition("v", {"type": "integer", "minimum": 1, "default": 0})],
     [(f"{S}.default", "Invalid value: 0: should be greater than or equal to 1")]),
    ("reports a default of the wrong type", [definition("v", {"type": "integer", "default": "50"})],
     [(f"{S}.default", 'must be of type integer: "string"')]),
    ("reports an example that breaks its own schema", [definition("v", {"type": "string", "format": "cidr", "example": "10.0.0.0"})],
     [(f"{S}.example", 'must be of type cidr: "10.0.0.0"')]),
    ("reports an enum value that breaks its own schema", [definition("v", {"type": "string", "maxLength": 2, "enum": ["ab", "abc"]})],
     [(f"{S}.enum[1]", "Too long: may not be more than 2 bytes")]),
    ("reports a nested default that breaks its schema",
     [definition("v", {"type": "object", "properties": {"size": {"type": "integer", "maximum": 10, "default": 20}}})],
     [(f"{S}.properties[size].default", "should be less than or equal to 10")]),
    ("reports a default with fields the schema does not declare",
     [definition("v", {"type": "object", "properties": {"a": {"type": "string"}}, "default": {"b": "x"}})],
     [(f"{S}.default.b", "Forbidden: field not declared in schema")]),
    ("reports preserve-unknown-fields set to false", [definition("v", {"type": "object", "x-kubernetes-preserve-unknown-fields": False})],
     [(f"{S}.x-kubernetes-preserve-unknown-fields", "must be true or undefined")]),
    ("reports properties together with additionalProperties",
     [definition("v", {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "string"}})],
     [(S, "Forbidden: additionalProperties and properties are mutually exclusive")]),
    ("reports a map list without keys", [definition("v", {"type": "array", "x-kubernetes-list-type": "map", "items": {"type": "object"}})],
     [(f"{S}.x-kubernetes-list-map-keys", "Required value: must not be empty if x-kubernetes-list-type is map")]),
    ("reports a minimum above the maximum", [definition("v", {"type": "integer", "minimum": 5, "maximum": 1})],
     [(f"{S}.minimum", "must be less than or equal to maximum")]),
    ("reports a non-positive multipleOf", [definition("v", {"type": "integer", "multipleOf": 0})], [(f"{S}.multipleOf", "must be greater than zero")]),
    ("reports an empty CEL rule", [definition("v", {"type": "integer", "x-kubernetes-validations": [{"rule": ""}]})],
     [(f"{S}.x-kubernetes-validations[0].rule", "Required value: rule is not specified")]),
    ("warns about a CEL rule it cannot parse", [definition("v", {"type": "integer", "x-kubernetes-validations": [{"rule": "self >"}]})],
     [(f"{S}.x-kubernetes-validations[0].rule", "warning: rule could not be parsed here (unexpected end of rule); it will not be checked")]),
    ("reports an example that is not one of the enum values", [definition("v", {"type": "string", "enum": ["a", "b"], "example": "c"})],
     [(f"{S}.example", 'Unsupported value: "c": supported values: "a", "b"')]),
    ("still checks defaults when a rule could not be read",
     [definition("v", {"type": "integer", "default": "x", "x-kubernetes-validations": [{"rule": "self >"}]})],
     [(f"{S}.x-kubernetes-validations[0].rule", "warning: rule could not be parsed here"), (f"{S}.default", "must be of type integer")]),
    ("refuses a rule on unbounded list items that may cost too much",
     [definition("v", {"type": "array", "items": {"type": "string", "x-kubernetes-validations": [{"rule": "self.matches('^[a-z]+$')"}]}})],
     [(f"{S}.items.x-kubernetes-validations[0].rule", "Forbidden: estimated rule cost exceeds budget by factor of more than 100x"),
      (f"{S}.items.x-kubernetes-validations[0].rule", "Forbidden: contributed to estimated rule & messageExpression cost total exceeding cost limit"),
      (S, "Forbidden: x-kubernetes-validations estimated rule & messageExpression cost total for entire OpenAPIv3 schema exceeds budget")]),
    ("accepts the same rule once the list and its strings are bounded",
     [definition("v", {"type": "array", "maxItems": 16, "items": {"type": "string", "maxLength": 63,
                                                                  "x-kubernetes-validations": [{"rule": "self.matches('^[a-z]+$')"}]}})],
     []),
    ("refuses a loop in a loop over an unbounded list by its factor",
     [definition("v", {"type": "array", "items": {"type": "integer"}, "x-kubernetes-validations": [{"rule": "self.all(x, self.exists(y, x < y))"}]})],
     [(f"{S}.x-kubernetes-validations[0].rule", "estimated rule cost exceeds budget by factor of more than 100x"),
      (f"{S}.x-kubernetes-validations[0].rule", "contributed to estimated rule & messageExpression cost total"),
      (S, "cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x")]),
    ("weighs a rule by how often its node repeats",
     [definition("v", {"type": "array", "maxItems": 100, "items": {"type": "array", "maxItems": 1000, "items": {
         "type": "string", "maxLength": 10000, "x-kubernetes-validations": [{"rule": "self.contains('x')"}]}}})],
     # (10000 characters * 4 bytes * 0.1 * 1 + 1) * 100 * 1000 = 400,100,000
     [(f"{S}.items.items.x-kubernetes-validations[0].rule", "estimated rule cost exceeds budget by factor of 40.0x"),
      (f"{S}.items.items.x-kubernetes-validations[0].rule", "contributed to estimated rule & messageExpression cost total"),
      (S, "cost total for entire OpenAPIv3 schema exceeds budget by factor of 4.0x")]),
    ("collects errors from every variable", [definition("a", {"type": "array"}), definition("b", {"type": "integer", "default": "x"})],
     [("spec.variables[a].schema.openAPIV3Schema.items", "must be specified"), ("spec.variables[b].schema.openAPIV3Schema.default", "must be of type integer")]),
]


@pytest.mark.parametrize(("definitions", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate_clusterclass_variables(definitions: list[dict[str, Any]], want: list[tuple[str, str]]) -> None:
    assert_errors(validate_clusterclass_variables(definitions), want)


def _ip_rule_schema(rule: str) -> dict[str, Any]:
    return {"type": "object", "properties": {"address": {"type": "string", "x-kubernetes-validations": [{"rule": rule}]}}}


STORED_RULES = [
    ("accepts a stored rule at any depth in the newest environment", "ip(self).family() == 6", "ip(self).family() == 6", []),
    ("refuses a changed rule at the compatibility version", "ip(self).family() == 4", "ip(self).family() == 6",
     [(f"{S}.properties[address].x-kubernetes-validations[0].rule", "compilation failed: ERROR: <input>:1:3: undeclared reference to 'ip'")]),
]


@pytest.mark.parametrize(("stored", "new", "want"), [c[1:] for c in STORED_RULES], ids=[c[0] for c in STORED_RULES])
def test_compiles_stored_rules_in_the_newest_environment(stored: str, new: str, want: list[tuple[str, str]]) -> None:
    old = [definition("v", _ip_rule_schema(stored))]
    got = validate_clusterclass_variables([definition("v", _ip_rule_schema(new))], old=old, cel_version=(1, 29))
    assert_errors([e for e in got if e.severity == "error"], want)
