"""Go's string quoting (strconv.Quote, QuoteRune, CanBackquote): the one place the engine quotes text.

Error messages, the lexer's and parser's node text, %q and Sprig's quote all use it.
"""

from __future__ import annotations

_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def _escape(ch: str, quote: str, ascii_only: bool) -> str:
    code = ord(ch)
    if ch == quote or ch == "\\":
        return "\\" + ch
    if 0x20 <= code < 0x7F:
        return ch
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if ch == "\ufffd" or (ch.isprintable() and not ascii_only):
        return ch if not ascii_only else f"\\u{code:04x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def go_quote(text: str, ascii_only: bool = False) -> str:
    """Quote like strconv.Quote (or QuoteToASCII with ``ascii_only``)."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    return '"' + "".join(_escape(ch, '"', ascii_only) for ch in text) + '"'


def quote_rune(ch: str) -> str:
    """Quote one character like strconv.QuoteRune: 'x', '\\n', '\\x00'."""
    return "'" + _escape(ch, "'", False) + "'"


def can_backquote(text: str) -> bool:
    """Say whether strconv.CanBackquote allows `text` in a raw string: no control characters but tab, no backquote."""
    return all(ch == "\t" or (ord(ch) >= 0x20 and ch not in "`\x7f\ufeff") for ch in text)
