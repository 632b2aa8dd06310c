"""Estimate the worst-case cost of a CEL rule from its schema, as the API server does before accepting it.

Kubernetes refuses a rule whose estimated cost, times the number of times it can run
(the product of the enclosing lists' ``maxItems`` and maps' ``maxProperties``), exceeds
10,000,000, and a schema whose rules together exceed 100,000,000 (see
``clusterclass_variable_validation``, which reports both). The estimate is cel-go's
``checker.Cost`` with Kubernetes' library estimator: a string costs 0.1 per byte to
traverse, a selection or identifier 1, a list literal 10, a map literal 30, a macro its
range size times its body; sizes come from the schema (``maxLength`` counts 4 bytes per
character; without bounds, what fits into a 3 MiB request).

Only the maximum is computed. Exact for what the schema bounds and for the
functions listed in ``_call``; approximate where cel-go uses type information we do not
have: a function we do not list costs 1 plus its arguments (cel-go's default), and a
value of unknown type counts as neither a map nor a string.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from generator.openapi.cel import property_name
from generator.openapi.celparse import Node

UNBOUNDED = 2**64 - 1  # cel-go saturates at math.MaxUint64
MAX_REQUEST_BYTES = 3 * 1024 * 1024
PER_EXPRESSION_LIMIT = 10_000_000  # apiextensions' StaticEstimatedCostLimit
TOTAL_LIMIT = 100_000_000  # apiextensions' StaticEstimatedCRDCostLimit
TRAVERSAL = 0.1  # cel-go's StringTraversalCostFactor
REGEX = 0.25  # cel-go's RegexStringLengthCostFactor


def _add(*values: int) -> int:
    return min(sum(values), UNBOUNDED)


def _mul(a: int, b: int) -> int:
    return min(a * b, UNBOUNDED)


def _factor(size: int, factor: float) -> int:
    # Go computes this in float64 and rounds up; so do we, for the same digits.
    product = math.ceil(float(size) * factor)
    return UNBOUNDED if product >= 2**64 else product


@dataclass(frozen=True)
class _Info:
    """What the estimator knows of one sub-expression: its cost, its largest size, its kind and schema path."""

    cost: int
    size: int | None = None  # None: not known (cel-go's unknown size, i.e. unbounded)
    kind: str = "dyn"
    path: tuple[str, ...] | None = None
    element_size: int | None = None  # of a list literal's items
    literal: bool = False

    @property
    def max_size(self) -> int:
        return UNBOUNDED if self.size is None else self.size


def max_cardinality(schema: dict[str, Any]) -> int:
    """How often a node can repeat in a request when the enclosing lists or maps are unbounded."""
    return MAX_REQUEST_BYTES // (min_serialized_size(schema) + 1)


def min_serialized_size(schema: dict[str, Any]) -> int:
    """Return the fewest JSON bytes a value of SCHEMA takes (``""``, ``0``, ``true``, ``[]``, ``{}`` plus required fields)."""
    if schema.get("x-kubernetes-int-or-string") is True:
        return 1
    typ = schema.get("type")
    if typ == "string":
        return {"duration": 3, "date": 12, "date-time": 21}.get(schema.get("format", ""), 2)
    if typ == "boolean":
        return 4
    if typ in ("integer", "number"):
        return 1
    if typ == "object" and not isinstance(schema.get("additionalProperties"), dict):
        size = 2
        properties = schema.get("properties") or {}
        for name in schema.get("required") or ():
            sub = properties.get(name)
            if isinstance(sub, dict) and "default" not in sub:
                size += len(name) + min_serialized_size(sub) + 4
        return size
    return 2


def _max_elements(schema: dict[str, Any]) -> int:
    """The largest size of a value of SCHEMA as Kubernetes' declared types give it (0 for scalars)."""
    per_request = MAX_REQUEST_BYTES - 2
    if schema.get("x-kubernetes-int-or-string") is True:
        length = schema.get("maxLength")
        return max(length, 0) * 4 if isinstance(length, int) else per_request
    typ = schema.get("type")
    length = schema.get("maxLength")
    if typ == "string":
        fmt = schema.get("format")
        if fmt in ("duration", "date-time"):
            return 32
        if fmt == "date":
            return 12
        if isinstance(length, int):
            return max(length, 0) if fmt == "byte" else max(length, 0) * 4
        enum = [v for v in schema.get("enum") or () if isinstance(v, str)]
        if enum and fmt != "byte":
            return max(len(v.encode("utf-8")) for v in enum)
        return per_request
    if typ == "array":
        items = schema.get("maxItems")
        if isinstance(items, int):
            return max(items, 0)
        return per_request // (min_serialized_size(schema.get("items") or {}) + 1)
    if typ == "object" and isinstance(schema.get("additionalProperties"), dict):
        props = schema.get("maxProperties")
        if isinstance(props, int):
            return max(props, 0)
        return per_request // (min_serialized_size(schema["additionalProperties"]) + 6)
    return 0


