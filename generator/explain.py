"""Explain a cluster.yaml: which stack version it uses, what each variable is, which newer versions exist (pure).

What a person wants to know on opening a manifest someone else wrote, before they change
or upgrade it: every variable of its ClusterClass is *set* (with the value), *defaulted*
(Cluster API fills in the default), *unset* (no value and no default) or, when the
manifest names a variable the class does not define, *unknown*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from generator.manifests import ClusterForm, Diagnostic, parse_cluster
from generator.model import StackVersion

SET = "set"
DEFAULTED = "defaulted"
UNSET = "unset"
UNKNOWN = "unknown"

_CLASS_TAIL = re.compile(r"(?P<major>\d+)-(?P<minor>\d+)-(?P<version>v\d+)")


class VersionName(Protocol):
    """What ordering versions needs of one: a StackVersion, or a :class:`CatalogEntry` of one not loaded."""

    @property
    def class_name(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def stack(self) -> str: ...
    @property
    def kubernetes_minor(self) -> str: ...
    @property
    def version(self) -> str: ...


@dataclass(frozen=True)
class CatalogEntry:
    """A version known by its class name only: the editor lists every version, its worker holds only those it loaded."""

    class_name: str
    provider: str
    stack: str
    kubernetes_minor: str
    version: str


def catalog_entries(class_names: Iterable[str], like: StackVersion) -> list[CatalogEntry]:
    """Return the class names that name a version of ``like``'s provider and stack, read back into their parts.

    A class name is ``<provider>-<stack>-<major>-<minor>-v<N>`` (:attr:`StackVersion.class_name`);
    knowing the provider and stack makes the rest unambiguous, even for a stack whose name has a dash.
    """
    prefix = f"{like.provider}-{like.stack}-"
    entries = []
    for name in class_names:
        match = _CLASS_TAIL.fullmatch(name[len(prefix) :]) if name.startswith(prefix) else None
        if match:
            entries.append(CatalogEntry(name, like.provider, like.stack, f"{match['major']}.{match['minor']}", match["version"]))
    return entries


@dataclass(frozen=True)
class VariableState:
    """One variable of the manifest or its class: its state and the value it has (None where it has none)."""

    name: str
    state: str  # SET | DEFAULTED | UNSET | UNKNOWN
    value: Any = None
    required: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"name": self.name, "state": self.state, "value": self.value, "required": self.required}


@dataclass(frozen=True)
class Explanation:
    """What a cluster.yaml is: its version, its variables and the newer versions of its stack."""

    class_name: str | None  # the ClusterClass the manifest names (None when it cannot be read)
    known: bool  # whether a version of this site provides that class
    variables: list[VariableState] = field(default_factory=list)
    newer: list[str] = field(default_factory=list)  # newer versions of the same stack, oldest first
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the editor's explanation panel)."""
        return {
            "className": self.class_name,
            "known": self.known,
            "variables": [v.to_dict() for v in self.variables],
            "newer": list(self.newer),
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


def explain_cluster(text: str, versions: Mapping[str, StackVersion], known: Iterable[str] | None = None) -> Explanation:
    """Return the explanation of a cluster.yaml against the versions the site knows.

    ``versions`` must hold the version the manifest uses; the newer ones are looked for among
    the class names ``known`` when given (every version the site lists), else in ``versions``.
    """
    parsed = parse_cluster(text, versions)
    if not isinstance(parsed.form, ClusterForm):
        return Explanation(None, False, diagnostics=parsed.diagnostics)
    return explain_form(parsed.form, versions, known, parsed.diagnostics)


def explain_form(form: ClusterForm, versions: Mapping[str, StackVersion], known: Iterable[str] | None = None, diagnostics: Sequence[Diagnostic] = ()) -> Explanation:
    """Return the explanation of a Cluster the editor's form holds: what :func:`explain_cluster` says of its text, without parsing it."""
    version = versions.get(form.class_name)
    if version is None:
        unknown = [VariableState(name, UNKNOWN, value) for name, value in form.variables.items()]
        return Explanation(form.class_name or None, False, unknown, diagnostics=list(diagnostics))
    newer = newer_versions(version, versions.values() if known is None else catalog_entries(known, version))
    return Explanation(form.class_name, True, variable_states(version, form.variables), newer, list(diagnostics))


def variable_states(version: StackVersion, values: Mapping[str, Any]) -> list[VariableState]:
    """Return every variable of the class in its order, then the manifest's variables the class lacks."""
    states = []
    for definition in version.variables:
        name = str(definition.get("name"))
        required = bool(definition.get("required"))
        schema = (definition.get("schema") or {}).get("openAPIV3Schema") or {}
        if name in values:
            states.append(VariableState(name, SET, values[name], required))
        elif "default" in schema:
            states.append(VariableState(name, DEFAULTED, schema["default"], required))
        else:
            states.append(VariableState(name, UNSET, None, required))
    defined = {str(d.get("name")) for d in version.variables}
    states += [VariableState(name, UNKNOWN, value) for name, value in values.items() if name not in defined]
    return states


def newer_versions(version: VersionName, versions: Iterable[VersionName]) -> list[str]:
    """Return the versions of the same provider and stack that come after ``version``, oldest first."""
    same = [v for v in versions if (v.provider, v.stack) == (version.provider, version.stack)]
    later = [v for v in same if _order(v) > _order(version)]
    return [v.class_name for v in sorted(later, key=_order)]


def _order(version: VersionName) -> tuple[tuple[int, ...], int, str]:
    """Sort by Kubernetes minor, then stack version number (a malformed number sorts first).

    Within a minor the stack version number is the release order; the Kubernetes patch is not
    needed (and a version known by name only does not carry it).
    """
    kubernetes = tuple(int(p) if p.isdigit() else 0 for p in version.kubernetes_minor.split("."))
    digits = version.version.lstrip("v")
    return kubernetes, int(digits) if digits.isdigit() else 0, version.version
