"""Move a cluster.yaml or clusterstack.yaml from the Cluster Stack version it uses to another one.

Cluster API has no way to rename or deprecate a ClusterClass variable, so a
cluster's variables either still apply in the target version, are renamed by a
declaration of the target's stack (``renames.yaml``, see :class:`Rename`), or
are dropped — and each of those is reported, never done silently. The result
is validated against the target version like any generated manifest.

Pure: takes manifest text and stack versions, returns text and notes.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.manifests import (
    ClusterForm,
    ClusterStackForm,
    Diagnostic,
    default_clusterstack_form,
    generate_cluster,
    generate_clusterstack,
    parse_cluster,
    parse_clusterstack,
)
from generator.manifests.diagnostics import Parsed, plain
from generator.manifests.yamlwriter import emit_documents
from generator.model import StackVersion

# What a note says happened to a variable (or to the manifest as a whole).
KEPT = "kept"
RENAMED = "renamed"
DROPPED = "dropped"
SUGGESTED = "suggested-rename"
REQUIRED = "new-required"
DEFAULT_CHANGED = "default-changed"
ADDED = "added"
CLASS = "class"
MACHINE_DEPLOYMENT = "machine-deployment"
CLUSTERSTACK = "clusterstack"

_Form = TypeVar("_Form", ClusterForm, ClusterStackForm)

# How alike two names must be (difflib's ratio) before a dropped variable suggests a new one as its rename.
_SUGGESTION_CUTOFF = 0.6


@dataclass(frozen=True)
class Rename:
    """A stack's declaration that a variable is called ``new`` where it was called ``old``.

    It applies when the cluster's version defines ``old`` and the target defines
    ``new`` but no longer ``old``; ``values`` maps old values to new ones (a value
    not listed is carried unchanged).
    """

    old: str
    new: str
    values: tuple[tuple[Any, Any], ...] = ()

    def map_value(self, value: Any) -> Any:
        """Return the value as the new variable takes it."""
        for before, after in self.values:
            if before == value:
                return copy.deepcopy(after)
        return value


@dataclass(frozen=True)
class Note:
    """One thing the migration did or wants the user to decide: ``kind`` is one of the constants above."""

    kind: str
    subject: str  # the variable's name, or the field the note is about
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form."""
        return {"kind": self.kind, "subject": self.subject, "message": self.message}


@dataclass(frozen=True)
class Migration:
    """The migrated manifest, what changed on the way, and what is wrong with it in the target version."""

    source: str | None  # class name of the version the manifest used (None when it could not be read)
    target: str
    text: str  # empty when the manifest could not be read
    notes: list[Note] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # What the migration read and wrote, for callers that go on with the objects (upgrade --plan):
    source_object: dict[str, Any] | None = None  # the manifest's object as the text has it (None when it holds none)
    objects: list[dict[str, Any]] = field(default_factory=list)  # the migrated objects ``text`` is written from

    @property
    def valid(self) -> bool:
        """Say whether the migrated manifest has no errors in the target version."""
        return bool(self.text) and not any(d.severity == "error" for d in self.diagnostics)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the CLI's --json and the editor)."""
        return {
            "source": self.source,
            "target": self.target,
            "text": self.text,
            "valid": self.valid,
            "notes": [n.to_dict() for n in self.notes],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


def parse_renames(data: Any) -> tuple[list[Rename], list[str]]:
    """Read a stack's ``renames.yaml`` (a list of ``{from, to, values}``); return the renames and what is wrong."""
    renames: list[Rename] = []
    problems: list[str] = []
    if data is None:
        return renames, problems
    if not isinstance(data, list):
        return renames, ["expected a list of renames ({from: old_name, to: new_name})"]
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("from"), str) or not isinstance(item.get("to"), str):
            problems.append(f"entry {i + 1}: needs 'from' and 'to', the old and the new variable name")
            continue
        values = item.get("values") or {}
        if not isinstance(values, dict):
            problems.append(f"entry {i + 1}: 'values' maps old values to new ones")
            continue
        unknown = sorted(set(item) - {"from", "to", "values"})
        if unknown:
            problems.append(f"entry {i + 1}: unknown keys {', '.join(unknown)} (known: from, to, values)")
        renames.append(Rename(item["from"], item["to"], tuple(values.items())))
    return renames, problems


