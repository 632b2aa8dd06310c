"""The CEL subset: what it evaluates, how rules fail, and that what it cannot evaluate is a warning."""

from __future__ import annotations

from typing import Any

import re

import pytest

from generator.openapi.cel import CelError, CelUnsupported, check_rules, evaluate
from generator.openapi.celparse import CelSyntaxError, parse
from tests.openapi.matchers import assert_errors

EXPRESSIONS: list[tuple[str, str, Any, Any]] = [
    ("compares integers", "self > 3", 4, True),
    ("compares an integer with a double", "self < 1.5", 1, True),
    ("compares strings", "self < 'b'", "a", True),
    ("selects fields", "self.a.b == 'x'", {"a": {"b": "x"}}, True),
    ("indexes lists", "self[1] == 2", [1, 2], True),
    ("indexes maps", "self['a-b'] == 1", {"a-b": 1}, True),
    ("tests presence with has()", "has(self.a) && !has(self.b)", {"a": 1}, True),
    ("does integer arithmetic", "(self + 2) * 3 - 1", 1, 8),
    ("truncates integer division toward zero", "-7 / 2", None, -3),
    ("keeps the dividend's sign for modulus", "-7 % 2", None, -1),
    ("does double arithmetic", "self / 2.0", 3.0, 1.5),
    ("concatenates strings", "self + '-suffix'", "name", "name-suffix"),
    ("concatenates lists", "self + [3]", [1, 2], [1, 2, 3]),
    ("evaluates the conditional operator", "self > 0 ? 'pos' : 'neg'", -1, "neg"),
    ("tests list membership with in", "'b' in self", ["a", "b"], True),
    ("tests map keys with in", "'a' in self", {"a": 1}, True),
    ("negates a membership test", "!(self in ['Ready', 'Available'])", "Ready", False),
    ("measures strings, lists and maps", "size(self.s) + self.l.size() + size(self.m)", {"s": "abc", "l": [1], "m": {"a": 1}}, 5),
    ("counts characters, not bytes, in size()", "size(self)", "äöü", 3),
    ("checks startsWith and endsWith", "self.startsWith('https://') && self.endsWith('/')", "https://a/", True),
    ("checks contains", "self.contains('example')", "k8s.example.com", True),
    ("checks matches with RE2 semantics", "self.matches('^[a-z0-9-]+$')", "my-name", True),
    ("lowers and uppers ASCII", "self.lowerAscii() + self.upperAscii()", "Ab", "abAB"),
    ("splits and joins", "self.split(',').join('+')", "a,b", "a+b"),
    ("takes substrings", "self.substring(1, 3)", "abcd", "bc"),
    ("finds an index", "self.indexOf('c')", "abcd", 2),
    ("checks all() over a list", "self.all(x, x > 0)", [1, 2, 3], True),
    ("checks all() over map keys", "self.all(k, k.startsWith('x-'))", {"x-a": 1, "b": 2}, False),
    ("checks exists()", "self.exists(x, x == 2)", [1, 2], True),
    ("checks exists_one()", "self.exists_one(x, x == 1)", [1, 1], False),
    ("maps a list", "self.map(x, x * 2)", [1, 2], [2, 4]),
    ("maps with a filter", "self.map(x, x > 1, x * 10)", [1, 2, 3], [20, 30]),
    ("filters a list", "self.filter(x, x % 2 == 0)", [1, 2, 3, 4], [2, 4]),
    ("builds list literals", "[1, 2, 3].size()", None, 3),
    ("builds map literals", "{'a': 1}.a", None, 1),
    ("converts with int(), string() and double()", "int('42') + int(string(1)) + int(double(2))", None, 45),
    ("checks isSorted on lists", "self.isSorted()", [1, 2, 2, 5], True),
    ("sums a list", "self.sum()", [1, 2, 3], 6),
    ("lets a true side of || absorb an error", "self.missing == 1 || true", {}, True),
    ("lets a false side of && absorb an error", "false && self.missing == 1", {}, False),
    ("reads string escapes", r"'a\tb' == 'a' + '\t' + 'b'", None, True),
    ("reads raw and triple-quoted strings", "r'\\d' + '''x'''", None, "\\dx"),
    ("reads hex and unsigned literals", "0x10 + 2u", None, 18),
    ("treats 1 and 1.0 as equal", "self == 1.0", 1, True),
    ("does not treat true as 1", "self == 1", True, False),
]


