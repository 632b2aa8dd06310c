"""Go's builtin ``call``: call a function value with arguments, failing with Go's messages."""

from __future__ import annotations

from typing import Any

from .errors import FuncError
from .values import GoObject, type_name


def call_function(callee: str, fn: Any, *args: Any) -> Any:
    """Go's builtin call; ``callee`` is the argument's text, which Go's messages name."""
    if fn is None:
        raise FuncError("call of nil")
    if not callable(fn) or isinstance(fn, GoObject):
        raise FuncError(f"non-function {callee} of type {type_name(fn)}")
    _check_arity(callee, fn, len(args))
    return fn(*args)


def _check_arity(callee: str, fn: Any, count: int) -> None:
    import inspect

    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return
    fixed = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    variadic = any(p.kind is p.VAR_POSITIONAL for p in params)
    if variadic and count < len(fixed):
        raise FuncError(f"wrong number of args for {callee}: got {count} want at least {len(fixed)}")
    if not variadic and count != len(fixed):
        raise FuncError(f"wrong number of args for {callee}: got {count} want {len(fixed)}")
