"""CEL cost estimation, on Kubernetes' own cases (apiextensions-apiserver ``schema/cel/compilation_test.go``: TestCostEstimation).

Each case is the Go test's schema shape, rule and expected maximum cost, once without the
schema's bounds (the estimate from the request size) and once with ``maxItems``,
``maxProperties`` or ``maxLength`` set. The Go cases with an expected cost of 0 are not
checked there either, so they are left out; cases using functions we do not evaluate
(``find``, durations' and timestamps' accessors are kept: they cost 1 like any function).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.openapi.celcost import PER_EXPRESSION_LIMIT, cost_error_message, estimate_cost, max_cardinality
from generator.openapi.celparse import parse

Schema = dict[str, Any]
Generator = Callable[[int | None], Schema]


def _typed(kind: str) -> Schema:
    if kind in ("duration", "date", "date-time"):
        return {"type": "string", "format": kind}
    if kind == "int-or-string":
        return {"x-kubernetes-int-or-string": True}
    return {"type": kind}


def _bounded(schema: Schema, name: str, bound: int | None) -> Schema:
    return {**schema, name: bound} if bound is not None else schema


_OBJECT = {
    "type": "object",
    "properties": {"required": {"type": "string"}, "optional": {"type": "string"}},
    "required": ["required"],
}


def array_with(kind: str) -> Generator:
    return lambda bound: _bounded({"type": "array", "items": _typed(kind)}, "maxItems", bound)


def array_of_arrays(kind: str) -> Generator:
    return lambda bound: _bounded({"type": "array", "items": {"type": "array", "items": {"type": kind}}}, "maxItems", bound)


def object_array() -> Generator:
    return lambda bound: _bounded({"type": "array", "items": _OBJECT}, "maxItems", bound)


def map_array(kind: str) -> Generator:
    item = {"type": "object", "additionalProperties": {"type": kind}}
    return lambda bound: _bounded({"type": "array", "items": item}, "maxItems", bound)


def map_with(kind: str) -> Generator:
    return lambda bound: _bounded({"type": "object", "additionalProperties": _typed(kind)}, "maxProperties", bound)


def map_of(item: Schema) -> Generator:
    return lambda bound: _bounded({"type": "object", "additionalProperties": item}, "maxProperties", bound)


def string_with(**extra: Any) -> Generator:
    return lambda bound: _bounded({"type": "string", **extra}, "maxLength", bound)


def nested_spec() -> Generator:
    def make(bound: int | None) -> Schema:
        value = _bounded({"type": "string"}, "maxLength", bound)
        return _bounded({"type": "object", "additionalProperties": value}, "maxProperties", bound)

    return make


def nested_root(all_bounded: bool) -> Generator:
    def make(bound: int | None) -> Schema:
        inner = _bounded(_OBJECT, "maxProperties", bound) if all_bounded else _OBJECT
        middle = _bounded({"type": "object", "additionalProperties": inner}, "maxProperties", bound)
        return _bounded({"type": "array", "items": middle}, "maxItems", bound if all_bounded else None)

    return make


def strings_list() -> Generator:
    return lambda bound: _bounded({"type": "array", "items": _bounded({"type": "string"}, "maxLength", bound)}, "maxItems", bound)


def replace_object() -> Generator:
    return lambda bound: {
        "type": "object",
        "properties": {
            "str": _bounded({"type": "string"}, "maxLength", bound),
            "before": {"type": "string", "maxLength": 2},
            "after": {"type": "string", "maxLength": 4},
        },
    }


def split_object() -> Generator:
    def make(bound: int | None) -> Schema:
        text = _bounded({"type": "string"}, "maxLength", bound)
        return {"type": "object", "properties": {"str": text, "separator": text}}

    return make


def int_or_string() -> Generator:
    return lambda bound: _bounded({"x-kubernetes-int-or-string": True}, "maxLength", bound)


# name, schema, rule, expected cost without bounds, the bound, expected cost with it
CASES: list[tuple[str, Generator, str, int, int, int]] = [
    ("number array with all", array_with("number"), "self.all(x, true)", 4718591, 10, 32),
    ("string array with all", array_with("string"), "self.all(x, true)", 3145727, 20, 62),
    ("boolean array with all", array_with("boolean"), "self.all(x, true)", 1887437, 5, 17),
    ("array of number arrays with all", array_of_arrays("number"), "self.all(x, true)", 3145727, 100, 302),
    ("array of objects with all", object_array(), "self.all(x, true)", 555128, 50, 152),
    ("map of numbers with all", map_with("number"), "self.all(x, true)", 1348169, 10, 32),
    ("map of strings with all", map_with("string"), "self.all(x, true)", 1179647, 3, 11),
    ("map of booleans with all", map_with("boolean"), "self.all(x, true)", 943718, 100, 302),
    ("string with contains", string_with(), "self.contains('test')", 314574, 10, 5),
    ("string with startsWith", string_with(), "self.startsWith('test')", 2, 15, 2),
    ("string with endsWith", string_with(), "self.endsWith('test')", 2, 30, 2),
    ("concat string", string_with(), 'size(self + "hello") > size("hello")', 314578, 4, 7),
    ("index of array with numbers", array_with("number"), "self[1] == 0.0", 2, 5000, 2),
    ("index of array with strings", array_with("string"), "self[1] == self[1]", 314577, 8, 314577),
    ("O(n^2) loop with numbers", array_with("number"), "self.all(x, self.all(y, true))", 0, 10, 352),
    ("O(n^3) loop with numbers", array_with("number"), "self.all(x, self.all(y, self.all(z, true)))", 0, 10, 3552),
    ("regex matches simple", string_with(), 'self.matches("x")', 314574, 50, 22),
    ("regex matches empty string", string_with(), '"".matches("(((((((((())))))))))[0-9]")', 7, 10, 7),
    ("regex matches empty regex", string_with(), 'self.matches("")', 1, 100, 1),
    ("map of strings with value length", nested_spec(), "self.all(x, x.contains(self[x]))", 2752507, 10, 72),
    ("set array maxLength to zero", array_with("number"), "self[3] == 0.0", 2, 0, 2),
    ("set map maxLength to zero", map_with("number"), 'self["x"] == 0.0', 2, 0, 2),
    ("set string maxLength to zero", string_with(), 'self == "x"', 2, 0, 1),
    ("set maxLength greater than estimated maxLength", array_with("number"), "self.all(x, x == 0.0)", 6291454, 3 * 1024 * 2048, 25165826),
    ("nested types with root rule with all supporting maxLength", nested_root(True), 'self.all(x, x["y"].required == "z")', 7340027, 10, 72),
    ("nested types with root rule with one supporting maxLength", nested_root(False), 'self.all(x, x["y"].required == "z")', 7340027, 10, 7340027),
    ("int-or-string array with all", array_with("int-or-string"), "self.all(x, true)", 4718591, 10, 32),
    ("index of array with int-or-strings", array_with("int-or-string"), "self[0] == 5", 3, 10, 3),
    ("index of array with booleans", array_with("boolean"), "self[0] == false", 2, 25, 2),
    ("index of array of objects", object_array(), "self[0] == null", 2, 422, 2),
    ("index of array of array of numnbers", array_of_arrays("number"), "self[0][0] == -1.0", 3, 51, 3),
    ("array of number maps with all", map_array("number"), "self.all(x, x.y == 25.2)", 6291452, 12, 74),
    ("index of array of number maps", map_array("number"), "self[0].x > 2.0", 4, 3000, 4),
    ("duration array with all", array_with("duration"), "self.all(x, true)", 2359295, 5, 17),
    ("index of duration array", array_with("duration"), "self[0].getHours() == 2", 4, 525, 4),
    ("date array with all", array_with("date"), "self.all(x, true)", 725936, 15, 47),
    ("index of date array", array_with("date"), "self[2].getDayOfMonth() == 13", 4, 42, 4),
    ("date-time array with all", array_with("date-time"), "self.all(x, true)", 428963, 25, 77),
    ("index of date-time array", array_with("date-time"), "self[2].getMinutes() == 45", 4, 99, 4),
    ("map of int-or-strings with all", map_with("int-or-string"), "self.all(x, true)", 1348169, 15, 47),
    ("map of objects with all", map_of(_OBJECT), "self.all(x, true)", 428963, 20, 62),
    ("map of number maps with all", map_of({"type": "object", "additionalProperties": {"type": "number"}}), "self.all(x, true)", 1179647, 10, 32),
    ("map of number arrays with all", map_of({"type": "array", "items": {"type": "number"}}), "self.all(x, true)", 1179647, 25, 77),
    ("map of durations with all", map_with("duration"), "self.all(x, true)", 1048577, 5, 17),
    ("map of dates with all", map_with("date"), "self.all(x, true)", 524288, 10, 32),
    ("map of date-times with all", map_with("date-time"), "self.all(x, true)", 349526, 25, 77),
    ("extended library join", strings_list(), "self.join(' ') == 'aa bb'", 329853068905, 10, 43),
    ("extended library isSorted", strings_list(), "self.isSorted() == true", 329854432052, 10, 52),
    ("extended library replace", replace_object(), "self.str.replace(self.before, self.after) == 'does not matter'", 629154, 4, 12),
    ("extended library split", split_object(), "self.str.split(self.separator) == []", 629160, 10, 22),
    ("extended library lowerAscii", string_with(), "self.lowerAscii() == 'lower!'", 314575, 10, 6),
    ("check cost of size call", map_with("integer"), "oldSelf.size() == self.size()", 5, 10, 5),
    ("check cost of timestamp comparison", map_with("date-time"), 'self["a"] == self["b"]', 8, 7, 8),
    ("check cost of duration comparison", map_with("duration"), 'self["c"] == self["d"]', 8, 42, 8),
    ("enums with maxLength equals to the longest possible value", string_with(enum=["A", "B", "C", "LongValue"]), "self.contains('A')", 2, 1000, 401),
    ("IntOrString type with quantity rule", int_or_string(), "isQuantity(self)", 314574, 20, 9),
]


@pytest.mark.parametrize(
    ("make", "rule", "unbounded", "bound", "bounded"),
    [pytest.param(m, r, u, b, s, id=n) for n, m, r, u, b, s in CASES],
)
def test_estimates_kubernetes_cost_cases(make: Generator, rule: str, unbounded: int, bound: int, bounded: int) -> None:
    if unbounded:
        assert estimate_cost(parse(rule), make(None)) == unbounded
    else:  # the Go case only wants it over the per-call limit
        assert estimate_cost(parse(rule), make(None)) > 1_000_000
    assert estimate_cost(parse(rule), make(bound)) == bounded


def test_counts_how_often_an_unbounded_node_can_repeat() -> None:
    """A string can occur 3 MiB / 3 bytes times (``"",``), an integer 3 MiB / 2."""
    assert max_cardinality({"type": "string"}) == 1048576
    assert max_cardinality({"type": "integer"}) == 1572864
    assert max_cardinality({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}) == 3145728 // 10


@pytest.mark.parametrize(
    ("cost", "shown"),
    [(20_000_000, "2.0x"), (12_000_000, "1.200000x"), (2_000_000_000, "more than 100x")],
    ids=["one decimal from 1.5x", "six decimals below 1.5x", "more than 100x"],
)
def test_words_the_excess_as_kubernetes_does(cost: int, shown: str) -> None:
    assert cost_error_message("estimated rule cost", cost, PER_EXPRESSION_LIMIT) == (
        f"estimated rule cost exceeds budget by factor of {shown} (try simplifying the rule, or adding maxItems, "
        "maxProperties, and maxLength where arrays, maps, and strings are declared)"
    )
