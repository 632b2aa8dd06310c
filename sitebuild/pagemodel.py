"""The model of the stack pages: what the catalog, each stack's page and each version's page show.

Built from the generator's stacks and versions (and the build's default
manifests) as plain dataclasses, so the templates only lay them out.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator import providers
from generator.browser import VersionDefaults
from generator.changes import VersionChanges, compare_versions
from generator.clusterclass import kubernetes_versions
from generator.kubeversion import minor_sort_key
from generator.model import Stack, StackVersion
from generator.variables import form_schema
from generator.variables.constraint_text import constraint_phrases
from sitebuild.escaping import anchor, inline_code, markdown_text
from sitebuild.versiondata import Defaults, get_version_defaults

log = logging.getLogger(__name__)

try:  # libyaml makes dumping every ClusterClass several times faster; the pure dumper gives the same text
    _YamlDumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _YamlDumper = yaml.SafeDumper


def to_yaml(obj: Any) -> str:
    """Return a Kubernetes object as block-style YAML, keys in the object's own order."""
    return yaml.dump(obj, Dumper=_YamlDumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=120)



@dataclass
class VariableRow:
    """One variable or nested property as the variables reference shows it."""

    path: str  # "name", "name.child", "name[]"
    name: str  # the last segment, as the row shows it
    depth: int  # 0 for a top-level variable
    type: str
    required: bool
    default: Any
    has_default: bool
    example: Any
    has_example: bool
    constraints: list[str]  # already escaped Markdown fragments
    description: str  # the raw, untrusted description


@dataclass
class VariableEntry:
    """A top-level variable: its own row and the rows of its nested properties and items."""

    row: VariableRow
    anchor: str
    children: list[VariableRow]


@dataclass
class Manifests:
    """The ready-to-use manifests of a version, or why they are not shown."""

    clusterstack: str | None = None
    cluster: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class VersionPage:
    """Everything the version template needs for one Cluster Stack version."""

    version: StackVersion
    stack: Stack
    path: str  # docs-relative, e.g. stacks/openstack-scs-1-32-v1.md
    previous: StackVersion | None = None
    next: StackVersion | None = None
    changes: VersionChanges | None = None
    variables: list[VariableEntry] = field(default_factory=list)
    manifests: Manifests = field(default_factory=Manifests)
    cluster_class_yaml: str = ""
    effects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # variable -> what its patches change
    addon_readers: dict[str, list[str]] = field(default_factory=dict)  # variable -> addons whose values read it
    topology: dict[str, Any] | None = None  # the default cluster's topology (generator.topology.preview), if the templates are known
    topology_tree: list[str] = field(default_factory=list)  # its objects as Markdown list lines
    allowed_kubernetes_versions: list[str] = field(default_factory=list)  # a v1beta2 class's spec.kubernetesVersions
    overrides_example: str = ""  # a v1beta2 class's per-role overrides, as a cluster.yaml excerpt


def version_path(version: StackVersion) -> str:
    """Return the docs-relative page of a version (``/stacks/<class-name>/`` on the site)."""
    return f"stacks/{version.class_name}.md"


def stack_path(stack: Stack) -> str:
    """Return the docs-relative page of a stack (``/stacks/<provider>/<name>/`` on the site)."""
    return f"stacks/{stack.provider}/{stack.name}.md"


def provider_title(provider: str) -> str:
    """Return a provider's display name."""
    return providers.provider(provider).title


def by_minor(versions: Iterable[StackVersion]) -> dict[str, list[StackVersion]]:
    """Group versions by Kubernetes minor: newest minor first, newest version first within it."""
    groups: dict[str, list[StackVersion]] = {}
    for version in sorted(versions, key=lambda v: v.order, reverse=True):
        groups.setdefault(version.kubernetes_minor, []).append(version)
    return groups


def variable_entries(definitions: list[dict[str, Any]]) -> list[VariableEntry]:
    """Return the variables reference for a ClusterClass's variable definitions, in definition order."""
    entries = []
    for schema in form_schema(definitions):
        rows: list[VariableRow] = []
        _collect_rows(schema, str(schema.get("name", "")), 0, rows)
        entries.append(VariableEntry(row=rows[0], anchor=anchor(rows[0].path), children=rows[1:]))
    return entries


