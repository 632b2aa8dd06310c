"""The one field-error record of the core, shaped like apimachinery's ``field.Error``.

Schema validation, Cluster API's variable rules and the manifest checks all report
through ``FieldError``, and all print it the way ``field.Error.Error()`` does
(``spec.x: Invalid value: "fifty": must be of type integer``), so a person who later
meets the same rule in ``kubectl apply`` recognises it. Findings Kubernetes has no
error type for (YAML text problems, warnings) have ``type`` None: their detail is
the whole message.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]

# apimachinery's field.ErrorType values (what the API server puts in a Status cause) ...
NOT_FOUND = "FieldValueNotFound"
REQUIRED = "FieldValueRequired"
DUPLICATE = "FieldValueDuplicate"
INVALID = "FieldValueInvalid"
NOT_SUPPORTED = "FieldValueNotSupported"
FORBIDDEN = "FieldValueForbidden"
TOO_LONG = "FieldValueTooLong"
TOO_MANY = "FieldValueTooMany"
INTERNAL = "InternalError"
TYPE_INVALID = "FieldValueTypeInvalid"

# ... and the words ErrorType.String() prints for each.
TYPE_TEXT = {
    NOT_FOUND: "Not found",
    REQUIRED: "Required value",
    DUPLICATE: "Duplicate value",
    INVALID: "Invalid value",
    NOT_SUPPORTED: "Unsupported value",
    FORBIDDEN: "Forbidden",
    TOO_LONG: "Too long",
    TOO_MANY: "Too many",
    INTERNAL: "Internal error",
    TYPE_INVALID: "Invalid value",
}

# field.Error.ErrorBody never prints the bad value of these types.
_VALUELESS_TYPES = frozenset({REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL})


class _Omitted:
    """The bad value of an error that has none to show (apimachinery's ``omitValue``)."""

    def __repr__(self) -> str:
        return "OMITTED"

    def __reduce__(self) -> str:
        return "OMITTED"


OMITTED: Any = _Omitted()


@dataclass(frozen=True)
class FieldError:
    """One finding: Kubernetes error type, field path, detail, bad value, severity and (when read from text) 1-based line."""

    type: str | None
    field: str
    detail: str = ""
    value: Any = OMITTED
    severity: Severity = "error"
    line: int | None = None

    @property
    def message(self) -> str:
        """Return what Kubernetes prints after the field path (``ErrorBody``): type, bad value, detail."""
        if self.type is None:
            return self.detail
        body = TYPE_TEXT.get(self.type, self.type)
        if self.type not in _VALUELESS_TYPES and self.value is not OMITTED:
            body = f"{body}: {format_value(self.value)}"
        return f"{body}: {self.detail}" if self.detail else body

    def __str__(self) -> str:
        """Format like ``field.Error.Error()``: ``field: message`` (just the message for problems with the text itself)."""
        return f"{self.field}: {self.message}" if self.field else self.message

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form the browser worker, the prerendered editor data and the CLI send."""
        return {
            "severity": self.severity,
            "type": self.type,
            "field": self.field,
            "detail": self.detail,
            "value": None if self.value is OMITTED else _plain(self.value),
            "message": self.message,
            "line": self.line,
        }


def format_value(value: Any) -> str:
    """Render a bad value as ``ErrorBody`` does: strings as Go's ``%q``, numbers and booleans as ``%v``, null as null.

    Composites have no Go form of their own here (apimachinery falls back to ``%#v``
    of Go types); they print as compact JSON, which is what the user wrote.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, (int, float)):
        return format_number(value)
    return go_json(value)


def format_number(number: float | int) -> str:
    """Render a number like Go's ``%v``: ints in decimal, a float64 as ``%g`` with the shortest digits (``4``, ``2.5``, ``1e+21``)."""
    if isinstance(number, bool) or not isinstance(number, float):
        return str(number)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "+Inf" if number > 0 else "-Inf"
    if number == 0:
        return "-0" if math.copysign(1.0, number) < 0 else "0"
    digits, exponent = _shortest_digits(number)
    # %v of a float is %g with the shortest digits: exponent form below 1e-4 and from 1e+06 up.
    if exponent < -4 or exponent >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        sign = "-" if number < 0 else ""
        return f"{sign}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    return _plain_decimal(number)


def go_json(value: Any, sort_keys: bool = True) -> str:
    """Encode VALUE as Go's ``json.Marshal`` does: compact, map keys sorted, float64s without a needless ``.0``.

    With ``sort_keys`` false, keys keep the order they were written in (a value's own JSON text).
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _json_float(value)
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        for char, escaped in _JSON_HTML_ESCAPES:
            text = text.replace(char, escaped)
        return text
    if isinstance(value, dict):
        names = sorted(value, key=str) if sort_keys else list(value)
        return "{" + ",".join(f"{go_json(str(k))}:{go_json(value[k], sort_keys)}" for k in names) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(go_json(item, sort_keys) for item in value) + "]"
    return go_json(str(value))


def go_quote(text: str) -> str:
    """Quote TEXT like Go's ``%q`` (strconv.Quote): printable characters kept, the rest escaped."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


