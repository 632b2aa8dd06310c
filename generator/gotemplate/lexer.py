"""Split Go template text into tokens, following the rules of Go's text/template/parse lexer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import TemplateSyntaxError
from .quoting import go_quote

# Token types (names follow Go's lexer so the parser reads like Go's).
TEXT = "text"
LEFT_DELIM = "{{"
RIGHT_DELIM = "}}"
SPACE = "space"
FIELD = "field"
IDENTIFIER = "identifier"
VARIABLE = "variable"
DOT = "."
STRING = "string"
RAW_STRING = "raw string"
CHAR_CONSTANT = "character constant"
NUMBER = "number"
BOOL = "bool"
PIPE = "|"
DECLARE = ":="
ASSIGN = "="
LEFT_PAREN = "("
RIGHT_PAREN = ")"
CHAR = "char"
KEYWORD = "keyword"
COMMENT = "comment"
EOF = "EOF"

KEYWORDS = frozenset({"block", "break", "continue", "define", "else", "end", "if", "range", "nil", "template", "with"})

_SPACE_CHARS = " \t\r\n"
_SPACES = re.compile(r"[ \t\r\n]*")
_WORD = re.compile(r"\w*")
# Go's atTerminator: what may directly follow an identifier, field or variable.
_TERMINATORS = frozenset(" \t\r\n.,|:()")


@dataclass(slots=True)
class Token:
    """One lexical item: its type, text, byte offset in the template and 1-based line."""

    type: str
    value: str
    pos: int
    line: int

    def __str__(self) -> str:
        """Describe the token the way Go's parser names it in errors."""
        if self.type == EOF:
            return "EOF"
        if self.type == KEYWORD:
            return f"<{self.value}>"
        if self.type in (TEXT, STRING, RAW_STRING, CHAR_CONSTANT, NUMBER, IDENTIFIER, FIELD, VARIABLE, BOOL):
            return go_quote(self.value) if len(self.value) <= 10 else f"{go_quote(self.value[:10])}..."
        return go_quote(self.value)




def _is_alnum(ch: str) -> bool:
    return ch == "_" or ch.isalnum()


