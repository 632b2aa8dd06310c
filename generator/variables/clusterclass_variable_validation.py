"""Validate a ClusterClass's inline variable definitions, as Cluster API's ClusterClass webhook does."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from generator.openapi.cel import undefined_field
from generator.openapi.celcost import (
    PER_EXPRESSION_LIMIT,
    TOTAL_LIMIT,
    CostTotal,
    cost_error_message,
    estimate_cost,
    max_cardinality,
)
from generator.openapi.celenv import DEFAULT_COMPATIBILITY_VERSION, Version, undeclared_references
from generator.openapi.celparse import CelSyntaxError, mentions, parse
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


@dataclass(frozen=True)
class CelEnvironment:
    """Which CEL environment compiles a variable's rules: new ones at VERSION, ones stored before at the newest.

    Cluster API (like the API server for CRDs) lets a rule or messageExpression the stored
    variable already had use everything the newest environment has, so an upgrade never
    breaks a ClusterClass that was accepted; a new rule must compile at the compatibility
    version, so a rollback never meets a rule it cannot compile.
    """

    version: Version = DEFAULT_COMPATIBILITY_VERSION
    stored_rules: frozenset[str] = field(default_factory=frozenset)
    stored_messages: frozenset[str] = field(default_factory=frozenset)

    def rule_version(self, rule: str) -> Version | None:
        """Return the version that compiles RULE (None: the newest)."""
        return None if rule in self.stored_rules else self.version

    def message_version(self, expression: str) -> Version | None:
        """Return the version that compiles a messageExpression (None: the newest)."""
        return None if expression in self.stored_messages else self.version


def stored_expressions(definition: dict[str, Any] | None, version: Version) -> CelEnvironment:
    """Collect every rule and messageExpression anywhere in a stored variable's schema."""
    rules: set[str] = set()
    messages: set[str] = set()

    def walk(node: Any) -> None:
        # Schema nodes only (as apiextensions' SchemaHas): a default or example is data, not schema.
        if not isinstance(node, dict):
            return
        for entry in node.get("x-kubernetes-validations") or ():
            if isinstance(entry, dict):
                if isinstance(entry.get("rule"), str):
                    rules.add(entry["rule"])
                if isinstance(entry.get("messageExpression"), str) and entry["messageExpression"]:
                    messages.add(entry["messageExpression"])
        children = [*(node.get("properties") or {}).values(), node.get("items"), node.get("additionalProperties"), node.get("not")]
        for junctor in ("allOf", "anyOf", "oneOf"):
            children.extend(node.get(junctor) or ())
        for sub in children:
            walk(sub)

    if isinstance(definition, dict):
        walk(variable_schema(definition))
    return CelEnvironment(version, frozenset(rules), frozenset(messages))


def validate_clusterclass_variables(
    definitions: list[dict[str, Any]],
    path: str = "spec.variables",
    *,
    old: list[dict[str, Any]] | None = None,
    cel_version: Version = DEFAULT_COMPATIBILITY_VERSION,
) -> list[FieldError]:
    """Check names are unique, then each variable (name, metadata, schema) as Cluster API's ClusterClass webhook does.

    OLD are the definitions stored before this change: a rule the stored variable of the
    same name already had compiles in the newest CEL environment, a new one at CEL_VERSION.
    """
    stored = {d.get("name"): d for d in old or () if isinstance(d, dict)}
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
            where = key(path, name if isinstance(name, str) else "")
            environment = stored_expressions(stored.get(name), cel_version)
            errors.extend(validate_clusterclass_variable(definition, where, environment=environment))
    return errors


def validate_clusterclass_variable(
    definition: dict[str, Any], path: str, *, environment: CelEnvironment | None = None
) -> list[FieldError]:
    """Check one variable at PATH (``spec.variables[name]``): its name, its metadata, then its schema.

    ENVIRONMENT says which CEL environment compiles its rules (default: all new, at the default version).
    """
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
    errors.extend(validate_variable_schema(schema, schema_path, environment or CelEnvironment()))
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


