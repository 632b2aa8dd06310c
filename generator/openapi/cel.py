"""Evaluate x-kubernetes-validations CEL rules in pure Python, and say so when a rule cannot be checked.

Supported: ``self``, field selection and indexing, ``has()``, literals (int, uint, double,
string, bool, null, lists, maps), ``! - * / % + - < <= > >= == != in && || ?:``, string
``size startsWith endsWith contains matches lowerAscii upperAscii trim split join indexOf
lastIndexOf replace substring charAt format``, list and map ``size`` and the macros ``all exists
exists_one map filter``, conversions ``int uint double string bool``, ``type()`` and type names, list helpers
``isSorted sum min max indexOf lastIndexOf``, and Kubernetes' IP and CIDR libraries
(``celnet``). Which of those a *new* rule may use depends on the Kubernetes version
(``celenv``); evaluation always has them all, as the API server's stored environment does. Rules that use ``oldSelf`` are transition rules
and, as on create, are skipped. Anything else yields a warning, never a silent pass.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from typing import Any

from generator.openapi import celnet
from generator.openapi.celparse import CelSyntaxError, Node, compile_error, mentions, parse
from generator.openapi.errors import FieldError, child, duplicate, forbidden, invalid, required, warning
from generator.openapi.patterns import PatternError, compile_pattern

logger = logging.getLogger(__name__)

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


class CelError(Exception):
    """A runtime error Kubernetes would also hit (no such key, division by zero, wrong types)."""


class CelUnsupported(Exception):
    """A construct this evaluator does not implement: the rule is reported as unchecked."""


def evaluate(rule: str, self_value: Any) -> Any:
    """Evaluate RULE with ``self`` bound to SELF_VALUE; raise CelSyntaxError, CelError or CelUnsupported."""
    return _Evaluator().eval(parse(rule), {"self": self_value})


# Marks a node without a correlated old value (a create, or a list item that cannot be matched).
NO_OLD: Any = object()


def check_rules(value: Any, schema: dict[str, Any], path: str, old: Any = NO_OLD) -> list[FieldError]:
    """Check the node's x-kubernetes-validations against VALUE; report failures, and unchecked rules as warnings.

    OLD is the stored value at the same place (``oldSelf``); transition rules run only where there is one.
    """
    errors: list[FieldError] = []
    for entry in schema.get("x-kubernetes-validations") or ():
        rule = entry.get("rule", "")
        where = _rule_path(path, entry.get("fieldPath"))
        try:
            tree = parse(rule)
        except CelSyntaxError as exc:
            errors.append(warning(where, f"rule was not checked ({exc}): {rule}"))
            continue
        undefined = undefined_field(rule, tree, schema)
        if undefined:
            # cel-go's type check refuses a field the schema does not declare, before anything runs.
            errors.append(invalid(where, value, f"rule compile error: compilation failed: {undefined}"))
            continue
        env = {"self": value}
        if mentions(tree, "oldSelf"):
            if old is NO_OLD:
                # Transition rules compare with the stored object; on create there is none, so Kubernetes skips them.
                continue
            env["oldSelf"] = old
        try:
            result = _Evaluator().eval(tree, env)
        except CelUnsupported as exc:
            errors.append(warning(where, f"rule was not checked ({exc}): {rule}"))
            continue
        except CelError as exc:
            errors.append(invalid(where, value, f"{exc} evaluating rule: {rule}"))
            continue
        if result is not True:
            if result is not False:
                errors.append(invalid(where, value, f"rule did not evaluate to a bool: {rule}"))
                continue
            errors.append(_failure(where, value, _message(entry, env, rule), entry.get("reason")))
    return errors


def _failure(path: str, value: Any, detail: str, reason: Any) -> FieldError:
    """Report a failed rule with the error type its ``reason`` asks for, as the API server's CEL validator does."""
    if reason == "FieldValueForbidden":
        return forbidden(path, detail)
    if reason == "FieldValueRequired":
        return required(path, detail)
    if reason == "FieldValueDuplicate":
        return duplicate(path, value)
    return invalid(path, value, detail)