class _Lexer:
    """Scan one template source; raises TemplateSyntaxError at the first bad token."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.pos = 0
        self.line = 1
        self.tokens: list[Token] = []
        self.paren_depth = 0

    def fail(self, reason: str) -> None:
        raise TemplateSyntaxError(self.name, self.line, reason)

    def emit(self, type_: str, start: int, value: str | None = None) -> None:
        text = self.text
        self.tokens.append(Token(type_, text[start:self.pos] if value is None else value, start, self.line))
        self.line += text.count("\n", start, self.pos)

    def run(self) -> list[Token]:
        text = self.text
        n = len(text)
        trim_next_text = False
        while True:
            start = self.pos
            open_at = text.find("{{", start)
            end = n if open_at < 0 else open_at
            # Left trim marker "{{- " removes the whitespace before the action.
            trim_left = open_at >= 0 and text.startswith("-", open_at + 2) and open_at + 3 < n and text[open_at + 3] in _SPACE_CHARS
            chunk = text[start:end]
            if trim_next_text:
                stripped = chunk.lstrip(_SPACE_CHARS)
                self.line += chunk.count("\n", 0, len(chunk) - len(stripped))
                start += len(chunk) - len(stripped)
                chunk = stripped
            if trim_left:
                chunk = chunk.rstrip(_SPACE_CHARS)
            if chunk:
                self.tokens.append(Token(TEXT, chunk, start, self.line))
            self.line += text.count("\n", start, end)
            if open_at < 0:
                self.pos = n
                self.tokens.append(Token(EOF, "", n, self.line))
                return self.tokens
            self.pos = open_at
            trim_next_text = self.lex_action(trim_left)

    def at_right_delim(self) -> tuple[bool, bool]:
        """Report whether a right delimiter starts here and whether it has a trim marker."""
        text, pos = self.text, self.pos
        if pos >= len(text) or text[pos] not in " \t\r\n}":
            return False, False
        if text.startswith(" -}}", pos) or text.startswith("\t-}}", pos) or text.startswith("\r-}}", pos) or text.startswith("\n-}}", pos):
            return True, True
        return text.startswith("}}", pos), False

    def lex_action(self, trim_left: bool) -> bool:
        """Lex one action starting at ``{{``; return whether the following text is trimmed."""
        text = self.text
        start = self.pos
        after = start + 2 + (2 if trim_left else 0)
        if text.startswith("/*", after):
            return self.lex_comment(start, after)
        self.pos = start + 2
        self.emit(LEFT_DELIM, start)
        if trim_left:
            self.line += text.count("\n", self.pos, self.pos + 2)
            self.pos += 2
        self.paren_depth = 0
        while True:
            is_delim, trim = self.at_right_delim()
            if is_delim:
                if self.paren_depth:
                    self.fail("unclosed left paren")
                if trim:
                    self.line += text.count("\n", self.pos, self.pos + 1)
                    self.pos += 2
                begin = self.pos
                self.pos += 2
                self.emit(RIGHT_DELIM, begin)
                return trim
            self.lex_inside_action()

    def lex_comment(self, start: int, after: int) -> bool:
        text = self.text
        close = text.find("*/", after + 2)
        if close < 0:
            self.fail("unclosed comment")
        self.line += text.count("\n", start, close)
        self.pos = close + 2
        is_delim, trim = self.at_right_delim()
        if not is_delim:
            self.fail("comment ends before closing delimiter")
        self.pos += 4 if trim else 2
        return trim

    def lex_inside_action(self) -> None:
        text = self.text
        n = len(text)
        start = self.pos
        if start >= n:
            self.fail("unclosed action")
        ch = text[start]
        if ch in _SPACE_CHARS:
            pos = _SPACES.match(text, start).end()  # type: ignore[union-attr]
            # Leave the last space for the " -}}" trim marker.
            if text.startswith("-}}", pos):
                pos -= 1
                if pos == start:
                    return
            self.pos = pos
            self.emit(SPACE, start)
            return
        self.pos = start + 1
        if ch == "=":
            self.emit(ASSIGN, start)
        elif ch == ":":
            if not text.startswith("=", self.pos):
                self.fail("expected :=")
            self.pos += 1
            self.emit(DECLARE, start)
        elif ch == "|":
            self.emit(PIPE, start)
        elif ch == '"':
            self.lex_quote(start)
        elif ch == "`":
            close = text.find("`", self.pos)
            if close < 0:
                self.fail("unterminated raw quoted string")
            self.pos = close + 1
            self.emit(RAW_STRING, start)
        elif ch == "$":
            self.lex_word(start, VARIABLE)
        elif ch == "'":
            self.lex_char(start)
        elif ch == "." and not (self.pos < n and text[self.pos].isdigit()):
            if self.pos < n and _is_alnum(text[self.pos]):
                self.lex_word(start, FIELD)
            else:
                self.emit(DOT, start)
        elif ch in "+-." or ch.isdigit():
            self.pos = start
            self.lex_number(start)
        elif _is_alnum(ch):
            self.lex_word(start, IDENTIFIER)
        elif ch == "(":
            self.paren_depth += 1
            self.emit(LEFT_PAREN, start)
        elif ch == ")":
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self.fail("unexpected right paren")
            self.emit(RIGHT_PAREN, start)
        elif ch.isascii() and ch.isprintable():
            self.emit(CHAR, start)
        else:
            self.fail(f"unrecognized character in action: {_go_rune(ch)}")

    def lex_word(self, start: int, type_: str) -> None:
        text = self.text
        n = len(text)
        pos = _WORD.match(text, self.pos).end()  # type: ignore[union-attr]
        self.pos = pos
        if pos < n and text[pos] not in _TERMINATORS and not text.startswith("}}", pos):
            self.fail(f"bad character {_go_rune(text[pos])}")
        word = text[start:pos]
        if type_ == IDENTIFIER:
            if word in KEYWORDS:
                type_ = KEYWORD
            elif word in ("true", "false"):
                type_ = BOOL
        self.emit(type_, start)

    def lex_quote(self, start: int) -> None:
        text = self.text
        n = len(text)
        pos = self.pos
        while True:
            if pos >= n or text[pos] == "\n":
                self.fail("unterminated quoted string")
            ch = text[pos]
            if ch == "\\":
                pos += 2
                continue
            pos += 1
            if ch == '"':
                break
        self.pos = pos
        self.emit(STRING, start)

    def lex_char(self, start: int) -> None:
        text = self.text
        n = len(text)
        pos = self.pos
        while True:
            if pos >= n or text[pos] == "\n":
                self.fail("unterminated character constant")
            ch = text[pos]
            if ch == "\\":
                pos += 2
                continue
            pos += 1
            if ch == "'":
                break
        self.pos = pos
        self.emit(CHAR_CONSTANT, start)

    def lex_number(self, start: int) -> None:
        text = self.text
        n = len(text)
        pos = start
        if pos < n and text[pos] in "+-":
            pos += 1
        digits = "0123456789_"
        exp = "eE"
        if text.startswith(("0x", "0X"), pos):
            pos += 2
            digits = "0123456789abcdefABCDEF_"
            exp = "pP"
        elif text.startswith(("0o", "0O"), pos):
            pos += 2
            digits = "01234567_"
        elif text.startswith(("0b", "0B"), pos):
            pos += 2
            digits = "01_"
        while pos < n and text[pos] in digits:
            pos += 1
        if pos < n and text[pos] == ".":
            pos += 1
            while pos < n and text[pos] in digits:
                pos += 1
        if len(digits) > 4 and pos < n and text[pos] in exp:
            pos += 1
            if pos < n and text[pos] in "+-":
                pos += 1
            while pos < n and text[pos] in "0123456789_":
                pos += 1
        if pos < n and text[pos] == "i":
            pos += 1
        if pos < n and _is_alnum(text[pos]):
            self.pos = pos + 1
            self.fail(f"bad number syntax: {go_quote(text[start:pos + 1])}")
        if pos == start or text[start:pos] in ("+", "-", "."):
            self.fail(f"bad number syntax: {go_quote(text[start:pos + 1])}")
        self.pos = pos
        self.emit(NUMBER, start)


def _go_rune(ch: str) -> str:
    """Format a character like Go's %#U: U+0023 '#'."""
    return f"U+{ord(ch):04X} '{ch}'" if ch.isprintable() else f"U+{ord(ch):04X}"


def tokenize(text: str, name: str) -> list[Token]:
    """Return the tokens of a template source, ending with an EOF token."""
    return _Lexer(text, name).run()
