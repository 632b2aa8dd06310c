"""Go's view of Python values: type and kind names, truth, and fmt-style printing (%v, Sprint, Sprintf)."""

from __future__ import annotations

import math
import re
from typing import Any


class Int64(int):
    """An int that Go would type as int64 (Sprig arithmetic returns these)."""

    __slots__ = ()


class GoObject:
    """A Go struct or pointer exposed to templates: public fields are attributes, methods are in ``_go_methods``."""

    _go_type = "struct {}"
    _go_kind = "struct"
    _go_fields: tuple[str, ...] = ()
    _go_methods: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._go_fields)})"


def type_name(value: Any) -> str:
    """Return Go's %T of a value."""
    if value is None:
        return "<nil>"
    t = type(value)
    if t is str:
        return "string"
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is Int64:
        return "int64"
    if t is float:
        return "float64"
    if t is list or t is tuple:
        return "[]interface {}"
    if t is dict:
        return "map[string]interface {}"
    if t is bytes:
        return "[]uint8"
    if isinstance(value, GoObject):
        return value._go_type
    if callable(value):
        return "func"
    return t.__name__


def kind_name(value: Any) -> str:
    """Return Go's reflect Kind name of a value."""
    if value is None:
        return "invalid"
    t = type(value)
    if t is list or t is tuple or t is bytes:
        return "slice"
    if t is dict:
        return "map"
    if isinstance(value, GoObject):
        return value._go_kind
    return type_name(value)


def truth(value: Any) -> bool:
    """Return Go template truth: false for nil, false, 0, and empty strings, lists and maps."""
    if value is None:
        return False
    if isinstance(value, GoObject):
        return True
    return bool(value)


# --- printing ------------------------------------------------------------------------

def format_float(value: float, verb: str = "g", prec: int = -1) -> str:
    """Format a float64 like Go's strconv.FormatFloat for the verbs e, f and g (prec -1 = shortest)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if verb == "f":
        if prec < 0:
            digits, exp = _shortest(value)
            prec = max(len(digits) - exp, 0)
        return f"{value:.{prec}f}"
    if verb == "e":
        if prec < 0:
            digits, exp = _shortest(value)
            prec = len(digits) - 1
        return _go_exponent(f"{value:.{prec}e}")
    # 'g': shortest uses %e when the exponent is < -4 or >= 21 for %v, Go's eprec rule
    if prec < 0:
        digits, exp = _shortest(value)
        x = exp - 1
        eprec = 6  # Go: "if precision was the shortest possible, use precision 6 for this decision"
        if x < -4 or x >= eprec:
            mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
            sign = "-" if value < 0 or (value == 0 and math.copysign(1, value) < 0) else ""
            return f"{sign}{mant}e{'-' if x < 0 else '+'}{abs(x):02d}"
        return _plain(value, digits, exp)
    text = f"{value:.{prec or 1}g}"
    return _go_exponent(text)


def _shortest(value: float) -> tuple[str, int]:
    """Return the shortest round-trip digits of |value| and the decimal exponent (value = 0.digits * 10**exp)."""
    text = repr(abs(value))
    if "e" in text:
        mant, exp_text = text.split("e")
        exp = int(exp_text)
    else:
        mant, exp = text, 0
    if "." in mant:
        whole, frac = mant.split(".")
    else:
        whole, frac = mant, ""
    digits = (whole + frac).lstrip("0")
    lead_zeros = len(whole + frac) - len((whole + frac).lstrip("0"))
    point = len(whole) + exp - lead_zeros
    digits = digits.rstrip("0") or "0"
    if digits == "0":
        return "0", 1
    return digits, point


def _plain(value: float, digits: str, exp: int) -> str:
    sign = "-" if value < 0 or (value == 0 and math.copysign(1, value) < 0) else ""
    if digits == "0":
        return sign + "0"
    if exp <= 0:
        return sign + "0." + "0" * (-exp) + digits
    if exp >= len(digits):
        return sign + digits + "0" * (exp - len(digits))
    return sign + digits[:exp] + "." + digits[exp:]


_EXP = re.compile(r"e([+-])(\d+)$")


def _go_exponent(text: str) -> str:
    """Make Python's exponent look like Go's: at least two digits."""
    return _EXP.sub(lambda m: f"e{m.group(1)}{int(m.group(2)):02d}", text)


def sprint_value(value: Any, top: bool = True) -> str:
    """Format one value like Go's %v."""
    t = type(value)
    if t is str:
        return value
    if value is None:
        return "<nil>"
    if t is bool:
        return "true" if value else "false"
    if t is int or t is Int64:
        return str(int(value))
    if t is float:
        return format_go_float_v(value)
    if t is list or t is tuple:
        return "[" + " ".join(sprint_value(v, False) for v in value) + "]"
    if t is dict:
        return "map[" + " ".join(f"{sprint_value(k, False)}:{sprint_value(value[k], False)}" for k in _sorted_keys(value)) + "]"
    if t is bytes:
        return "[" + " ".join(str(b) for b in value) + "]"
    if isinstance(value, GoObject):
        text = getattr(value, "go_string", None)
        if text is not None:
            return text()
        return "{" + " ".join(sprint_value(getattr(value, f), False) for f in value._go_fields) + "}"
    return str(value)


def format_go_float_v(value: float) -> str:
    """Format a float64 like Go's %v: shortest digits, exponent form below 1e-4 and from 1e6 (so 1e+06)."""
    if math.isnan(value) or math.isinf(value):
        return format_float(value)
    digits, exp = _shortest(value)
    x = exp - 1
    if x < -4 or x >= 6:
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        sign = "-" if value < 0 else ""
        return f"{sign}{mant}e{'-' if x < 0 else '+'}{abs(x):02d}"
    return _plain(value, digits, exp)


def _sorted_keys(mapping: dict) -> list:
    try:
        return sorted(mapping)
    except TypeError:
        return sorted(mapping, key=lambda k: (type(k).__name__, str(k)))


def go_sprint(args: tuple | list) -> str:
    """Format like Go's fmt.Sprint: spaces between operands when neither is a string."""
    out = []
    prev_string = True
    for i, arg in enumerate(args):
        is_string = type(arg) is str
        if i > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(sprint_value(arg))
        prev_string = is_string
    return "".join(out)


def go_sprintln(args: tuple | list) -> str:
    """Format like Go's fmt.Sprintln: spaces between all operands and a final newline."""
    return " ".join(sprint_value(a) for a in args) + "\n"
