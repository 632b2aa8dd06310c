"""The Sprig functions Helm charts rely on, with Sprig's edge cases (empty values, loose number conversion)."""

from __future__ import annotations

import base64
import copy
import hashlib
import math
import re
import zlib
from typing import Any

from .casing import lower_case, pascal_case
from .encoding import parse_go_int
from .semver import semver_compare, semver_parse
from .errors import FuncError
from .exec import Func
from .quoting import go_quote
from .values import GoObject, Int64, kind_name, sprint_value, type_name


# --- conversions ------------------------------------------------------------------------------

def strval(value: Any) -> str:
    """Convert like Sprig's strval: strings as they are, bytes decoded, anything else with %v."""
    if type(value) is str:
        return value
    if type(value) is bytes:
        return value.decode(errors="replace")
    if isinstance(value, GoObject) and hasattr(value, "go_string"):
        return value.go_string()
    return sprint_value(value)


def strslice(value: Any) -> list[str]:
    """Convert like Sprig's strslice: lists element by element (nil elements dropped), a scalar to [strval]."""
    if value is None:
        return []
    if type(value) in (list, tuple):
        return [strval(v) for v in value if v is not None]
    return [strval(value)]


def _trim_zero_decimal(text: str) -> str:
    # spf13/cast accepts "3.0" as an integer by dropping a zero fraction.
    if "." in text:
        whole, _, frac = text.partition(".")
        if frac.strip("0") == "" and whole:
            return whole
    return text


def to_int64(value: Any) -> int:
    """Convert like spf13/cast.ToInt64 (what Sprig's int, int64 and arithmetic use); 0 when impossible."""
    t = type(value)
    if t is int or t is Int64:
        return int(value)
    if t is bool:
        return 1 if value else 0
    if t is float:
        if math.isnan(value) or math.isinf(value):
            return -(2**63)
        return int(value)
    if t is str:
        parsed = parse_go_int(_trim_zero_decimal(value.strip()) if value else "")
        return parsed if parsed is not None else 0
    return 0


def to_float64(value: Any) -> float:
    """Convert like spf13/cast.ToFloat64; 0 when impossible."""
    t = type(value)
    if t is float:
        return value
    if t is int or t is Int64 or t is bool:
        return float(value)
    if t is str:
        try:
            return float(value)
        except ValueError:
            return 0.0
    return 0.0


def empty(value: Any) -> bool:
    """Report whether Sprig considers a value empty: nil, false, 0, "", empty list or map."""
    if value is None:
        return True
    if isinstance(value, GoObject):
        return False
    return not value


def _list_arg(value: Any, func: str) -> list:
    t = type(value)
    if t is list:
        return value
    if t is tuple:
        return list(value)
    raise FuncError(f"Cannot {func} on type {kind_name(value)}")


# --- general ----------------------------------------------------------------------------------

def _default(default: Any, *given: Any) -> Any:
    if not given or empty(given[0]):
        return default
    return given[0]


def _coalesce(*values: Any) -> Any:
    for value in values:
        if not empty(value):
            return value
    return None


def _fail(message: str) -> str:
    raise FuncError(message)


def _ternary(true_value: Any, false_value: Any, condition: bool) -> Any:
    return true_value if condition else false_value


# --- strings ------------------------------------------------------------------------------------

def _title(text: str) -> str:
    # Go's strings.Title: upper-case the first letter of each word, leave the rest alone.
    out = []
    prev_letter = False
    for ch in text:
        is_word = ch.isalnum() or ch == "_" or (not ch.isascii() and not ch.isspace())
        out.append(ch.upper() if is_word and not prev_letter else ch)
        prev_letter = is_word
    return "".join(out)


def _untitle(text: str) -> str:
    out = []
    prev_letter = False
    for ch in text:
        is_word = ch.isalnum() or ch == "_"
        out.append(ch.lower() if is_word and not prev_letter else ch)
        prev_letter = is_word
    return "".join(out)


def _trunc(count: int, text: str) -> str:
    # Sprig slices the string's bytes; a cut inside a character leaves bytes Helm's output shows as U+FFFD.
    data = text.encode()
    if count < 0 and len(data) + count > 0:
        return data[len(data) + count:].decode(errors="replace")
    if count >= 0 and len(data) > count:
        return data[:count].decode(errors="replace")
    return text