# encoding/json escapes these even where JSON does not require it.
_JSON_HTML_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SHORT_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def _shortest_digits(number: float) -> tuple[str, int]:
    """Return the shortest round-tripping digits of NUMBER (as Go's strconv picks them) and its decimal exponent."""
    # repr is the shortest decimal that reads back as the same float64; Decimal splits it without rounding.
    _, digits, exponent = Decimal(repr(abs(number))).normalize().as_tuple()
    text = "".join(map(str, digits))
    return text, len(text) + int(exponent) - 1


def _plain_decimal(number: float) -> str:
    # Fixed notation with no trailing zeros: 4.0 -> "4", 1e20 -> "100000000000000000000".
    return format(Decimal(repr(number)).normalize(), "f")


def _json_float(number: float) -> str:
    # encoding/json: 'f' format, or 'e' with a trimmed exponent below 1e-6 and from 1e21 up.
    if not math.isfinite(number):
        return "null"
    if number == 0:
        return "-0" if math.copysign(1.0, number) < 0 else "0"
    if abs(number) < 1e-6 or abs(number) >= 1e21:
        digits, exponent = _shortest_digits(number)
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        sign = "-" if number < 0 else ""
        return f"{sign}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent)}"
    return _plain_decimal(number)


def _plain(value: Any) -> Any:
    # JSON-safe copy of a bad value for to_dict (non-finite floats have no JSON form).
    if isinstance(value, float) and not math.isfinite(value):
        return format_number(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def child(path: str, name: str) -> str:
    """Return the path of a named child, as field.Path.Child prints it."""
    return f"{path}.{name}" if path else name


def index(path: str, i: int) -> str:
    """Return the path of a list item, as field.Path.Index prints it."""
    return f"{path}[{i}]"


def key(path: str, name: str) -> str:
    """Return the path of a keyed item, as field.Path.Key prints it."""
    return f"{path}[{name}]"


def required(path: str, detail: str = "", line: int | None = None) -> FieldError:
    """Report a missing value (``field.Required``)."""
    return FieldError(REQUIRED, path, detail, line=line)


def invalid(path: str, value: Any, detail: str, line: int | None = None) -> FieldError:
    """Report a value that breaks a rule (``field.Invalid``)."""
    return FieldError(INVALID, path, detail, value, line=line)


def type_invalid(path: str, value: Any, detail: str) -> FieldError:
    """Report a value of the wrong JSON type (``field.TypeInvalid``); prints like Invalid but is its own type."""
    return FieldError(TYPE_INVALID, path, detail, value)


def not_found(path: str, value: Any, detail: str = "") -> FieldError:
    """Report a reference to something that does not exist (``field.NotFound``)."""
    return FieldError(NOT_FOUND, path, detail, value)


def not_supported(path: str, value: Any, allowed: list[Any], line: int | None = None) -> FieldError:
    """Report a value outside a fixed set, listing the set like ``field.NotSupported``: each quoted, non-strings as JSON."""
    listed = ", ".join(go_quote(v if isinstance(v, str) else go_json(v)) for v in allowed)
    return FieldError(NOT_SUPPORTED, path, f"supported values: {listed}" if allowed else "", value, line=line)


def duplicate(path: str, value: Any, line: int | None = None) -> FieldError:
    """Report a value that must be unique but appears twice (``field.Duplicate``)."""
    return FieldError(DUPLICATE, path, "", value, line=line)


def forbidden(path: str, detail: str, line: int | None = None) -> FieldError:
    """Report a field that may not be set (``field.Forbidden``)."""
    return FieldError(FORBIDDEN, path, detail, line=line)


def too_long(path: str, value: Any, max_length: int) -> FieldError:
    """Report a string over its maxLength (``field.TooLong``, whose body leaves the value out)."""
    unit = "byte" if max_length == 1 else "bytes"
    return FieldError(TOO_LONG, path, f"may not be more than {max_length} {unit}", value)


def too_many(path: str, actual: int, maximum: int, noun: str = "items") -> FieldError:
    """Report a list or object with too many entries (``field.TooMany``)."""
    word = noun[:-1] if maximum == 1 else noun
    return FieldError(TOO_MANY, path, f"must have at most {maximum} {word}", actual)


def internal(path: str, detail: str) -> FieldError:
    """Report a problem with the schema rather than with the value (``field.InternalError``)."""
    return FieldError(INTERNAL, path, detail)


def warning(path: str, detail: str, line: int | None = None) -> FieldError:
    """Report something that works but needs a look, or was not checked, so nobody mistakes it for a pass."""
    return FieldError(None, path, detail, severity="warning", line=line)


def plain(path: str, detail: str, line: int | None = None) -> FieldError:
    """Report an error Kubernetes has no type for (a YAML text problem): the detail is the whole message."""
    return FieldError(None, path, detail, line=line)