def migrate_cluster(text: str, versions: Mapping[str, StackVersion], target_class: str, renames: Sequence[Rename] = ()) -> Migration:
    """Return the cluster.yaml moved to ``target_class``: class, Kubernetes version and variables adjusted."""
    parsed = parse_cluster(text, versions)
    start = _start(parsed, ClusterForm, versions, target_class)
    if isinstance(start, Migration):
        return start
    form, source, target = start
    migrated, notes = migrate_cluster_form(form, source, target, renames)
    generated = generate_cluster(target, migrated)
    return Migration(source.class_name, target.class_name, generated.text, notes, generated.diagnostics, parsed.source, generated.objects)


def migrate_cluster_form(form: ClusterForm, source: StackVersion, target: StackVersion, renames: Sequence[Rename] = ()) -> tuple[ClusterForm, list[Note]]:
    """Return the form moved from ``source`` to ``target`` and the notes; the editor migrates its form with this, the CLI a file."""
    notes: list[Note] = []
    if source.class_name == target.class_name:
        notes.append(Note(CLASS, "", f"the cluster already uses {target.class_name}; nothing to migrate"))
    else:
        notes.append(Note(CLASS, "", f"class {source.class_name} → {target.class_name}, Kubernetes {form.kubernetes_version or 'v' + source.kubernetes_version} → v{target.kubernetes_version}"))
    migrated = copy.deepcopy(form)
    migrated.class_name = target.class_name
    migrated.kubernetes_version = f"v{target.kubernetes_version}"
    migrated.variables, variable_notes = migrate_variables(source, target, form.variables, renames)
    notes += variable_notes
    notes += _machine_deployment_notes(target, migrated)
    return migrated, notes


def migrate_variables(source: StackVersion, target: StackVersion, values: Mapping[str, Any], renames: Sequence[Rename] = ()) -> tuple[dict[str, Any], list[Note]]:
    """Return the values the target takes and a note for every variable kept, renamed, dropped, new or re-defaulted."""
    old = _definitions(source)
    new = _definitions(target)
    applicable = {r.old: r for r in renames if r.old in old and r.new in new and r.old not in new}
    carried: dict[str, Any] = {}
    notes: list[Note] = []
    dropped: list[str] = []
    for name, value in values.items():
        if name in new:
            carried[name] = copy.deepcopy(value)
            notes.append(Note(KEPT, name, "kept"))
        elif name in applicable:
            rename = applicable[name]
            carried[rename.new] = rename.map_value(value)
            mapped = "" if carried[rename.new] == value else f" (value {_show(value)} → {_show(carried[rename.new])})"
            notes.append(Note(RENAMED, name, f"renamed to {rename.new}{mapped}, as the stack declares"))
        else:
            dropped.append(name)
            notes.append(Note(DROPPED, name, f"dropped: {target.class_name} has no such variable (the value was {_show(value)})"))
    renamed_to = {applicable[name].new for name in values if name in applicable}
    for name in dropped:
        candidates = [n for n in new if n not in old and n not in carried and n not in renamed_to]
        for suggestion in difflib.get_close_matches(name, candidates, n=1, cutoff=_SUGGESTION_CUTOFF):
            notes.append(Note(SUGGESTED, name, f"perhaps renamed to {suggestion}: no rename is declared, so the value is not carried; set {suggestion} yourself if it means the same"))
    for name, definition in new.items():
        if name in carried:
            continue
        if name not in old:
            if definition.get("required"):
                notes.append(Note(REQUIRED, name, f"new in {target.class_name} and required: set it"))
            else:
                notes.append(Note(ADDED, name, f"new in {target.class_name}" + _default_text(definition)))
        elif _default(old[name]) != _default(definition):
            notes.append(
                Note(
                    DEFAULT_CHANGED,
                    name,
                    f"not set: the cluster gets the new default {_show(_default(definition))} instead of {_show(_default(old[name]))}",
                )
            )
    return carried, notes


