"""What changed between two Cluster Stack versions: variables and components.

Pure: takes two ``StackVersion`` objects and returns plain data, so the docs
build and the editor (under Pyodide) report the same changes.

Variables are compared path by path: a top-level variable is its name, a
nested object property is ``parent.child`` and an array's items are
``parent[]``. A variable that appears or disappears is reported once, not once
per nested property; properties that appear or disappear inside a variable
that both versions have are reported on their own path.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from generator.model import StackVersion

log = logging.getLogger(__name__)

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
BUMPED = "bumped"

# Schema keywords that say nothing about which values are accepted; everything
# else in a schema node (type, default, enum, bounds, format, pattern,
# x-kubernetes-validations, ...) is compared, so a new constraint keyword is
# reported without this module learning about it first.
_NOT_COMPARED = frozenset({"description", "example", "properties", "items", "additionalProperties", "required", "title", "x-metadata"})

# The order aspects are reported in: what users look at first, then the rest alphabetically.
_ASPECT_ORDER = ("type", "required", "default", "enum", "format", "pattern", "minimum", "maximum")


@dataclass(frozen=True)
class AspectChange:
    """One property of a variable that differs: ``field`` is a schema keyword (or ``required``)."""

    field: str
    before: Any  # None when the keyword was absent
    after: Any  # None when the keyword is gone

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class VariableChange:
    """A variable (or nested property) that was added, removed or changed."""

    path: str  # "name", "name.property" or "name[]"
    kind: str  # ADDED | REMOVED | CHANGED
    aspects: tuple[AspectChange, ...] = ()  # what differs, only for CHANGED

    @property
    def variable(self) -> str:
        """Return the top-level variable's name."""
        return self.path.split(".", 1)[0].split("[", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"path": self.path, "kind": self.kind, "aspects": [a.to_dict() for a in self.aspects]}