def _kind(schema: dict[str, Any] | None) -> str:
    if schema is None or schema.get("x-kubernetes-int-or-string") is True:
        return "dyn"
    typ = schema.get("type")
    if typ == "string":
        return {"byte": "bytes", "duration": "duration", "date": "timestamp", "date-time": "timestamp"}.get(schema.get("format", ""), "string")
    if typ == "object":
        return "map" if isinstance(schema.get("additionalProperties"), dict) else "object"
    return {"array": "list", "integer": "int", "number": "double", "boolean": "bool"}.get(typ or "", "dyn")


def _schema_at(root: dict[str, Any], path: tuple[str, ...] | None) -> dict[str, Any] | None:
    """Follow a path (``self``, field names, ``@items``, ``@values``, ``@keys``) into the schema."""
    if not path:
        return None
    node: Any = root
    for step in path[1:]:
        if not isinstance(node, dict):
            return None
        if step == "@items":
            node = node.get("items")
        elif step == "@values":
            node = node.get("additionalProperties")
        elif step == "@keys":
            return {"type": "string", "maxLength": 0}  # the key type declares no size
        else:
            node = (node.get("properties") or {}).get(property_name(step))
    return node if isinstance(node, dict) else None


_BOOL_RESULTS = frozenset(
    "contains startsWith endsWith matches isSorted isIP isCIDR ip.isCanonical isUnspecified isLoopback "
    "isLinkLocalMulticast isLinkLocalUnicast isGlobalUnicast containsIP containsCIDR isQuantity isSemver "
    "isGreaterThan isLessThan isInteger sets.contains sets.equivalent sets.intersects bool".split()
)
_INT_RESULTS = frozenset("size int uint indexOf lastIndexOf family prefixLength sign compareTo asInteger major minor patch".split())
_SCALAR_KINDS = frozenset({"int", "uint", "double", "bool", "duration", "timestamp", "null"})