@pytest.mark.parametrize(("rule", "self_value", "want"), [e[1:] for e in EXPRESSIONS], ids=[e[0] for e in EXPRESSIONS])
def test_evaluate(rule: str, self_value: Any, want: Any) -> None:
    assert evaluate(rule, self_value) == want


RUNTIME_ERRORS = [
    ("selecting a missing field is an error", "self.a == 1", {}, "no such key: a"),
    ("dividing by zero is an error", "self / 0 == 1", 1, "division by zero"),
    ("adding an int and a double is an error, as CEL has no implicit conversion", "self + 1.5", 1, "no such overload: int + double"),
    ("comparing a string with an int is an error", "self < 1", "a", "no such overload: string < int"),
    ("indexing past the end is an error", "self[3]", [1], "index out of bounds: 3"),
    ("overflowing int64 is an error", "self * self", 2**62, "integer overflow"),
]


@pytest.mark.parametrize(("rule", "self_value", "message"), [e[1:] for e in RUNTIME_ERRORS], ids=[e[0] for e in RUNTIME_ERRORS])
def test_runtime_errors(rule: str, self_value: Any, message: str) -> None:
    with pytest.raises(CelError, match=re.escape(message)):
        evaluate(rule, self_value)


UNSUPPORTED = [
    ("an unknown function", "self.quantity() > 1", "function quantity() is not supported"),
    ("an unknown global function", "isURL(self)", "function isURL() is not supported"),
    ("an unknown identifier", "request.x == 1", "unknown identifier 'request'"),
]


@pytest.mark.parametrize(("rule", "message"), [u[1:] for u in UNSUPPORTED], ids=[f"reports {u[0]} as unsupported" for u in UNSUPPORTED])
def test_unsupported(rule: str, message: str) -> None:
    with pytest.raises(CelUnsupported, match=re.escape(message)):
        evaluate(rule, {"x": 1})


SYNTAX = [
    ("an unfinished expression", "self.x +", "unexpected end of rule"),
    ("an unclosed parenthesis", "(self > 1", "expected ')', got end of rule"),
    ("a stray character", "self # 1", "unexpected character '#'"),
    ("has() without a field selection", "has(self)", "has() needs a field selection"),
    ("a macro without a variable", "self.all(1, true)", "macro all() needs a variable name"),
    ("bytes literals", "b'abc' == self", "bytes literals are not supported"),
]


@pytest.mark.parametrize(("rule", "message"), [s[1:] for s in SYNTAX], ids=[f"rejects {s[0]}" for s in SYNTAX])
def test_syntax_errors(rule: str, message: str) -> None:
    with pytest.raises(CelSyntaxError, match=re.escape(message)):
        parse(rule)


P = "spec.topology.variables[v].value"

