"""The data Go's text/template tests execute against (exec_test.go's tVal), in the engine's value model.

Only what the value model can say is here: Go ints, floats, strings, bools,
string-keyed maps and slices, structs with fields and methods (GoObject), and
functions for ``call``. Unsigned and complex numbers, typed nil pointers,
channels, iterators and Stringer/error values have no equivalent, so the cases
that use them are not ported (see go_cases.py).
"""

from __future__ import annotations

from typing import Any

from generator.gotemplate import GoObject
from generator.gotemplate.errors import FuncError


class U(GoObject):
    """exec_test.go's ``*U``: one field V and a method TrueFalse."""

    _go_type = "*template.U"
    _go_kind = "ptr"
    _go_fields = ("V",)
    _go_methods = frozenset({"TrueFalse"})

    def __init__(self, v: str) -> None:
        self.V = v

    def TrueFalse(self, b: bool) -> str:  # noqa: N802 - Go method name
        return "true" if b else ""


class T(GoObject):
    """exec_test.go's ``*T`` with the fields and methods the ported cases read."""

    _go_type = "*template.T"
    _go_kind = "ptr"
    _go_fields = (
        "True", "I", "U16", "X", "S", "FloatZero", "U", "SI", "SICap", "SIEmpty", "SB", "AI", "MSI", "MSIone",
        "MSIEmpty", "MXI", "SMSI", "Empty0", "Empty1", "Empty2", "Empty3", "Empty4", "PI", "PS", "PSI",
        "BinaryFunc", "VariadicFunc", "VariadicFuncInt", "NilOKFunc", "ErrFunc",
    )
    _go_methods = frozenset({"Method0", "Method1", "Method2", "Method3", "Copy", "MAdd", "MyError", "GetU"})

    def __init__(self) -> None:
        setattr(self, "True", True)  # a Python keyword, so not an attribute statement
        self.I = 17
        self.U16 = 16
        self.X = "x"
        self.S = "xyz"
        self.FloatZero = 0.0
        self.U = U("v")
        self.SI = [3, 4, 5]
        self.SICap = [0, 0, 0, 0, 0]
        self.SIEmpty: list[int] = []
        self.SB = [True, False]
        self.AI = [3, 4, 5]
        self.MSI = {"one": 1, "two": 2, "three": 3}
        self.MSIone = {"one": 1}
        self.MSIEmpty: dict[str, int] = {}
        self.MXI = {"one": 1}
        self.SMSI = [{"one": 1, "two": 2}, {"eleven": 11, "twelve": 12}]
        self.Empty0 = None
        self.Empty1 = 3
        self.Empty2 = "empty2"
        self.Empty3 = [7, 8]
        self.Empty4 = U("UinEmpty")
        self.PI = 23
        self.PS = "a string"
        self.PSI = [21, 22, 23]
        self.BinaryFunc = _binary
        self.VariadicFunc = _variadic
        self.VariadicFuncInt = _variadic_int
        self.NilOKFunc = lambda s: s is None
        self.ErrFunc = lambda: "bla"

    def Method0(self) -> str:  # noqa: N802 - Go method names
        return "M0"

    def Method1(self, a: int) -> int:  # noqa: N802
        return a

    def Method2(self, a: int, b: str) -> str:  # noqa: N802
        return f"Method2: {a} {b}"

    def Method3(self, v: Any) -> str:  # noqa: N802
        from generator.gotemplate.values import sprint_value

        return f"Method3: {sprint_value(v)}"

    def Copy(self) -> T:  # noqa: N802
        return T()

    def MAdd(self, a: int, b: list[int]) -> list[int]:  # noqa: N802
        return [x + a for x in b]

    def MyError(self, error: bool) -> bool:  # noqa: N802
        if error:
            raise FuncError("my error")
        return False

    def GetU(self) -> U:  # noqa: N802
        return self.U


def _binary(a: str, b: str) -> str:
    if type(a) is not str or type(b) is not str:
        raise FuncError("wrong type for value; expected string")
    return f"[{a}={b}]"


def _variadic(*s: str) -> str:
    if any(type(x) is not str for x in s):
        raise FuncError("wrong type for value; expected string")
    return "<" + "+".join(s) + ">"


def _variadic_int(a: int, *s: str) -> str:
    if type(a) is not int or any(type(x) is not str for x in s):
        raise FuncError("wrong type for value")
    return f"{a}=<" + "+".join(s) + ">"


T_VAL = T()
