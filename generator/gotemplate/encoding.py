"""YAML and JSON as Helm reads and writes them: sigs.k8s.io/yaml (go-yaml v2 through JSON) and encoding/json."""

from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

import yaml

from .values import GoObject, Int64, format_float

# --- reading -----------------------------------------------------------------------------


class _GoYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader with go-yaml v2's scalar rules: timestamps stay strings, ``1e3`` is a float."""


# Drop timestamp (go-yaml v2 keeps timestamp-like text as a string when decoding into interface{}),
# the ``=`` value tag and YAML 1.1 base-60 numbers, which go-yaml does not read.
_GoYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_GO_FLOAT = re.compile(
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_GO_INT = re.compile(r"^(?:[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
for _first in list("-+0123456789."):
    _resolvers = [(t, r) for t, r in _GoYamlLoader.yaml_implicit_resolvers.get(_first, []) if t not in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int")]
    _resolvers.insert(0, ("tag:yaml.org,2002:float", _GO_FLOAT))
    _resolvers.insert(0, ("tag:yaml.org,2002:int", _GO_INT))
    _GoYamlLoader.yaml_implicit_resolvers[_first] = _resolvers


def _construct_go_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    value = parse_go_int(str(text).replace("_", ""))
    if value is None:
        return float(str(text).replace("_", ""))
    return value


def _construct_go_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    lower = text.lower()
    if lower in (".inf", "+.inf"):
        return math.inf
    if lower == "-.inf":
        return -math.inf
    if lower == ".nan":
        return math.nan
    return float(text)


_GoYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_go_int)
_GoYamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_go_float)


def parse_go_int(text: str) -> int | None:
    """Parse an integer like Go's strconv.ParseInt(text, 0, 64); None when it is not one."""
    sign = 1
    body = text
    if body[:1] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    if not body:
        return None
    try:
        low = body[:2].lower()
        if low == "0x":
            value = int(body[2:], 16)
        elif low == "0o":
            value = int(body[2:], 8)
        elif low == "0b":
            value = int(body[2:], 2)
        elif len(body) > 1 and body[0] == "0":
            value = int(body[1:], 8)
        elif body.isdigit():
            value = int(body)
        else:
            return None
    except ValueError:
        return None
    value *= sign
    if not -(2**63) <= value < 2**63:
        return None
    return value


def load_yaml(text: str) -> Any:
    """Parse one YAML document the way go-yaml v2 does (raises yaml.YAMLError on bad YAML)."""
    return yaml.load(text, Loader=_GoYamlLoader)  # noqa: S506 - a SafeLoader subclass


def to_json_values(value: Any) -> Any:
    """Convert parsed YAML to what Helm sees after sigs.k8s.io/yaml's JSON round trip: float64 numbers, string keys."""
    t = type(value)
    if t is dict:
        return {_json_key(k): to_json_values(v) for k, v in value.items()}
    if t is list:
        return [to_json_values(v) for v in value]
    if t is int:
        return float(value)
    return value


def _json_key(key: Any) -> str:
    if type(key) is str:
        return key
    if key is None:
        return "null"
    if type(key) is bool:
        return "true" if key else "false"
    if type(key) is float:
        return format_float(key, "g")
    return str(key)


# --- JSON writing --------------------------------------------------------------------------

_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_SPECIAL = re.compile('["\\\\\x00-\x1f<>&\u2028\u2029]')


def json_string(text: str) -> str:
    """Encode a string like Go's encoding/json (HTML characters escaped)."""
    return '"' + _JSON_SPECIAL.sub(lambda m: _JSON_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + '"'


def json_float(value: float) -> str:
    """Format a float64 like encoding/json: plain digits from 1e-6 to 1e21, otherwise exponent form."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"json: unsupported value: {format_float(value)}")
    if value != 0 and (abs(value) < 1e-6 or abs(value) >= 1e21):
        text = format_float(value, "e")
        return re.sub(r"e([+-])0(\d)$", r"e\1\2", text)
    return format_float(value, "f")


def dump_json(value: Any, indent: str | None = None, level: int = 0) -> str:
    """Encode a value like Go's json.Marshal (or MarshalIndent with ``indent``): sorted keys, no spaces."""
    t = type(value)
    if value is None:
        return "null"
    if t is str:
        return json_string(value)
    if t is bool:
        return "true" if value else "false"
    if t is int or t is Int64:
        return str(int(value))
    if t is float:
        return json_float(value)
    if t is list or t is tuple:
        if not value:
            return "[]"
        if indent is None:
            return "[" + ",".join(dump_json(v) for v in value) + "]"
        inner = "\n" + indent * (level + 1)
        return "[" + inner + ("," + inner).join(dump_json(v, indent, level + 1) for v in value) + "\n" + indent * level + "]"
    if t is dict:
        if not value:
            return "{}"
        keys = sorted(value, key=str)
        if indent is None:
            return "{" + ",".join(json_string(str(k)) + ":" + dump_json(value[k]) for k in keys) + "}"
        inner = "\n" + indent * (level + 1)
        return "{" + inner + ("," + inner).join(json_string(str(k)) + ": " + dump_json(value[k], indent, level + 1) for k in keys) + "\n" + indent * level + "}"
    if isinstance(value, GoObject):
        to_json = getattr(value, "to_json", None)
        if to_json is not None:
            return dump_json(to_json(), indent, level)
        return dump_json({f: getattr(value, f) for f in value._go_fields}, indent, level)
    if t is bytes:
        import base64

        return json_string(base64.b64encode(value).decode())
    raise ValueError(f"json: unsupported type: {type(value).__name__}")


# --- YAML writing (go-yaml v2 emitter rules) ---------------------------------------------------

_YAML_BOOL_NULL = frozenset(
    "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~ <<".split()
    + [".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ""]
)
_YAML_STYLE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BASE60_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:Z|[-+][0-9]{1,2}:[0-9]{2})?)?$")


def _resolves_to_non_string(text: str) -> bool:
    """Report whether go-yaml v2 would read this plain text as something other than a string."""
    if text in _YAML_BOOL_NULL:
        return True
    first = text[0]
    if first == ".":
        try:
            float(text)
            return text.lower() not in (".inf", ".nan", ".infinity")
        except ValueError:
            return False
    if first in "+-0123456789":
        if first.isdigit() and _TIMESTAMP.match(text):
            return True
        plain = text.replace("_", "")
        if parse_go_int(plain) is not None:
            return True
        if _YAML_STYLE_FLOAT.match(plain):
            return True
        if plain.startswith(("0b", "-0b", "+0b")):
            return True
    return False


def _printable(ch: str) -> bool:
    code = ord(ch)
    return (
        code == 0x0A
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or (0xA0 <= code <= 0xD7FF)
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


_BREAKS = "\r\n\x85\u2028\u2029"
_FLOW_BLOCK_FIRST = set("#,[]{}&*!|>'\"%@`")


def _analyze(text: str) -> tuple[bool, bool, bool, bool]:
    """Return (block_plain_allowed, single_quoted_allowed, block_allowed, multiline) like libyaml's analyze_scalar."""
    if not text:
        return False, True, False, False
    if text.startswith(("---", "...")):
        flow_ind = block_ind = True
    else:
        flow_ind = block_ind = False
    line_breaks = special = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = False
    previous_space = previous_break = False
    preceded_by_ws = True
    n = len(text)
    ascii_printable = text.isascii() and text.isprintable()
    for i, ch in enumerate(text):
        followed_by_ws = i + 1 >= n or text[i + 1] in " \t" or text[i + 1] in _BREAKS
        if i == 0:
            if ch in _FLOW_BLOCK_FIRST:
                flow_ind = block_ind = True
            elif ch in "?:":
                flow_ind = True
                if followed_by_ws:
                    block_ind = True
            elif ch == "-" and followed_by_ws:
                flow_ind = block_ind = True
        else:
            if ch in ",?[]{}":
                flow_ind = True
            elif ch == ":":
                flow_ind = True
                if followed_by_ws:
                    block_ind = True
            elif ch == "#" and preceded_by_ws:
                flow_ind = block_ind = True
        if not ascii_printable and (not _printable(ch) or ch == "\ufeff"):
            special = True
        if ch in _BREAKS:
            line_breaks = True
        if ch == " ":
            if i == 0:
                leading_space = True
            if i == n - 1:
                trailing_space = True
            if previous_break:
                break_space = True
            previous_space, previous_break = True, False
        elif ch in _BREAKS:
            if i == 0:
                leading_break = True
            if i == n - 1:
                trailing_break = True
            if previous_space:
                space_break = True
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_ws = ch in " \t" or ch in _BREAKS
    block_plain = single = block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        block_plain = False
    if trailing_space:
        block = False
    if break_space:
        block_plain = single = False
    if space_break or special:
        block_plain = single = block = False
    if line_breaks:
        block_plain = False
    if block_ind:
        block_plain = False
    return block_plain, single, block, line_breaks


_DQ_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P"}


def double_quoted(text: str) -> str:
    """Return the text as a double-quoted YAML scalar, escaping what is not printable."""
    out = ['"']
    for ch in text:
        if ch in _DQ_ESCAPES and (ch not in "\xa0" or not _printable(ch)):
            out.append(_DQ_ESCAPES[ch])
        elif not _printable(ch) or ch == "\ufeff":
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_SAFE_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./=+-]*\Z")
_SCALAR_CACHE: dict[tuple[str, bool], str] = {}


def _scalar_string(text: str, simple_key: bool, indent: int) -> str:
    """Render a string scalar as go-yaml v2 does; ``indent`` is the column for literal block content."""
    # Fast path: identifiers, paths and versions are plain unless they are YAML 1.1 words like "yes".
    if _SAFE_PLAIN.match(text) and text not in _YAML_BOOL_NULL:
        return text
    if "\n" in text:
        return block_string(text, simple_key, indent)
    key = (text, simple_key)
    cached = _SCALAR_CACHE.get(key)
    if cached is None:
        if len(_SCALAR_CACHE) > 20000:
            _SCALAR_CACHE.clear()
        cached = _SCALAR_CACHE[key] = block_string(text, simple_key, indent)
    return cached


def go_yaml_non_string(text: str) -> bool:
    """Say whether go-yaml v2 would read this plain text as something other than a string (base-60 floats included)."""
    return _resolves_to_non_string(text) or _BASE60_FLOAT.match(text) is not None


def block_string(text: str, simple_key: bool, indent: int, non_string: Callable[[str], bool] = go_yaml_non_string, quote: str = '"') -> str:
    """Render a string in block context like libyaml's emitter; ``indent`` is the column for literal block content.

    Text stays plain when the emitter allows it and ``non_string`` says a reader
    takes it back as this string; text a reader would take for a number, a
    boolean or null is quoted with ``quote`` (go-yaml v2 writes ``"``, PyYAML
    ``'``) when that style can hold it. Multi-line text becomes a literal block
    unless it is a key or holds characters a block cannot; everything else is
    single or double quoted, whichever the text allows first.
    """
    block_plain, single, block, multiline = _analyze(text)
    if "\n" in text:
        if block and not simple_key:
            return _literal(text, indent)
        return double_quoted(text)
    if not non_string(text):
        if block_plain and not (simple_key and not text):
            return text
        if single:
            return "'" + text.replace("'", "''") + "'"
        return double_quoted(text)
    if quote == "'" and single:
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def _literal(text: str, indent: int) -> str:
    hints = ""
    if text[0] in " \n" or text[0] in _BREAKS:
        hints += "2"
    if not text.endswith(tuple(_BREAKS)):
        hints += "-"
    elif len(text) == 1 or text[-2] in _BREAKS:
        hints += "+"
    pad = " " * indent
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)
    if text.endswith(tuple(_BREAKS)):
        # The line break that ends the last line is written by whatever follows the scalar.
        lines = lines[:-1]
    return "|" + hints + "".join("\n" + (pad + line if line else "") for line in lines)