def _substr(start: int, end: int, text: str) -> str:
    # Sprig slices bytes, as Go does.
    data = text.encode()
    if start < 0:
        return _go_slice(data, 0, end)
    if end < 0 or end > len(data):
        return _go_slice(data, start, len(data))
    return _go_slice(data, start, end)


def _go_slice(data: bytes, start: int, end: int) -> str:
    # Go panics where Python would quietly return "".
    if not 0 <= start <= end <= len(data):
        raise FuncError(f"runtime error: slice bounds out of range [{start}:{end}]")
    return data[start:end].decode(errors="replace")


def _indent(spaces: int, text: str) -> str:
    pad = " " * spaces
    return pad + text.replace("\n", "\n" + pad)


def _nindent(spaces: int, text: str) -> str:
    return "\n" + _indent(spaces, text)


def _quote(*values: Any) -> str:
    return " ".join(go_quote(strval(v)) for v in values if v is not None)


def _squote(*values: Any) -> str:
    return " ".join("'" + strval(v) + "'" for v in values if v is not None)


def _cat(*values: Any) -> str:
    return " ".join(sprint_value(v) for v in values if v is not None)


def _split(sep: str, text: str) -> dict[str, str]:
    return {f"_{i}": part for i, part in enumerate(_go_split(text, sep))}


def _go_split(text: str, sep: str, n: int = -1) -> list[str]:
    if n == 0:
        return []
    if sep == "":
        parts = list(text)
        if n > 0 and len(parts) > n:
            parts = parts[: n - 1] + ["".join(parts[n - 1:])]
        return parts
    return text.split(sep, n - 1) if n > 0 else text.split(sep)


def _splitn(sep: str, n: int, text: str) -> dict[str, str]:
    return {f"_{i}": part for i, part in enumerate(_go_split(text, sep, n))}


def _replace(old: str, new: str, text: str) -> str:
    if old == "":
        # Go inserts the replacement around every character when old is empty.
        return new + new.join(text) + new if text else new
    return text.replace(old, new)


def _repeat(count: int, text: str) -> str:
    if count < 0:
        raise FuncError("strings: negative Repeat count")
    return text * count


def _wrap(width: int, text: str) -> str:
    return _wrap_with(width, "\n", text)


def _wrap_with(width: int, sep: str, text: str) -> str:
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = word if not current else current + " " + word
    lines.append(current)
    return sep.join(lines)


def _abbrev(width: int, text: str) -> str:
    # goutils.Abbreviate counts bytes.
    data = text.encode()
    if width < 4 or len(data) <= width:
        return text
    return data[: width - 3].decode(errors="replace") + "..."


def _snakecase(text: str) -> str:
    return lower_case(text, "_")


def _kebabcase(text: str) -> str:
    return lower_case(text, "-")


def _camelcase(text: str) -> str:
    # Sprig's camelcase is xstrings' ToPascalCase since Sprig 3.3.
    return pascal_case(text)


def _bytes_as_runes(text: str) -> str:
    # goutils walks some strings byte by byte and turns each byte into a rune: UTF-8 comes out as Latin-1.
    return text.encode().decode("latin-1")


def _nospace(text: str) -> str:
    return "".join(_bytes_as_runes(text).split())


def _initials(text: str) -> str:
    return "".join(w[0] for w in _bytes_as_runes(text).split() if w)


def _plural(one: str, many: str, count: Any) -> str:
    return one if to_int64(count) == 1 else many


# --- lists --------------------------------------------------------------------------------------

def _first(value: Any) -> Any:
    items = _list_arg(value, "find first")
    return items[0] if items else None


def _last(value: Any) -> Any:
    items = _list_arg(value, "find last")
    return items[-1] if items else None


def _rest(value: Any) -> Any:
    items = _list_arg(value, "find rest")
    return items[1:]


def _initial(value: Any) -> Any:
    items = _list_arg(value, "find initial")
    return items[:-1]


def _append(value: Any, item: Any) -> list:
    return [*_list_arg(value, "push"), item]


def _prepend(value: Any, item: Any) -> list:
    return [item, *_list_arg(value, "prepend")]


def _reverse(value: Any) -> list:
    return list(reversed(_list_arg(value, "find reverse")))


def _uniq(value: Any) -> list:
    out: list = []
    for item in _list_arg(value, "find uniq"):
        if not any(_deep_equal(item, seen) for seen in out):
            out.append(item)
    return out


def _has(needle: Any, haystack: Any) -> bool:
    if haystack is None:
        return False
    return any(_deep_equal(needle, item) for item in _list_arg(haystack, "find has"))