def _rule_path(path: str, field_path: Any) -> str:
    if isinstance(field_path, str) and field_path.startswith("."):
        return child(path, field_path[1:]) if path else field_path[1:]
    return path


def _message(entry: dict[str, Any], env: dict[str, Any], rule: str) -> str:
    expression = entry.get("messageExpression")
    if expression:
        try:
            text = _Evaluator().eval(parse(expression), dict(env))
        except (CelSyntaxError, CelError, CelUnsupported):
            text = None
        if isinstance(text, str) and text.strip():
            return text
    message = entry.get("message")
    return message if message else f"failed rule: {rule}"


# CEL words Kubernetes escapes when they name a property (``self.__namespace__``).
RESERVED_WORDS = frozenset(
    "true false null in as break const continue else for function if import let loop package namespace return var void while".split()
)
_ESCAPED_WORD = re.compile(r"__([A-Za-z]+)__")
_ESCAPED_PARTS = re.compile(r"__(underscores|dot|dash|slash)__")
_ESCAPED_CHARS = {"underscores": "__", "dot": ".", "dash": "-", "slash": "/"}


def property_name(selected: str) -> str:
    """Return the property a CEL field selection names, undoing Kubernetes' escaping (``x__dash__prop`` is ``x-prop``)."""
    whole = _ESCAPED_WORD.fullmatch(selected)
    if whole and whole.group(1) in RESERVED_WORDS:
        return whole.group(1)
    return _ESCAPED_PARTS.sub(lambda m: _ESCAPED_CHARS[m.group(1)], selected)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_name(value: Any) -> str:
    if value is None:
        return "null_type"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "map"
    if isinstance(value, celnet.IP):
        return "net.IP"
    if isinstance(value, celnet.CIDR):
        return "net.CIDR"
    if isinstance(value, CelType):
        return "type"
    return type(value).__name__