def _collect_rows(schema: dict[str, Any], path: str, depth: int, rows: list[VariableRow]) -> None:
    rows.append(
        VariableRow(
            path=path,
            name=path if depth == 0 else path.rsplit(".", 1)[-1] if not path.endswith("[]") else "[]",
            depth=depth,
            type=_type_text(schema),
            required=bool(schema.get("required")) if not path.endswith("[]") else False,
            default=schema.get("default"),
            has_default="default" in schema,
            example=schema.get("example"),
            has_example="example" in schema,
            constraints=_constraints(schema),
            description=str(schema.get("description") or ""),
        )
    )
    for child in schema.get("properties") or []:
        _collect_rows(child, f"{path}.{child.get('name', '')}", depth + 1, rows)
    items = schema.get("items")
    if isinstance(items, dict):
        _collect_rows(items, f"{path}[]", depth + 1, rows)


def _type_text(schema: dict[str, Any]) -> str:
    if schema.get("intOrString") or schema.get("x-kubernetes-int-or-string"):
        text = "integer or string"
    else:
        text = str(schema.get("type") or "any")
    items = schema.get("items")
    if text == "array" and isinstance(items, dict):
        text = f"array of {_type_text(items)}"
    elif schema.get("format"):
        text = f"{text} ({schema['format']})"
    if schema.get("nullable"):
        text += ", nullable"
    return text


def _constraints(schema: dict[str, Any]) -> list[str]:
    """Return the schema's constraints as short escaped phrases, in a fixed order."""
    return constraint_phrases(schema, code=inline_code, text=functools.partial(markdown_text, cell=True))


def _manifests(version: StackVersion, defaults: VersionDefaults) -> Manifests:
    """Show the version's default clusterstack.yaml and cluster.yaml, but only when they are valid."""
    result = Manifests()
    for name, generated in (("clusterstack.yaml", defaults.clusterstack), ("cluster.yaml", defaults.cluster)):
        if generated.valid:
            setattr(result, name.split(".")[0], generated.text)
        else:
            result.problems.extend(f"{name}: {d}" for d in generated.errors)
    if result.problems:
        log.warning("%s: default manifests are not valid: %s", version.class_name, "; ".join(result.problems))
    return result


def topology_tree(result: dict[str, Any]) -> list[str]:
    """Return a topology's objects as nested Markdown list lines (four spaces per level, as Python-Markdown nests)."""
    objects = result["objects"]
    children: dict[Any, list[int]] = {}
    for index, obj in enumerate(objects):
        children.setdefault(obj.get("parent"), []).append(index)
    lines: list[str] = []

    def walk(parent: Any, depth: int) -> None:
        for index in children.get(parent, []):
            obj = objects[index]
            lines.append(f"{'    ' * depth}- {markdown_text(str(obj['kind']), cell=True)} {inline_code(obj['name'])}")
            walk(index, depth + 1)

    walk(None, 0)
    return lines


def addon_readers(topology: dict[str, Any] | None, names: list[str]) -> dict[str, list[str]]:
    """Return per variable the addons whose values file names it (the operator renders them over the Cluster)."""
    if not topology:
        return {}
    files = topology["inputs"].get("files") or {}
    found: dict[str, list[str]] = {}
    for path in sorted(files):
        if not (path.endswith("/overwrite.yaml") or path == "cluster-addon-values.yaml"):
            continue
        addon = path.split("/")[1] if path.count("/") >= 2 else "cluster-addon"
        for name in names:
            if re.search(r"[\"'.]" + re.escape(name) + r"\b", files[path]):
                found.setdefault(name, []).append(addon)
    return found


def overrides_example(version: StackVersion) -> str:
    """Return a ``spec.topology`` excerpt overriding the first variable per role ("" for a class without variables).

    Both v1beta1 and v1beta2 Clusters take overrides; v1beta2 classes are written for them.
    """
    if not version.variables:
        return ""
    definition = version.variables[0]
    schema = (definition.get("schema") or {}).get("openAPIV3Schema") or {}
    value = schema.get("example", schema.get("default", ""))
    def override() -> dict[str, Any]:  # a fresh object per role: one shared object would print as a YAML alias
        return {"overrides": [{"name": definition.get("name"), "value": value}]}

    classes = version.machine_deployment_classes
    topology: dict[str, Any] = {"controlPlane": {"variables": override()}}
    if classes:
        topology["workers"] = {"machineDeployments": [{"class": classes[0], "name": "md-0", "variables": override()}]}
    return to_yaml({"spec": {"topology": topology}}).rstrip("\n")


