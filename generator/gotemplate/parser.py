"""Parse Go template tokens into trees, one per template name, following Go's text/template/parse."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NoReturn

from . import lexer as lx
from .errors import TemplateSyntaxError
from .lexer import Token
from .nodes import (
    ActionNode,
    BoolNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ContinueNode,
    DotNode,
    FieldNode,
    IdentifierNode,
    IfNode,
    ListNode,
    NilNode,
    Node,
    NumberNode,
    PipeNode,
    RangeNode,
    StringNode,
    TemplateNode,
    TextNode,
    Tree,
    VariableNode,
    WithNode,
)
from .quoting import go_quote

_OCTAL = re.compile(r"[+-]?0[0-7_]+")
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


class _End(Node):
    """``{{end}}`` while parsing; never part of a finished tree."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{{end}}"


class _Else(Node):
    """``{{else}}`` while parsing; never part of a finished tree."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{{else}}"


class _Parser:
    """Parse one source into its main tree plus the trees it defines."""

    def __init__(self, text: str, name: str, functions: Container[str]) -> None:
        self.text = text
        self.name = name
        self.functions = functions
        self.tokens = lx.tokenize(text, name)
        self.index = 0
        self.vars: list[tuple[str, int]] = [("$", 0)]
        self.nslots = 1
        self.range_depth = 0
        self.trees: dict[str, Tree] = {}
        self.current = self.tokens[0]

    # token stream -------------------------------------------------------------
    def next(self) -> Token:
        tokens = self.tokens
        tok = tokens[self.index] if self.index < len(tokens) else tokens[-1]
        self.index += 1
        self.current = tok
        return tok

    def backup(self, count: int = 1) -> None:
        self.index -= count

    def peek(self) -> Token:
        tokens = self.tokens
        return tokens[self.index] if self.index < len(tokens) else tokens[-1]

    def next_non_space(self) -> Token:
        tok = self.next()
        while tok.type == lx.SPACE:
            tok = self.next()
        return tok

    def peek_non_space(self) -> Token:
        tok = self.next_non_space()
        self.backup()
        return tok

    def fail(self, reason: str, token: Token | None = None) -> NoReturn:
        line = (token or self.current).line
        raise TemplateSyntaxError(self.name, line, reason)

    def expect(self, type_: str, context: str) -> Token:
        tok = self.next_non_space()
        if tok.type != type_:
            self.unexpected(tok, context)
        return tok

    def unexpected(self, tok: Token, context: str) -> NoReturn:
        if tok.type == lx.LEFT_PAREN:
            self.fail(f"unexpected ( in {context}", tok)
        self.fail(f"unexpected {tok} in {context}", tok)

    # top level ------------------------------------------------------------------
    # parse:
    #   (text | action | define)* EOF
    # Definitions become trees of their own; everything else is the main tree.
    def parse(self) -> dict[str, Tree]:
        root = ListNode(0, 1)
        while self.peek().type != lx.EOF:
            if self.peek().type == lx.LEFT_DELIM:
                mark = self.index
                delim = self.next()
                if self.next_non_space().value == "define" and self.current.type == lx.KEYWORD:
                    self.parse_definition(delim)
                    continue
                self.index = mark
            node = self.text_or_action()
            if isinstance(node, (_End, _Else)):
                self.fail(f"unexpected {node}")
            root.nodes.append(node)
        main = Tree(self.name, self.name, root, self.text, self.nslots)
        # The main template is added like any definition (Go's Tree.add), after them.
        self.add_tree(main, self.tokens[-1])
        return self.trees

    def parse_template_name(self, context: str) -> str:
        """Go's parseTemplateName: the quoted name after define, block and template."""
        tok = self.next_non_space()
        if tok.type not in (lx.STRING, lx.RAW_STRING):
            self.unexpected(tok, context)
        return self.unquote(tok)

    # Define:
    #   {{define "name"}} itemList {{end}}
    # The name is a quoted string; the body gets its own variable scope ($ only).
    def parse_definition(self, delim: Token) -> None:
        context = "define clause"
        name = self.parse_template_name(context)
        self.expect(lx.RIGHT_DELIM, context)
        saved = (self.vars, self.nslots)
        self.vars, self.nslots = [("$", 0)], 1
        body, end = self.item_list()
        if not isinstance(end, _End):
            self.fail(f"unexpected {end} in {context}")
        self.add_tree(Tree(name, self.name, body, self.text, self.nslots), self.current)
        self.vars, self.nslots = saved

    def add_tree(self, tree: Tree, at: Token | None = None) -> None:
        """Go's Tree.add: an empty tree never replaces another; two non-empty ones in one source are an error."""
        old = self.trees.get(tree.name)
        if old is None or _is_empty(old.root):
            self.trees[tree.name] = tree
            return
        if not _is_empty(tree.root):
            self.fail(f"template: multiple definition of template {go_quote(tree.name)}", at)

    # itemList:
    #   textOrAction*
    # Terminates at {{end}} or {{else}}, returned separately.
    def item_list(self) -> tuple[ListNode, Node]:
        tok = self.peek_non_space()
        body = ListNode(tok.pos, tok.line)
        while self.peek_non_space().type != lx.EOF:
            node = self.text_or_action()
            if isinstance(node, (_End, _Else)):
                return body, node
            body.nodes.append(node)
        self.fail("unexpected EOF")

    # textOrAction:
    #   text | comment | action
    def text_or_action(self) -> Node:
        tok = self.next_non_space()
        if tok.type == lx.TEXT:
            return TextNode(tok.pos, tok.line, tok.value)
        if tok.type == lx.LEFT_DELIM:
            return self.action()
        self.unexpected(tok, "input")

    # actions --------------------------------------------------------------------
    # Action:
    #   control
    #   command ("|" command)*
    # Entered after the left delimiter.
    def action(self) -> Node:
        tok = self.next_non_space()
        if tok.type == lx.KEYWORD:
            handler = getattr(self, "control_" + tok.value, None)
            if handler is not None:
                return handler(tok)
        self.backup()
        tok = self.peek()
        return ActionNode(tok.pos, tok.line, self.pipeline("command", lx.RIGHT_DELIM))

    # Block:
    #   {{block stringValue pipeline}}
    # Entered after the keyword: defines the named template and calls it in place.
    def control_block(self, tok: Token) -> Node:
        context = "block clause"
        name = self.parse_template_name(context)
        pipe = self.pipeline(context, lx.RIGHT_DELIM)
        saved = (self.vars, self.nslots, self.range_depth)
        self.vars, self.nslots, self.range_depth = [("$", 0)], 1, 0
        body, end = self.item_list()
        if not isinstance(end, _End):
            self.fail(f"unexpected {end} in {context}")
        self.add_tree(Tree(name, self.name, body, self.text, self.nslots), self.current)
        self.vars, self.nslots, self.range_depth = saved
        return TemplateNode(tok.pos, tok.line, name, pipe)

    # Break:
    #   {{break}}
    # Entered after the keyword; allowed only inside {{range}}.
    def control_break(self, tok: Token) -> Node:
        nxt = self.next_non_space()
        if nxt.type != lx.RIGHT_DELIM:
            self.unexpected(nxt, "{{break}}")
        if not self.range_depth:
            self.fail("{{break}} outside {{range}}", tok)
        return BreakNode(tok.pos, tok.line)

    # Continue:
    #   {{continue}}
    # Entered after the keyword; allowed only inside {{range}}.
    def control_continue(self, tok: Token) -> Node:
        nxt = self.next_non_space()
        if nxt.type != lx.RIGHT_DELIM:
            self.unexpected(nxt, "{{continue}}")
        if not self.range_depth:
            self.fail("{{continue}} outside {{range}}", tok)
        return ContinueNode(tok.pos, tok.line)

    # Else:
    #   {{else}}
    # Entered after the keyword; {{else if ...}} and {{else with ...}} chain a nested node.
    def control_else(self, tok: Token) -> Node:
        nxt = self.peek_non_space()
        if nxt.type == lx.KEYWORD and nxt.value in ("if", "with"):
            return _Else(nxt.pos, nxt.line)
        self.expect(lx.RIGHT_DELIM, "else")
        return _Else(tok.pos, tok.line)

    # End:
    #   {{end}}
    # Entered after the keyword.
    def control_end(self, tok: Token) -> Node:
        self.expect(lx.RIGHT_DELIM, "end")
        return _End(tok.pos, tok.line)

    # If:
    #   {{if pipeline}} itemList {{end}}
    #   {{if pipeline}} itemList {{else}} itemList {{end}}
    # Entered after the keyword.
    def control_if(self, tok: Token) -> Node:
        pipe, body, else_list = self.parse_control("if")
        # Go places the node at its pipeline, which is where its errors point.
        return IfNode(pipe.pos, pipe.line, pipe, body, else_list)

    # With:
    #   {{with pipeline}} itemList {{end}}
    #   {{with pipeline}} itemList {{else}} itemList {{end}}
    # Entered after the keyword.
    def control_with(self, tok: Token) -> Node:
        pipe, body, else_list = self.parse_control("with")
        # Go places the node at its pipeline, which is where its errors point.
        return WithNode(pipe.pos, pipe.line, pipe, body, else_list)

    # Range:
    #   {{range pipeline}} itemList {{end}}
    #   {{range pipeline}} itemList {{else}} itemList {{end}}
    # Entered after the keyword.
    def control_range(self, tok: Token) -> Node:
        pipe, body, else_list = self.parse_control("range")
        # Go places the node at its pipeline, which is where its errors point.
        return RangeNode(pipe.pos, pipe.line, pipe, body, else_list)

    # Template:
    #   {{template stringValue pipeline}}
    # Entered after the keyword; the name is a quoted string constant.
    def control_template(self, tok: Token) -> Node:
        context = "template clause"
        name = self.parse_template_name(context)
        pipe = None
        if self.next_non_space().type != lx.RIGHT_DELIM:
            self.backup()
            pipe = self.pipeline(context, lx.RIGHT_DELIM)
        return TemplateNode(tok.pos, tok.line, name, pipe)

    # parseControl (Go's parseControl): pipeline itemList [{{else}} itemList | {{else if|with ...}}] {{end}},
    # shared by if, with and range; variables declared in the pipeline end with the node.
    def parse_control(self, context: str) -> tuple[PipeNode, ListNode, ListNode | None]:
        depth = len(self.vars)
        try:
            pipe = self.pipeline(context, lx.RIGHT_DELIM)
            if context == "range":
                self.range_depth += 1
            body, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list = None
            if isinstance(nxt, _Else):
                peek = self.peek()
                if (context == "if" and peek.value == "if" or context == "with" and peek.value == "with") and peek.type == lx.KEYWORD:
                    kw = self.next()
                    else_list = ListNode(nxt.pos, nxt.line)
                    inner = self.control_if(kw) if context == "if" else self.control_with(kw)
                    else_list.nodes.append(inner)
                else:
                    else_list, nxt = self.item_list()
                    if not isinstance(nxt, _End):
                        self.fail(f"expected end; found {nxt}")
            return pipe, body, else_list
        finally:
            del self.vars[depth:]

    # pipelines ------------------------------------------------------------------
    def declare(self, name: str) -> int:
        slot = self.nslots
        self.nslots += 1
        self.vars.append((name, slot))
        return slot

    def has_var(self, name: str) -> bool:
        return any(var_name == name for var_name, _ in self.vars)

    def lookup_var(self, name: str, tok: Token) -> int:
        for var_name, slot in reversed(self.vars):
            if var_name == name:
                return slot
        self.fail(f"undefined variable {go_quote(name)}", tok)

    # Pipeline:
    #   declarations? command ('|' command)*
    # declarations:
    #   $x := | $x = | $i, $x := (range only)
    def pipeline(self, context: str, end: str) -> PipeNode:
        tok = self.peek_non_space()
        pipe = PipeNode(tok.pos, tok.line)
        pending: list[tuple[Token, bool]] = []
        while True:
            mark = self.index
            var = self.peek_non_space()
            if var.type != lx.VARIABLE:
                break
            self.next_non_space()
            nxt = self.peek_non_space()
            if nxt.type in (lx.ASSIGN, lx.DECLARE):
                pipe.is_assign = nxt.type == lx.ASSIGN
                self.next_non_space()
                pending.append((var, True))
                break
            if nxt.type == lx.CHAR and nxt.value == ",":
                self.next_non_space()
                pending.append((var, False))
                if context == "range" and len(pending) < 2:
                    if self.peek_non_space().type in (lx.VARIABLE, lx.RIGHT_DELIM, lx.RIGHT_PAREN):
                        continue
                    self.fail("range can only initialize variables")
                self.fail(f"too many declarations in {context}")
            # Not a declaration: put the variable back for the command to read.
            self.index = mark
            break
        decl_tokens = [t for t, _ in pending]
        for cmd_tok in self.commands(context, end):
            pipe.cmds.append(cmd_tok)
        if not pipe.cmds:
            self.fail(f"missing value for {context}")
        for i, cmd in enumerate(pipe.cmds[1:]):
            if isinstance(cmd.args[0], (BoolNode, DotNode, NilNode, NumberNode, StringNode)):
                self.fail(f"non executable command in pipeline stage {i + 2}")
        # Declarations become visible after the pipeline (``$x := $x`` reads the outer $x).
        for var in decl_tokens:
            if "." in var.value:
                self.fail(f"unexpected {var} in {context}", var)
            undeclared = False
            if pipe.is_assign and self.has_var(var.value):
                slot = self.lookup_var(var.value, var)
            else:
                # Go's parser declares the name either way; assigning one never declared fails when executed.
                undeclared = pipe.is_assign
                slot = self.declare(var.value)
            pipe.decl.append(VariableNode(var.pos, var.line, [var.value], slot, undeclared))
        return pipe

    # The commands of a pipeline, up to its end token (right delim or right paren).
    def commands(self, context: str, end: str) -> list[CommandNode]:
        cmds: list[CommandNode] = []
        while True:
            tok = self.next_non_space()
            if tok.type == end:
                return cmds
            if tok.type in (lx.BOOL, lx.CHAR_CONSTANT, lx.DOT, lx.FIELD, lx.IDENTIFIER, lx.NUMBER, lx.RAW_STRING, lx.STRING, lx.VARIABLE, lx.LEFT_PAREN) or (
                tok.type == lx.KEYWORD and tok.value == "nil"
            ):
                self.backup()
                cmds.append(self.command())
            else:
                self.unexpected(tok, context)

    # command:
    #   operand (space operand)*
    # Reads operands until '|' (consumed) or the closing delimiter or paren (left for the caller).
    def command(self) -> CommandNode:
        first = self.peek_non_space()
        cmd = CommandNode(first.pos, first.line)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            if tok.type == lx.SPACE:
                continue
            if tok.type in (lx.RIGHT_DELIM, lx.RIGHT_PAREN):
                self.backup()
            elif tok.type != lx.PIPE:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.fail("empty command")
        return cmd

    # operand:
    #   term .Field*
    # Returns None when the next token cannot start an operand.
    def operand(self) -> Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().type == lx.FIELD:
            start = self.peek()
            fields = []
            while self.peek().type == lx.FIELD:
                fields.append(self.next().value[1:])
            if isinstance(node, FieldNode):
                return FieldNode(node.pos, node.line, node.idents + fields)
            if isinstance(node, VariableNode):
                return VariableNode(node.pos, node.line, node.idents + fields, node.slot)
            if isinstance(node, (BoolNode, StringNode, NumberNode, NilNode, DotNode)):
                self.fail(f"unexpected . after term {go_quote(str(node))}")
            return ChainNode(start.pos, start.line, node, fields)
        return node

    # term:
    #   literal (number, string, nil, boolean)
    #   function (identifier)
    #   .
    #   .Field
    #   $
    #   '(' pipeline ')'
    # Returns None when the next token cannot start a term.
    def term(self) -> Node | None:
        tok = self.next_non_space()
        kind = tok.type
        if kind == lx.IDENTIFIER:
            if tok.value not in self.functions:
                self.fail(f"function {go_quote(tok.value)} not defined", tok)
            return IdentifierNode(tok.pos, tok.line, tok.value)
        if kind == lx.DOT:
            return DotNode(tok.pos, tok.line)
        if kind == lx.KEYWORD and tok.value == "nil":
            return NilNode(tok.pos, tok.line)
        if kind == lx.VARIABLE:
            parts = tok.value.split(".")
            slot = self.lookup_var(parts[0], tok)
            return VariableNode(tok.pos, tok.line, parts, slot)
        if kind == lx.FIELD:
            return FieldNode(tok.pos, tok.line, tok.value[1:].split("."))
        if kind == lx.BOOL:
            return BoolNode(tok.pos, tok.line, tok.value == "true")
        if kind in (lx.NUMBER, lx.CHAR_CONSTANT):
            return self.number(tok)
        if kind == lx.LEFT_PAREN:
            return self.pipeline("parenthesized pipeline", lx.RIGHT_PAREN)
        if kind in (lx.STRING, lx.RAW_STRING):
            return StringNode(tok.pos, tok.line, tok.value, self.unquote(tok))
        self.backup()
        return None

    # literals -------------------------------------------------------------------
    def unquote(self, tok: Token) -> str:
        text = tok.value
        if tok.type == lx.RAW_STRING:
            return text[1:-1].replace("\r", "")
        value = _unescape(text[1:-1], '"')
        if value is None:
            self.fail("invalid syntax", tok)
        return value  # type: ignore[return-value]

    def number(self, tok: Token) -> NumberNode:
        text = tok.value
        if tok.type == lx.CHAR_CONSTANT:
            value = _unescape(text[1:-1], "'")
            if value is None or len(value) != 1:
                self.fail(f"malformed character constant: {text}", tok)
            code = ord(value)  # type: ignore[arg-type]
            return NumberNode(tok.pos, tok.line, text, code, code, float(code))
        if text.endswith("i"):
            self.fail(f"complex numbers are not supported: {go_quote(text)}", tok)
        int_value: int | None = None
        float_value: float | None = None
        clean = text.replace("_", "")
        try:
            if _OCTAL.fullmatch(text):
                int_value = int(clean, 8)
            else:
                int_value = int(clean, 0)
            if not -(2**63) <= int_value < 2**64:
                self.fail(f"integer overflow: {go_quote(text)}", tok)
            float_value = float(int_value)
        except ValueError:
            try:
                is_hex = clean.lower().lstrip("+-").startswith("0x")
                if is_hex and "p" not in clean.lower():
                    raise ValueError("a hexadecimal float needs a p exponent")  # Go rejects 0x123.
                float_value = float.fromhex(clean) if is_hex else float(clean)
            except ValueError:
                self.fail(f"illegal number syntax: {go_quote(text)}", tok)
            if float_value == int(float_value) and abs(float_value) < 2**63:  # type: ignore[arg-type]
                int_value = int(float_value)  # type: ignore[arg-type]
        # The "ideal constant" Go hands to interface{} parameters: float only when it looks like one.
        looks_float = not clean.lower().lstrip("+-").startswith("0x") and any(c in text for c in ".eEpP")
        if looks_float or int_value is None:
            value: int | float = float_value  # type: ignore[assignment]
        else:
            if int_value >= 2**63:
                self.fail(f"{text} overflows int", tok)
            value = int_value
        return NumberNode(tok.pos, tok.line, text, value, int_value, float_value)