def validate_variable_schema(schema: dict[str, Any], path: str, environment: CelEnvironment | None = None) -> list[FieldError]:
    """Check one variable schema: structure at every level, then its defaults, examples and enums against it."""
    errors: list[FieldError] = []
    costs = CostTotal()
    _structure(schema, path, errors, environment or CelEnvironment(), costs, cardinality=1)
    errors.extend(_total_cost(costs, path))
    if any(e.severity == "error" for e in errors):
        # Values cannot be checked meaningfully against a broken schema (a rule we cannot read is no break).
        return errors
    _values(schema, path, errors)
    return errors


def _total_cost(costs: CostTotal, path: str) -> list[FieldError]:
    """Refuse a schema whose rules together may cost more than the limit, naming the rules that weigh most."""
    if costs.total <= TOTAL_LIMIT:
        return []
    errors = [
        forbidden(where, "contributed to estimated rule & messageExpression cost total exceeding cost limit for entire OpenAPIv3 schema")
        for _, where in costs.most_expensive
    ]
    what = "x-kubernetes-validations estimated rule & messageExpression cost total for entire OpenAPIv3 schema"
    errors.append(forbidden(path, cost_error_message(what, costs.total, TOTAL_LIMIT)))
    return errors


def _structure(
    schema: dict[str, Any],
    path: str,
    errors: list[FieldError],
    environment: CelEnvironment,
    costs: CostTotal,
    item: bool = False,
    uncorrelatable: str | None = None,
    cardinality: int | None = None,
) -> None:
    """Check one schema node and the nodes below it, in the order the API server reports them.

    UNCORRELATABLE is the path of the list items this node sits under, if any: there a
    stored value has no counterpart, so transition rules (``oldSelf``) are refused.
    CARDINALITY is how often the node can occur (the product of the enclosing lists' and
    maps' bounds; None when one is unbounded); COSTS collects the rules' estimated costs.
    """
    typ = schema.get("type")
    int_or_string = schema.get("x-kubernetes-int-or-string") is True
    preserve = schema.get("x-kubernetes-preserve-unknown-fields")
    if preserve is not None and preserve is not True:
        errors.append(invalid(child(path, "x-kubernetes-preserve-unknown-fields"), preserve, "must be true or undefined"))
    # Junctors first, in the order the errors come back sorted by field: allOf, anyOf, not, oneOf.
    for junctor in ("allOf", "anyOf"):
        for i, sub in enumerate(schema.get(junctor) or ()):
            if isinstance(sub, dict):
                _junctor_structure(sub, index(child(path, junctor), i), errors, int_or_string, junctor)
    if isinstance(schema.get("not"), dict):
        _junctor_structure(schema["not"], child(path, "not"), errors, int_or_string, "not")
    for i, sub in enumerate(schema.get("oneOf") or ()):
        if isinstance(sub, dict):
            _junctor_structure(sub, index(child(path, "oneOf"), i), errors, int_or_string, "oneOf")
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
        rule_path = index(child(path, "x-kubernetes-validations"), i)
        if isinstance(rule, dict):
            errors.extend(validate_rule(rule, rule_path, schema, uncorrelatable, environment, _Budget(costs, cardinality)))
        else:
            errors.append(required(child(rule_path, "rule"), "rule is not specified"))
    for name, sub in sorted((schema.get("properties") or {}).items()):
        if isinstance(sub, dict):
            _structure(
                sub, key(child(path, "properties"), name), errors, environment, costs,
                uncorrelatable=uncorrelatable, cardinality=cardinality,
            )
    if isinstance(schema.get("items"), dict):
        items_path = child(path, "items")
        # Only map lists pair new items with stored ones; below any other list nothing correlates.
        below = uncorrelatable or (None if list_type == "map" else items_path)
        _structure(
            schema["items"], items_path, errors, environment, costs,
            item=True, uncorrelatable=below, cardinality=_times(cardinality, schema.get("maxItems")),
        )
    if isinstance(schema.get("additionalProperties"), dict):
        _structure(
            schema["additionalProperties"], child(path, "additionalProperties"), errors, environment, costs,
            uncorrelatable=uncorrelatable, cardinality=_times(cardinality, schema.get("maxProperties")),
        )


