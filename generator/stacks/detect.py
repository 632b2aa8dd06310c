"""Which layout a stack folder uses, and its sources in the one form the rest of the loader reads.

The public SovereignCloudStack/cluster-stacks repository has kept its stacks in several
layouts over time; every one is read here, decided per stack:

- **single source** (its ``main`` since mid-2024): ``csctl.yaml``, ``versions.yaml`` (a list),
  ``cluster-class/``, ``cluster-addon/`` at the stack's root, one stack version per
  ``versions.yaml`` entry;
- **per-minor folders** (2023–2024): one ``1-XX/`` folder per Kubernetes minor, each with
  ``cluster-class/``, ``cluster-addon/`` and ``csctl.yaml`` (the earliest only
  ``metadata.yaml``), often ``node-images/`` or ``node-images.yaml``;
- **per-minor folders with stack.yaml** (its PR #259): ``1-XX/stack.yaml`` names provider,
  ``clusterStackName``, ``kubernetesVersion`` and the addon versions as semver ranges;
  every minor is independent.

Each per-minor folder becomes a source of its own with one version; files at the stack's
root (``README.md``, the ledger, image lists) are shared by all its minors. Pure: takes and
returns ``{path: text}``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from generator.errors import Problem
from generator.gotemplate.errors import FuncError
from generator.gotemplate.funcs_sprig import semver_compare
from generator.stacks.layout import LEDGER_FILE, StackSource, parse_stack, unknown_keys
from generator.stacks.yamlsource import load_with_lines

SINGLE_SOURCE = "single source"
PER_MINOR = "per-minor folders"
PER_MINOR_STACK_YAML = "per-minor folders with stack.yaml"

# What the "no Cluster Stack found" message names: every layout this loader understands.
LAYOUTS = {
    SINGLE_SOURCE: "<provider>/<stack>/ with csctl.yaml, cluster-class/ and cluster-addon/",
    PER_MINOR: "<provider>/<stack>/1-XX/ with csctl.yaml (or metadata.yaml), cluster-class/ and cluster-addon/",
    PER_MINOR_STACK_YAML: "<provider>/<stack>/1-XX/stack.yaml with cluster-class/ and cluster-addon/",
}

MINOR_FOLDER = re.compile(r"^([1-9][0-9]*)-(0|[1-9][0-9]*)$")
STACK_YAML_KEYS: dict[str, Any] = {"provider": None, "clusterStackName": None, "kubernetesVersion": None, "addons": ...}
_MINOR_OR_PATCH = re.compile(r"^v?([1-9][0-9]*)\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$")
_SOURCE_MARKERS = ("csctl.yaml", "cluster-class/", "cluster-addon/")


def describe_layouts() -> str:
    """Return the understood layouts as one sentence part, for messages."""
    return "; ".join(f"{name} ({shape})" for name, shape in LAYOUTS.items())


def detect_layout(files: dict[str, str]) -> str | None:
    """Return the layout of one stack folder's files, or None when it is no stack at all."""
    if any(path == marker or path.startswith(marker) for path in files for marker in _SOURCE_MARKERS):
        return SINGLE_SOURCE
    minors = minor_folders(files)
    if any(f"{minor}/stack.yaml" in files for minor in minors):
        return PER_MINOR_STACK_YAML
    if minors:
        return PER_MINOR
    return None


def minor_folders(files: dict[str, str]) -> list[str]:
    """Return the ``1-XX`` folders that hold a cluster-class chart or a stack.yaml, by minor."""
    found = set()
    for path in files:
        head, _, rest = path.partition("/")
        if MINOR_FOLDER.match(head) and (rest == "stack.yaml" or rest.startswith("cluster-class/")):
            found.add(head)
    return sorted(found, key=lambda f: tuple(int(x) for x in f.split("-")))


