"""Go's fmt.Sprintf over the template value model, structured like Go's fmt (doPrintf → printArg → printValue).

The flags, width and precision of a verb apply to every element of a list or map
(Go formats composite values element by element with the same state), and a verb
that does not fit a value prints ``%!verb(type=value)`` with the value formatted
as %v under the same flags, as Go's badVerb does.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, replace
from typing import Any

from .quoting import can_backquote, go_quote, quote_rune
from .values import GoObject, Int64, _sorted_keys, format_float, format_go_float_v, sprint_value, type_name


@dataclass(frozen=True)
class _State:
    """One verb's fmt flags (Go's fmtFlags), width and precision."""

    minus: bool = False
    plus: bool = False
    sharp: bool = False
    space: bool = False
    zero: bool = False
    plus_v: bool = False
    sharp_v: bool = False
    width: int | None = None
    prec: int | None = None


def _int_from_arg(args: tuple | list, argi: int) -> tuple[int | None, int]:
    """Go's intFromArg: the integer argument a ``*`` width or precision takes (None if it is none), and the next index."""
    if argi < len(args) and type(args[argi]) in (int, Int64):
        return int(args[argi]), argi + 1
    return None, argi + 1


def _parse_number(fmt: str, i: int) -> tuple[int | None, int]:
    """Go's parsenum: the decimal number at ``fmt[i:]`` (None if there is no digit) and the index after it."""
    start = i
    while i < len(fmt) and fmt[i].isdigit():
        i += 1
    return (int(fmt[start:i]) if i > start else None), i