def _times(cardinality: int | None, bound: Any) -> int | None:
    """Multiply how often a node occurs by a list's maxItems or a map's maxProperties (None: unbounded)."""
    if cardinality is None or not isinstance(bound, int) or isinstance(bound, bool):
        return None
    return cardinality * max(bound, 0)


@dataclass
class _Budget:
    """Where a rule's estimated cost goes: the schema's running total, scaled by how often the rule runs."""

    costs: CostTotal = field(default_factory=CostTotal)
    cardinality: int | None = 1

    def check(self, tree: Any, schema: dict[str, Any], path: str, what: str, scaled: bool) -> list[FieldError]:
        """Estimate one compiled expression; refuse it above the per-expression limit, and add it to the total.

        Rules are scaled by how often they run; a messageExpression is not (as in apiextensions).
        """
        cost = estimate_cost(tree, schema)
        if scaled:
            cost = min(cost * (self.cardinality if self.cardinality is not None else max_cardinality(schema)), 2**64 - 1)
        errors = []
        if cost > PER_EXPRESSION_LIMIT:
            errors.append(forbidden(path, cost_error_message(what, cost, PER_EXPRESSION_LIMIT)))
        self.costs.observe(path, cost)
        return errors


_RULE_REASONS = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"]
_MAX_MESSAGE = 2048


def validate_rule(
    rule: dict[str, Any],
    path: str,
    schema: dict[str, Any],
    uncorrelatable: str | None,
    environment: CelEnvironment | None = None,
    budget: _Budget | None = None,
) -> list[FieldError]:
    """Check one x-kubernetes-validations entry at PATH as the API server checks a CRD's: its fields, then its CEL."""
    errors: list[FieldError] = []
    text = rule.get("rule") if isinstance(rule.get("rule"), str) else ""
    message = rule.get("message") if isinstance(rule.get("message"), str) else ""
    expression = rule.get("messageExpression") if isinstance(rule.get("messageExpression"), str) else ""
    if not text.strip():
        errors.append(required(child(path, "rule"), "rule is not specified"))
    elif message and not message.strip():
        errors.append(invalid(child(path, "message"), message, "message must be non-empty if specified"))
    elif len(message) > _MAX_MESSAGE:
        errors.append(
            invalid(child(path, "message"), message[:10] + "...", f"message must have a maximum length of {_MAX_MESSAGE} characters")
        )
    elif "\n" in message.strip():
        errors.append(invalid(child(path, "message"), message, "message must not contain line breaks"))
    elif "\n" in text.strip() and not message.strip() and not expression.strip():
        errors.append(required(child(path, "message"), "message must be specified if rule contains line breaks"))
    if expression and not expression.strip():
        errors.append(required(child(path, "messageExpression"), "messageExpression must be non-empty if specified"))
    reason = rule.get("reason")
    if reason is not None and reason not in _RULE_REASONS:
        errors.append(not_supported(child(path, "reason"), reason, _RULE_REASONS))
    field_path = rule.get("fieldPath")
    if isinstance(field_path, str) and field_path:
        if not field_path.strip():
            errors.append(invalid(child(path, "fieldPath"), field_path, "fieldPath must be non-empty if specified"))
        if "\n" in field_path:
            errors.append(invalid(child(path, "fieldPath"), field_path, "fieldPath must not contain line breaks"))
        problem = field_path_error(field_path, schema)
        if problem:
            errors.append(invalid(child(path, "fieldPath"), field_path, f"fieldPath must be a valid path: {problem}"))
    environment = environment or CelEnvironment()
    budget = budget or _Budget()
    if text.strip():
        rule_path = child(path, "rule")
        found = _compile(text, rule_path, "compilation failed", schema, uncorrelatable, environment.rule_version(text))
        if _compiled(text, found):
            # A rule that does not compile has no cost (cel-go estimates only checked ASTs).
            errors.extend(budget.check(parse(text), schema, rule_path, "estimated rule cost", scaled=True))
        errors.extend(found)
    if expression.strip():
        what = "messageExpression compilation failed"
        message_path = child(path, "messageExpression")
        found = _compile(expression, message_path, what, schema, None, environment.message_version(expression))
        errors.extend(found)
        if _compiled(expression, found):
            errors.extend(budget.check(parse(expression), schema, message_path, "estimated messageExpression cost", scaled=False))
    return errors


