"""Field errors shaped like Kubernetes' ``field.Error``, so messages read like the API server's."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

# Kubernetes omits the bad value for these error types (field.Error.ErrorBody).
_VALUELESS_TYPES = frozenset({"Required value", "Forbidden", "Too long", "Internal error"})


@dataclass(frozen=True)
class FieldError:
    """One problem with a value: its Kubernetes error type, field path, detail, bad value and severity."""

    type: str
    field: str
    message: str
    value: Any = None
    severity: str = "error"

    def __str__(self) -> str:
        """Format like Kubernetes: ``field: Type: value: message`` (the value only where Kubernetes prints it)."""
        if self.severity == "warning":
            return f"{self.field}: warning: {self.message}"
        body = self.type
        if self.type not in _VALUELESS_TYPES:
            body = f"{self.type}: {format_value(self.value)}"
        if self.message:
            body = f"{body}: {self.message}"
        return f"{self.field}: {body}"

    def to_dict(self) -> dict[str, Any]:
        """Return plain data for JSON (the browser worker and the CLI)."""
        return {
            "type": self.type,
            "field": self.field,
            "message": self.message,
            "value": self.value,
            "severity": self.severity,
        }


def format_value(value: Any) -> str:
    """Render a bad value like Go's ``%q``/``%v``: strings quoted, numbers bare, composites as JSON."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return format_number(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def format_number(number: float | int) -> str:
    """Render a number like Go's ``%v`` of a float64 bound: ``4`` not ``4.0``."""
    if isinstance(number, float):
        if math.isfinite(number) and number.is_integer() and abs(number) < 1e21:
            return str(int(number))
        return repr(number)
    return str(number)


def child(path: str, name: str) -> str:
    """Return the path of a named child, as field.Path.Child prints it."""
    return f"{path}.{name}" if path else name


def index(path: str, i: int) -> str:
    """Return the path of a list item, as field.Path.Index prints it."""
    return f"{path}[{i}]"


def key(path: str, name: str) -> str:
    """Return the path of a keyed item, as field.Path.Key prints it."""
    return f"{path}[{name}]"


def required(path: str, message: str = "") -> FieldError:
    """Report a missing value."""
    return FieldError("Required value", path, message)


def invalid(path: str, value: Any, message: str) -> FieldError:
    """Report a value that breaks a rule."""
    return FieldError("Invalid value", path, message, value)


def not_supported(path: str, value: Any, allowed: list[Any]) -> FieldError:
    """Report a value outside an enum, listing the supported values like Kubernetes."""
    quoted = ", ".join(json.dumps(v if isinstance(v, str) else _json(v), ensure_ascii=False) for v in allowed)
    return FieldError("Unsupported value", path, f"supported values: {quoted}", value)


def duplicate(path: str, value: Any) -> FieldError:
    """Report a value that appears twice where values must be unique."""
    return FieldError("Duplicate value", path, "", value)


def forbidden(path: str, message: str) -> FieldError:
    """Report a field that may not be set."""
    return FieldError("Forbidden", path, message)


def too_long(path: str, value: Any, max_length: int) -> FieldError:
    """Report a string over its maxLength."""
    return FieldError("Too long", path, f"may not be longer than {max_length}", value)


def too_many(path: str, actual: int, maximum: int, noun: str = "items") -> FieldError:
    """Report a list or object with too many entries."""
    word = noun[:-1] if maximum == 1 else noun
    return FieldError("Too many", path, f"must have at most {maximum} {word}", actual)


def internal(path: str, message: str) -> FieldError:
    """Report a problem with the schema rather than with the value."""
    return FieldError("Internal error", path, message)


def warning(path: str, message: str, value: Any = None) -> FieldError:
    """Report something that was not checked, so nobody mistakes it for a pass."""
    return FieldError("Internal error", path, message, value, "warning")


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