@dataclass(frozen=True)
class ComponentChange:
    """A component (addon chart, node image, pinned image) that was added, removed or bumped."""

    name: str
    kind: str  # the component's kind: "addon" | "node-image" | "image"
    change: str  # ADDED | REMOVED | BUMPED
    before: str | None
    after: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"name": self.name, "kind": self.kind, "change": self.change, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class VersionChanges:
    """Everything that differs from ``before`` to ``after``."""

    before: str  # class name of the older version
    after: str  # class name of the newer version
    kubernetes: tuple[str, str] | None  # (before, after) patch versions when they differ
    variables: tuple[VariableChange, ...]
    components: tuple[ComponentChange, ...]
    # machine deployment classes that appear or disappear: (class, ADDED | REMOVED), by class
    machine_deployment_classes: tuple[tuple[str, str], ...] = ()
    api_version: tuple[str, str] | None = None  # (before, after) ClusterClass apiVersions when they differ

    @property
    def is_empty(self) -> bool:
        """Say whether nothing a user can see changed."""
        return (
            self.kubernetes is None
            and self.api_version is None
            and not self.variables
            and not self.components
            and not self.machine_deployment_classes
        )

    def of_kind(self, kind: str) -> list[VariableChange]:
        """Return the variable changes of one kind (added, removed, changed), in path order."""
        return [c for c in self.variables if c.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (what the editor receives)."""
        return {
            "before": self.before,
            "after": self.after,
            "kubernetes": list(self.kubernetes) if self.kubernetes else None,
            "variables": [c.to_dict() for c in self.variables],
            "components": [c.to_dict() for c in self.components],
            "machineDeploymentClasses": [{"class": name, "kind": kind} for name, kind in self.machine_deployment_classes],
            "apiVersion": list(self.api_version) if self.api_version else None,
        }

    def __repr__(self) -> str:
        lines = [f"VersionChanges({self.before} -> {self.after})"]
        if self.kubernetes:
            lines.append(f"  kubernetes {self.kubernetes[0]} -> {self.kubernetes[1]}")
        if self.api_version:
            lines.append(f"  ClusterClass apiVersion {self.api_version[0]} -> {self.api_version[1]}")
        for v in self.variables:
            detail = ", ".join(f"{a.field}: {a.before!r} -> {a.after!r}" for a in v.aspects)
            lines.append(f"  {v.kind} variable {v.path}" + (f" ({detail})" if detail else ""))
        for c in self.components:
            lines.append(f"  {c.change} {c.kind} {c.name}: {c.before} -> {c.after}")
        for name, kind in self.machine_deployment_classes:
            lines.append(f"  {kind} machine deployment class {name}")
        return "\n".join(lines)


def compare_versions(before: StackVersion, after: StackVersion) -> VersionChanges:
    """Return what changed from ``before`` to ``after``."""
    kubernetes = None
    if before.kubernetes_version != after.kubernetes_version:
        kubernetes = (before.kubernetes_version, after.kubernetes_version)
    return VersionChanges(
        before=before.class_name,
        after=after.class_name,
        kubernetes=kubernetes,
        variables=tuple(compare_variables(before.variables, after.variables)),
        components=tuple(_compare_components(before, after)),
        machine_deployment_classes=tuple(_compare_classes(before, after)),
        api_version=(before.api_version, after.api_version) if before.api_version != after.api_version else None,
    )


def _compare_classes(before: StackVersion, after: StackVersion) -> list[tuple[str, str]]:
    """Return the machine deployment classes only one of the versions offers: what a cluster's workers may name."""
    old, new = set(before.machine_deployment_classes), set(after.machine_deployment_classes)
    return sorted([(name, REMOVED) for name in old - new] + [(name, ADDED) for name in new - old])


def compare_variables(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[VariableChange]:
    """Return the changes between two ClusterClass ``spec.variables`` lists, sorted by path."""
    old = _flatten_definitions(before)
    new = _flatten_definitions(after)
    changes: list[VariableChange] = []
    for path in sorted(old.keys() | new.keys(), key=_path_key):
        if path not in new:
            if _parent(path) in old and _parent(path) not in new:
                continue  # reported once, on the removed parent
            changes.append(VariableChange(path, REMOVED))
        elif path not in old:
            if _parent(path) in new and _parent(path) not in old:
                continue  # reported once, on the added parent
            changes.append(VariableChange(path, ADDED))
        else:
            aspects = _compare_nodes(old[path], new[path])
            if aspects:
                changes.append(VariableChange(path, CHANGED, aspects))
    return changes


def _compare_components(before: StackVersion, after: StackVersion) -> list[ComponentChange]:
    old = {(c.kind, c.name): c.version for c in before.components}
    new = {(c.kind, c.name): c.version for c in after.components}
    changes: list[ComponentChange] = []
    for kind, name in sorted(old.keys() | new.keys(), key=lambda k: (k[1], k[0])):
        was, now = old.get((kind, name)), new.get((kind, name))
        if was is None:
            changes.append(ComponentChange(name, kind, ADDED, None, now))
        elif now is None:
            changes.append(ComponentChange(name, kind, REMOVED, was, None))
        elif was != now:
            changes.append(ComponentChange(name, kind, BUMPED, was, now))
    return changes


def _flatten_definitions(definitions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Map every variable path to its schema node with ``required`` folded in."""
    flat: dict[str, dict[str, Any]] = {}
    for definition in definitions:
        name = str(definition.get("name", ""))
        schema = ((definition.get("schema") or {}).get("openAPIV3Schema")) or {}
        _flatten(name, schema, bool(definition.get("required", False)), flat)
    return flat


def _flatten(path: str, schema: dict[str, Any], required: bool, flat: dict[str, dict[str, Any]]) -> None:
    node = {key: value for key, value in schema.items() if key not in _NOT_COMPARED}
    node["required"] = required
    flat[path] = node
    required_children = set(schema.get("required") or [])
    for child, child_schema in (schema.get("properties") or {}).items():
        if isinstance(child_schema, dict):
            _flatten(f"{path}.{child}", child_schema, child in required_children, flat)
    items = schema.get("items")
    if isinstance(items, dict):
        _flatten(f"{path}[]", items, False, flat)
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict):
        _flatten(f"{path}.*", additional, False, flat)


def _compare_nodes(old: dict[str, Any], new: dict[str, Any]) -> tuple[AspectChange, ...]:
    keys = [k for k in old.keys() | new.keys() if old.get(k) != new.get(k)]
    keys.sort(key=lambda k: (_ASPECT_ORDER.index(k) if k in _ASPECT_ORDER else len(_ASPECT_ORDER), k))
    return tuple(AspectChange(k, old.get(k), new.get(k)) for k in keys)


def _parent(path: str) -> str:
    """Return the parent path: ``a.b`` → ``a``, ``a[]`` → ``a``, ``a`` → ``""``."""
    if path.endswith("[]"):
        return path[:-2]
    if path.endswith(".*"):
        return path[:-2]
    head, dot, _ = path.rpartition(".")
    return head if dot else ""


def _path_key(path: str) -> tuple[str, ...]:
    """Sort so a parent comes right before its children."""
    return tuple(path.replace("[]", ".[]").split("."))


def describe_changes(changes: VersionChanges, after: StackVersion | None = None) -> str:
    """Return the changes as the text the CLI prints: one section per aspect, ``+`` added, ``-`` removed, ``~`` changed.

    With ``after`` (the newer version), an added variable also shows its type, default and whether it is required.
    """
    added = added_variable_summaries(changes, after) if after is not None else {}
    lines = [f"{changes.before} → {changes.after}"]
    if changes.is_empty:
        return "\n".join([*lines, "no visible change", ""])
    if changes.kubernetes:
        lines.append(f"Kubernetes: {changes.kubernetes[0]} → {changes.kubernetes[1]}")
    if changes.api_version:
        lines.append(f"ClusterClass apiVersion: {changes.api_version[0]} → {changes.api_version[1]}")
    if changes.variables:
        lines.append("Variables:")
        marks = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
        for change in changes.variables:
            detail = "; ".join(f"{a.field} {shown(a.before)} → {shown(a.after)}" for a in change.aspects)
            if change.kind == ADDED and change.path in added:
                detail = added[change.path]
            lines.append(f"  {marks[change.kind]} {change.path}" + (f": {detail}" if detail else ""))
    if changes.components:
        lines.append("Components:")
        for component in changes.components:
            lines.append(f"  {component.name} ({component.kind}): {component.before or 'new'} → {component.after or 'removed'}")
    if changes.machine_deployment_classes:
        lines.append("Machine deployment classes:")
        lines.extend(f"  {'+' if kind == ADDED else '-'} {name}" for name, kind in changes.machine_deployment_classes)
    return "\n".join([*lines, ""])


def added_variable_summaries(changes: VersionChanges, after: StackVersion) -> dict[str, str]:
    """Return, per added variable path, what the new variable is (``integer, default 1500, required``)."""
    nodes = _flatten_definitions(after.variables)
    return {c.path: _summary(nodes[c.path]) for c in changes.variables if c.kind == ADDED and c.path in nodes}


def _summary(node: dict[str, Any]) -> str:
    """Say what a new variable is: its type, default and whether it must be set."""
    parts = [str(node["type"])] if "type" in node else []
    if "default" in node:
        parts.append(f"default {shown(node['default'])}")
    if node.get("required"):
        parts.append("required")
    return ", ".join(parts)


def shown(value: Any) -> str:
    """Print a schema value as JSON (``none`` where the keyword is absent), so strings and numbers stay apart."""
    return "none" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)