def _compiled(text: str, found: list[FieldError]) -> bool:
    """Say whether an expression compiled: no error from _compile and readable by our parser."""
    if any(e.severity == "error" for e in found):
        return False
    try:
        parse(text)
    except CelSyntaxError:
        return False
    return True


def _compile(
    text: str, path: str, what: str, schema: dict[str, Any], uncorrelatable: str | None, version: Version | None
) -> list[FieldError]:
    # Our parser reads a subset of CEL: only what any CEL refuses is an error; the rest is a warning.
    undeclared = undeclared_references(text, version)
    if undeclared:
        # cel-go's checker refuses a function the environment of this version does not declare.
        return [invalid(path, text, f"{what}: " + "\n".join(undeclared))]
    try:
        tree = parse(text)
    except CelSyntaxError as exc:
        if exc.definite:
            return [invalid(path, text, f"{what}: {exc.cel_error}")]
        return [warning(path, f"rule could not be parsed here ({exc}); it will not be checked")]
    if uncorrelatable is not None and mentions(tree, "oldSelf"):
        return [invalid(path, text, f"oldSelf cannot be used on the uncorrelatable portion of the schema within {uncorrelatable}")]
    undefined = undefined_field(text, tree, schema)
    if undefined:
        return [invalid(path, text, f"{what}: {undefined}")]
    return []


def field_path_error(field_path: str, schema: dict[str, Any]) -> str:
    """Say why FIELD_PATH does not name a field of SCHEMA, as apiextensions' ValidFieldPath words it ("" when it does)."""
    tokens = _field_path_tokens(field_path)
    node: dict[str, Any] = schema
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "[":
            if i + 1 >= len(tokens):
                return "unexpected end of JSON path"
            quoted = tokens[i + 1]
            if len(quoted) < 2 or quoted[0] != "'" or quoted[-1] != "'":
                return f"expected single quoted string but got {quoted}"
            found = _step(node, _unquote_single(quoted))
            if found is None:
                return "does not refer to a valid field"
            node = found
            if i + 2 >= len(tokens):
                return "unexpected end of JSON path"
            if tokens[i + 2] != "]":
                return f"expected ] but got {tokens[i + 2]}"
            i += 3
        elif tok == ".":
            if i + 1 >= len(tokens):
                return "unexpected end of JSON path"
            found = _step(node, tokens[i + 1])
            if found is None:
                return "does not refer to a valid field"
            node = found
            i += 2
        else:
            return f"expected [ or . but got: {tok}"
    return ""


def _field_path_tokens(text: str) -> list[str]:
    # Split like ValidFieldPath's scanner: '.', '[' and ']' alone, a single-quoted string whole, other text between them.
    tokens: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "'":
            j = i + 1
            while j < len(text) and not (text[j] == "'" and text[j - 1] != "\\"):
                j += 1
            tokens.append(text[i : j + 1])
            i = j + 1
        elif text[i] in ".[]":
            tokens.append(text[i])
            i += 1
        else:
            j = i
            while j < len(text) and text[j] not in ".[]":
                j += 1
            tokens.append(text[i:j])
            i = j
    return tokens


_SINGLE_QUOTE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"'}


def _unquote_single(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda m: _SINGLE_QUOTE_ESCAPES.get(m.group(1), m.group(0)), quoted[1:-1])


def _step(node: dict[str, Any], name: str) -> dict[str, Any] | None:
    properties = node.get("properties")
    if isinstance(properties, dict) and properties:
        found = properties.get(name)
        return found if isinstance(found, dict) else None
    additional = node.get("additionalProperties")
    if isinstance(additional, dict):
        return additional
    return None


