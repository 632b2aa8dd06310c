"""Which CEL functions Kubernetes declares in which version of its base environment.

Kubernetes adds CEL libraries to the environment of x-kubernetes-validations by
Kubernetes version (``apiserver/pkg/cel/environment/base.go``): quantities from 1.28,
sets from 1.29, IP and CIDR addresses from 1.30, formats from 1.31, semantic versions
from 1.33. A *new* rule is compiled against the environment of the compatibility
version (so a rollback keeps working), a rule stored before against the newest one
("max"). Cluster API does the same for ClusterClass variables, per variable.

Only the gated libraries are listed: everything in the 1.0 environment (the standard
library, strings, lists, regex, URLs) is declared in every version. The check is by
function name, which is what cel-go reports when a library is missing
(``undeclared reference to 'ip'``); overloads are not checked. The errors follow
cel-go's checker: a missing global or member function is reported at its opening
parenthesis (verified on Cluster API's cases); a missing namespaced function
(``ip.isCanonical(x)`` before 1.30) makes the checker fall back to a member call,
so it reports the unknown identifier ``ip`` at its name and ``isCanonical`` at the
parenthesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.openapi.celparse import compile_error

Version = tuple[int, int]

# Release-1.10 of Cluster API (the oldest line we follow) uses Kubernetes 1.32's libraries,
# whose default compatibility version is 1.31: a rule that compiles there compiles in every newer one.
DEFAULT_COMPATIBILITY_VERSION: Version = (1, 31)


@dataclass(frozen=True)
class Library:
    """One CEL library and the Kubernetes version whose base environment first has it."""

    name: str
    introduced: Version
    functions: frozenset[str]  # global functions, namespaced ones with their namespace (``ip.isCanonical``)
    methods: frozenset[str]  # receiver-style functions (``ip(x).family()``)


LIBRARIES: tuple[Library, ...] = (
    Library(
        "kubernetes.quantity",
        (1, 28),
        frozenset({"quantity", "isQuantity"}),
        frozenset({"sign", "isGreaterThan", "isLessThan", "compareTo", "asApproximateFloat", "asInteger", "isInteger", "add", "sub"}),
    ),
    Library("cel.lib.ext.sets", (1, 29), frozenset({"sets.contains", "sets.equivalent", "sets.intersects"}), frozenset()),
    Library(
        "kubernetes.net.ip",
        (1, 30),
        frozenset({"ip", "isIP", "ip.isCanonical"}),
        frozenset({"family", "isUnspecified", "isLoopback", "isLinkLocalMulticast", "isLinkLocalUnicast", "isGlobalUnicast"}),
    ),
    Library(
        "kubernetes.net.cidr",
        (1, 30),
        frozenset({"cidr", "isCIDR"}),
        frozenset({"containsIP", "containsCIDR", "ip", "prefixLength", "masked"}),
    ),
    Library("kubernetes.format", (1, 31), frozenset({"format.named"}), frozenset({"validate"})),
    Library(
        "kubernetes.semver",
        (1, 33),
        frozenset({"semver", "isSemver"}),
        frozenset({"isGreaterThan", "isLessThan", "compareTo", "major", "minor", "patch"}),
    ),
)

_GATED_FUNCTIONS = frozenset().union(*(lib.functions for lib in LIBRARIES))
_GATED_METHODS = frozenset().union(*(lib.methods for lib in LIBRARIES))


def parse_version(text: str) -> Version:
    """Read ``1.29`` (or ``v1.29.3``) as (major, minor)."""
    match = re.fullmatch(r"v?(\d+)\.(\d+)(?:\.\d+)?", text.strip())
    if not match:
        raise ValueError(f"not a Kubernetes version: {text!r}")
    return int(match.group(1)), int(match.group(2))


def _declared(name: str, method: bool, version: Version | None) -> bool:
    gated = _GATED_METHODS if method else _GATED_FUNCTIONS
    if name not in gated or version is None:
        return True
    return any(version >= lib.introduced and name in (lib.methods if method else lib.functions) for lib in LIBRARIES)


_CALL = re.compile(
    r"""(?P<skip>[rR]?(?:'''(?:.|\n)*?'''|\"\"\"(?:.|\n)*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))
      | (?P<dot>\.\s*)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s*\.\s*(?P<member>[A-Za-z_][A-Za-z0-9_]*))?\s*(?P<open>\()?""",
    re.VERBOSE,
)


def undeclared_references(text: str, version: Version | None) -> list[str]:
    """Return cel-go's compile errors for functions TEXT calls that VERSION's environment lacks (None: the newest).

    Errors are worded and placed as cel-go does: at the call's opening parenthesis,
    ``ERROR: <input>:1:3: undeclared reference to 'ip' (in container '')`` and the caret line.
    """
    if version is None:
        return []
    errors: list[str] = []
    for match in _CALL.finditer(text):
        if match.group("skip") or not match.group("open"):
            continue
        name, member = match.group("name"), match.group("member")
        if member:
            # ``ip.isCanonical(x)`` names a namespaced function; ``self.family()`` calls a method.
            qualified = f"{name}.{member}"
            if qualified in _GATED_FUNCTIONS:
                if not _declared(qualified, False, version):
                    errors.append(_undeclared(text, match.start("name"), name))
                    errors.append(_undeclared(text, match.start("open"), member))
                continue
            if not _declared(member, True, version):
                errors.append(_undeclared(text, match.start("open"), member))
            continue
        if not _declared(name, bool(match.group("dot")), version):
            errors.append(_undeclared(text, match.start("open"), name))
    return errors


def _undeclared(text: str, offset: int, name: str) -> str:
    return compile_error(text, offset, f"undeclared reference to '{name}' (in container '')")