def migrate_clusterstack(text: str, versions: Mapping[str, StackVersion], target_class: str) -> Migration:
    """Return the clusterstack.yaml that installs ``target_class`` next to the version the clusters run now.

    Existing clusters keep their ClusterClass, so the running version stays in
    ``versions``. A ClusterStack serves one provider, stack and Kubernetes minor:
    a target of another one gets a ClusterStack of its own, next to the old one.
    """
    parsed = parse_clusterstack(text, versions)
    start = _start(parsed, ClusterStackForm, versions, target_class)
    if isinstance(start, Migration):
        return start
    form, source, target = start
    forms, note = migrate_clusterstack_form(form, source, target)
    if len(forms) == 1:
        generated = generate_clusterstack(target, forms[0])
        return Migration(source.class_name, target.class_name, generated.text, [note], generated.diagnostics, parsed.source, generated.objects)
    kept = generate_clusterstack(source, forms[0])
    added = generate_clusterstack(target, forms[1])
    objects = kept.objects + added.objects
    return Migration(source.class_name, target.class_name, emit_documents(objects)[0], [note], kept.diagnostics + added.diagnostics, parsed.source, objects)


def migrate_clusterstack_form(form: ClusterStackForm, source: StackVersion, target: StackVersion) -> tuple[list[ClusterStackForm], Note]:
    """Return the ClusterStack forms that serve both versions, the running one's first when there are two, and the note.

    One form when the target is of the same provider, stack and Kubernetes minor (its version
    added to ``versions``); else the unchanged form and a fresh one for the target's ClusterStack.
    """
    if (source.provider, source.stack, source.kubernetes_minor) == (target.provider, target.stack, target.kubernetes_minor):
        migrated = copy.deepcopy(form)
        migrated.class_name = target.class_name
        if target.version not in migrated.versions:
            migrated.versions = [*migrated.versions, target.version]
        note = Note(CLUSTERSTACK, "spec.versions", f"{', '.join(form.versions) or 'none'} → {', '.join(migrated.versions)}: the running version stays for the clusters that use it")
        return [migrated], note
    fresh = default_clusterstack_form(target)
    fresh.namespace = form.namespace
    if fresh.identity_secret is not None and form.identity_secret:
        fresh.identity_secret = form.identity_secret
    note = Note(
        CLUSTERSTACK,
        "",
        f"{target.class_name} is another stack or Kubernetes minor than {source.class_name}: a second ClusterStack installs it; the first stays for the clusters that use it",
    )
    return [copy.deepcopy(form), fresh], note


def _machine_deployment_notes(target: StackVersion, form: ClusterForm) -> list[Note]:
    """Say which worker pools name a machine deployment class the target lacks (validation then fails on them)."""
    classes = target.machine_deployment_classes
    return [
        Note(MACHINE_DEPLOYMENT, md.name, f"class {md.class_name} is not in {target.class_name}; choose one of {', '.join(classes) or 'none'}")
        for md in form.machine_deployments
        if md.class_name not in classes
    ]


def _start(parsed: Parsed, kind: type[_Form], versions: Mapping[str, StackVersion], target_class: str) -> tuple[_Form, StackVersion, StackVersion] | Migration:
    """Return the parsed form and the versions it moves from and to, or the Migration that says why it cannot move.

    One gate for both manifests, so a Cluster and a ClusterStack refuse an unknown target,
    an unreadable text and an unknown running version alike.
    """
    target = versions.get(target_class)
    if target is None:
        known = ", ".join(sorted(versions)) or "none"
        return Migration(None, target_class, "", diagnostics=[plain("--to", f'unknown ClusterClass "{target_class}"; known: {known}')], source_object=parsed.source)
    form = parsed.form
    if not isinstance(form, kind):
        return Migration(None, target_class, "", diagnostics=parsed.diagnostics, source_object=parsed.source)
    source = versions.get(form.class_name)
    if source is None:
        return Migration(form.class_name or None, target_class, "", diagnostics=parsed.errors, source_object=parsed.source)
    return form, source, target


def _definitions(version: StackVersion) -> dict[str, dict[str, Any]]:
    return {str(d.get("name")): d for d in version.variables}


def _default(definition: dict[str, Any]) -> Any:
    return ((definition.get("schema") or {}).get("openAPIV3Schema") or {}).get("default")


def _default_text(definition: dict[str, Any]) -> str:
    schema = (definition.get("schema") or {}).get("openAPIV3Schema") or {}
    return f", defaulting to {_show(schema['default'])}" if "default" in schema else ", without a default"


def _show(value: Any) -> str:
    """Print a value the way the notes quote it: JSON, so strings are quoted and nothing is ambiguous."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