def _unescape(body: str, quote: str) -> str | None:
    """Decode Go escape sequences; return None when the literal is malformed."""
    if "\\" not in body:
        return body
    out = []
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= n:
            return None
        esc = body[i + 1]
        i += 2
        if esc in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[esc])
        elif esc == quote:
            out.append(quote)
        elif esc in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[esc]
            digits = body[i:i + size]
            if len(digits) != size or any(c not in "0123456789abcdefABCDEF" for c in digits):
                return None
            out.append(chr(int(digits, 16)))
            i += size
        elif esc in "01234567":
            digits = body[i - 1:i + 2]
            if len(digits) != 3 or any(c not in "01234567" for c in digits) or int(digits, 8) > 255:
                return None
            out.append(chr(int(digits, 8)))
            i += 2
        else:
            return None
    return "".join(out)




def _is_empty(root: ListNode) -> bool:
    return all(isinstance(n, TextNode) and not n.text.strip() for n in root.nodes)


def parse_source(text: str, name: str, functions: Container[str]) -> dict[str, Tree]:
    """Parse one template source; return its trees by name (the source's own body under ``name``)."""
    return _Parser(text, name, functions).parse()


def add_trees(trees: dict[str, Tree], new: dict[str, Tree]) -> None:
    """Add a later source's trees to a set as Go's associate does: an empty one does not replace an existing one.

    So ``{{block "x" .}}{{end}}`` in a later file keeps an earlier ``define "x"`` (Go issue 19294).
    """
    for name, tree in new.items():
        if name in trees and _is_empty(tree.root):
            continue
        trees[name] = tree
