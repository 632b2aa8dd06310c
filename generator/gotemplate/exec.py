"""Execute parsed Go templates: each tree is compiled once into Python closures, then run many times."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from .errors import FuncError, TemplateError, TemplateExecError
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
from .calls import call_function
from .quoting import go_quote
from .values import GoObject, Int64, sprint_value, truth, type_name

log = logging.getLogger(__name__)

MISSING: Any = object()  # no value piped in from a previous command

# Parameter kinds a template function declares, with the Go type names used in errors.
# Any other kind is the Go type name of a GoObject (a struct such as sprig.certificate).
GO_TYPES = {
    "string": "string",
    "int": "int",
    "bool": "bool",
    "float64": "float64",
    "map": "map[string]interface {}",
    "list": "[]interface {}",
}


class Func:
    """A template function: the callable and the Go parameter kinds its arguments are checked against."""

    __slots__ = ("name", "fn", "params", "variadic", "varies")

    def __init__(self, name: str, fn: Callable[..., Any], params: tuple[str, ...] = (), variadic: str | None = None, *, varies: bool = False) -> None:
        self.name = name
        self.fn = fn
        self.params = params
        self.variadic = variadic
        # Random and clock functions: the output differs between renders, so a call is worth a warning.
        self.varies = varies


class ExecFail(Exception):
    """An execution error at a node; turned into TemplateExecError where the tree is known."""

    def __init__(self, reason: str, node: Node, tree: Tree) -> None:
        super().__init__(reason)
        self.reason = reason
        self.node = node
        self.tree = tree

    def to_error(self) -> TemplateExecError:
        line, column = self.tree.location(self.node)
        context = str(self.node)
        if len(context) > 20:
            context = context[:20] + "..."
        return TemplateExecError(self.tree.parse_name, line, column, self.tree.name, context, self.reason)


class _NoValue(Exception):
    """A chain's pipeline gave nil: the chain's value is Go's invalid value (prints as nothing)."""


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: type(v) is str,
    "int": lambda v: type(v) is int,
    "bool": lambda v: type(v) is bool,
    "float64": lambda v: type(v) is float,
    "map": lambda v: v is None or type(v) is dict,
    "list": lambda v: v is None or type(v) is list,
}


def print_value(value: Any) -> str:
    """Return what ``{{ value }}`` prints: strings as they are, a missing value as ``<no value>``."""
    if type(value) is str:
        return value
    if value is None:
        return "<no value>"
    return sprint_value(value)


class Executor:
    """Compiles and runs the trees of one template set; holds the functions they may call."""

    def __init__(self, trees: dict[str, Tree], funcs: Mapping[str, Func], helm: bool = False) -> None:
        self.trees = trees
        self.funcs = funcs
        self.helm = helm  # Helm's missingkey=zero: a field of a nil value is an error
        self.compiled: dict[str, Callable[[list[str], Any, list[Any]], None]] = {}

    # running ------------------------------------------------------------------------
    def run(self, name: str, out: list[str], dot: Any) -> None:
        """Execute the named tree with ``dot``, appending output to ``out``; raise TemplateError on failure."""
        try:
            self.run_nested(name, out, dot)
        except ExecFail as fail:
            raise fail.to_error() from None

    def run_nested(self, name: str, out: list[str], dot: Any) -> None:
        """Execute a tree called from another one (``template``), letting ExecFail pass through."""
        tree = self.trees[name]
        body = self.compiled.get(name)
        if body is None:
            body = self.compiled[name] = _Compiler(self, tree).compile_list(tree.root)
        frame: list[Any] = [None] * tree.nslots
        frame[0] = dot
        body(out, dot, frame)


Stmt = Callable[[list[str], Any, list[Any]], None]
Expr = Callable[[Any, list[Any]], Any]
Cmd = Callable[[Any, list[Any], Any], Any]