def _junctor_structure(
    schema: dict[str, Any], path: str, errors: list[FieldError], int_or_string: bool = False, junctor: str = ""
) -> None:
    """Structural schemas allow allOf/anyOf/oneOf/not only to add value checks: no types, defaults or rules inside.

    Under x-kubernetes-int-or-string the one exception is the pattern Kubernetes itself
    writes: ``anyOf: [{type: integer}, {type: string}]``, also inside an ``allOf``.
    """
    allowed_type = int_or_string and junctor == "anyOf" and schema.get("type") in ("integer", "string")
    if schema.get("type") and not allowed_type:
        errors.append(forbidden(child(path, "type"), "must be empty to be structural"))
    if "default" in schema:
        errors.append(forbidden(child(path, "default"), "must be undefined to be structural"))
    if schema.get("x-kubernetes-validations"):
        errors.append(forbidden(child(path, "x-kubernetes-validations"), "must be empty to be structural"))
    for name, sub in sorted((schema.get("properties") or {}).items()):
        if isinstance(sub, dict):
            _junctor_structure(sub, key(child(path, "properties"), name), errors)
    if isinstance(schema.get("items"), dict):
        _junctor_structure(schema["items"], child(path, "items"), errors)
    nested = int_or_string and junctor == "allOf"
    for name in ("allOf", "anyOf"):
        for i, sub in enumerate(schema.get(name) or ()):
            if isinstance(sub, dict):
                _junctor_structure(sub, index(child(path, name), i), errors, nested, name)
    if isinstance(schema.get("not"), dict):
        _junctor_structure(schema["not"], child(path, "not"), errors)
    for i, sub in enumerate(schema.get("oneOf") or ()):
        if isinstance(sub, dict):
            _junctor_structure(sub, index(child(path, "oneOf"), i), errors)


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
    """Check defaults, then examples and enum values, against the schema they sit in, as Cluster API does.

    Defaults come first and stop the check (structural defaulting's ValidateDefaults, with CEL
    rules run against the default as both new and stored value); then each node's example and
    enum values against its schema, and, where those pass, against its CEL rules.
    """
    _defaults(schema, path, errors)
    if any(e.severity == "error" for e in errors):
        return
    _examples_and_enums(schema, path, errors)


def _defaults(schema: dict[str, Any], path: str, errors: list[FieldError]) -> None:
    if "default" in schema:
        default = schema["default"]
        errors.extend(validate(default, schema, child(path, "default"), run_cel=True, old=default, has_old=True))
    for sub, sub_path in _children(schema, path):
        _defaults(sub, sub_path, errors)


def _examples_and_enums(schema: dict[str, Any], path: str, errors: list[FieldError]) -> None:
    # An example must be one of the enum values too; an enum value is checked against the rest of the schema.
    without_enum = {k: v for k, v in schema.items() if k != "enum"}
    checked: list[tuple[Any, dict[str, Any], str]] = []
    if "example" in schema:
        checked.append((schema["example"], schema, child(path, "example")))
    checked.extend((allowed, without_enum, index(child(path, "enum"), i)) for i, allowed in enumerate(schema.get("enum") or ()))
    found: list[FieldError] = []
    for value, against, where in checked:
        found.extend(validate(value, against, where, run_cel=False))
    errors.extend(found)
    for sub, sub_path in _children(schema, path):
        _examples_and_enums(sub, sub_path, errors)
    if not found and schema.get("x-kubernetes-validations"):
        for value, against, where in checked:
            errors.extend(validate(value, against, where))


def _children(schema: dict[str, Any], path: str) -> list[tuple[dict[str, Any], str]]:
    found = [(sub, key(child(path, "properties"), name)) for name, sub in (schema.get("properties") or {}).items() if isinstance(sub, dict)]
    if isinstance(schema.get("items"), dict):
        found.append((schema["items"], child(path, "items")))
    if isinstance(schema.get("additionalProperties"), dict):
        found.append((schema["additionalProperties"], child(path, "additionalProperties")))
    return found