class CelType:
    """A CEL type as a value (``type(x)``, ``net.IP``, ``int``): equal when the names are."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CelType) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"CelType({self.name!r})"


# Type names a rule can write as values when no variable of that name is bound.
TYPE_NAMES = frozenset({"int", "uint", "double", "string", "bool", "bytes", "list", "map", "null_type", "type", "net.IP", "net.CIDR"})


def _type_of(value: Any) -> CelType:
    return CelType(_type_name(value))


def _check_int(value: int) -> int:
    if not _INT_MIN <= value <= _INT_MAX:
        raise CelError("integer overflow")
    return value


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _compare(op: str, a: Any, b: Any) -> bool:
    comparable = (_is_number(a) and _is_number(b)) or (type(a) is type(b) and isinstance(a, (str, bool)))
    if not comparable:
        raise CelError(f"no such overload: {_type_name(a)} {op} {_type_name(b)}")
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


class _Evaluator:
    """Evaluates one parsed rule; ``&&``/``||`` absorb errors like CEL (``false && error`` is false)."""

    def eval(self, node: Node, env: dict[str, Any]) -> Any:
        kind = node[0]
        method: Callable[[Node, dict[str, Any]], Any] = getattr(self, f"_eval_{kind}")
        return method(node, env)

    def _eval_lit(self, node: Node, env: dict[str, Any]) -> Any:
        return node[1]

    def _eval_ident(self, node: Node, env: dict[str, Any]) -> Any:
        name = node[1]
        if name in env:
            return env[name]
        if name in TYPE_NAMES:
            return CelType(name)
        raise CelUnsupported(f"unknown identifier {name!r}")

    def _eval_select(self, node: Node, env: dict[str, Any]) -> Any:
        qualified = _qualified_name(node, env)
        if qualified in TYPE_NAMES:
            return CelType(qualified)
        target = self.eval(node[1], env)
        if not isinstance(target, dict):
            raise CelError(f"no such key: {node[2]}")
        name = property_name(node[2])
        if name not in target:
            raise CelError(f"no such key: {node[2]}")
        return target[name]

    def _eval_has(self, node: Node, env: dict[str, Any]) -> bool:
        target = self.eval(node[1], env)
        if not isinstance(target, dict):
            raise CelError(f"invalid type for field selection: {_type_name(target)}")
        return property_name(node[2]) in target

    def _eval_index(self, node: Node, env: dict[str, Any]) -> Any:
        target = self.eval(node[1], env)
        key = self.eval(node[2], env)
        if isinstance(target, list):
            if not isinstance(key, int) or isinstance(key, bool):
                raise CelError(f"unsupported index type {_type_name(key)} in list")
            if not 0 <= key < len(target):
                raise CelError(f"index out of bounds: {key}")
            return target[key]
        if isinstance(target, dict):
            if key not in target:
                raise CelError(f"no such key: {key}")
            return target[key]
        raise CelError(f"no such overload: {_type_name(target)}[{_type_name(key)}]")

    def _eval_list(self, node: Node, env: dict[str, Any]) -> list[Any]:
        return [self.eval(item, env) for item in node[1]]

    def _eval_map(self, node: Node, env: dict[str, Any]) -> dict[Any, Any]:
        return {self.eval(k, env): self.eval(v, env) for k, v in node[1]}

    def _eval_not(self, node: Node, env: dict[str, Any]) -> bool:
        value = self.eval(node[1], env)
        if not isinstance(value, bool):
            raise CelError(f"no such overload: !{_type_name(value)}")
        return not value

    def _eval_neg(self, node: Node, env: dict[str, Any]) -> Any:
        value = self.eval(node[1], env)
        if not _is_number(value):
            raise CelError(f"no such overload: -{_type_name(value)}")
        return _check_int(-value) if isinstance(value, int) else -value

    def _logic(self, node: Node, env: dict[str, Any], short: bool) -> bool:
        # CEL's && and || are commutative over errors: one decisive side wins whatever the other does.
        failure: Exception | None = None
        for side in (node[1], node[2]):
            try:
                value = self.eval(side, env)
            except CelError as exc:
                failure = failure or exc
                continue
            if not isinstance(value, bool):
                failure = failure or CelError(f"no such overload: {_type_name(value)} in a logical operator")
                continue
            if value is short:
                return short
        if failure is not None:
            raise failure
        return not short

    def _eval_and(self, node: Node, env: dict[str, Any]) -> bool:
        return self._logic(node, env, False)

    def _eval_or(self, node: Node, env: dict[str, Any]) -> bool:
        return self._logic(node, env, True)

    def _eval_cond(self, node: Node, env: dict[str, Any]) -> Any:
        test = self.eval(node[1], env)
        if not isinstance(test, bool):
            raise CelError(f"no such overload: {_type_name(test)} ? _ : _")
        return self.eval(node[2] if test else node[3], env)

    def _eval_binary(self, node: Node, env: dict[str, Any]) -> Any:
        op = node[1]
        a = self.eval(node[2], env)
        b = self.eval(node[3], env)
        if op == "==":
            return _equal(a, b)
        if op == "!=":
            return not _equal(a, b)
        if op in ("<", "<=", ">", ">="):
            return _compare(op, a, b)
        if op == "in":
            if isinstance(b, list):
                return any(_equal(a, item) for item in b)
            if isinstance(b, dict):
                return a in b
            raise CelError(f"no such overload: {_type_name(a)} in {_type_name(b)}")
        return self._arithmetic(op, a, b)

    def _arithmetic(self, op: str, a: Any, b: Any) -> Any:
        if op == "+":
            if isinstance(a, str) and isinstance(b, str):
                return a + b
            if isinstance(a, list) and isinstance(b, list):
                return a + b
        if not (_is_number(a) and _is_number(b)) or (isinstance(a, int) != isinstance(b, int)):
            # CEL has no implicit int/double conversion in arithmetic.
            raise CelError(f"no such overload: {_type_name(a)} {op} {_type_name(b)}")
        if isinstance(a, float):
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/":
                return a / b if b else (math.copysign(math.inf, a) if a else math.nan)
            raise CelError("no such overload: double % double")
        if op == "+":
            return _check_int(a + b)
        if op == "-":
            return _check_int(a - b)
        if op == "*":
            return _check_int(a * b)
        if b == 0:
            raise CelError("division by zero" if op == "/" else "modulus by zero")
        # CEL truncates toward zero, like Go; Python floors.
        quotient = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
        if op == "/":
            return _check_int(quotient)
        return a - b * quotient

    def _eval_macro(self, node: Node, env: dict[str, Any]) -> Any:
        _, name, target_node, variable, args = node
        target = self.eval(target_node, env)
        if isinstance(target, dict):
            items = list(target.keys())
        elif isinstance(target, list):
            items = target
        else:
            raise CelError(f"no such overload: {_type_name(target)}.{name}()")

        def run(expr: Node, item: Any) -> Any:
            return self.eval(expr, {**env, variable: item})

        if name in ("all", "exists"):
            # Like && and ||: a decisive element wins even if another element errs.
            decisive = name == "exists"
            failure: CelError | None = None
            for item in items:
                try:
                    result = run(args[0], item)
                except CelError as exc:
                    failure = failure or exc
                    continue
                if not isinstance(result, bool):
                    raise CelError(f"{name}() predicate did not return a bool")
                if result is decisive:
                    return decisive
            if failure is not None:
                raise failure
            return not decisive
        if name == "exists_one":
            count = 0
            for item in items:
                result = run(args[0], item)
                if not isinstance(result, bool):
                    raise CelError("exists_one() predicate did not return a bool")
                count += result
            return count == 1
        if name == "filter":
            return [item for item in items if self._predicate(run(args[0], item))]
        if len(args) == 2:
            return [run(args[1], item) for item in items if self._predicate(run(args[0], item))]
        return [run(args[0], item) for item in items]

    @staticmethod
    def _predicate(value: Any) -> bool:
        if not isinstance(value, bool):
            raise CelError("predicate did not return a bool")
        return value

    def _eval_call(self, node: Node, env: dict[str, Any]) -> Any:
        _, name, target_node, arg_nodes = node
        # ``ip.isCanonical(x)`` is a namespaced global function unless ``ip`` is a bound variable.
        qualified = _qualified_name(("select", target_node, name), env) if target_node is not None else ""
        if qualified in _GLOBALS:
            name, target_node = qualified, None
        # Look the function up first: an unsupported function makes the rule unchecked, whatever its operands do.
        entry = (_GLOBALS if target_node is None else _METHODS).get(name)
        if entry is None:
            raise CelUnsupported(f"function {name}() is not supported")
        _check_arity(name, entry, len(arg_nodes))
        args = [self.eval(arg, env) for arg in arg_nodes]
        if target_node is None:
            return entry[0](*args)
        return entry[0](self.eval(target_node, env), *args)


def _qualified_name(node: Node, env: dict[str, Any]) -> str:
    """Return ``a.b.c`` for a selection chain of identifiers rooted at an unbound name ("" otherwise)."""
    parts: list[str] = []
    while node[0] == "select":
        parts.append(node[2])
        node = node[1]
    if node[0] != "ident" or node[1] in env:
        return ""
    return ".".join([node[1], *reversed(parts)])


def _check_arity(name: str, entry: tuple[Callable[..., Any], int, int], count: int) -> None:
    if not entry[1] <= count <= entry[2]:
        raise CelError(f"no matching overload for {name}() with {count} argument(s)")


def _need(value: Any, kind: type | tuple[type, ...], function: str) -> None:
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise CelError(f"no such overload: {function}({_type_name(value)})")


def _size(value: Any) -> int:
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise CelError(f"no such overload: size({_type_name(value)})")


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise CelError("no such overload: int(bool)")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or not _INT_MIN <= value <= _INT_MAX:
            raise CelError("double is out of range for int")
        return int(value)
    if isinstance(value, str):
        try:
            return _check_int(int(value, 10))
        except ValueError:
            raise CelError(f"cannot convert {value!r} to int") from None
    raise CelError(f"no such overload: int({_type_name(value)})")


def _to_uint(value: Any) -> int:
    result = _to_int(value)
    if result < 0:
        raise CelError("negative value cannot be converted to uint")
    return result


def _to_double(value: Any) -> float:
    if _is_number(value):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise CelError(f"cannot convert {value!r} to double") from None
    raise CelError(f"no such overload: double({_type_name(value)})")


def _to_string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else f"{value:.1f}".rstrip("0").rstrip(".")
    if isinstance(value, (celnet.IP, celnet.CIDR)):
        return str(value)
    raise CelError(f"no such overload: string({_type_name(value)})")


_FORMAT_VERB = re.compile(r"%(?:\.(\d+))?([sdfeboxX%])")


def _format(text: Any, args: Any) -> str:
    """CEL's ``string.format(list)`` (Kubernetes' strings library): %s %d %f %e %b %o %x %X and %%."""
    _need(text, str, "format")
    _need(args, list, "format")
    out: list[str] = []
    pos = 0
    used = 0
    for match in _FORMAT_VERB.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        precision, verb = match.group(1), match.group(2)
        if verb == "%":
            out.append("%")
            continue
        if used >= len(args):
            raise CelError(f"index {used} out of range")
        out.append(_format_one(args[used], verb, precision))
        used += 1
    out.append(text[pos:])
    return "".join(out)


def _format_one(value: Any, verb: str, precision: str | None) -> str:
    if verb == "s":
        return _format_string(value)
    if verb == "d":
        if not isinstance(value, int) or isinstance(value, bool):
            raise CelError(f"error during formatting: decimal clause can only be used on integers, was given {_type_name(value)}")
        return str(value)
    if verb in "fe":
        if not _is_number(value):
            raise CelError(f"error during formatting: fixed-point clause can only be used on doubles, was given {_type_name(value)}")
        digits = int(precision) if precision is not None else 6
        return f"{float(value):.{digits}{verb}}"
    if not isinstance(value, int) or isinstance(value, bool):
        if verb in "xX" and isinstance(value, str):
            hexed = value.encode("utf-8").hex()
            return hexed.upper() if verb == "X" else hexed
        raise CelError(f"error during formatting: only integers can be formatted as {verb}, was given {_type_name(value)}")
    return format(value, {"b": "b", "o": "o", "x": "x", "X": "X"}[verb])


def _format_string(value: Any) -> str:
    # %s prints scalars as string() does and composites in CEL's own literal form.
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_format_string(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_format_string(k)}: {_format_string(v)}" for k, v in value.items()) + "}"
    return _to_string(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "True", "TRUE", "t", "1"):
        return True
    if value in ("false", "False", "FALSE", "f", "0"):
        return False
    raise CelError(f"cannot convert {value!r} to bool")


def _matches(text: Any, pattern: Any) -> bool:
    _need(text, str, "matches")
    _need(pattern, str, "matches")
    try:
        return compile_pattern(pattern).search(text) is not None
    except PatternError as exc:
        raise CelUnsupported(f"pattern {pattern!r}: {exc}") from None


def _string_method(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    def method(target: Any, *args: Any) -> Any:
        _need(target, str, name)
        for arg in args:
            if not isinstance(arg, (str, int)) or isinstance(arg, bool):
                raise CelError(f"no such overload: {name}({_type_name(arg)})")
        return function(target, *args)

    return method


def _substring(text: str, start: int, end: int | None = None) -> str:
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise CelError(f"index out of range: substring({start}, {stop}) of a string of length {len(text)}")
    return text[start:stop]


def _char_at(text: str, at: int) -> str:
    if not 0 <= at <= len(text):
        raise CelError(f"index out of range: {at}")
    return text[at : at + 1]


def _split(text: str, separator: str, limit: int = -1) -> list[str]:
    if limit == 0:
        return []
    if separator == "":
        return list(text) if limit < 0 else list(text[: limit - 1]) + ([text[limit - 1 :]] if len(text) >= limit else [])
    return text.split(separator, limit - 1 if limit > 0 else -1)


def _join(items: Any, separator: str = "") -> str:
    _need(items, list, "join")
    if not all(isinstance(item, str) for item in items):
        raise CelError("join() needs a list of strings")
    return separator.join(items)


def _list_numbers(items: Any, name: str) -> list[Any]:
    _need(items, list, name)
    if not items and name in ("min", "max"):
        raise CelError(f"{name}() of an empty list")
    return items


def _is_sorted(items: Any) -> bool:
    _need(items, list, "isSorted")
    return all(not _compare("<", items[i + 1], items[i]) for i in range(len(items) - 1))


def _sum(items: Any) -> Any:
    numbers = _list_numbers(items, "sum")
    if not all(_is_number(item) for item in numbers):
        raise CelError("sum() needs a list of numbers")
    return sum(numbers)


def _index_of(target: Any, needle: Any, start: int = 0) -> int:
    if isinstance(target, str):
        _need(needle, str, "indexOf")
        return target.find(needle, start)
    _need(target, list, "indexOf")
    return next((i for i, item in enumerate(target) if _equal(item, needle)), -1)


def _last_index_of(target: Any, needle: Any) -> int:
    if isinstance(target, str):
        _need(needle, str, "lastIndexOf")
        return target.rfind(needle)
    _need(target, list, "lastIndexOf")
    return next((i for i in range(len(target) - 1, -1, -1) if _equal(target[i], needle)), -1)


def _net(function: Callable[..., Any], name: str, *kinds: type) -> Callable[..., Any]:
    """Wrap one IP/CIDR library function: check operand types as its overloads do, turn parse errors into CelError."""

    def call(*args: Any) -> Any:
        for arg, kind in zip(args, kinds):
            if not isinstance(arg, kind) or isinstance(arg, bool):
                shown = ", ".join(_type_name(a) for a in args)
                raise CelError(f"found no matching overload for '{name}' applied to '({shown})'")
        try:
            return function(*args)
        except celnet.NetParseError as exc:
            raise CelError(str(exc)) from None

    return call


def _contains_ip(cidr: Any, other: Any) -> bool:
    return celnet.contains_ip(cidr, celnet.parse_ip(other) if isinstance(other, str) else other)


def _contains_cidr(cidr: Any, other: Any) -> bool:
    return celnet.contains_cidr(cidr, celnet.parse_cidr(other) if isinstance(other, str) else other)


_IP, _CIDR = celnet.IP, celnet.CIDR

# name -> (function, fewest arguments, most arguments); methods count arguments after the target.
_GLOBALS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "size": (_size, 1, 1),
    "int": (_to_int, 1, 1),
    "uint": (_to_uint, 1, 1),
    "double": (_to_double, 1, 1),
    "string": (_to_string, 1, 1),
    "bool": (_to_bool, 1, 1),
    "matches": (_matches, 2, 2),
    "type": (_type_of, 1, 1),
    "ip": (_net(celnet.parse_ip, "ip", str), 1, 1),
    "isIP": (_net(celnet.is_ip, "isIP", str), 1, 1),
    "ip.isCanonical": (_net(celnet.is_canonical, "ip.isCanonical", str), 1, 1),
    "cidr": (_net(celnet.parse_cidr, "cidr", str), 1, 1),
    "isCIDR": (_net(celnet.is_cidr, "isCIDR", str), 1, 1),
}

_METHODS: dict[str, tuple[Callable[..., Any], int, int]] = {
    "size": (_size, 0, 0),
    "startsWith": (_string_method(lambda s, p: s.startswith(p), "startsWith"), 1, 1),
    "endsWith": (_string_method(lambda s, p: s.endswith(p), "endsWith"), 1, 1),
    "contains": (_string_method(lambda s, p: p in s, "contains"), 1, 1),
    "matches": (_matches, 1, 1),
    "lowerAscii": (_string_method(lambda s: "".join(c.lower() if c.isascii() else c for c in s), "lowerAscii"), 0, 0),
    "upperAscii": (_string_method(lambda s: "".join(c.upper() if c.isascii() else c for c in s), "upperAscii"), 0, 0),
    "trim": (_string_method(lambda s: s.strip(), "trim"), 0, 0),
    "split": (_string_method(_split, "split"), 1, 2),
    "substring": (_string_method(_substring, "substring"), 1, 2),
    "charAt": (_string_method(_char_at, "charAt"), 1, 1),
    "replace": (_string_method(lambda s, old, new: s.replace(old, new), "replace"), 2, 2),
    "format": (_format, 1, 1),
    "join": (_join, 0, 1),
    "indexOf": (_index_of, 1, 2),
    "lastIndexOf": (_last_index_of, 1, 1),
    "isSorted": (_is_sorted, 0, 0),
    "sum": (_sum, 0, 0),
    "min": (lambda items: min(_list_numbers(items, "min")), 0, 0),
    "max": (lambda items: max(_list_numbers(items, "max")), 0, 0),
    "family": (_net(celnet.family, "family", _IP), 0, 0),
    "isUnspecified": (_net(celnet.is_unspecified, "isUnspecified", _IP), 0, 0),
    "isLoopback": (_net(celnet.is_loopback, "isLoopback", _IP), 0, 0),
    "isLinkLocalMulticast": (_net(celnet.is_link_local_multicast, "isLinkLocalMulticast", _IP), 0, 0),
    "isLinkLocalUnicast": (_net(celnet.is_link_local_unicast, "isLinkLocalUnicast", _IP), 0, 0),
    "isGlobalUnicast": (_net(celnet.is_global_unicast, "isGlobalUnicast", _IP), 0, 0),
    "containsIP": (_net(_contains_ip, "containsIP", _CIDR, (str, _IP)), 1, 1),
    "containsCIDR": (_net(_contains_cidr, "containsCIDR", _CIDR, (str, _CIDR)), 1, 1),
    "ip": (_net(celnet.cidr_ip, "ip", _CIDR), 0, 0),
    "prefixLength": (_net(celnet.prefix_length, "prefixLength", _CIDR), 0, 0),
    "masked": (_net(celnet.masked, "masked", _CIDR), 0, 0),
}


def undefined_field(text: str, tree: Any, schema: dict[str, Any]) -> str:
    """Return cel-go's "undefined field" error for a selection of ``self`` the schema does not declare ("" if none).

    Only chains rooted at ``self`` through declared object properties are checked: the
    part of CEL's type check whose answer follows from the schema alone.
    """
    for chain in _self_chains(tree):
        node: dict[str, Any] = schema
        for name in chain:
            properties = node.get("properties")
            if not isinstance(properties, dict) or not properties:
                break
            real = property_name(name)
            if node.get("x-kubernetes-embedded-resource") is True and real in ("apiVersion", "kind", "metadata"):
                break  # an embedded resource declares these itself
            if real not in properties:
                match = re.search(r"\.\s*" + re.escape(name) + r"\b", text)
                return compile_error(text, match.start() if match else 0, f"undefined field '{name}'")
            node = properties[real] if isinstance(properties[real], dict) else {}
    return ""


def _self_chains(tree: Any) -> list[list[str]]:
    # Every self.a.b... selection (has(self.a.b) too), outermost chain only.
    chains: list[list[str]] = []

    def chain_of(node: Any) -> list[str] | None:
        if isinstance(node, tuple) and node[:2] == ("ident", "self"):
            return []
        if isinstance(node, tuple) and node and node[0] in ("select", "has"):
            inner = chain_of(node[1])
            return None if inner is None else [*inner, node[2]]
        return None

    def walk(node: Any) -> None:
        if isinstance(node, tuple) and node:
            found = chain_of(node) if node[0] in ("select", "has") else None
            if found:
                chains.append(found)
                return
            for part in node[1:]:
                walk(part)
        elif isinstance(node, list):
            for part in node:
                walk(part)

    walk(tree)
    return chains