def go_sprintf(fmt: str, args: tuple | list) -> str:
    """Format like Go's fmt.Sprintf."""
    out: list[str] = []
    argi = 0
    reordered = False
    pos = 0
    n = len(fmt)
    while pos < n:
        pct = fmt.find("%", pos)
        if pct < 0:
            out.append(fmt[pos:])
            break
        out.append(fmt[pos:pct])
        i = pct + 1
        flags = {"minus": False, "plus": False, "sharp": False, "space": False, "zero": False}
        while i < n and fmt[i] in "-+# 0":
            c = fmt[i]
            if c == "-":
                flags["minus"] = True
                flags["zero"] = False
            elif c == "+":
                flags["plus"] = True
            elif c == "#":
                flags["sharp"] = True
            elif c == " ":
                flags["space"] = True
            elif not flags["minus"]:
                flags["zero"] = True
            i += 1
        good_index = True
        argi, i, found, good = _arg_number(fmt, i, argi, len(args))
        reordered = reordered or found
        good_index = good_index and good
        width = None
        if i < n and fmt[i] == "*":
            i += 1
            width, argi = _int_from_arg(args, argi)
            if width is None:
                out.append("%!(BADWIDTH)")
            elif width < 0:
                flags["minus"] = True
                flags["zero"] = False
                width = -width
        else:
            width, i = _parse_number(fmt, i)
            if found and width is not None:
                good_index = False  # "%[3]2d" is not allowed
        prec = None
        if i < n and fmt[i] == ".":
            i += 1
            argi, i, found, good = _arg_number(fmt, i, argi, len(args))
            reordered = reordered or found
            good_index = good_index and good
            if i < n and fmt[i] == "*":
                i += 1
                prec, argi = _int_from_arg(args, argi)
                if prec is None or prec < 0:
                    prec = None
                    out.append("%!(BADPREC)")
            else:
                digits, i = _parse_number(fmt, i)
                prec = digits if digits is not None else 0
        argi, i, found, good = _arg_number(fmt, i, argi, len(args))
        reordered = reordered or found
        good_index = good_index and good
        if i >= n:
            out.append("%!(NOVERB)")
            break
        verb = fmt[i]
        pos = i + 1
        state = _State(**flags, width=width, prec=prec)
        if verb == "%":
            out.append("%")
            continue
        if not good_index:
            out.append(f"%!{verb}(BADINDEX)")
            continue
        if argi >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        if verb == "v":
            state = replace(state, sharp_v=state.sharp, sharp=False, plus_v=state.plus, plus=False)
        arg = args[argi]
        argi += 1
        out.append(_print_arg(arg, verb, state))
    if not reordered and argi < len(args):
        extra = ", ".join(f"{type_name(a)}={_print_arg(a, 'v', _State())}" if a is not None else "<nil>" for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _arg_number(fmt: str, i: int, argi: int, count: int) -> tuple[int, int, bool, bool]:
    """Parse an explicit argument index ``[n]``; return (arg index, position, found, ok)."""
    if i >= len(fmt) or fmt[i] != "[":
        return argi, i, False, True
    close = fmt.find("]", i)
    if close < 0:
        return argi, i, False, False
    text = fmt[i + 1:close]
    if not text.isdigit() or not 1 <= int(text) <= count:
        return argi, close + 1, True, False
    return int(text) - 1, close + 1, True, True


def _pad(text: str, s: _State) -> str:
    """Pad to the width, counted in runes; zeros only on the left, as Go's fmt.pad."""
    if s.width is None or len(text) >= s.width:
        return text
    fill = s.width - len(text)
    if s.minus:
        return text + " " * fill
    return ("0" if s.zero else " ") * fill + text


def _bad_verb(verb: str, arg: Any, s: _State) -> str:
    if arg is None:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({type_name(arg)}={_print_arg(arg, 'v', s)})"


def _print_arg(arg: Any, verb: str, s: _State) -> str:
    """Go's printArg and printValue: dispatch on the value's type."""
    if arg is None:
        if verb in "vT":
            return _pad("<nil>", s)
        return _bad_verb(verb, arg, s)
    if verb == "T":
        return _pad(type_name(arg), s)
    t = type(arg)
    if t is bool:
        return _fmt_bool(arg, verb, s)
    if t is float:
        return _fmt_float(arg, verb, s)
    if t is int or t is Int64:
        return _fmt_integer(int(arg), verb, s, arg)
    if t is str:
        return _fmt_string(arg, verb, s)
    if t is bytes:
        if verb in "sqxX":
            return _fmt_string(arg.decode(errors="replace"), verb, s) if verb != "x" and verb != "X" else _hex(arg, verb, s)
        return "[" + " ".join(_fmt_integer(b, verb, s, b) for b in arg) + "]"
    if t is list or t is tuple:
        if s.sharp_v:
            return "[]interface {}{" + ", ".join(_print_element(v, verb, s) for v in arg) + "}"
        return "[" + " ".join(_print_element(v, verb, s) for v in arg) + "]"
    if t is dict:
        keys = _sorted_keys(arg)
        if s.sharp_v:
            return "map[string]interface {}{" + ", ".join(f"{_print_element(k, verb, s)}:{_print_element(arg[k], verb, s)}" for k in keys) + "}"
        return "map[" + " ".join(f"{_print_element(k, verb, s)}:{_print_element(arg[k], verb, s)}" for k in keys) + "]"
    if isinstance(arg, GoObject):
        text = getattr(arg, "go_string", None)
        if text is not None and verb in "vsq":
            return _fmt_string(text(), "s" if verb == "v" else verb, s)
        if verb == "v":
            return _pad(sprint_value(arg), s)
        return _bad_verb(verb, arg, s)
    return _pad(str(arg), s)


def _print_element(value: Any, verb: str, s: _State) -> str:
    """An element of a list or map: a nil one prints as <nil> (padded), not as a bad verb."""
    if value is None:
        return _pad("interface {}(nil)" if s.sharp_v else "<nil>", s)
    return _print_arg(value, verb, s)


def _fmt_bool(value: bool, verb: str, s: _State) -> str:
    if verb in "tv":
        return _pad("true" if value else "false", s)
    return _bad_verb(verb, value, s)


def _fmt_integer(value: int, verb: str, s: _State, original: Any) -> str:
    if verb in "vd":
        return _integer(value, 10, verb, s)
    if verb == "b":
        return _integer(value, 2, verb, s)
    if verb in "oO":
        return _integer(value, 8, verb, s)
    if verb in "xX":
        return _integer(value, 16, verb, s)
    if verb == "c":
        return _pad(_rune(value), s)
    if verb == "q":
        return _pad(quote_rune(_rune(value)), s)
    if verb == "U":
        code = value & 0xFFFFFFFFFFFFFFFF
        text = f"U+{code:04X}"
        if s.sharp and 0 <= value <= 0x10FFFF and chr(value).isprintable():
            text += f" '{chr(value)}'"
        return _pad(text, s)
    return _bad_verb(verb, original, s)


def _rune(value: int) -> str:
    # Go converts through uint64; anything past the last code point (negatives too) is U+FFFD.
    if not 0 <= value <= 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return "\ufffd"
    return chr(value)


def _integer(value: int, base: int, verb: str, s: _State) -> str:
    """Go's fmtInteger: precision is a minimum digit count; zero padding becomes precision."""
    negative = value < 0
    prec = s.prec
    if prec is None and s.zero and s.width is not None and not s.minus:
        prec = s.width
        if negative or s.plus or s.space:
            prec -= 1
    digits = format(abs(value), {10: "d", 2: "b", 8: "o", 16: "x"}[base])
    if verb == "X":
        digits = digits.upper()
    if prec == 0 and value == 0:
        digits = ""
    if prec is not None and len(digits) < prec:
        digits = "0" * (prec - len(digits)) + digits
    if s.sharp:
        if base == 2:
            digits = "0b" + digits
        elif base == 8 and not digits.startswith("0"):
            digits = "0" + digits
        elif base == 16:
            digits = ("0X" if verb == "X" else "0x") + digits
    if verb == "O":
        digits = "0o" + digits
    if negative:
        digits = "-" + digits
    elif s.plus:
        digits = "+" + digits
    elif s.space:
        digits = " " + digits
    # Zero padding was turned into precision above, so pad with spaces only.
    return _pad(digits, replace(s, zero=False))


def _fmt_float(value: float, verb: str, s: _State) -> str:
    if verb == "v":
        text = _float_text(value, "g", s.prec if s.prec is not None else -1, s, shortest_v=s.prec is None)
    elif verb in "bgGxX":
        text = _float_text(value, verb, s.prec if s.prec is not None else -1, s)
    elif verb in "fFeE":
        text = _float_text(value, verb, s.prec if s.prec is not None else 6, s)
    else:
        return _bad_verb(verb, value, s)
    if s.plus and not text.startswith(("-", "+")):
        text = "+" + text
    elif s.space and not text.startswith(("-", "+")):
        text = " " + text
    if s.zero and not s.minus and s.width is not None and len(text) < s.width and math.isfinite(value):
        sign = text[0] if text[0] in "+- " else ""
        return sign + "0" * (s.width - len(text)) + text[len(sign):]
    return _pad(text, replace(s, zero=False))


def _float_text(value: float, verb: str, prec: int, s: _State, shortest_v: bool = False) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    lower = verb.lower()
    if lower == "b":
        return _float_b(value)
    if lower == "x":
        text = _float_x(value, prec)
        return text.upper() if verb == "X" else text
    if lower == "g" and s.sharp:
        # %#g keeps trailing zeros: six significant digits unless a precision is given.
        digits = 6 if prec < 0 else max(prec, 1)
        text = f"{value:#.{digits}g}"
        text = text.replace("e+0", "e+0").replace("e-0", "e-0")
        return _go_exp(text.upper() if verb == "G" else text)
    if lower == "g":
        text = format_go_float_v(value) if shortest_v or prec < 0 else format_float(value, "g", prec)
    elif lower == "f":
        text = format_float(value, "f", prec)
    else:
        text = format_float(value, "e", prec)
    return text.upper() if verb.isupper() and verb != "F" else text


def _go_exp(text: str) -> str:
    import re

    return re.sub(r"([eE])([+-])(\d)$", r"\g<1>\g<2>0\3", text)


def _float_b(value: float) -> str:
    bits = struct.unpack(">Q", struct.pack(">d", value))[0]
    sign = "-" if bits >> 63 else ""
    exp = (bits >> 52) & 0x7FF
    mant = bits & ((1 << 52) - 1)
    if exp:
        mant |= 1 << 52
    else:
        exp = 1
    return f"{sign}{mant}p{exp - 1075:+d}"


def _float_x(value: float, prec: int) -> str:
    """strconv's %x for float64: 0x1.8p+01 (shortest mantissa, exponent of at least two digits)."""
    if value == 0:
        sign = "-" if math.copysign(1, value) < 0 else ""
        return f"{sign}0x0" + ("." + "0" * prec if prec > 0 else "") + "p+00"
    text = float.hex(value)  # e.g. 0x1.e000000000000p+1
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    mant, exp = text[2:].split("p")
    whole, _, frac = mant.partition(".")
    if whole == "0":  # subnormal: normalise like Go
        m = struct.unpack(">Q", struct.pack(">d", abs(value)))[0] & ((1 << 52) - 1)
        shift = 53 - m.bit_length()
        m <<= shift
        frac = format(m & ((1 << 52) - 1), "013x")
        whole, exp = "1", str(-1022 - shift)
    frac = frac.rstrip("0") if prec < 0 else _round_hex(frac, prec)
    e = int(exp)
    return f"{sign}0x{whole}" + (f".{frac}" if frac else "") + f"p{'+' if e >= 0 else '-'}{abs(e):02d}"


def _round_hex(frac: str, prec: int) -> str:
    frac = (frac + "0" * prec)[: max(prec, len(frac))]
    return frac[:prec]


def _fmt_string(value: str, verb: str, s: _State) -> str:
    if verb == "v":
        if s.sharp_v:
            return _pad(go_quote(value), s)
        return _pad(_truncate(value, s.prec), s)
    if verb == "s":
        return _pad(_truncate(value, s.prec), s)
    if verb in "xX":
        return _hex(_truncate(value, s.prec).encode(), verb, s)
    if verb == "q":
        text = _truncate(value, s.prec)
        if s.sharp and can_backquote(text):
            return _pad("`" + text + "`", s)
        return _pad(go_quote(text, ascii_only=s.plus), s)
    return _bad_verb(verb, value, s)


def _truncate(text: str, prec: int | None) -> str:
    return text if prec is None else text[:prec]


def _hex(data: bytes, verb: str, s: _State) -> str:
    digits = "0123456789ABCDEF" if verb == "X" else "0123456789abcdef"
    parts = []
    for i, b in enumerate(data):
        piece = digits[b >> 4] + digits[b & 15]
        if s.sharp and (s.space or i == 0):
            piece = ("0X" if verb == "X" else "0x") + piece
        parts.append(piece)
    return _pad((" " if s.space else "").join(parts), s)
