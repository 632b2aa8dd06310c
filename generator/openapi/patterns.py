"""Translate a schema ``pattern`` (the RE2 dialect Kubernetes compiles) into a Python regular expression."""

from __future__ import annotations

import re
from functools import lru_cache


class PatternError(ValueError):
    """A pattern Kubernetes would reject (or this translator cannot express): the reason is the message."""


# Python's re knows these escapes with RE2's meaning once re.ASCII is set.
_PLAIN_ESCAPES = set("dDwWsSbBntrfv\\.^$|?*+()[]{}-/")


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile an RE2 pattern for ``re.search``, rejecting what RE2 rejects (backreferences, lookaround)."""
    return re.compile(_translate(pattern), re.ASCII)


def _translate(pattern: str) -> str:
    out: list[str] = []
    i = 0
    in_class = False
    multiline = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                raise PatternError("trailing backslash at end of expression")
            nxt = pattern[i + 1]
            if nxt.isdigit() and nxt != "0":
                raise PatternError(f"invalid escape sequence: \\{nxt} (backreferences are not supported)")
            if nxt == "k":
                raise PatternError("invalid escape sequence: \\k (backreferences are not supported)")
            if nxt in "pP":
                raise PatternError(f"unsupported escape sequence: \\{nxt} (Unicode classes)")
            if nxt == "z":
                out.append(r"\Z")
            elif nxt == "A":
                out.append(r"\A")
            elif nxt == "x" or nxt == "0" or nxt in _PLAIN_ESCAPES or not nxt.isalnum():
                out.append(c + nxt)
            else:
                raise PatternError(f"invalid escape sequence: \\{nxt}")
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" and pattern.startswith("[:", i):
                end = pattern.find(":]", i + 2)
                if end < 0:
                    raise PatternError("missing closing ]")
                out.append(_POSIX_CLASSES.get(pattern[i + 2 : end]) or _fail(f"invalid character class range: {pattern[i:end + 2]}"))
                i = end + 2
                continue
            elif c == "[":
                out.append("\\[")
                i += 1
                continue
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            # A leading ']' (after an optional '^') is a literal in RE2 as in Python.
            if i < len(pattern) and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < len(pattern) and pattern[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if c == "(" and pattern.startswith("(?", i):
            rest = pattern[i + 2 :]
            if rest[:1] in ("=", "!") or rest[:2] in ("<=", "<!"):
                construct = "(?" + (rest[:2] if rest[0] == "<" else rest[:1])
                raise PatternError(f"invalid or unsupported Perl syntax: {construct} (lookaround)")
            if rest[:1] == ">":
                raise PatternError("invalid or unsupported Perl syntax: (?> (atomic group)")
            if rest[:2] == "P<":
                out.append("(?P<")
                i += 4
                continue
            if rest[:1] == "<":
                out.append("(?P<")
                i += 3
                continue
            flags = re.match(r"([imsU-]*)([:)])", rest)
            if flags is None:
                raise PatternError(f"invalid or unsupported Perl syntax: (?{rest[:1]}")
            if "U" in flags[1]:
                raise PatternError("unsupported flag: U")
            if "m" in flags[1].split("-")[0]:
                multiline = True
            if flags[2] == ")":
                # RE2 allows flags mid-pattern; Python only at the start, so scope them to the rest instead.
                out.append(f"(?{flags[1]}:")
                out.append(_translate(pattern[i + 2 + len(flags[0]) :]))
                out.append(")")
                return "".join(out)
            out.append(f"(?{flags[1]}:")
            i += 2 + len(flags[0])
            continue
        if c == "$" and not multiline:
            # RE2's '$' matches only at the very end; Python's would also match before a final newline.
            out.append(r"\Z")
            i += 1
            continue
        if c in "*+?}" and i + 1 < len(pattern) and pattern[i + 1] == "+":
            raise PatternError(f"invalid nested repetition operator: {c}+")
        out.append(c)
        i += 1
    if in_class:
        raise PatternError("missing closing ]")
    return "".join(out)


def _fail(message: str) -> str:
    raise PatternError(message)


_POSIX_CLASSES = {
    "alnum": "0-9A-Za-z",
    "alpha": "A-Za-z",
    "ascii": "\\x00-\\x7f",
    "blank": "\\t ",
    "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": "!-/:-@\\[-`{-~",
    "space": "\\t\\n\\v\\f\\r ",
    "upper": "A-Z",
    "word": "0-9A-Za-z_",
    "xdigit": "0-9A-Fa-f",
}


def pattern_error(pattern: str) -> str | None:
    """Return why a pattern is invalid, or None when it compiles."""
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        return str(exc)
    except re.error as exc:
        return str(exc)
    return None
