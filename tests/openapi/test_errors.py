"""The one field-error record: apimachinery's field.Error vocabulary, printing and JSON form."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator import browser
from generator.manifests import diagnostics
from generator.openapi import errors
from generator.openapi.errors import FieldError, format_number, format_value, go_json, go_quote


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4.0, "4"),
        (2.5, "2.5"),
        (100000.0, "100000"),
        (1234567.0, "1.234567e+06"),
        (1e21, "1e+21"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (-3.0, "-3"),
        (7, "7"),
    ],
    ids=lambda v: repr(v),
)
def test_numbers_print_like_go_v(value: float, text: str) -> None:
    # Go's %v of a float64 is %g with the shortest digits: the manifest checks and the schema checks agree on it.
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("fifty", '"fifty"'),
        ('a"b\\c', '"a\\"b\\\\c"'),
        ("line\nbreak\t\x01", '"line\\nbreak\\t\\x01"'),
        ("größe", '"größe"'),
        (None, "null"),
        (True, "true"),
        ({"b": [1, 2.0, None], "a": "x"}, '{"a":"x","b":[1,2,null]}'),
    ],
    ids=["a string is quoted", "quotes and backslashes are escaped", "control characters are escaped", "printable unicode stays", "null", "a bool", "an object is compact JSON with sorted keys"],
)
def test_values_print_like_error_body(value: Any, text: str) -> None:
    assert format_value(value) == text


def test_go_quote_and_go_json_are_the_go_forms() -> None:
    assert go_quote('"x"') == '"\\"x\\""'
    # encoding/json escapes <, > and & and writes a float64 without a needless ".0".
    assert go_json({"a": "<&>", "n": 4.0}) == '{"a":"\\u003c\\u0026\\u003e","n":4}'
    assert go_json({"b": 1, "a": 2}, sort_keys=False) == '{"b":1,"a":2}'


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (errors.invalid("spec.x", "fifty", "must be of type integer"), 'spec.x: Invalid value: "fifty": must be of type integer'),
        (errors.type_invalid("spec.x", "1", 'must be of type string: "integer"'), 'spec.x: Invalid value: "1": must be of type string: "integer"'),
        (errors.required("spec.x", "must be set"), "spec.x: Required value: must be set"),
        (errors.not_supported("spec.x", "c", ["a", 1]), 'spec.x: Unsupported value: "c": supported values: "a", "1"'),
        (errors.duplicate("spec.x[1]", "a"), 'spec.x[1]: Duplicate value: "a"'),
        (errors.forbidden("spec.x", "may not be set"), "spec.x: Forbidden: may not be set"),
        (errors.too_long("spec.x", "abcdef", 5), "spec.x: Too long: may not be more than 5 bytes"),
        (errors.too_many("spec.x", 4, 3), "spec.x: Too many: 4: must have at most 3 items"),
        (errors.internal("spec.x", "broken"), "spec.x: Internal error: broken"),
        (errors.not_found("spec.x", "y"), 'spec.x: Not found: "y"'),
        (errors.plain("", "YAML syntax error", 3), "YAML syntax error"),
    ],
    ids=["invalid", "type invalid", "required", "not supported", "duplicate", "forbidden", "too long", "too many", "internal", "not found", "a text problem has no type"],
)
def test_each_error_type_prints_like_field_error(error: FieldError, text: str) -> None:
    assert str(error) == text


def test_type_invalid_is_its_own_type_though_it_prints_like_invalid() -> None:
    # Cluster API's tests tell field.ErrorTypeTypeInvalid from ErrorTypeInvalid.
    assert errors.type_invalid("a", 1, "d").type == "FieldValueTypeInvalid"
    assert errors.invalid("a", 1, "d").type == "FieldValueInvalid"


def test_manifest_diagnostics_are_the_same_record() -> None:
    assert diagnostics.Diagnostic is FieldError
    assert diagnostics.invalid is errors.invalid and diagnostics.unsupported is errors.not_supported


def test_to_dict_is_plain_json_and_keeps_what_the_editor_reads() -> None:
    error = errors.invalid("spec.x", float("inf"), "not finite", line=7)
    data = error.to_dict()
    assert {"severity", "field", "message", "line"} <= data.keys()
    assert data["type"] == "FieldValueInvalid" and data["detail"] == "not finite" and data["line"] == 7
    json.dumps(data, allow_nan=False)  # a non-finite bad value travels as text
    assert errors.warning("spec.x", "unchecked").to_dict()["value"] is None


def test_the_browser_seam_sends_to_dict() -> None:
    text = "a: b\n" * (browser.MAX_TEXT_BYTES // 5 + 1)
    session = browser.Session()
    answer = json.loads(browser.dispatch("parse", json.dumps({"kind": "cluster", "text": text}), session))["result"]
    message = f"the text is {len(text.encode()) // 1024} KiB; the editor reads manifests up to {browser.MAX_TEXT_BYTES // 1024} KiB"
    assert answer["diagnostics"] == [errors.plain("", message, 1).to_dict()]