class _Compiler:
    """Turn one tree's nodes into closures; every closure that can fail knows its node and tree."""

    def __init__(self, executor: Executor, tree: Tree) -> None:
        self.executor = executor
        self.tree = tree
        self.helm = executor.helm

    def fail(self, reason: str, node: Node) -> ExecFail:
        return ExecFail(reason, node, self.tree)

    # statements ------------------------------------------------------------------------
    def compile_list(self, node: ListNode) -> Stmt:
        items: list[str | Stmt] = []
        for child in node.nodes:
            if isinstance(child, TextNode):
                if items and isinstance(items[-1], str):
                    items[-1] += child.text
                else:
                    items.append(child.text)
            else:
                items.append(self.compile_stmt(child))
        if not items:
            return lambda out, dot, frame: None
        if len(items) == 1:
            only = items[0]
            if isinstance(only, str):
                return lambda out, dot, frame: out.append(only)
            return only
        steps = tuple(items)

        def run_list(out: list[str], dot: Any, frame: list[Any]) -> None:
            append = out.append
            for step in steps:
                if type(step) is str:
                    append(step)
                else:
                    step(out, dot, frame)

        return run_list

    def compile_stmt(self, node: Node) -> Stmt:
        if isinstance(node, ActionNode):
            return self.compile_action(node)
        if isinstance(node, (IfNode, WithNode)):
            return self.compile_if_or_with(node)
        if isinstance(node, RangeNode):
            return self.compile_range(node)
        if isinstance(node, TemplateNode):
            return self.compile_template(node)
        if isinstance(node, BreakNode):
            def do_break(out: list[str], dot: Any, frame: list[Any]) -> None:
                raise _Break
            return do_break
        if isinstance(node, ContinueNode):
            def do_continue(out: list[str], dot: Any, frame: list[Any]) -> None:
                raise _Continue
            return do_continue
        raise self.fail(f"unknown node: {node}", node)

    def compile_action(self, node: ActionNode) -> Stmt:
        pipe = self.compile_pipe(node.pipe)
        if node.pipe.decl:
            def assign(out: list[str], dot: Any, frame: list[Any]) -> None:
                pipe(dot, frame)
            return assign

        def action(out: list[str], dot: Any, frame: list[Any]) -> None:
            value = pipe(dot, frame)
            if type(value) is str:
                out.append(value)
            elif value is None:
                out.append("<no value>")
            else:
                out.append(sprint_value(value))

        return action

    def compile_if_or_with(self, node: IfNode | WithNode) -> Stmt:
        """Go's walkIfOrWith: run the body if the pipeline's value is true, else the else list.

        ``with`` also makes the value dot inside its body; that is the only difference.
        """
        cond = self.compile_pipe(node.pipe)
        body = self.compile_list(node.list)
        other = self.compile_list(node.else_list) if node.else_list is not None else None
        sets_dot = isinstance(node, WithNode)

        def run(out: list[str], dot: Any, frame: list[Any]) -> None:
            value = cond(dot, frame)
            if value is not None and (value or isinstance(value, GoObject)):
                body(out, value if sets_dot else dot, frame)
            elif other is not None:
                other(out, dot, frame)

        return run

    def compile_range(self, node: RangeNode) -> Stmt:
        pipe = node.pipe
        source = self.compile_pipe(pipe, declare=False)
        body = self.compile_list(node.list)
        other = self.compile_list(node.else_list) if node.else_list is not None else None
        slots = [v.slot for v in pipe.decl]
        two = len(slots) == 2
        elem_slot = slots[-1] if slots else None
        key_slot = slots[0] if two else None
        fail = self.fail
        undeclared = next((v for v in pipe.decl if v.undeclared), None)

        def run_range(out: list[str], dot: Any, frame: list[Any]) -> None:
            value = source(dot, frame)
            t = type(value)
            if t is list or t is tuple:
                pairs: Any = enumerate(value)
            elif t is dict:
                pairs = ((k, value[k]) for k in sorted(value))
            elif t is int or t is Int64:
                if two:
                    raise fail(f"can't use {value} to iterate over more than one variable", node)
                pairs = ((i, i) for i in range(value))
            elif value is None:
                pairs = ()
            elif isinstance(value, GoObject) and hasattr(value, "go_items"):
                pairs = value.go_items()
            else:
                raise fail(f"range can't iterate over {sprint_value(value)}", node)
            ran = False
            for key, elem in pairs:
                ran = True
                if undeclared is not None:
                    raise fail(f"undefined variable: {undeclared}", undeclared)
                if elem_slot is not None:
                    frame[elem_slot] = elem
                    if key_slot is not None:
                        frame[key_slot] = key
                try:
                    body(out, elem, frame)
                except _Continue:
                    continue
                except _Break:
                    break
            if not ran and other is not None:
                other(out, dot, frame)

        return run_range

    def compile_template(self, node: TemplateNode) -> Stmt:
        executor = self.executor
        name = node.name
        pipe = self.compile_pipe(node.pipe) if node.pipe is not None else None
        fail = self.fail

        def run_template(out: list[str], dot: Any, frame: list[Any]) -> None:
            if name not in executor.trees:
                raise fail(f"template {go_quote(name)} not defined", node)
            new_dot = pipe(dot, frame) if pipe is not None else None
            try:
                executor.run_nested(name, out, new_dot)
            except RecursionError:
                raise fail("exceeded maximum template depth (100000)", node) from None

        return run_template

    # pipelines ---------------------------------------------------------------------------
    def compile_pipe(self, pipe: PipeNode, declare: bool = True) -> Expr:
        cmds = [self.compile_command(c, i > 0) for i, c in enumerate(pipe.cmds)]
        slots = [v.slot for v in pipe.decl] if declare else []
        undeclared = next((v for v in pipe.decl if v.undeclared), None) if declare else None
        if undeclared is not None:
            fail = self.fail

            def assign_undeclared(dot: Any, frame: list[Any]) -> Any:
                value = MISSING
                for cmd in cmds:
                    value = cmd(dot, frame, value)
                raise fail(f"undefined variable: {undeclared}", undeclared)

            return assign_undeclared
        if len(cmds) == 1 and not slots:
            first = cmds[0]
            return lambda dot, frame: first(dot, frame, MISSING)

        def run_pipe(dot: Any, frame: list[Any]) -> Any:
            value = MISSING
            for cmd in cmds:
                value = cmd(dot, frame, value)
            for slot in slots:
                frame[slot] = value
            return value

        return run_pipe

    def compile_command(self, cmd: CommandNode, piped: bool) -> Cmd:
        first = cmd.args[0]
        if isinstance(first, IdentifierNode):
            return self.compile_call(cmd, first, piped)
        if isinstance(first, FieldNode):
            receiver: Expr = lambda dot, frame: dot
            return self.compile_chain(receiver, first.idents, first, cmd.args[1:], piped)
        if isinstance(first, VariableNode):
            slot = first.slot
            if len(first.idents) == 1:
                check = self.not_a_function(cmd, piped)
                if check is not None:
                    return check
                return lambda dot, frame, final: frame[slot]
            receiver = lambda dot, frame: frame[slot]
            return self.compile_chain(receiver, first.idents[1:], first, cmd.args[1:], piped)
        if isinstance(first, ChainNode):
            if isinstance(first.node, NilNode):
                raise self.fail(f"indirection through explicit nil in {first}", first)
            return self.compile_chain_node(first, cmd.args[1:], piped)
        check = self.not_a_function(cmd, piped)
        if isinstance(first, PipeNode):
            inner = self.compile_pipe(first)
            if check is not None:
                return check
            return lambda dot, frame, final: inner(dot, frame)
        if check is not None:
            return check
        if isinstance(first, DotNode):
            return lambda dot, frame, final: dot
        if isinstance(first, NilNode):
            fail = self.fail

            def nil_command(dot: Any, frame: list[Any], final: Any) -> Any:
                raise fail("nil is not a command", first)

            return nil_command
        value = self.constant(first)
        return lambda dot, frame, final: value

    def not_a_function(self, cmd: CommandNode, piped: bool) -> Cmd | None:
        """Return a command that fails like Go when arguments are given to something that is not a function."""
        if len(cmd.args) > 1 or piped:
            fail = self.fail
            first = cmd.args[0]

            def not_function(dot: Any, frame: list[Any], final: Any) -> Any:
                raise fail(f"can't give argument to non-function {first}", first)

            if len(cmd.args) > 1:
                return not_function

            def maybe(dot: Any, frame: list[Any], final: Any) -> Any:
                return not_function(dot, frame, final)

            return maybe
        return None

    def constant(self, node: Node) -> Any:
        if isinstance(node, StringNode):
            return node.text
        if isinstance(node, NumberNode):
            return node.value
        if isinstance(node, BoolNode):
            return node.value
        if isinstance(node, NilNode):
            return None
        raise self.fail(f"can't evaluate {node}", node)

    def compile_expr(self, node: Node) -> Expr:
        """Compile an argument or chain base to a function of (dot, frame)."""
        if isinstance(node, DotNode):
            return lambda dot, frame: dot
        if isinstance(node, VariableNode):
            slot = node.slot
            if len(node.idents) == 1:
                return lambda dot, frame: frame[slot]
            chain = self.compile_chain(lambda dot, frame: frame[slot], node.idents[1:], node, [], False)
            return lambda dot, frame: chain(dot, frame, MISSING)
        if isinstance(node, FieldNode):
            return self.compile_field_getter(node)
        if isinstance(node, ChainNode):
            if isinstance(node.node, NilNode):
                raise self.fail(f"indirection through explicit nil in {node}", node)
            chain = self.compile_chain_node(node, [], False)
            return lambda dot, frame: chain(dot, frame, MISSING)
        if isinstance(node, PipeNode):
            return self.compile_pipe(node)
        if isinstance(node, IdentifierNode):
            cmd = CommandNode(node.pos, node.line)
            cmd.args.append(node)
            call = self.compile_call(cmd, node, False)
            return lambda dot, frame: call(dot, frame, MISSING)
        value = self.constant(node)
        return lambda dot, frame: value

    # fields --------------------------------------------------------------------------------
    def compile_field_getter(self, node: FieldNode) -> Expr:
        """Compile ``.a.b.c`` without arguments: the hot path, plain dict lookups when possible."""
        names = tuple(node.idents)
        slow = self.field_slow

        if len(names) == 1:
            (a,) = names

            def get1(dot: Any, frame: list[Any]) -> Any:
                if type(dot) is dict:
                    return dot.get(a)
                return slow(dot, a, node, ())

            return get1
        if len(names) == 2:
            a, b = names

            def get2(dot: Any, frame: list[Any]) -> Any:
                if type(dot) is dict:
                    v = dot.get(a)
                    if type(v) is dict:
                        return v.get(b)
                    return slow(v, b, node, (), False, True)
                return slow(slow(dot, a, node, ()), b, node, ())

            return get2

        def getn(dot: Any, frame: list[Any]) -> Any:
            v = dot
            iface = False
            for name in names:
                if type(v) is dict:
                    v = v.get(name)
                    iface = True
                else:
                    v = slow(v, name, node, (), False, iface)
            return v

        return getn

    def field_slow(self, receiver: Any, name: str, node: Node, args: tuple, has_args: bool = False, iface: bool = False) -> Any:
        """Evaluate one field of a non-dict receiver (or a dict with arguments) like Go's evalField.

        ``iface`` says the receiver came out of a map or list, where Go sees its static type as interface {}.
        """
        if receiver is None:
            if self.helm:
                raise self.fail(f"nil pointer evaluating interface {{}}.{name}", node)
            return None
        if type(receiver) is dict:
            if has_args:
                raise self.fail(f"{name} is not a method but has arguments", node)
            return receiver.get(name)
        if isinstance(receiver, GoObject):
            if name in receiver._go_methods:
                method = getattr(receiver, name)
                try:
                    return method(*args)
                except FuncError as err:
                    raise self.fail(f"error calling {name}: {err}", node) from None
                except TypeError as err:
                    raise self.fail(f"wrong number of args for {name}: {err}", node) from None
                except ExecFail:
                    raise
                except TemplateError as err:
                    raise self.fail(f"error calling {name}: {err}", node) from None
                except RecursionError:
                    raise
                except Exception as err:  # a failing method must not escape as a traceback
                    raise self.fail(f"error calling {name}: {err}", node) from None
            if name in receiver._go_fields:
                if has_args:
                    raise self.fail(f"{name} has arguments but cannot be invoked as function", node)
                return getattr(receiver, name)
            raise self.fail(f"can't evaluate field {name} in type {receiver._go_type}", node)
        raise self.fail(f"can't evaluate field {name} in type {'interface {}' if iface else type_name(receiver)}", node)

    def compile_chain_node(self, node: ChainNode, arg_nodes: list[Node], piped: bool) -> Cmd:
        """Compile ``(pipeline).Field…``: Go's evalArg turns a nil result into an invalid value,
        and any field of an invalid value is "no value", not an error: ``(.Values.missing).x`` is empty."""
        base = self.compile_expr(node.node)

        def receiver(dot: Any, frame: list[Any]) -> Any:
            value = base(dot, frame)
            if value is None:
                raise _NoValue
            return value

        chain = self.compile_chain(receiver, node.fields, node, arg_nodes, piped)

        def chained(dot: Any, frame: list[Any], final: Any) -> Any:
            try:
                return chain(dot, frame, final)
            except _NoValue:
                return None

        return chained

    def compile_chain(self, receiver: Expr, names: list[str], node: Node, arg_nodes: list[Node], piped: bool) -> Cmd:
        """Compile a field chain whose last field may be a method called with arguments."""
        if not arg_nodes and not piped:
            getter_node = FieldNode(node.pos, node.line, list(names))
            getter = self.compile_field_getter(getter_node)
            if isinstance(node, FieldNode):
                return lambda dot, frame, final: getter(dot, frame)
            # Errors name the whole chain ($x.a.b), as Go does.
            getter = _rebind_getter(self, names, node)
            return lambda dot, frame, final: getter(receiver(dot, frame), frame)
        args = [self.compile_expr(a) for a in arg_nodes]
        head = names[:-1]
        last = names[-1]
        slow = self.field_slow

        def chain_call(dot: Any, frame: list[Any], final: Any) -> Any:
            v = receiver(dot, frame)
            iface = False
            for name in head:
                if type(v) is dict:
                    v = v.get(name)
                    iface = True
                else:
                    v = slow(v, name, node, (), False, iface)
            values = [a(dot, frame) for a in args]
            if final is not MISSING:
                values.append(final)
            return slow(v, last, node, tuple(values), True, iface)

        return chain_call

    # function calls ----------------------------------------------------------------------------
    def compile_call(self, cmd: CommandNode, ident: IdentifierNode, piped: bool) -> Cmd:
        name = ident.name
        func = self.executor.funcs[name]
        arg_nodes = cmd.args[1:]
        count = len(arg_nodes) + (1 if piped else 0)
        fail = self.fail
        params = func.params
        if func.variadic is None and count != len(params):
            reason = f"wrong number of args for {name}: want {len(params)} got {count}"
            return self._always_fail(reason, cmd)
        if func.variadic is not None and count < len(params):
            reason = f"wrong number of args for {name}: want at least {len(params)} got {count}"
            return self._always_fail(reason, cmd)
        kinds = [params[i] if i < len(params) else func.variadic for i in range(count)]
        args = [self.compile_arg(node, kinds[i]) for i, node in enumerate(arg_nodes)]
        final_check = self.value_checker(kinds[-1], cmd) if piped else None
        fn = func.fn
        if name == "call" and arg_nodes:
            # Go names the callee by its text in call's errors (non-function .True of type bool).
            callee = str(arg_nodes[0])
            fn = lambda target, *rest: call_function(callee, target, *rest)  # noqa: E731

        if name in ("and", "or"):
            want = name == "or"

            def short_circuit(dot: Any, frame: list[Any], final: Any) -> Any:
                value = None
                for arg in args:
                    value = arg(dot, frame)
                    if truth(value) == want:
                        return value
                if final is not MISSING:
                    value = final
                return value

            return short_circuit

        varies = func.varies
        tree = self.tree

        def call(dot: Any, frame: list[Any], final: Any) -> Any:
            if varies:
                line, _ = tree.location(cmd)
                log.warning("%s:%s: %s gives a different result on every render, so this output is not reproducible", tree.parse_name, line, name)
            values = [a(dot, frame) for a in args]
            if final is not MISSING:
                if final_check is not None:
                    final_check(final)
                values.append(final)
            try:
                return fn(*values)
            except FuncError as err:
                raise fail(f"error calling {name}: {err}", cmd) from None
            except ExecFail:
                raise
            except TemplateError as err:
                raise fail(f"error calling {name}: {err}", cmd) from None
            except RecursionError:
                raise
            except Exception as err:  # a bug or an unexpected value inside a function must not escape as a traceback
                log.debug("function %s failed", name, exc_info=True)
                raise fail(f"error calling {name}: {err}", cmd) from None

        return call

    def _always_fail(self, reason: str, node: Node) -> Cmd:
        fail = self.fail

        def failing(dot: Any, frame: list[Any], final: Any) -> Any:
            raise fail(reason, node)

        return failing

    def value_checker(self, kind: str, node: Node) -> Callable[[Any], None] | None:
        """Return a check that a computed value fits a parameter kind, failing with Go's message."""
        if kind == "any":
            return None
        check = _CHECKS.get(kind) or (lambda v: type_name(v) == kind)
        go_type = GO_TYPES.get(kind, kind)
        fail = self.fail
        helm = self.helm

        def checker(value: Any) -> None:
            if not check(value):
                if value is None:
                    if helm:
                        raise fail(f"wrong type for value; expected {go_type}; got interface {{}}", node)
                    raise fail(f"invalid value; expected {go_type}", node)
                raise fail(f"wrong type for value; expected {go_type}; got {type_name(value)}", node)

        return checker

    def compile_arg(self, node: Node, kind: str) -> Expr:
        """Compile one argument, converting literals the way Go's evalArg does for the parameter kind."""
        if isinstance(node, (StringNode, NumberNode, BoolNode, NilNode)):
            value = self.literal_for(node, kind)
            if isinstance(value, _Deferred):
                error = value.error

                def bad_literal(dot: Any, frame: list[Any]) -> Any:
                    raise ExecFail(error.reason, error.node, error.tree)

                return bad_literal
            return lambda dot, frame: value
        expr = self.compile_expr(node)
        checker = self.value_checker(kind, node)
        if checker is None:
            return expr
        if self.helm and kind in ("map", "list") and _is_field_chain(node):
            # Helm's missingkey=zero gives a missing key as a nil of static type interface {}; Go's
            # evalArg refuses that for a map or slice parameter when the argument is the field itself
            # (through a variable or a parenthesised pipeline it becomes a nil map or slice).
            go_type = GO_TYPES[kind]
            fail = self.fail

            def field_checked(dot: Any, frame: list[Any]) -> Any:
                value = expr(dot, frame)
                if value is None:
                    raise fail(f"wrong type for value; expected {go_type}; got interface {{}}", node)
                checker(value)
                return value

            return field_checked

        def checked(dot: Any, frame: list[Any]) -> Any:
            value = expr(dot, frame)
            checker(value)
            return value

        return checked

    def literal_for(self, node: Node, kind: str) -> Any:
        def bad(reason: str) -> Any:
            return _Deferred(self.fail(reason, node))

        if isinstance(node, NilNode):
            if kind in ("any", "map", "list"):
                return None
            return bad(f"cannot assign nil to {GO_TYPES.get(kind, kind)}")
        if kind == "any":
            return self.constant(node)
        if isinstance(node, StringNode):
            if kind == "string":
                return node.text
        elif isinstance(node, BoolNode):
            if kind == "bool":
                return node.value
        elif isinstance(node, NumberNode):
            if kind == "int" and node.int_value is not None:
                return node.int_value
            if kind == "float64" and node.float_value is not None:
                return node.float_value
        expected = {"string": "string", "int": "integer", "bool": "bool", "float64": "float"}.get(kind)
        if expected is None:
            return bad(f"can't handle {node} for arg of type {GO_TYPES.get(kind, kind)}")
        return bad(f"expected {expected}; found {node}")


def _is_field_chain(node: Node) -> bool:
    """``.a.b`` or ``$x.a``: an argument Go evaluates as a field, keeping its static type.

    (``(pipeline).a`` is left out: on a nil pipeline Go gives an invalid value there, which it accepts.)
    """
    return isinstance(node, FieldNode) or (isinstance(node, VariableNode) and len(node.idents) > 1)


class _Deferred:
    """A literal that does not fit its parameter: Go reports this when executing, so raise then."""

    __slots__ = ("error",)

    def __init__(self, error: ExecFail) -> None:
        self.error = error


def _rebind_getter(compiler: _Compiler, names: list[str], node: Node) -> Expr:
    field_node = FieldNode(node.pos, node.line, list(names))
    # Use the original node for error context so messages show <$x.a.b>.
    getter = compiler.compile_field_getter(field_node)
    fail_node = node

    def get(value: Any, frame: list[Any]) -> Any:
        try:
            return getter(value, frame)
        except ExecFail as err:
            err.node = fail_node
            raise

    return get


