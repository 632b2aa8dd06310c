"""Escape untrusted text for the generated Markdown pages.

Text that comes from stacks (variable descriptions, READMEs, defaults) is
untrusted: it goes through ``markdown_text`` or ``inline_code``, which let
Markdown emphasis and lists through but turn every HTML tag, link, image and
attribute list into plain text.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Characters that would start raw HTML, an entity, a link or image, an attribute list or a code span.
_TEXT_ESCAPES = {"\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}", "`": "\\`"}
_TEXT_ESCAPE_RE = re.compile("|".join(re.escape(c) for c in _TEXT_ESCAPES))
# Lines that would open a heading: "# ..." (ATX) or a line of only "=" or "-" under text (setext).
_LINE_START = re.compile(r"^( {0,3})(#|=(?==*\s*$)|-(?=-*\s*$))", re.MULTILINE)
_ENTITIES = {"#": "&#35;", "=": "&#61;", "-": "&#45;"}


def inline_code(value: Any, *, cell: bool = True) -> str:
    """Return a value as an inline code element whose text can never become HTML or break a table."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
    escaped = html.escape(text, quote=False).replace("\n", " ")
    if cell:
        escaped = escaped.replace("|", "&#124;")
    # Raw <code> instead of backticks: the content is escaped here, so no Markdown rule can reinterpret it.
    return f"<code>{escaped}</code>"


def markdown_text(text: str | None, *, cell: bool = False) -> str:
    """Return untrusted Markdown that keeps emphasis, lists and code spans but shows any HTML as text."""
    if not text:
        return ""
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_escape_text(text[position : match.start()]))
        parts.append(inline_code(match.group(2).strip(), cell=cell))
        position = match.end()
    parts.append(_escape_text(text[position:]))
    result = "".join(parts).strip()
    # A description must not open a heading (it would land in the page's table of contents).
    result = _LINE_START.sub(lambda m: m.group(1) + _ENTITIES[m.group(2)], result)
    if cell:
        result = re.sub(r"\s*\n\s*", " ", result).replace("|", "&#124;")
    return result


def _escape_text(text: str) -> str:
    return _TEXT_ESCAPE_RE.sub(lambda m: _TEXT_ESCAPES[m.group(0)], text)


def heading_text(text: str) -> str:
    """Return a name for use in a heading: escaped, with emphasis markers taken literally."""
    return markdown_text(text, cell=True).replace("*", "\\*").replace("_", "\\_")


def anchor(name: str) -> str:
    """Return the HTML id of a variable's entry, e.g. ``var-controller_flavor``."""
    return "var-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def fenced(text: str, language: str = "yaml", indent: int = 0) -> str:
    """Return a fenced code block whose fence no line of ``text`` can close."""
    longest = max((len(run) for run in re.findall(r"`+|~+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    pad = " " * indent
    body = "\n".join(pad + line if line else "" for line in text.rstrip("\n").split("\n"))
    return f"{pad}{fence}{language}\n{body}\n{pad}{fence}"


def quoted(text: str) -> str:
    """Return text for a double-quoted admonition or tab title."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