def version_pages(
    stacks: list[Stack], *, with_manifests: bool = True, topologies: dict[str, dict[str, Any]] | None = None, defaults: Defaults | None = None
) -> list[VersionPage]:
    """Return the model of every version page, with neighbours and changes within each Kubernetes minor.

    ``topologies`` (``sitebuild.topology.version_topologies``) adds the default topology where the
    stacks folder holds the version's templates; what each variable changes comes from the ClusterClass.
    ``defaults`` are the build's generated default manifests (made here when not given).
    """
    from generator.topology.preview import variable_effects

    if with_manifests and defaults is None:
        defaults = get_version_defaults(stacks)
    pages: list[VersionPage] = []
    for stack in stacks:
        for minor_versions in by_minor(stack.versions).values():
            oldest_first = list(reversed(minor_versions))
            for index, version in enumerate(oldest_first):
                page = VersionPage(version=version, stack=stack, path=version_path(version))
                if index > 0:
                    page.previous = oldest_first[index - 1]
                    page.changes = compare_versions(page.previous, version)
                if index + 1 < len(oldest_first):
                    page.next = oldest_first[index + 1]
                page.variables = variable_entries(version.variables)
                if defaults is not None and with_manifests:
                    page.manifests = _manifests(version, defaults[version.class_name])
                page.cluster_class_yaml = to_yaml(version.cluster_class)
                page.effects = variable_effects([version.cluster_class])
                topology = (topologies or {}).get(version.class_name)
                page.addon_readers = addon_readers(topology, [str(d.get("name")) for d in version.variables])
                if topology is not None:
                    page.topology = topology["default"]
                    page.topology_tree = topology_tree(topology["default"])
                page.allowed_kubernetes_versions = kubernetes_versions(version.cluster_class)
                page.overrides_example = overrides_example(version)
                pages.append(page)
    return pages


def catalog_model(stacks: list[Stack]) -> dict[str, Any]:
    """Return the catalog's matrix: stacks (rows) × Kubernetes minors (columns) with each cell's versions."""
    minors = sorted({v.kubernetes_minor for s in stacks for v in s.versions}, key=minor_sort_key, reverse=True)
    rows = []
    for stack in sorted(stacks, key=lambda s: (provider_title(s.provider).lower(), s.name)):
        cells = {}
        for minor, versions in by_minor(stack.versions).items():
            released = [v for v in versions if v.is_released]
            cells[minor] = {
                "latest": released[0] if released else None,
                "older": released[1:],
                "next": next((v for v in versions if not v.is_released), None),
            }
        rows.append({"stack": stack, "cells": cells})
    return {"minors": minors, "rows": rows}


def navigation(stacks: list[Stack]) -> list[Any]:
    """Return the "Stacks" navigation: catalog, then provider → stack → Kubernetes minor → released versions newest first, then unreleased."""
    nav: list[Any] = ["stacks/index.md"]
    providers: dict[str, list[Stack]] = {}
    for stack in stacks:
        providers.setdefault(stack.provider, []).append(stack)
    for provider in sorted(providers, key=lambda p: provider_title(p).lower()):
        entries: list[Any] = []
        for stack in sorted(providers[provider], key=lambda s: s.name):
            section: list[Any] = [{"Overview": stack_path(stack)}]
            for minor, versions in by_minor(stack.versions).items():
                # Released versions first (newest first), the marked working state after them: as in the editor's picker.
                ordered = sorted(versions, key=lambda v: not v.is_released)
                section.append({f"Kubernetes {minor}": [{_nav_title(v): version_path(v)} for v in ordered]})
            entries.append({stack.name: section})
        nav.append({provider_title(provider): entries})
    return nav


def _nav_title(version: StackVersion) -> str:
    return version.class_name if version.is_released else f"{version.class_name} (unreleased)"
