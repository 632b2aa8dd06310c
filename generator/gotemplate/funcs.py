"""Go text/template's built-in functions, and the table of every function templates can call."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

from .calls import call_function
from .errors import FuncError
from .exec import Func
from .gofmt import go_sprintf
from .values import GoObject, Int64, go_sprint, go_sprintln, sprint_value, truth, type_name


def _not(value: Any) -> bool:
    return not truth(value)


def _len(value: Any) -> int:
    t = type(value)
    if t is str:
        # Go's len counts bytes.
        return len(value) if value.isascii() else len(value.encode())
    if t is list or t is dict or t is tuple or t is bytes:
        return len(value)
    if value is None:
        raise FuncError("len of nil pointer")
    if isinstance(value, GoObject) and value._go_kind in ("map", "slice") and hasattr(value, "go_items"):
        return len(value.go_items())
    raise FuncError(f"len of type {type_name(value)}")


def _index_arg(index: Any, cap: int) -> int:
    t = type(index)
    if t is int or t is Int64:
        x = int(index)
    elif index is None:
        raise FuncError("cannot index slice/array with nil")
    else:
        raise FuncError(f"cannot index slice/array with type {type_name(index)}")
    if x < 0 or x > cap:
        raise FuncError(f"index out of range: {x}")
    return x


def _index(item: Any, *indexes: Any) -> Any:
    if item is None:
        raise FuncError("index of untyped nil")
    for index in indexes:
        if item is None:
            raise FuncError("index of nil pointer")
        t = type(item)
        if t is list or t is tuple or t is str or t is bytes:
            x = _index_arg(index, len(item))
            if x == len(item):
                raise FuncError(f"reflect: {'string' if t is str else 'slice'} index out of range")
            item = item[x]
            if t is str:
                item = ord(item)
        elif t is dict:
            if index is None:
                raise FuncError("value is nil; should be of type string")
            if type(index) is not str:
                raise FuncError(f"value has type {type_name(index)}; should be string")
            item = item.get(index)
        else:
            raise FuncError(f"can't index item of type {type_name(item)}")
    return item


def _slice(item: Any, *indexes: Any) -> Any:
    if item is None:
        raise FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise FuncError(f"too many slice indexes: {len(indexes)}")
    t = type(item)
    if t is str:
        if len(indexes) == 3:
            raise FuncError("cannot 3-index slice a string")
    elif t is not list and t is not tuple:
        raise FuncError(f"can't slice item of type {type_name(item)}")
    cap = len(item)
    idx = [0, len(item), len(item)]
    for i, index in enumerate(indexes):
        idx[i] = _index_arg(index, cap)
    if idx[0] > idx[1]:
        raise FuncError(f"invalid slice index: {idx[0]} > {idx[1]}")
    if len(indexes) == 3 and idx[1] > idx[2]:
        raise FuncError(f"invalid slice index: {idx[1]} > {idx[2]}")
    result = item[idx[0]:idx[1]]
    return list(result) if t is tuple else result


def _basic_kind(value: Any) -> str:
    t = type(value)
    if t is bool:
        return "bool"
    if t is int or t is Int64:
        return "int"
    if t is float:
        return "float"
    if t is str:
        return "string"
    if value is None:
        return "invalid"
    return "other"


def _eq(arg1: Any, *args: Any) -> bool:
    if not args:
        raise FuncError("missing argument for comparison")
    k1 = _basic_kind(arg1)
    for arg in args:
        k2 = _basic_kind(arg)
        if k1 != k2:
            if arg1 is not None and arg is not None:
                raise FuncError("incompatible types for comparison")
            continue
        if k1 == "invalid":
            return True
        if k1 == "other":
            if type(arg) in (list, dict, tuple):
                raise FuncError(f"non-comparable type {sprint_value(arg)}: {type_name(arg)}")
            if arg1 is arg:
                return True
            continue
        if arg1 == arg:
            return True
    return False


def _ne(arg1: Any, arg2: Any) -> bool:
    return not _eq(arg1, arg2)


def _lt(arg1: Any, arg2: Any) -> bool:
    k1 = _basic_kind(arg1)
    k2 = _basic_kind(arg2)
    if k1 in ("invalid", "other", "bool") or k2 in ("invalid", "other", "bool"):
        raise FuncError("invalid type for comparison")
    if k1 != k2:
        raise FuncError("incompatible types for comparison")
    return arg1 < arg2


def _le(arg1: Any, arg2: Any) -> bool:
    return _lt(arg1, arg2) or _eq(arg1, arg2)


def _gt(arg1: Any, arg2: Any) -> bool:
    return not _le(arg1, arg2)


def _ge(arg1: Any, arg2: Any) -> bool:
    return not _lt(arg1, arg2)


def _eval_args(args: tuple) -> str:
    """Go's evalArgs for html, js and urlquery: a lone string as is, nil printed as "<no value>"."""
    if len(args) == 1 and type(args[0]) is str:
        return args[0]
    return go_sprint(tuple("<no value>" if a is None else a for a in args))


_HTML = {'"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\0": "\ufffd"}


def _html(*args: Any) -> str:
    text = _eval_args(args)
    return "".join(_HTML.get(c, c) for c in text)


def _js(*args: Any) -> str:
    out = []
    for ch in _eval_args(args):
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == '"':
            out.append('\\"')
        elif ch in "<>&=":
            out.append(f"\\u{ord(ch):04X}")
        elif ord(ch) < 0x20 or not ch.isprintable():
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _urlquery(*args: Any) -> str:
    return quote_plus(_eval_args(args), safe="-_.~")


BUILTINS: dict[str, Func] = {
    f.name: f
    for f in (
        Func("and", lambda *a: a[-1], ("any",), "any"),
        Func("or", lambda *a: a[-1], ("any",), "any"),
        Func("not", _not, ("any",)),
        Func("len", _len, ("any",)),
        Func("index", _index, ("any",), "any"),
        Func("slice", _slice, ("any",), "any"),
        Func("print", lambda *a: go_sprint(a), (), "any"),
        Func("printf", lambda fmt, *a: go_sprintf(fmt, a), ("string",), "any"),
        Func("println", lambda *a: go_sprintln(a), (), "any"),
        Func("eq", _eq, ("any",), "any"),
        Func("ne", _ne, ("any", "any")),
        Func("lt", _lt, ("any", "any")),
        Func("le", _le, ("any", "any")),
        Func("gt", _gt, ("any", "any")),
        Func("ge", _ge, ("any", "any")),
        Func("html", _html, (), "any"),
        Func("js", _js, (), "any"),
        Func("urlquery", _urlquery, (), "any"),
        Func("call", lambda fn, *args: call_function("", fn, *args), ("any",), "any"),
    )
}