def parse_stack_folder(path: str, files: dict[str, str], base: str) -> tuple[list[StackSource], list[Problem]]:
    """Parse one ``provider/name`` folder in whatever layout it has; return its sources and all problems."""
    layout = detect_layout(files)
    if layout is None:
        return [], []
    if layout == SINGLE_SOURCE:
        source, problems = parse_stack(path, files, base)
        return ([source] if source else []), problems
    shared = {p: text for p, text in files.items() if "/" not in p}
    sources: list[StackSource] = []
    problems: list[Problem] = []
    for minor in minor_folders(files):
        prefix = f"{minor}/"
        sub = {p[len(prefix):]: text for p, text in files.items() if p.startswith(prefix)}
        source, found = _parse_minor(path, minor, sub, shared, f"{base}/{minor}", layout)
        problems.extend(found)
        if source is not None:
            sources.append(source)
    return sources, problems


def _parse_minor(
    path: str, minor: str, files: dict[str, str], shared: dict[str, str], base: str, layout: str
) -> tuple[StackSource | None, list[Problem]]:
    """Parse one ``1-XX`` folder as a stack with exactly one Kubernetes version."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    provider, _, name = path.partition("/")
    if layout == PER_MINOR_STACK_YAML:
        kubernetes, ranges = _read_stack_yaml(files, shared, base, minor, provider, name, problems, warnings)
    else:
        kubernetes, ranges = _per_minor_kubernetes(files, shared, base, minor, problems, warnings), {}
    if kubernetes is None:
        return None, problems
    # versions.yaml belongs to the single-source layout; a per-minor folder is its own single version.
    files = {p: t for p, t in files.items() if p != "versions.yaml"}
    source, found = parse_stack(path, files, base, kubernetes=kubernetes)
    if source is None:
        return None, problems + found
    warnings.extend(_check_ranges(source, ranges, base))
    return dataclasses.replace(
        source,
        layout=layout,
        readme=source.readme if source.readme is not None else shared.get("README.md"),
        ledger_text=shared.get(LEDGER_FILE),
        warnings=source.warnings + tuple(warnings),
        shared=shared,
    ), problems


def _read_stack_yaml(
    files: dict[str, str],
    shared: dict[str, str],
    base: str,
    minor: str,
    provider: str,
    name: str,
    problems: list[Problem],
    warnings: list[Problem],
) -> tuple[str | None, dict[str, tuple[str, int | None]]]:
    """Read ``stack.yaml``: the Kubernetes version (patch resolved if only the minor is given) and addon ranges."""
    where = f"{base}/stack.yaml"
    data, lines, errors = load_with_lines(files["stack.yaml"], where)
    problems.extend(errors)
    if errors:
        return None, {}
    if not isinstance(data, dict):
        problems.append(Problem(where, 1, "must be a mapping with provider, clusterStackName and kubernetesVersion"))
        return None, {}
    warnings.extend(unknown_keys(data, STACK_YAML_KEYS, lines, where))
    for key, want in (("provider", provider), ("clusterStackName", name)):
        if data.get(key) is not None and str(data[key]) != want:
            warnings.append(Problem(where, lines.get((key,)), f"{key}: {data[key]!r} differs from the folder {want!r}; the folder's is used"))
    raw = str(data.get("kubernetesVersion", ""))
    kubernetes = _kubernetes_of_minor(raw, minor, files, shared, where, lines.get(("kubernetesVersion",), 1), problems, warnings)
    ranges: dict[str, tuple[str, int | None]] = {}
    addons = data.get("addons") or {}
    if not isinstance(addons, dict):
        problems.append(Problem(where, lines.get(("addons",)), "addons: must map addon folders to version ranges like 2.34.x"))
    else:
        ranges = {str(k): (str(v), lines.get(("addons", k))) for k, v in addons.items()}
    return kubernetes, ranges


def _per_minor_kubernetes(
    files: dict[str, str], shared: dict[str, str], base: str, minor: str, problems: list[Problem], warnings: list[Problem]
) -> str | None:
    """Return the Kubernetes version of an old per-minor folder: csctl.yaml's, else metadata.yaml's."""
    for name, keys in (("csctl.yaml", ("config", "kubernetesVersion")), ("metadata.yaml", ("versions", "kubernetes"))):
        if name not in files:
            continue
        where = f"{base}/{name}"
        data, lines, errors = load_with_lines(files[name], where)
        if errors:
            problems.extend(errors)
            return None
        value: Any = data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            # metadata.yaml was written by a tool and went stale upstream (a 1-28 folder saying v1.27.3): its files decide then.
            return _kubernetes_of_minor(str(value), minor, files, shared, where, lines.get(keys, 1), problems, warnings, stale_ok=name == "metadata.yaml")
    problems.append(Problem(base, None, "missing: a per-minor folder needs csctl.yaml, metadata.yaml or stack.yaml naming its Kubernetes version"))
    return None


def _kubernetes_of_minor(
    raw: str,
    minor: str,
    files: dict[str, str],
    shared: dict[str, str],
    where: str,
    line: int | None,
    problems: list[Problem],
    warnings: list[Problem],
    stale_ok: bool = False,
) -> str | None:
    """Check a per-minor folder's version against its folder name; complete ``1.34`` to the patch its files name.

    With ``stale_ok`` a version of another minor gives way, with a warning, to the newest patch
    of the folder's minor that its files name.
    """
    match = _MINOR_OR_PATCH.match(raw)
    folder_minor = minor.replace("-", ".")
    if not match:
        problems.append(Problem(where, line, f"kubernetesVersion: {raw!r} is not a Kubernetes version like 1.34.6 or 1.34"))
        return None
    if f"{match.group(1)}.{match.group(2)}" != folder_minor:
        named = newest_patch(folder_minor, files) if stale_ok else None
        if named is not None:
            warnings.append(Problem(where, line, f"kubernetesVersion: {raw!r} is not Kubernetes {folder_minor}, the folder's minor; using {named}, which its files name"))
            return named
        problems.append(Problem(where, line, f"kubernetesVersion: {raw!r} is not Kubernetes {folder_minor}, the folder's minor"))
        return None
    if match.group(3) is not None:
        return f"{match.group(1)}.{match.group(2)}.{match.group(3)}"
    patch = newest_patch(folder_minor, files) or newest_patch(folder_minor, shared)
    if patch is None:
        warnings.append(Problem(where, line, f"kubernetesVersion: {raw!r} names no patch and no file names one: using {folder_minor}.0"))
        return f"{folder_minor}.0"
    return patch


def newest_patch(minor: str, files: dict[str, str]) -> str | None:
    """Return the newest ``minor.N`` that a node image or values file names as ``v<minor>.N``."""
    pattern = re.compile(r"(?<![0-9.])v" + re.escape(minor) + r"\.(0|[1-9][0-9]*)(?![0-9])")
    patches = [int(m.group(1)) for path, text in files.items() if path.endswith((".yaml", ".yml")) for m in pattern.finditer(text)]
    return f"{minor}.{max(patches)}" if patches else None


def _check_ranges(source: StackSource, ranges: dict[str, tuple[str, int | None]], base: str) -> list[Problem]:
    """Warn where an addon's dependency is outside the range stack.yaml allows (or names no addon folder)."""
    where = f"{base}/stack.yaml"
    by_folder = {chart.folder.rsplit("/", 1)[-1]: chart for chart in source.addons}
    warnings = []
    for folder, (wanted, line) in sorted(ranges.items()):
        chart = by_folder.get(folder)
        if chart is None:
            warnings.append(Problem(where, line, f"addons.{folder}: no addon chart cluster-addon/{folder}/, ignored"))
            continue
        for dep in chart.dependencies:
            try:
                inside = semver_compare(wanted, dep.version.lstrip("v"))
            except FuncError:
                warnings.append(Problem(where, line, f"addons.{folder}: {wanted!r} is not a version range like 2.34.x, ignored"))
                break
            if not inside:
                warnings.append(Problem(where, line, f"addons.{folder}: {dep.name} {dep.version} is outside {wanted}"))
    return warnings
