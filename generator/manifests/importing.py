"""Import a pasted manifest into the editor's form: every valid field, and an honest list of the rest.

Parsing (``parsing.py``) reads what a text says and reports every problem on its
line. Importing decides what of it the form takes: a field with an error is not
taken (the form keeps the value it had, or leaves the field out when it had none),
a field the CRD does not know is left out, and everything else is taken. The
list of what was not taken is what the editor tells the user, so nothing is
dropped silently and nothing wrong slips into the form.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from generator.manifests import fields
from generator.manifests.diagnostics import Diagnostic, Parsed
from generator.manifests.fields import field_path
from generator.manifests.forms import ClusterForm, ClusterStackForm, MachineDeploymentSpec
from generator.manifests.parsing import UNKNOWN_FIELD

_PART = re.compile(r"([^.\[\]]+)|\[([^\[\]]*)\]")

# Form field → the manifest field paths it is read from (the first one names it in messages): a field, or
# the object that holds it (a finding about spec.clusterNetwork concerns both CIDR lists).
CLUSTER_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (fields.NAME.text,),
    "namespace": (fields.NAMESPACE.text,),
    "labels": (fields.LABELS.text,),
    "kubernetes_version": (fields.KUBERNETES_VERSION.text,),
    "control_plane_replicas": (fields.CONTROL_PLANE_REPLICAS.text, field_path(fields.CONTROL_PLANE_REPLICAS.path[:-1])),
    "pod_cidrs": (field_path(fields.POD_CIDRS.path[:-1]), field_path(fields.POD_CIDRS.path[:2])),
    "service_cidrs": (field_path(fields.SERVICE_CIDRS.path[:-1]), field_path(fields.SERVICE_CIDRS.path[:2])),
    "service_domain": (fields.SERVICE_DOMAIN.text,),
}
CLUSTERSTACK_FIELDS: dict[str, tuple[str, ...]] = {
    "namespace": (fields.STACK_NAMESPACE.text,),
    "channel": (fields.CHANNEL.text,),
    "versions": (fields.VERSIONS.text,),
    "auto_subscribe": (fields.AUTO_SUBSCRIBE.text,),
    "identity_secret": (field_path(fields.IDENTITY_SECRET.path[:-1]),),
}
_DEPLOYMENTS = fields.MACHINE_DEPLOYMENTS.text
_VARIABLES = fields.VARIABLES.text


@dataclass(frozen=True)
class Imported:
    """What the form becomes after an import (None: nothing could be taken) and the findings that were not taken."""

    form: ClusterForm | ClusterStackForm | None
    not_taken: list[Diagnostic] = field(default_factory=list)


def parts(field_text: str) -> list[str | int]:
    """Split a Kubernetes field path (``a.b[0].c``, ``variables[name]``) into keys and list indexes."""
    found: list[str | int] = []
    for match in _PART.finditer(field_text):
        key, bracket = match.groups()
        if key is not None:
            found.append(key)
        else:
            found.append(int(bracket) if bracket.isdigit() else bracket)
    return found


def _within(field_text: str, prefix: str) -> bool:
    """Say whether a field path is ``prefix`` or lies inside it."""
    return field_text == prefix or field_text.startswith((prefix + ".", prefix + "["))


def import_form(parsed: Parsed, current: ClusterForm | ClusterStackForm) -> Imported:
    """Return the form that takes every valid field of ``parsed`` and keeps ``current``'s value where a field has an error.

    A text that does not name a version the editor knows (parsing then reports the class or the
    stack) or cannot be read at all imports nothing: every error is listed as not taken.
    """
    errors = parsed.errors
    if parsed.form is None or any(_names_the_version(d) for d in errors):
        return Imported(None, errors)
    form = copy.deepcopy(parsed.form)
    not_taken: list[Diagnostic] = []
    deployments: set[int] = set()  # machine deployments not taken, by index
    for diagnostic in errors:
        if diagnostic.message.startswith(UNKNOWN_FIELD):
            _leave_out(form, parts(diagnostic.field))
            not_taken.append(diagnostic)
        elif _keep_current(form, current, diagnostic.field, deployments):
            _leave_out(form, parts(diagnostic.field))  # a value of the wrong type is left in extra by the parser
            not_taken.append(diagnostic)
    if isinstance(form, ClusterForm) and isinstance(current, ClusterForm) and deployments:
        form.machine_deployments = _deployments(form, current, deployments)
    return Imported(form, not_taken)


def _deployments(form: ClusterForm, current: ClusterForm, rejected: set[int]) -> list[MachineDeploymentSpec]:
    """Return the pasted machine deployments, each rejected one replaced by the current one at its place (or left out)."""
    kept = []
    for index, md in enumerate(form.machine_deployments):
        if index not in rejected:
            kept.append(md)
        elif index < len(current.machine_deployments):
            kept.append(copy.deepcopy(current.machine_deployments[index]))
    return kept


def _names_the_version(diagnostic: Diagnostic) -> bool:
    """Say whether an error is about which version the text belongs to (then no field can be checked)."""
    return diagnostic.field in (fields.CLASS_V1BETA1.text, fields.CLASS_V1BETA2.text, "spec.name")


def _keep_current(form: ClusterForm | ClusterStackForm, current: ClusterForm | ClusterStackForm, field_text: str, deployments: set[int]) -> bool:
    """Put back ``current``'s value of the form field ``field_text`` belongs to; say whether the field was one of the form's.

    Machine deployments are collected in ``deployments`` and replaced at the end, so indexes stay valid meanwhile.
    """
    if not field_text:
        return False
    table = CLUSTER_FIELDS if isinstance(form, ClusterForm) else CLUSTERSTACK_FIELDS
    taken_back = False
    for attribute, prefixes in table.items():
        if any(_within(field_text, prefix) for prefix in prefixes):
            setattr(form, attribute, copy.deepcopy(getattr(current, attribute)))
            taken_back = True
    if taken_back or not isinstance(form, ClusterForm) or not isinstance(current, ClusterForm):
        return taken_back
    path = parts(field_text)
    if _within(field_text, _VARIABLES) and len(path) > 3 and isinstance(path[3], str):
        name = path[3]
        if name in current.variables:
            form.variables[name] = copy.deepcopy(current.variables[name])
        else:
            form.variables.pop(name, None)
        return True
    if _within(field_text, _DEPLOYMENTS) and len(path) > 4 and isinstance(path[4], int):
        deployments.add(path[4])
        return True
    return False


def _leave_out(form: ClusterForm | ClusterStackForm, path: list[str | int]) -> None:
    """Remove a field that was not taken from what the form writes back verbatim (``extra``).

    That is an unknown field, or a value of the wrong type, which the parser leaves in ``extra``.
    """
    if isinstance(form, ClusterForm) and len(path) > 5 and path[:4] == parts(_DEPLOYMENTS) and isinstance(path[4], int):
        if path[4] < len(form.machine_deployments):
            _remove(form.machine_deployments[path[4]].extra, path[5:])
        return
    if isinstance(form, ClusterStackForm):
        for extra in form.extra.values():  # by kind; an unknown field's path is the same in either object
            _remove(extra, path)
        return
    _remove(form.extra, path)


def _remove(tree: Any, path: list[str | int]) -> None:
    """Delete the value at ``path`` and the mappings that deleting it leaves empty."""
    if not path or not isinstance(tree, dict) or path[0] not in tree:
        return
    if len(path) == 1:
        del tree[path[0]]
        return
    child = tree[path[0]]
    if isinstance(child, list) and len(path) > 1 and isinstance(path[1], int) and path[1] < len(child):
        _remove(child[path[1]], path[2:])
    else:
        _remove(child, path[1:])
    if child == {}:
        del tree[path[0]]