def _scalar(value: Any, simple_key: bool, indent: int) -> str:
    """Render a scalar after the JSON round trip Helm's toYaml makes."""
    t = type(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is int or t is Int64:
        return str(int(value))
    if t is float:
        text = json_float(value)
        # go-yaml reads the JSON number back: integers stay integers, the rest become float64 again.
        as_int = parse_go_int(text)
        if as_int is not None:
            return str(as_int)
        return format_float(float(text), "g")
    if t is str:
        return _scalar_string(value, simple_key, indent)
    raise ValueError(f"cannot marshal type {type(value).__name__}")


def _plain_value(value: Any) -> Any:
    """Reduce objects to JSON-like data, as json.Marshal would."""
    if isinstance(value, GoObject):
        to_json = getattr(value, "to_json", None)
        return to_json() if to_json is not None else {f: getattr(value, f) for f in value._go_fields}
    if type(value) is tuple:
        return list(value)
    if type(value) is bytes:
        import base64

        return base64.b64encode(value).decode()
    return value


def _emit(value: Any, indent: int, out: list[str]) -> None:
    """Append a block node that starts on a fresh line at column ``indent``."""
    value = _plain_value(value)
    t = type(value)
    pad = " " * indent
    if t is dict and value:
        for key in sorted(value, key=str):
            out.append(pad + _scalar_string(str(key), True, indent) + ":")
            _emit_value(value[key], indent, out, in_mapping=True)
    elif t is list and value:
        for item in value:
            out.append(pad + "-")
            _emit_value(item, indent, out, in_mapping=False)
    else:
        out.append(pad + _emit_flow_or_scalar(value, indent + 2))


def _emit_flow_or_scalar(value: Any, indent: int) -> str:
    t = type(value)
    if t is dict:
        return "{}"
    if t is list:
        return "[]"
    return _scalar(value, False, indent)


def _emit_value(value: Any, indent: int, out: list[str], in_mapping: bool) -> None:
    """Finish the line ``out[-1]`` (a ``key:`` or ``-``) with a value, continuing below it when it is a block."""
    value = _plain_value(value)
    t = type(value)
    if t is dict and value:
        if in_mapping:
            _emit(value, indent + 2, out)
        else:
            # First key on the dash line: "- key: value", the rest aligned under it.
            sub: list[str] = []
            _emit(value, indent + 2, sub)
            out[-1] += " " + sub[0][indent + 2:]
            out.extend(sub[1:])
    elif t is list and value:
        if in_mapping:
            # go-yaml v2 does not indent a sequence inside a mapping.
            _emit(value, indent, out)
        else:
            sub = []
            _emit(value, indent + 2, sub)
            out[-1] += " " + sub[0][indent + 2:]
            out.extend(sub[1:])
    else:
        out[-1] += " " + _emit_flow_or_scalar(value, indent + 2)


def dump_yaml(value: Any) -> str:
    """Encode like Helm's toYaml before trimming: go-yaml v2 block style, sorted keys, a final newline."""
    value = _plain_value(value)
    t = type(value)
    if t is dict and value or t is list and value:
        out: list[str] = []
        _emit(value, 0, out)
        return "\n".join(out) + "\n"
    text = _emit_flow_or_scalar(value, 2)
    return text + "\n" if not text.endswith("\n") else text