RULES: list[tuple[str, list[dict[str, Any]], Any, list[tuple[str, str]]]] = [
    ("passes a rule that holds", [{"rule": "self > 1"}], 2, []),
    ("uses the rule's message", [{"rule": "self > 1", "message": "must be more than one"}], 0, [(P, "Invalid value: 0: must be more than one")]),
    ("falls back to failed rule: RULE", [{"rule": "self > 1"}], 0, [(P, "Invalid value: 0: failed rule: self > 1")]),
    ("prefers a messageExpression that evaluates", [{"rule": "self > 1", "message": "m", "messageExpression": "'got ' + string(self)"}], 0,
     [(P, "Invalid value: 0: got 0")]),
    ("falls back to the message when messageExpression fails", [{"rule": "self > 1", "message": "m", "messageExpression": "self.x"}], 0,
     [(P, "Invalid value: 0: m")]),
    ("reports a runtime error like Kubernetes", [{"rule": "self.a > 1"}], {}, [(P, "Invalid value: {}: no such key: a evaluating rule: self.a > 1")]),
    ("reports a non-bool result", [{"rule": "self + 1"}], 1, [(P, "rule did not evaluate to a bool: self + 1")]),
    ("points at fieldPath when the rule names one", [{"rule": "has(self.a)", "fieldPath": ".a", "message": "a is required"}], {},
     [(f"{P}.a", "Invalid value: {}: a is required")]),
    ("skips transition rules, which need the old object", [{"rule": "self >= oldSelf"}], 1, []),
    ("warns about a rule it cannot parse", [{"rule": "self.x +"}], {}, [(P, "warning: rule was not checked (unexpected end of rule): self.x +")]),
    ("warns about a rule it cannot evaluate", [{"rule": "self.quantity() > 1"}], "1Gi",
     [(P, "warning: rule was not checked (function quantity() is not supported): self.quantity() > 1")]),
    ("checks every rule and reports each failure", [{"rule": "self > 5"}, {"rule": "self < 0"}], 3,
     [(P, "failed rule: self > 5"), (P, "failed rule: self < 0")]),
]


@pytest.mark.parametrize(("rules", "value", "want"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_check_rules(rules: list[dict[str, Any]], value: Any, want: list[tuple[str, str]]) -> None:
    assert_errors(check_rules(value, {"x-kubernetes-validations": rules}, P), want)


def test_the_rules_in_the_real_crds_all_parse() -> None:
    import yaml

    from tests.support.crds import crds_dir

    rules: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found = node.get("x-kubernetes-validations")
            # The ClusterClass CRD also has a *property* of that name (describing schemas), which is a schema, not rules.
            if isinstance(found, list):
                rules.extend(rule["rule"] for rule in found)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(crds_dir().glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert rules, "the CRDs should carry some CEL rules"
    for rule in rules:
        parse(rule)


def test_a_selection_the_schema_does_not_declare_is_a_compile_error() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}, "x-kubernetes-validations": [{"rule": "self.b > 1"}]}
    errors = check_rules({"a": 1}, schema, P)
    assert [(e.field, e.severity) for e in errors] == [(P, "error")]
    assert errors[0].detail.startswith("rule compile error: compilation failed: ERROR: <input>:1:5: undefined field 'b'")


def test_an_embedded_resource_declares_its_metadata() -> None:
    schema = {
        "type": "object",
        "x-kubernetes-embedded-resource": True,
        "properties": {"spec": {"type": "object"}},
        "x-kubernetes-validations": [{"rule": "self.metadata.name != ''"}],
    }
    assert [e for e in check_rules({"metadata": {"name": "x"}, "spec": {}}, schema, P) if e.severity == "error"] == []


def test_escaped_property_names_select_the_property() -> None:
    schema = {"type": "object", "properties": {"x-prop": {"type": "integer"}, "namespace": {"type": "integer"}}}
    schema["x-kubernetes-validations"] = [{"rule": "self.x__dash__prop == 1 && self.__namespace__ == 2"}]
    assert check_rules({"x-prop": 1, "namespace": 2}, schema, P) == []


def test_format_fills_in_its_arguments() -> None:
    assert evaluate("'%s is %d (%.1f), %x%%'.format(['cpu', self, 2.25, 255])", 4) == "cpu is 4 (2.2), ff%"


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("FieldValueForbidden", "Forbidden: no"),
        ("FieldValueRequired", "Required value: no"),
        ("FieldValueDuplicate", "Duplicate value: 3"),
        ("FieldValueInvalid", "Invalid value: 3: no"),
    ],
)
def test_a_failed_rule_reports_the_type_its_reason_names(reason: str, text: str) -> None:
    errors = check_rules(3, {"type": "integer", "x-kubernetes-validations": [{"rule": "self > 5", "message": "no", "reason": reason}]}, P)
    assert [e.message for e in errors] == [text]