class _Estimator:
    """One pass over a parsed rule, bottom-up, with the schema of ``self`` at hand."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    def estimate(self, node: Node, scope: dict[str, _Info]) -> _Info:
        method = getattr(self, f"_{node[0]}")
        result: _Info = method(node, scope)
        return result

    def _from_path(self, cost: int, path: tuple[str, ...]) -> _Info:
        sub = _schema_at(self.schema, path)
        if sub is None:
            return _Info(cost, None, "dyn", path)
        return _Info(cost, _max_elements(sub), _kind(sub), path)

    def _lit(self, node: Node, scope: dict[str, _Info]) -> _Info:
        value = node[1]
        if isinstance(value, str):
            return _Info(0, len(value), "string", literal=True)
        kind = {bool: "bool", int: "int", float: "double", type(None): "null"}.get(type(value), "dyn")
        return _Info(0, 1, kind, literal=True)

    def _ident(self, node: Node, scope: dict[str, _Info]) -> _Info:
        name = node[1]
        if name in scope:
            bound = scope[name]
            return _Info(1, bound.size, bound.kind, bound.path, bound.element_size)
        if name in ("self", "oldSelf"):
            return self._from_path(1, ("self",))
        return _Info(1, None, "type" if name in ("int", "string", "bool", "double", "uint", "list", "map") else "dyn")

    def _select(self, node: Node, scope: dict[str, _Info]) -> _Info:
        target = self.estimate(node[1], scope)
        cost = _add(target.cost, 1) if target.kind in ("map", "object") else target.cost
        if target.path is None:
            return _Info(cost)
        return self._from_path(cost, (*target.path, node[2]))

    def _has(self, node: Node, scope: dict[str, _Info]) -> _Info:
        # Kubernetes keeps has() free of its own cost (cel-go's PresenceTestHasCost(false)).
        return _Info(self.estimate(node[1], scope).cost, 1, "bool")

    def _index(self, node: Node, scope: dict[str, _Info]) -> _Info:
        target = self.estimate(node[1], scope)
        key = self.estimate(node[2], scope)
        cost = _add(1, target.cost, key.cost)
        if target.path is not None and target.kind in ("list", "map"):
            return self._from_path(cost, (*target.path, "@items" if target.kind == "list" else "@values"))
        return _Info(cost, target.element_size)

    def _list(self, node: Node, scope: dict[str, _Info]) -> _Info:
        items = [self.estimate(item, scope) for item in node[1]]
        element = max((item.max_size for item in items), default=0)
        return _Info(_add(10, *(item.cost for item in items)), len(items), "list", element_size=element)

    def _map(self, node: Node, scope: dict[str, _Info]) -> _Info:
        cost = _add(30, *(self.estimate(k, scope).cost + self.estimate(v, scope).cost for k, v in node[1]))
        return _Info(cost, len(node[1]), "map")

    def _not(self, node: Node, scope: dict[str, _Info]) -> _Info:
        return _Info(_add(1, self.estimate(node[1], scope).cost), 1, "bool")

    def _neg(self, node: Node, scope: dict[str, _Info]) -> _Info:
        operand = self.estimate(node[1], scope)
        return _Info(_add(1, operand.cost), 1, operand.kind)

    def _and(self, node: Node, scope: dict[str, _Info]) -> _Info:
        return _Info(_add(self.estimate(node[1], scope).cost, self.estimate(node[2], scope).cost), 1, "bool")

    _or = _and

    def _cond(self, node: Node, scope: dict[str, _Info]) -> _Info:
        test, then, otherwise = (self.estimate(part, scope) for part in node[1:])
        size = None if then.size is None or otherwise.size is None else max(then.size, otherwise.size)
        kind = then.kind if then.kind == otherwise.kind else "dyn"
        return _Info(_add(test.cost, max(then.cost, otherwise.cost)), size, kind)

    def _binary(self, node: Node, scope: dict[str, _Info]) -> _Info:
        op = node[1]
        left, right = self.estimate(node[2], scope), self.estimate(node[3], scope)
        args = _add(left.cost, right.cost)
        strings = left.kind in ("string", "bytes") and right.kind in ("string", "bytes")
        if op in ("==", "!=") or (op in ("<", "<=", ">", ">=") and strings):
            # Comparing traverses the shorter operand.
            return _Info(_add(_factor(min(left.max_size, right.max_size), TRAVERSAL), args), 1, "bool")
        if op in ("<", "<=", ">", ">="):
            return _Info(_add(1, args), 1, "bool")
        if op == "in":
            cost = right.max_size if right.kind == "list" else 1
            return _Info(_add(cost, args), 1, "bool")
        if op == "+" and strings:
            size = _add(left.max_size, right.max_size)
            return _Info(_add(_factor(size, TRAVERSAL), args), size, left.kind)
        if op == "+" and left.kind == "list" and right.kind == "list":
            return _Info(_add(1, args), _add(left.max_size, right.max_size), "list")
        kind = left.kind if left.kind in ("int", "uint", "double") else "dyn"
        return _Info(_add(1, args), 1 if kind != "dyn" else None, kind)

    def _macro(self, node: Node, scope: dict[str, _Info]) -> _Info:
        _, name, target_node, variable, args = node
        target = self.estimate(target_node, scope)
        count = target.max_size
        if target.kind == "map":
            item = _Info(1, 0, "string", None if target.path is None else (*target.path, "@keys"))
        elif target.path is not None and target.kind == "list":
            item = self._from_path(1, (*target.path, "@items"))
        else:
            item = _Info(1, target.element_size)
        inner = {**scope, variable: item}
        bodies = [self.estimate(arg, inner).cost for arg in args]
        # The cost of each macro's expansion into a comprehension (accumulator, loop condition, step, result).
        if name == "all":
            init, per_item, size, kind = 1, _add(3, *bodies), 1, "bool"
        elif name == "exists":
            init, per_item, size, kind = 1, _add(3, *bodies), 1, "bool"
        elif name == "exists_one":
            init, per_item, size, kind = 2, _add(2, *bodies), 1, "bool"
        elif name == "filter":
            init, per_item, size, kind = 11, _add(13, *bodies), count, "list"
        else:  # map, with or without a filter
            init, per_item, size, kind = 11, _add(12, *bodies), count, "list"
        return _Info(_add(target.cost, init, _mul(count, per_item)), size, kind)

    def _call(self, node: Node, scope: dict[str, _Info]) -> _Info:
        _, name, target_node, arg_nodes = node
        if target_node is not None and target_node[0] == "ident" and target_node[1] not in scope and target_node[1] not in ("self", "oldSelf"):
            name, target_node = f"{target_node[1]}.{name}", None  # a namespaced function (ip.isCanonical, sets.contains)
        target = self.estimate(target_node, scope) if target_node is not None else None
        args = [self.estimate(arg, scope) for arg in arg_nodes]
        arguments = _add(*(a.cost for a in args), target.cost if target else 0)
        own, size, kind = self._function(name, target, args)
        return _Info(_add(own, arguments), size, kind)

    def _function(self, name: str, target: _Info | None, args: list[_Info]) -> tuple[int, int | None, str]:
        """Return a function's own cost, its result's size and kind (cel-go, then Kubernetes' library estimator)."""
        first = args[0] if args else None
        kind = "bool" if name in _BOOL_RESULTS else "int" if name in _INT_RESULTS else "dyn"
        size: int | None = 1 if kind != "dyn" else None
        if target is not None:
            if name in ("isSorted", "sum", "max", "min", "indexOf", "lastIndexOf") and target.kind == "list":
                element = self._from_path(0, (*target.path, "@items")) if target.path else _Info(0, target.element_size)
                per_item = 1 + (_factor(element.max_size, TRAVERSAL) if element.kind in ("string", "bytes") else 0)
                return _mul(target.max_size, per_item), size if name not in ("sum", "max", "min") else 1, kind
            if name in ("indexOf", "lastIndexOf"):
                return _factor(target.max_size, TRAVERSAL), 1, "int"
            if name in ("lowerAscii", "upperAscii", "substring", "trim"):
                return _factor(target.max_size, TRAVERSAL), target.size, "string"
            if name == "replace" and len(args) >= 2:
                return _factor(target.max_size, 2 * TRAVERSAL), _replaced_size(target, args[0], args[1]), "string"
            if name == "split":
                limit = args[1].size if len(args) > 1 and args[1].literal else target.size
                return _factor(target.max_size, 2 * TRAVERSAL), limit, "list"
            if name == "join":
                element = self._from_path(0, (*target.path, "@items")) if target.path else _Info(0, target.element_size)
                joined = _mul(target.max_size, element.max_size)
                if first is not None:
                    joined = _add(joined, _mul(first.max_size, max(target.max_size - 1, 0)))
                return _factor(joined, TRAVERSAL), joined, "string"
            if name == "format":
                return _factor(target.max_size, TRAVERSAL), None, "string"
            if name in ("startsWith", "endsWith") and first is not None:
                return _factor(first.max_size, TRAVERSAL), 1, "bool"
            if name == "matches" and first is not None:
                text = _factor(_add(target.max_size, 1), TRAVERSAL)
                return _mul(text, _factor(first.max_size, REGEX)), 1, "bool"
            if name == "contains" and first is not None:
                return _mul(_factor(target.max_size, TRAVERSAL), _factor(first.max_size, TRAVERSAL)), 1, "bool"
            if name == "containsIP":
                return 4 + (_factor(first.max_size, TRAVERSAL) if first and first.kind == "string" else 0), 1, "bool"
            if name == "containsCIDR":
                return 7 + (_factor(first.max_size, TRAVERSAL) if first and first.kind == "string" else 0), 1, "bool"
            if name == "validate" and first is not None:
                return _factor(_factor(first.max_size, TRAVERSAL), 128 * REGEX), None, "dyn"
            return 1, size, kind
        if name in ("cidr", "isIP", "isCIDR", "ip", "quantity", "isQuantity", "semver", "isSemver") and first is not None:
            return _factor(first.max_size, TRAVERSAL), size, kind
        if name == "ip.isCanonical" and first is not None:
            return _factor(first.max_size, 2 * TRAVERSAL), 1, "bool"
        if name == "string":
            return 1, None, "string"
        if name in ("double",):
            return 1, 1, "double"
        return 1, size, kind


def _replaced_size(target: _Info, old: _Info, new: _Info) -> int:
    # The longest result: the shortest match replaced by the longest replacement as often as it fits.
    shortest = old.size if old.literal and old.size is not None else 0
    if shortest == 0:
        return _add(_mul(_add(target.max_size, 1), new.max_size), target.max_size)
    if new.max_size <= shortest:
        return target.max_size
    return _mul(math.ceil(target.max_size / shortest), new.max_size)


def estimate_cost(tree: Node, schema: dict[str, Any]) -> int:
    """Return the worst-case cost of one evaluation of a parsed rule whose ``self`` has SCHEMA."""
    return _Estimator(schema).estimate(tree, {}).cost


def cost_error_message(what: str, cost: int, limit: int) -> str:
    """Word a cost over its limit as apiextensions does (``... exceeds budget by factor of 2.5x (try ...)``)."""
    factor = cost / limit
    if factor > 100.0:
        shown = "more than 100x"
    elif factor < 1.5:
        shown = f"{factor:f}x"
    else:
        shown = f"{factor:.1f}x"
    return (
        f"{what} exceeds budget by factor of {shown} (try simplifying the rule, or adding maxItems, "
        "maxProperties, and maxLength where arrays, maps, and strings are declared)"
    )


@dataclass
class CostTotal:
    """The running total of a schema's rule costs, and the few rules that contribute most (apiextensions' TotalCost)."""

    total: int = 0
    most_expensive: list[tuple[int, str]] = field(default_factory=list)

    def observe(self, path: str, cost: int) -> None:
        """Add one expression's cost; remember it among the four largest if it is at least 1% of the total limit."""
        self.total = _add(self.total, cost)
        if cost < TOTAL_LIMIT // 100:
            return
        self.most_expensive.append((cost, path))
        self.most_expensive.sort(key=lambda entry: -entry[0])  # stable: equal costs keep schema order
        del self.most_expensive[4:]
