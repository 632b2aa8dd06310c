"""Masterminds semver v3 as Sprig exposes it: ``semver`` versions and ``semverCompare`` constraints.

Helm also matches a chart's dependency versions with these rules.
"""

from __future__ import annotations

import re

from .errors import FuncError
from .values import GoObject


_SEMVER = re.compile(
    r"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"
)


class SemVer(GoObject):
    """A parsed semantic version (``semver``): Major, Minor, Patch, Prerelease, Metadata, Original."""

    _go_type = "*semver.Version"
    _go_kind = "ptr"
    _go_methods = frozenset({"Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String", "Compare", "LessThan", "GreaterThan", "Equal"})

    def __init__(self, text: str) -> None:
        m = _SEMVER.fullmatch(text)
        if not m:
            raise FuncError("Invalid Semantic Version")
        self.major = int(m.group(1))
        self.minor = int(m.group(2)[1:]) if m.group(2) else 0
        self.patch = int(m.group(3)[1:]) if m.group(3) else 0
        self.pre = m.group(5) or ""
        self.meta = m.group(8) or ""
        self.original = text

    def Major(self) -> int:  # noqa: N802 - Go method names
        return self.major

    def Minor(self) -> int:  # noqa: N802
        return self.minor

    def Patch(self) -> int:  # noqa: N802
        return self.patch

    def Prerelease(self) -> str:  # noqa: N802
        return self.pre

    def Metadata(self) -> str:  # noqa: N802
        return self.meta

    def Original(self) -> str:  # noqa: N802
        return self.original

    def String(self) -> str:  # noqa: N802
        return self.go_string()

    def go_string(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            text += "-" + self.pre
        if self.meta:
            text += "+" + self.meta
        return text

    def compare(self, other: SemVer) -> int:
        a = (self.major, self.minor, self.patch)
        b = (other.major, other.minor, other.patch)
        if a != b:
            return -1 if a < b else 1
        return _compare_prerelease(self.pre, other.pre)

    def Compare(self, other: SemVer) -> int:  # noqa: N802
        return self.compare(other)

    def LessThan(self, other: SemVer) -> bool:  # noqa: N802
        return self.compare(other) < 0

    def GreaterThan(self, other: SemVer) -> bool:  # noqa: N802
        return self.compare(other) > 0

    def Equal(self, other: SemVer) -> bool:  # noqa: N802
        return self.compare(other) == 0


def _compare_prerelease(a: str, b: str) -> int:
    if a == b:
        return 0
    if not a:
        return 1
    if not b:
        return -1
    pa, pb = a.split("."), b.split(".")
    for x, y in zip(pa, pb):
        if x == y:
            continue
        xd, yd = x.isdigit(), y.isdigit()
        if xd and yd:
            return -1 if int(x) < int(y) else 1
        if xd:
            return -1
        if yd:
            return 1
        return -1 if x < y else 1
    return -1 if len(pa) < len(pb) else (1 if len(pa) > len(pb) else 0)


_CONSTRAINT = re.compile(
    r"^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z\-.]+)?(\+[0-9A-Za-z\-.]+)?\s*$"
)


def _parse_constraint(text: str) -> tuple[str, SemVer, int]:
    """Return (operator, version, number of given parts; wildcards end the count)."""
    m = _CONSTRAINT.match(text)
    if not m:
        raise FuncError(f"improper constraint: {text}")
    op = m.group(1) or ""
    parts = [m.group(2), (m.group(3) or "")[1:], (m.group(4) or "")[1:]]
    given = 0
    nums = []
    for part in parts:
        if part in ("", "x", "X", "*"):
            break
        given += 1
        nums.append(part)
    nums += ["0"] * (3 - len(nums))
    version = SemVer(".".join(nums) + (m.group(5) or "") + (m.group(6) or ""))
    return op, version, given


def _check(op: str, con: SemVer, given: int, v: SemVer) -> bool:
    if v.pre and not con.pre:
        return False
    cmp = v.compare(con)
    if op in ("", "="):
        if given == 3:
            return cmp == 0
        return _in_wild(con, given, v)
    if op == "!=":
        return cmp != 0 if given == 3 else not _in_wild(con, given, v)
    if op == ">":
        if given == 3:
            return cmp > 0
        if given == 0:
            return False
        return (v.major, v.minor) > (con.major, con.minor if given > 1 else 10**9) if given == 2 else v.major > con.major
    if op == "<":
        return cmp < 0
    if op in (">=", "=>"):
        return cmp >= 0
    if op in ("<=", "=<"):
        if given == 3:
            return cmp <= 0
        return cmp <= 0 or _in_wild(con, given, v)
    if op in ("~", "~>"):
        if cmp < 0:
            return False
        if given <= 1 and con.major == 0 and given == 0:
            return True
        if given <= 1:
            return v.major == con.major
        return v.major == con.major and v.minor == con.minor
    if op == "^":
        if cmp < 0:
            return False
        if con.major > 0 or given <= 1:
            return v.major == con.major
        if con.minor > 0 or given == 2:
            return v.major == 0 and v.minor == con.minor
        return v.major == 0 and v.minor == 0 and v.patch == con.patch
    raise FuncError(f"improper constraint: {op}")


def _in_wild(con: SemVer, given: int, v: SemVer) -> bool:
    if given == 0:
        return True
    if given == 1:
        return v.major == con.major
    return v.major == con.major and v.minor == con.minor


_OPERATOR_SPACE = re.compile(r"(!=|>=|=>|<=|=<|~>|=|>|<|~|\^)\s+")
_HYPHEN = re.compile(r"\s*(\S+)\s+-\s+(\S+)\s*")


def semver_compare(constraint: str, version: str) -> bool:
    """Check a version against a Masterminds semver constraint such as ``>=1.21-0`` or ``~1.2 || ^2``."""
    groups = []
    for group in constraint.split("||"):
        group = _HYPHEN.sub(lambda m: f">= {m.group(1)}, <= {m.group(2)}", group)
        # Masterminds allows space between an operator and its version (">= 1.19-0").
        group = _OPERATOR_SPACE.sub(r"\1", group)
        parts = [p for p in re.split(r"\s*,\s*|\s+(?=[=!<>~^]|v?[0-9xX*])", group.strip()) if p.strip()]
        if not parts:
            raise FuncError(f"improper constraint: {constraint}")
        groups.append([_parse_constraint(p) for p in parts])
    try:
        v = SemVer(version)
    except FuncError:
        raise FuncError("Invalid Semantic Version") from None
    return any(all(_check(op, con, given, v) for op, con, given in group) for group in groups)


def semver_parse(text: str) -> SemVer:
    """Sprig's ``semver``: parse a version (a leading ``v`` and missing minor/patch allowed)."""
    return SemVer(text)
