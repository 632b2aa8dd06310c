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


def go_quote(text: str) -> str:
    """Quote a string like Go's strconv.Quote."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif ch in _QUOTE_ESCAPES:
            out.append(_QUOTE_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif ch.isprintable():
            out.append(ch)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_QUOTE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}

_VERB = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d+)?)?(.|$)", re.S)


def go_sprintf(fmt: str, args: tuple | list) -> str:
    """Format like Go's fmt.Sprintf for the verbs templates use (v s d q t x X o b c e f g T %)."""
    out: list[str] = []
    argi = 0
    pos = 0
    n = len(fmt)
    while pos < n:
        pct = fmt.find("%", pos)
        if pct < 0:
            out.append(fmt[pos:])
            break
        out.append(fmt[pos:pct])
        m = _VERB.match(fmt, pct)
        assert m is not None
        flags, width_s, prec_s, verb = m.group(1), m.group(2), m.group(3), m.group(4)
        pos = m.end()
        if verb == "":
            out.append("%!(NOVERB)")
            break
        if verb == "%":
            out.append("%")
            continue
        width = None
        prec = None
        if width_s == "*":
            if argi < len(args) and type(args[argi]) in (int, Int64):
                width = int(args[argi])
                if width < 0:
                    flags += "-"
                    width = -width
            else:
                out.append("%!(BADWIDTH)")
            argi += 1
        elif width_s:
            width = int(width_s)
        if m.group(0).find(".") >= 0:
            if prec_s == "*":
                if argi < len(args) and type(args[argi]) in (int, Int64):
                    prec = int(args[argi])
                else:
                    out.append("%!(BADPREC)")
                argi += 1
            else:
                prec = int(prec_s) if prec_s else 0
        if argi >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        arg = args[argi]
        argi += 1
        out.append(_format_one(verb, flags, width, prec, arg))
    if argi < len(args):
        extra = ", ".join(f"{type_name(a)}={sprint_value(a)}" if a is not None else "<nil>" for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _pad(text: str, flags: str, width: int | None, numeric: bool = False) -> str:
    if width is None or len(text) >= width:
        return text
    if "-" in flags:
        return text + " " * (width - len(text))
    if "0" in flags and numeric:
        sign = text[0] if text[:1] in "+-" else ""
        body = text[len(sign):]
        return sign + "0" * (width - len(text)) + body
    return " " * (width - len(text)) + text


def _bad(verb: str, arg: Any) -> str:
    if arg is None:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({type_name(arg)}={sprint_value(arg)})"


def _format_one(verb: str, flags: str, width: int | None, prec: int | None, arg: Any) -> str:
    t = type(arg)
    if verb == "T":
        return _pad(type_name(arg), flags, width)
    if t is list or t is tuple:
        if verb in "vsdqxXfegt" and not (verb in "xX" and False):
            inner = " ".join(_format_one(verb, flags.replace("-", ""), None, prec, v) for v in arg)
            return _pad("[" + inner + "]", flags, width)
    if t is dict and verb in "vsdqfegt":
        inner = " ".join(
            f"{_format_one(verb, '', None, prec, k)}:{_format_one(verb, '', None, prec, arg[k])}" for k in _sorted_keys(arg)
        )
        return _pad("map[" + inner + "]", flags, width)
    if verb == "v":
        if t is float:
            text = format_go_float_v(arg) if prec is None else format_float(arg, "g", prec)
            if "+" in flags and arg >= 0:
                text = "+" + text
            return _pad(text, flags, width, True)
        if t is int or t is Int64:
            text = str(int(arg))
            if "+" in flags and arg >= 0:
                text = "+" + text
            return _pad(text, flags, width, True)
        if "#" in flags and t is str:
            return _pad(go_quote(arg), flags, width)
        text = sprint_value(arg)
        if prec is not None and t is str:
            text = text[:prec]
        return _pad(text, flags, width)
    if verb == "s":
        if t is str:
            return _pad(arg if prec is None else arg[:prec], flags, width)
        if t is bytes:
            return _pad(arg.decode(errors="replace"), flags, width)
        if isinstance(arg, GoObject) and hasattr(arg, "go_string"):
            return _pad(arg.go_string(), flags, width)
        return _bad(verb, arg)
    if verb == "q":
        if t is str:
            return _pad(go_quote(arg), flags, width)
        if t is int or t is Int64:
            return _pad("'" + chr(arg) + "'", flags, width)
        return _bad(verb, arg)
    if verb == "t":
        if t is bool:
            return _pad("true" if arg else "false", flags, width)
        return _bad(verb, arg)
    if verb in "dboxXc":
        if t is int or t is Int64:
            value = int(arg)
            if verb == "c":
                return _pad(chr(value), flags, width)
            base = {"d": "d", "b": "b", "o": "o", "x": "x", "X": "X"}[verb]
            text = format(abs(value), base)
            if prec is not None and len(text) < prec:
                text = "0" * (prec - len(text)) + text
            if "#" in flags and verb in "xX":
                text = ("0x" if verb == "x" else "0X") + text
            if value < 0:
                text = "-" + text
            elif "+" in flags:
                text = "+" + text
            elif " " in flags:
                text = " " + text
            return _pad(text, flags, width, prec is None)
        if verb in "xX" and t is str:
            text = arg.encode().hex()
            return _pad(text.upper() if verb == "X" else text, flags, width)
        if verb in "xX" and t is float:
            return _pad(float.hex(arg), flags, width)
        return _bad(verb, arg)
    if verb in "feEgGF":
        if t is float or t is int or t is Int64:
            if t is not float:
                return _bad(verb, arg)
            lower = verb.lower()
            if lower == "f":
                text = format_float(arg, "f", 6 if prec is None else prec)
            elif lower == "e":
                text = format_float(arg, "e", 6 if prec is None else prec)
            else:
                text = format_float(arg, "g", -1 if prec is None else prec)
            if verb.isupper():
                text = text.upper()
            if "+" in flags and not text.startswith("-"):
                text = "+" + text
            elif " " in flags and not text.startswith("-"):
                text = " " + text
            return _pad(text, flags, width, True)
        return _bad(verb, arg)
    return f"%!{verb}({type_name(arg)}={sprint_value(arg)})"