def _without(value: Any, *omit: Any) -> list:
    return [item for item in _list_arg(value, "find without") if not any(_deep_equal(item, o) for o in omit)]


def _compact(value: Any) -> list:
    return [item for item in _list_arg(value, "compact") if not empty(item)]


def _concat(*lists: Any) -> list:
    out: list = []
    for value in lists:
        out.extend(_list_arg(value, "concat"))
    return out


def _sort_alpha(value: Any) -> list[str]:
    return sorted(strslice(value)) if type(value) in (list, tuple) else [strval(value)]


def _until(count: int) -> list[int]:
    return _until_step(0, count, 1 if count >= 0 else -1)


def _until_step(start: int, stop: int, step: int) -> list[int]:
    if step == 0 or (step > 0 and start >= stop) or (step < 0 and start <= stop):
        return []
    return list(range(start, stop, step))


def _deep_equal(a: Any, b: Any) -> bool:
    """reflect.DeepEqual: same Go types all the way down (a float64 1 is not an int 1)."""
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(_deep_equal(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return a.keys() == b.keys() and all(_deep_equal(a[k], b[k]) for k in a)
    return a == b


def _chunk(size: int, value: Any) -> list:
    items = _list_arg(value, "chunk")
    return [items[i:i + size] for i in range(0, len(items), size)] if size > 0 else []


# --- dictionaries ---------------------------------------------------------------------------------

def _dict(*pairs: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(0, len(pairs), 2):
        key = strval(pairs[i])
        out[key] = pairs[i + 1] if i + 1 < len(pairs) else ""
    return out


def _get(mapping: dict | None, key: str) -> Any:
    if mapping and key in mapping:
        return mapping[key]
    return ""


def _set(mapping: dict | None, key: str, value: Any) -> dict:
    if mapping is None:
        raise FuncError("assignment to entry in nil map")
    mapping[key] = value
    return mapping


def _unset(mapping: dict | None, key: str) -> dict | None:
    if mapping is not None:
        mapping.pop(key, None)
    return mapping


def _has_key(mapping: dict | None, key: str) -> bool:
    return mapping is not None and key in mapping


def _keys(*mappings: dict | None) -> list[str]:
    # Go's map order is random; sorted keeps the output deterministic.
    out: list[str] = []
    for mapping in mappings:
        out.extend(sorted(mapping or {}))
    return out


def _values(mapping: dict | None) -> list:
    mapping = mapping or {}
    return [mapping[k] for k in sorted(mapping)]


def _pluck(key: str, *mappings: dict | None) -> list:
    return [m[key] for m in mappings if m and key in m]


def _pick(mapping: dict | None, *keys: str) -> dict:
    mapping = mapping or {}
    return {k: mapping[k] for k in keys if k in mapping}


def _omit(mapping: dict | None, *keys: str) -> dict:
    mapping = mapping or {}
    return {k: v for k, v in mapping.items() if k not in keys}


def _dig(*args: Any) -> Any:
    if len(args) < 3:
        raise FuncError(f"wrong number of args for dig: want at least 3 got {len(args)}")
    *keys, default, mapping = args
    if mapping is not None and type(mapping) is not dict:
        raise FuncError(f"wrong type for value; expected map[string]interface {{}}; got {type_name(mapping)}")
    current: Any = mapping
    for key in keys:
        if type(key) is not str:
            raise FuncError(f"wrong type for value; expected string; got {type_name(key)}")
        if type(current) is not dict or key not in current:
            return default
        current = current[key]
    return current


def merge_into(dst: dict, src: dict, overwrite: bool) -> None:
    """Deep-merge ``src`` into ``dst`` like mergo (Sprig's merge and mergeOverwrite).

    Like mergo, a map taken over from ``src`` is the same map, not a copy: a later
    merge into ``dst`` changes it in ``src`` too (Sprig's issue 188 test).
    """
    for key, value in src.items():
        if key in dst and type(dst[key]) is dict and type(value) is dict:
            merge_into(dst[key], value, overwrite)
        elif key not in dst or empty(dst[key]) and not (type(dst.get(key)) is dict and dst.get(key)):
            dst[key] = value
        elif overwrite:
            dst[key] = value


def _merge(dst: dict | None, *srcs: dict | None) -> dict:
    if dst is None:
        dst = {}
    for src in srcs:
        if src:
            merge_into(dst, src, False)
    return dst


def _merge_overwrite(dst: dict | None, *srcs: dict | None) -> dict:
    if dst is None:
        dst = {}
    for src in srcs:
        if src:
            merge_into(dst, src, True)
    return dst


# --- numbers ----------------------------------------------------------------------------------------

def _add(*values: Any) -> Int64:
    return Int64(sum(to_int64(v) for v in values))


def _go_div(a: int, b: int) -> int:
    if b == 0:
        raise FuncError("runtime error: integer divide by zero")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _go_mod(a: int, b: int) -> int:
    if b == 0:
        raise FuncError("runtime error: integer divide by zero")
    return a - _go_div(a, b) * b


def _mul(first: Any, *values: Any) -> Int64:
    result = to_int64(first)
    for v in values:
        result *= to_int64(v)
    return Int64(result)


def _max(first: Any, *values: Any) -> Int64:
    return Int64(max([to_int64(first), *(to_int64(v) for v in values)]))


def _min(first: Any, *values: Any) -> Int64:
    return Int64(min([to_int64(first), *(to_int64(v) for v in values)]))


def _round(value: Any, places: int, *round_on: Any) -> float:
    threshold = to_float64(round_on[0]) if round_on else 0.5
    pow_ = math.pow(10, places)
    digit = pow_ * to_float64(value)
    frac = math.modf(digit)[0]
    rounded = math.ceil(digit) if frac >= threshold else math.floor(digit)
    return rounded / pow_


def _atoi(text: str) -> int:
    if re.fullmatch(r"[+-]?[0-9]+", text):
        value = int(text)
        if -(2**63) <= value < 2**63:
            return value
    return 0


def _int(value: Any) -> int:
    return to_int64(value)


def _to_decimal(value: Any) -> Int64:
    try:
        return Int64(int(strval(value), 8))
    except ValueError:
        return Int64(0)


# --- encodings and hashes -------------------------------------------------------------------------

_B64 = {c: i for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def _b64dec(text: str) -> str:
    """Sprig's b64dec: Go's base64.StdEncoding, whose error (not an exception) is the result on bad input."""
    try:
        return go_b64decode(text.encode()).decode(errors="replace")
    except ValueError as err:
        return str(err)


def go_b64decode(src: bytes) -> bytes:
    """Decode standard padded base64 quantum by quantum as Go does, raising Go's CorruptInputError text."""
    out = bytearray()
    si = 0
    n = len(src)
    while True:
        quantum: list[int] = []
        while len(quantum) < 4:
            if si == n:
                if not quantum:
                    return bytes(out)
                raise ValueError(f"illegal base64 data at input byte {si - len(quantum)}")
            ch = src[si]
            si += 1
            if ch in _B64:
                quantum.append(_B64[ch])
                continue
            if ch in b"\r\n":
                continue
            if ch != ord("=") or len(quantum) < 2:
                raise ValueError(f"illegal base64 data at input byte {si - 1}")
            if len(quantum) == 2:
                while si < n and src[si] in b"\r\n":
                    si += 1
                if si == n:
                    raise ValueError(f"illegal base64 data at input byte {n}")
                if src[si] != ord("="):
                    raise ValueError(f"illegal base64 data at input byte {si - 1}")
                si += 1
            while si < n and src[si] in b"\r\n":
                si += 1
            if si < n:
                raise ValueError(f"illegal base64 data at input byte {si}")
            value = 0
            for digit in quantum:
                value = value << 6 | digit
            value <<= 6 * (4 - len(quantum))
            out += value.to_bytes(3, "big")[: len(quantum) - 1]
            return bytes(out)
        value = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3]
        out += value.to_bytes(3, "big")


def _b32dec(text: str) -> str:
    try:
        return base64.b32decode(text.encode()).decode(errors="replace")
    except Exception as err:
        return f"illegal base32 data: {err}"


# --- regular expressions (Go RE2 syntax is close enough to Python's for chart use) ------------------

def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern.replace(r"\z", r"\Z"))
    except re.error as err:
        raise FuncError(f"regexp: Compile({go_quote(pattern)}): error parsing regexp: {err}") from None


def _regex_match(pattern: str, text: str) -> bool:
    try:
        return _compile(pattern).search(text) is not None
    except FuncError:
        return False


def _must_regex_match(pattern: str, text: str) -> bool:
    return _compile(pattern).search(text) is not None


def _regex_find(pattern: str, text: str) -> str:
    m = _compile(pattern).search(text)
    return m.group(0) if m else ""


def _regex_find_all(pattern: str, text: str, n: int) -> list[str]:
    found = [m.group(0) for m in _compile(pattern).finditer(text)]
    return found if n < 0 else found[:n]


def _go_expand(template: str, match: re.Match[str]) -> str:
    """Expand $1, ${1}, $name and ${name} like Go's Regexp.Expand (unknown groups expand to nothing)."""
    out = []
    i = 0
    n = len(template)
    while i < n:
        ch = template[i]
        if ch != "$" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        nxt = template[i + 1]
        if nxt == "$":
            out.append("$")
            i += 2
            continue
        if nxt == "{":
            close = template.find("}", i + 2)
            name = template[i + 2:close] if close > 0 else ""
            if close < 0 or not name or not re.fullmatch(r"\w+", name):
                out.append(ch)
                i += 1
                continue
            i = close + 1
        else:
            m = re.match(r"\w+", template[i + 1:])
            if not m:
                out.append(ch)
                i += 1
                continue
            name = m.group(0)
            i += 1 + len(name)
        try:
            group = match.group(int(name)) if name.isdigit() else match.group(name)
        except IndexError:
            group = None
        out.append(group or "")
    return "".join(out)


def _regex_replace_all(pattern: str, text: str, repl: str) -> str:
    return _compile(pattern).sub(lambda m: _go_expand(repl, m), text)


def _regex_replace_all_literal(pattern: str, text: str, repl: str) -> str:
    return _compile(pattern).sub(lambda m: repl, text)


def _regex_split(pattern: str, text: str, n: int) -> list[str]:
    if n == 0:
        return []
    regex = _compile(pattern)
    if pattern and not text:
        return [""]
    out: list[str] = []
    beg = end = 0
    for m in regex.finditer(text):
        if n > 0 and len(out) == n - 1:
            break
        end = m.start()
        if m.end() != 0:
            out.append(text[beg:end])
        beg = m.end()
    if end != len(text):
        out.append(text[beg:])
    return out


def _regex_quote_meta(text: str) -> str:
    return re.sub(r"([\\.+*?()|\[\]{}^$])", r"\\\1", text)


# --- types ---------------------------------------------------------------------------------------

def _kind_is(target: str, value: Any) -> bool:
    return kind_name(value) == target


def _type_is(target: str, value: Any) -> bool:
    return type_name(value) == target


def _type_is_like(target: str, value: Any) -> bool:
    name = type_name(value)
    return target in (name, "*" + name)


def _deep_copy(value: Any) -> Any:
    return copy.deepcopy(value)


SPRIG: dict[str, Func] = {
    f.name: f
    for f in (
        # general
        Func("default", _default, ("any",), "any"),
        Func("empty", empty, ("any",)),
        Func("coalesce", _coalesce, (), "any"),
        Func("ternary", _ternary, ("any", "any", "bool")),
        Func("fail", _fail, ("string",)),
        Func("deepEqual", lambda a, b: _deep_equal(a, b), ("any", "any")),
        # strings
        Func("upper", str.upper, ("string",)),
        Func("lower", str.lower, ("string",)),
        Func("title", _title, ("string",)),
        Func("untitle", _untitle, ("string",)),
        Func("trim", str.strip, ("string",)),
        Func("trimAll", lambda cut, s: s.strip(cut), ("string", "string")),
        Func("trimall", lambda cut, s: s.strip(cut), ("string", "string")),
        Func("trimPrefix", lambda p, s: s[len(p):] if p and s.startswith(p) else s, ("string", "string")),
        Func("trimSuffix", lambda p, s: s[: len(s) - len(p)] if p and s.endswith(p) else s, ("string", "string")),
        Func("trunc", _trunc, ("int", "string")),
        Func("replace", _replace, ("string", "string", "string")),
        Func("contains", lambda sub, s: sub in s, ("string", "string")),
        Func("hasPrefix", lambda p, s: s.startswith(p), ("string", "string")),
        Func("hasSuffix", lambda p, s: s.endswith(p), ("string", "string")),
        Func("repeat", _repeat, ("int", "string")),
        Func("substr", _substr, ("int", "int", "string")),
        Func("indent", _indent, ("int", "string")),
        Func("nindent", _nindent, ("int", "string")),
        Func("nospace", _nospace, ("string",)),
        Func("quote", _quote, (), "any"),
        Func("squote", _squote, (), "any"),
        Func("cat", _cat, (), "any"),
        Func("join", lambda sep, v: sep.join(strslice(v)), ("string", "any")),
        Func("split", _split, ("string", "string")),
        Func("splitList", lambda sep, s: _go_split(s, sep), ("string", "string")),
        Func("splitn", _splitn, ("string", "int", "string")),
        Func("toString", strval, ("any",)),
        Func("toStrings", strslice, ("any",)),
        Func("wrap", _wrap, ("int", "string")),
        Func("wrapWith", _wrap_with, ("int", "string", "string")),
        Func("abbrev", _abbrev, ("int", "string")),
        Func("snakecase", _snakecase, ("string",)),
        Func("kebabcase", _kebabcase, ("string",)),
        Func("camelcase", _camelcase, ("string",)),
        Func("initials", _initials, ("string",)),
        Func("plural", _plural, ("string", "string", "any")),
        # lists
        Func("list", lambda *v: list(v), (), "any"),
        Func("first", _first, ("any",)),
        Func("last", _last, ("any",)),
        Func("rest", _rest, ("any",)),
        Func("initial", _initial, ("any",)),
        Func("append", _append, ("any", "any")),
        Func("push", _append, ("any", "any")),
        Func("prepend", _prepend, ("any", "any")),
        Func("reverse", _reverse, ("any",)),
        Func("uniq", _uniq, ("any",)),
        Func("has", _has, ("any", "any")),
        Func("without", _without, ("any",), "any"),
        Func("compact", _compact, ("any",)),
        Func("concat", _concat, (), "any"),
        Func("sortAlpha", _sort_alpha, ("any",)),
        Func("until", _until, ("int",)),
        Func("untilStep", _until_step, ("int", "int", "int")),
        Func("chunk", _chunk, ("int", "any")),
        # dictionaries
        Func("dict", _dict, (), "any"),
        Func("get", _get, ("map", "string")),
        Func("set", _set, ("map", "string", "any")),
        Func("unset", _unset, ("map", "string")),
        Func("hasKey", _has_key, ("map", "string")),
        Func("keys", _keys, (), "map"),
        Func("values", _values, ("map",)),
        Func("pluck", _pluck, ("string",), "map"),
        Func("pick", _pick, ("map",), "string"),
        Func("omit", _omit, ("map",), "string"),
        Func("dig", _dig, (), "any"),
        Func("merge", _merge, ("map",), "map"),
        Func("mergeOverwrite", _merge_overwrite, ("map",), "map"),
        Func("deepCopy", _deep_copy, ("any",)),
        # numbers
        Func("int", _int, ("any",)),
        Func("int64", lambda v: Int64(to_int64(v)), ("any",)),
        Func("float64", to_float64, ("any",)),
        Func("atoi", _atoi, ("string",)),
        Func("toDecimal", _to_decimal, ("any",)),
        Func("add", _add, (), "any"),
        Func("add1", lambda v: Int64(to_int64(v) + 1), ("any",)),
        Func("sub", lambda a, b: Int64(to_int64(a) - to_int64(b)), ("any", "any")),
        Func("mul", _mul, ("any",), "any"),
        Func("div", lambda a, b: Int64(_go_div(to_int64(a), to_int64(b))), ("any", "any")),
        Func("mod", lambda a, b: Int64(_go_mod(to_int64(a), to_int64(b))), ("any", "any")),
        Func("max", _max, ("any",), "any"),
        Func("min", _min, ("any",), "any"),
        Func("add1f", lambda v: to_float64(v) + 1, ("any",)),
        Func("maxf", lambda a, *v: max([to_float64(a), *(to_float64(x) for x in v)]), ("any",), "any"),
        Func("minf", lambda a, *v: min([to_float64(a), *(to_float64(x) for x in v)]), ("any",), "any"),
        Func("floor", lambda v: float(math.floor(to_float64(v))), ("any",)),
        Func("ceil", lambda v: float(math.ceil(to_float64(v))), ("any",)),
        Func("round", _round, ("any", "int"), "any"),
        # encodings, hashes
        Func("b64enc", lambda s: base64.b64encode(s.encode()).decode(), ("string",)),
        Func("b64dec", _b64dec, ("string",)),
        Func("b32enc", lambda s: base64.b32encode(s.encode()).decode(), ("string",)),
        Func("b32dec", _b32dec, ("string",)),
        Func("sha256sum", lambda s: hashlib.sha256(s.encode()).hexdigest(), ("string",)),
        Func("sha1sum", lambda s: hashlib.sha1(s.encode()).hexdigest(), ("string",)),  # noqa: S324 - Sprig's function
        Func("adler32sum", lambda s: str(zlib.adler32(s.encode())), ("string",)),
        # regular expressions
        Func("regexMatch", _regex_match, ("string", "string")),
        Func("mustRegexMatch", _must_regex_match, ("string", "string")),
        Func("regexFind", _regex_find, ("string", "string")),
        Func("regexFindAll", _regex_find_all, ("string", "string", "int")),
        Func("regexReplaceAll", _regex_replace_all, ("string", "string", "string")),
        Func("regexReplaceAllLiteral", _regex_replace_all_literal, ("string", "string", "string")),
        Func("regexSplit", _regex_split, ("string", "string", "int")),
        Func("regexQuoteMeta", _regex_quote_meta, ("string",)),
        # versions, types
        Func("semver", semver_parse, ("string",)),
        Func("semverCompare", semver_compare, ("string", "string")),
        Func("kindOf", kind_name, ("any",)),
        Func("kindIs", _kind_is, ("string", "any")),
        Func("typeOf", type_name, ("any",)),
        Func("typeIs", _type_is, ("string", "any")),
        Func("typeIsLike", _type_is_like, ("string", "any")),
    )
}

# Sprig's must* variants fail instead of returning a fallback; ours already fail, so they are aliases.
for _name in ("first", "last", "rest", "initial", "append", "push", "prepend", "reverse", "uniq", "has", "without", "compact", "deepCopy", "merge", "mergeOverwrite", "regexFind", "regexFindAll", "regexReplaceAll", "regexReplaceAllLiteral", "regexSplit", "dig"):
    _f = SPRIG[_name]
    _must = "must" + _name[0].upper() + _name[1:]
    SPRIG.setdefault(_must, Func(_must, _f.fn, _f.params, _f.variadic))


# --- the rest of Sprig's text function map ------------------------------------------------------

def _decimal(value: Any) -> Any:
    """shopspring/decimal.NewFromFloat: the shortest decimal that reads back as the same float64."""
    from decimal import Decimal

    return Decimal(repr(to_float64(value)))


def _decimal_fold(op: str, first: Any, rest: tuple[Any, ...]) -> float:
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        total = _decimal(first)
        for value in rest:
            other = _decimal(value)
            if op == "+":
                total += other
            elif op == "-":
                total -= other
            elif op == "*":
                total *= other
            else:
                if other == 0:
                    raise FuncError("decimal division by 0")
                # shopspring divides to 16 decimal places.
                total = (total / other).quantize(Decimal(1).scaleb(-16))
        return float(total)


def _go_clean(path: str) -> str:
    """Go's path.Clean: lexical shortest path ("" and "a/.." are ".")."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    text = ("/" if rooted else "") + "/".join(parts)
    return text or ("/" if rooted else ".")


def _go_base(path: str) -> str:
    if not path:
        return "."
    path = path.rstrip("/")
    if not path:
        return "/"
    return path[path.rfind("/") + 1:]


def _go_dir(path: str) -> str:
    return _go_clean(path[: path.rfind("/") + 1])


def _go_ext(path: str) -> str:
    for i in range(len(path) - 1, -1, -1):
        if path[i] == "/":
            break
        if path[i] == ".":
            return path[i:]
    return ""


def _swapcase(text: str) -> str:
    # goutils.SwapCase: upper and title case become lower, lower becomes upper.
    return "".join(c.lower() if c.isupper() or c.istitle() else c.upper() if c.islower() else c for c in text)


def _abbrevboth(left: int, width: int, text: str) -> str:
    """Sprig's abbrevboth (goutils.AbbreviateFull), which counts bytes."""
    if width < 4 or left > 0 and width < 7:
        return text
    data = text.encode()
    if not data or len(data) <= width:
        return text
    offset = min(left, len(data))
    if len(data) - offset < width - 3:
        offset = len(data) - (width - 3)
    if offset <= 4:
        return data[: width - 3].decode(errors="replace") + "..."
    if offset + width - 3 < len(data):
        return "..." + _abbrev(width - 3, data[offset:].decode(errors="replace"))
    return "..." + data[len(data) - (width - 3):].decode(errors="replace")


def _seq(*params: int) -> str:
    n = len(params)
    if n == 1:
        start, end, step = 1, params[0], 1
        if end < start:
            step = -1
        values = _until_step(start, end + step, step)
    elif n == 2:
        start, end = params
        step = -1 if end < start else 1
        values = _until_step(start, end + step, step)
    elif n == 3:
        start, step, end = params
        inc = 1
        if end < start:
            inc = -1
            if step > 0:
                return ""
        values = _until_step(start, end + inc, step)
    else:
        return ""
    return " ".join(str(v) for v in values)


def _all(*values: Any) -> bool:
    return all(not empty(v) for v in values)


def _any(*values: Any) -> bool:
    return any(not empty(v) for v in values)


def _sprig_slice(value: Any, *indexes: Any) -> Any:
    """Sprig's slice (it replaces Go's built-in in Helm): lists only, nil for an empty one."""
    if type(value) not in (list, tuple):
        raise FuncError(f"list should be type of slice or array but {kind_name(value)}")
    items = list(value)
    if not items:
        return None
    start = to_int64(indexes[0]) if indexes else 0
    end = to_int64(indexes[1]) if len(indexes) > 1 else len(items)
    if not 0 <= start <= end <= len(items):
        raise FuncError(f"reflect: slice index out of range")
    return items[start:end]


def _biggest(first: Any, *rest: Any) -> Int64:
    return Int64(max([to_int64(first), *(to_int64(v) for v in rest)]))


def _url_parse(text: str) -> dict[str, Any]:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
    except ValueError as err:
        raise FuncError(f"unable to parse url: {err}") from None
    userinfo = ""
    host = parts.netloc
    if "@" in host:
        userinfo, host = host.rsplit("@", 1)
    return {
        "scheme": parts.scheme,
        "host": host,
        "hostname": parts.hostname or "",
        "path": parts.path,
        "query": parts.query,
        "opaque": "",
        "fragment": parts.fragment,
        "userinfo": userinfo,
    }


def _url_join(parts: dict[str, Any]) -> str:
    def part(key: str) -> str:
        value = parts.get(key)
        return "" if value is None else strval(value)

    out = ""
    scheme = part("scheme")
    if scheme:
        out += scheme + ":"
    host = part("host")
    userinfo = part("userinfo")
    if scheme or host or userinfo:
        out += "//"
        if userinfo:
            out += userinfo + "@"
        out += host
    path = part("path")
    if path and not path.startswith("/") and host:
        out += "/"
    out += path
    if part("query"):
        out += "?" + part("query")
    if part("fragment"):
        out += "#" + part("fragment")
    return out


def _get_host_by_name(name: str) -> str:
    raise FuncError(f"getHostByName {name}: rendering is offline, there is no DNS to ask")


SPRIG.update(
    {
        f.name: f
        for f in (
            Func("swapcase", _swapcase, ("string",)),
            Func("abbrevboth", _abbrevboth, ("int", "int", "string")),
            Func("base", _go_base, ("string",)),
            Func("dir", _go_dir, ("string",)),
            Func("ext", _go_ext, ("string",)),
            Func("clean", _go_clean, ("string",)),
            Func("isAbs", lambda p: p.startswith("/"), ("string",)),
            Func("osBase", _go_base, ("string",)),
            Func("osDir", _go_dir, ("string",)),
            Func("osExt", _go_ext, ("string",)),
            Func("osClean", _go_clean, ("string",)),
            Func("osIsAbs", lambda p: p.startswith("/"), ("string",)),
            Func("seq", _seq, (), "int"),
            Func("tuple", lambda *v: list(v), (), "any"),
            Func("all", _all, (), "any"),
            Func("any", _any, (), "any"),
            Func("mustSlice", _sprig_slice, ("any",), "any"),
            Func("mustChunk", SPRIG["chunk"].fn, SPRIG["chunk"].params, SPRIG["chunk"].variadic),
            Func("addf", lambda first=0, *rest: _decimal_fold("+", first, rest), (), "any"),
            Func("subf", lambda first, *rest: _decimal_fold("-", first, rest), ("any",), "any"),
            Func("mulf", lambda first, *rest: _decimal_fold("*", first, rest), ("any",), "any"),
            Func("divf", lambda first, *rest: _decimal_fold("/", first, rest), ("any",), "any"),
            Func("biggest", _biggest, ("any",), "any"),
            Func("urlParse", _url_parse, ("string",)),
            Func("urlJoin", _url_join, ("map",)),
            Func("hello", lambda: "Hello!", ()),
            Func("getHostByName", _get_host_by_name, ("string",)),
        )
    }
)
# Helm's slice is Sprig's; Go's own built-in stays for plain templates (see template.py).
SPRIG_SLICE = Func("slice", _sprig_slice, ("any",), "any")
