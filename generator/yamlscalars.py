"""How a string is written as a YAML scalar: plain, quoted or literal block, by go-yaml v2's rules.

Shared by the template engine's ``toYaml`` and the manifest writer, so both
quote exactly the strings a YAML reader would otherwise take for something
else. Kept apart from the engine so the manifests do not import it.
"""

from __future__ import annotations

import re
from typing import Callable


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


def scalar_string(text: str, simple_key: bool, indent: int) -> str:
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
