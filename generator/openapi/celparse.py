"""Parse the subset of CEL used in x-kubernetes-validations into small tuple trees.

Nodes are tuples whose first item names the construct:
``("lit", value)``, ``("ident", name)``, ``("select", target, field)``, ``("index", target, key)``,
``("call", name, target_or_None, args)``, ``("has", target, field)``,
``("macro", name, target, variable, args)``, ``("list", items)``, ``("map", pairs)``,
``("not", x)``, ``("neg", x)``, ``("binary", op, left, right)``, ``("and", l, r)``, ``("or", l, r)``,
``("cond", test, then, otherwise)``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

Node = tuple[Any, ...]

MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})


class CelSyntaxError(ValueError):
    """A rule this parser cannot read: either invalid CEL or CEL beyond the supported subset.

    ``definite`` marks an error real CEL has too (two operands side by side, as in
    ``this does not compile``); ``cel_error`` then words it as cel-go does, with ``offset``.
    """

    def __init__(self, message: str, *, definite: bool = False, cel_error: str = "", offset: int = 0) -> None:
        super().__init__(message)
        self.definite = definite
        self.cel_error = cel_error
        self.offset = offset


def compile_error(text: str, offset: int, message: str) -> str:
    """Word a CEL compile error as cel-go prints it: ``ERROR: <input>:line:col: message`` and the line with a caret."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    source = text[start : end if end >= 0 else len(text)]
    column = offset - start
    return f"ERROR: <input>:{line}:{column + 1}: {message}\n | {source}\n | {'.' * column}^"


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>0[xX][0-9a-fA-F]+[uU]?|(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?[uU]?)
  | (?P<string>[rR]?(?:'''(?:.|\n)*?'''|\"\"\"(?:.|\n)*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))
  | (?P<bytes>[bB][rR]?(?:'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%!<>?:.,()\[\]{}])
    """,
    re.VERBOSE,
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v", "`": "`", "?": "?"}


def _unquote(text: str) -> str:
    raw = text[0] in "rR"
    if raw:
        text = text[1:]
    quote = text[:3] if text[:3] in ("'''", '"""') else text[0]
    body = text[len(quote) : -len(quote)]
    if raw:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt in "uU":
            width = 4 if nxt == "u" else 8
            out.append(chr(int(body[i + 2 : i + 2 + width], 16)))
            i += 2 + width
        elif nxt in "xX":
            out.append(chr(int(body[i + 2 : i + 4], 16)))
            i += 4
        else:
            raise CelSyntaxError(f"unsupported escape sequence \\{nxt}")
    return "".join(out)


def _tokens(text: str, offsets: list[int] | None = None) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise CelSyntaxError(f"unexpected character {text[pos]!r} at position {pos}")
        start, pos = pos, match.end()
        kind = match.lastgroup
        value = match.group()
        if kind == "space":
            continue
        if offsets is not None:
            offsets.append(start)
        if kind == "bytes":
            raise CelSyntaxError("bytes literals are not supported")
        if kind == "number":
            tokens.append(("lit", _number(value)))
        elif kind == "string":
            tokens.append(("lit", _unquote(value)))
        elif kind == "ident":
            if value == "true":
                tokens.append(("lit", True))
            elif value == "false":
                tokens.append(("lit", False))
            elif value == "null":
                tokens.append(("lit", None))
            elif value == "in":
                tokens.append(("op", "in"))
            else:
                tokens.append(("ident", value))
        else:
            tokens.append(("op", value))
    tokens.append(("end", None))
    if offsets is not None:
        offsets.append(len(text))
    return tokens


def _number(text: str) -> int | float:
    unsigned = text[-1] in "uU"
    if unsigned:
        text = text[:-1]
    if text[:2] in ("0x", "0X"):
        return int(text, 16)
    if any(c in text for c in ".eE"):
        if unsigned:
            raise CelSyntaxError(f"invalid unsigned literal {text}u")
        return float(text)
    return int(text)


class _Parser:
    """One method per grammar rule, from the loosest operator to the tightest."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: list[int] = []
        self.tokens = _tokens(text, self.offsets)
        self.pos = 0

    def peek(self) -> tuple[str, Any]:
        return self.tokens[self.pos]

    def next_if(self, value: str) -> bool:
        kind, tok = self.tokens[self.pos]
        if kind == "op" and tok == value:
            self.pos += 1
            return True
        return False

    def expect(self, value: str) -> None:
        if not self.next_if(value):
            kind, tok = self.peek()
            got = "end of rule" if kind == "end" else repr(tok)
            raise CelSyntaxError(f"expected {value!r}, got {got}")

    def parse(self) -> Node:
        node = self.expr()
        kind, tok = self.peek()
        if kind != "end":
            offset = self.offsets[self.pos]
            # An operand right after a complete expression is an error in any CEL, not a gap in this parser.
            definite = kind in ("ident", "lit")
            source = self.text[offset:].split()[0] if kind == "ident" else repr(tok)
            raise CelSyntaxError(
                f"unexpected {tok!r} after the expression",
                definite=definite,
                cel_error=compile_error(self.text, offset, f"Syntax error: mismatched input '{source}' expecting <EOF>"),
                offset=offset,
            )
        return node

    def expr(self) -> Node:
        test = self.or_()
        if self.next_if("?"):
            then = self.or_()
            self.expect(":")
            return ("cond", test, then, self.expr())
        return test

    def or_(self) -> Node:
        node = self.and_()
        while self.next_if("||"):
            node = ("or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.relation()
        while self.next_if("&&"):
            node = ("and", node, self.relation())
        return node

    def relation(self) -> Node:
        node = self.addition()
        while True:
            kind, tok = self.peek()
            if kind == "op" and tok in ("==", "!=", "<", "<=", ">", ">=", "in"):
                self.pos += 1
                node = ("binary", tok, node, self.addition())
            else:
                return node

    def addition(self) -> Node:
        node = self.multiplication()
        while True:
            kind, tok = self.peek()
            if kind == "op" and tok in ("+", "-"):
                self.pos += 1
                node = ("binary", tok, node, self.multiplication())
            else:
                return node

    def multiplication(self) -> Node:
        node = self.unary()
        while True:
            kind, tok = self.peek()
            if kind == "op" and tok in ("*", "/", "%"):
                self.pos += 1
                node = ("binary", tok, node, self.unary())
            else:
                return node

    def unary(self) -> Node:
        if self.next_if("!"):
            return ("not", self.unary())
        if self.next_if("-"):
            operand = self.unary()
            if operand[0] == "lit" and isinstance(operand[1], (int, float)) and not isinstance(operand[1], bool):
                return ("lit", -operand[1])
            return ("neg", operand)
        return self.member()

    def member(self) -> Node:
        node = self.primary()
        while True:
            if self.next_if("."):
                kind, name = self.peek()
                if kind != "ident":
                    raise CelSyntaxError(f"expected a field name after '.', got {name!r}")
                self.pos += 1
                if self.next_if("("):
                    args = self.arguments(")")
                    node = self._method(node, name, args)
                else:
                    node = ("select", node, name)
            elif self.next_if("["):
                key = self.expr()
                self.expect("]")
                node = ("index", node, key)
            else:
                return node

    def _method(self, target: Node, name: str, args: list[Node]) -> Node:
        if name in MACROS:
            arity = 3 if name == "map" and len(args) == 3 else 2
            if len(args) != arity or args[0][0] != "ident":
                raise CelSyntaxError(f"macro {name}() needs a variable name and an expression")
            return ("macro", name, target, args[0][1], args[1:])
        return ("call", name, target, args)

    def arguments(self, closing: str) -> list[Node]:
        args: list[Node] = []
        if self.next_if(closing):
            return args
        while True:
            args.append(self.expr())
            if self.next_if(closing):
                return args
            self.expect(",")
            if self.next_if(closing):
                return args

    def primary(self) -> Node:
        kind, tok = self.peek()
        self.pos += 1
        if kind == "lit":
            return ("lit", tok)
        if kind == "ident":
            if self.next_if("("):
                args = self.arguments(")")
                if tok == "has":
                    if len(args) != 1 or args[0][0] != "select":
                        raise CelSyntaxError("has() needs a field selection, e.g. has(self.field)")
                    return ("has", args[0][1], args[0][2])
                return ("call", tok, None, args)
            return ("ident", tok)
        if kind == "op" and tok == "(":
            node = self.expr()
            self.expect(")")
            return node
        if kind == "op" and tok == "[":
            return ("list", self.arguments("]"))
        if kind == "op" and tok == "{":
            pairs: list[tuple[Node, Node]] = []
            if not self.next_if("}"):
                while True:
                    key = self.expr()
                    self.expect(":")
                    pairs.append((key, self.expr()))
                    if self.next_if("}"):
                        break
                    self.expect(",")
                    if self.next_if("}"):
                        break
            return ("map", pairs)
        if kind == "op" and tok == ".":
            raise CelSyntaxError("leading-dot identifiers are not supported")
        got = "end of rule" if kind == "end" else repr(tok)
        raise CelSyntaxError(f"unexpected {got}")


@lru_cache(maxsize=1024)
def parse(rule: str) -> Node:
    """Parse a CEL rule into a tuple tree, raising CelSyntaxError for what cannot be read."""
    return _Parser(rule).parse()


def mentions(node: Any, name: str) -> bool:
    """Tell whether the tree refers to the identifier NAME (e.g. ``oldSelf`` marks a transition rule)."""
    if isinstance(node, tuple):
        if node[:2] == ("ident", name):
            return True
        return any(mentions(part, name) for part in node[1:])
    if isinstance(node, list):
        return any(mentions(part, name) for part in node)
    return False
