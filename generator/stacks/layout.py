"""Read one stack's source folder (upstream cluster-stacks layout) from its files, checking it.

``parse_stack`` takes ``{relative path: text}`` and returns a :class:`StackSource` plus every
problem found, each as ``path:line: reason`` with paths under ``base`` (the folder as the
user named it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem
from generator.kubeversion import kubernetes_minor, parse_version
from generator.model import AddonStage, AddonStep
from generator.stacks.aliases import merge_aliases, resolve_pin
from generator.stacks.yamlsource import load_fast, load_with_lines

logger = logging.getLogger(__name__)

LEDGER_FILE = "releases.yaml"
ALIASES_FILE = "aliases.yaml"
RENAMES_FILE = "renames.yaml"  # variable renames for `upgrade` (generator.upgrade.Rename): no content of a version


@dataclass(frozen=True)
class Dependency:
    """One dependency of an addon chart, as its Chart.yaml declares it."""

    name: str
    alias: str | None
    version: str
    repository: str

    @property
    def key(self) -> str:
        """Return what the dependency is known by in values and pins: its alias, else its name."""
        return self.alias or self.name


@dataclass(frozen=True)
class ChartSource:
    """One chart of the stack: ``cluster-class`` or an addon (``cluster-addon`` or ``cluster-addon/<x>``)."""

    folder: str
    metadata: dict[str, Any]  # Chart.yaml
    dependencies: tuple[Dependency, ...]
    lines: dict[tuple[Any, ...], int] = field(repr=False, compare=False)  # Chart.yaml key path -> line


@dataclass(frozen=True)
class VersionEntry:
    """One Kubernetes version the stack is built for, with the chart versions pinned for it."""

    kubernetes: str  # X.Y.Z, no "v"
    pins: dict[str, str]  # dependency name or alias -> version
    line: int | None
    node_image: dict[str, str] = field(default_factory=dict)  # non-chart keys naming the node image, e.g. ubuntu -> "2404"

    @property
    def minor(self) -> str:
        """Return ``major.minor``."""
        return kubernetes_minor(self.kubernetes)


@dataclass(frozen=True)
class StackSource:
    """A stack's source folder, parsed: everything expansion needs."""

    provider: str
    name: str
    path: str  # "openstack/scs"
    base: str  # the folder as the user named it, prefix of every problem path
    files: dict[str, str] = field(repr=False)
    kubernetes_version: str  # csctl.yaml's, X.Y.Z: the version the source itself is written for
    entries: tuple[VersionEntry, ...]
    cluster_class: ChartSource
    addons: tuple[ChartSource, ...]
    addon_stages: tuple[AddonStage, ...]
    readme: str | None
    ledger_text: str | None
    layout: str = "single source"  # which of generator.stacks.detect.LAYOUTS the folder uses
    warnings: tuple[Problem, ...] = ()  # keys we do not know: reported, never refused
    shared: dict[str, str] = field(default_factory=dict, repr=False)  # stack-level files of a per-minor layout


# versions.yaml keys that are not charts: what they name in the stack version.
NODE_IMAGE_KEYS = ("ubuntu", "flatcar")
CSCTL_KEYS: dict[str, Any] = {
    "apiVersion": None,
    "config": {"kubernetesVersion": None, "clusterStackName": None, "provider": {"type": None, "apiVersion": None, "config": ...}},
}
CLUSTERADDON_KEYS: dict[str, Any] = {"apiVersion": None, "clusterAddonVersion": None, "addonStages": ...}


def unknown_keys(data: Any, known: dict[str, Any], lines: dict, where: str, at: tuple[Any, ...] = ()) -> list[Problem]:
    """Return a warning for every mapping key of ``data`` that ``known`` does not list (``...`` allows anything below)."""
    if not isinstance(data, dict):
        return []
    found = []
    for key, value in data.items():
        if key not in known:
            dotted = ".".join(str(k) for k in (*at, key))
            found.append(Problem(where, lines.get((*at, key)), f"{dotted}: unknown key, ignored"))
        elif isinstance(known[key], dict):
            found.extend(unknown_keys(value, known[key], lines, where, (*at, key)))
    return found


def _at(base: str, relative: str) -> str:
    return f"{base}/{relative}" if base else relative


def parse_stack(
    path: str, files: dict[str, str], base: str, *, kubernetes: str | None = None
) -> tuple[StackSource | None, list[Problem]]:
    """Parse and check one stack folder; return the source (None when unusable) and all problems.

    ``kubernetes`` (X.Y.Z) is given for one folder of a per-minor layout, whose version is
    written in ``stack.yaml`` or ``metadata.yaml``: ``csctl.yaml`` is then optional and its
    ``kubernetesVersion`` (often only ``v1.34`` there) is not checked.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    provider, _, name = path.partition("/")
    csctl_version, stack_name = _parse_csctl(files, base, provider, name, problems, warnings, kubernetes)
    cluster_class = _parse_chart(files, base, "cluster-class", problems)
    folders = _addon_folders(files)
    addons = tuple(chart for folder in folders if (chart := _parse_chart(files, base, folder, problems)) is not None)
    # With a broken Chart.yaml its dependencies are unknown: checking pins would only add noise.
    all_charts_read = len(addons) == len(folders)
    if not any(p.startswith("cluster-addon/") for p in files):
        problems.append(Problem(_at(base, "cluster-addon"), None, "missing: a stack needs addon charts in cluster-addon/"))
    aliases = _parse_aliases(files, base, problems)
    entries = _parse_versions(files, base, csctl_version, addons if all_charts_read else None, aliases, problems, warnings)
    stages = _parse_addon_stages(files, base, folders, problems, warnings)
    _check_values(files, base, problems)
    if problems or cluster_class is None or csctl_version is None:
        return None, problems
    source = StackSource(
        provider=provider,
        name=stack_name or name,
        path=path,
        base=base,
        files=files,
        kubernetes_version=csctl_version,
        entries=entries,
        cluster_class=cluster_class,
        addons=addons,
        addon_stages=stages,
        readme=files.get("README.md"),
        ledger_text=files.get(LEDGER_FILE),
        warnings=tuple(warnings),
    )
    return source, []


def _parse_csctl(
    files: dict[str, str],
    base: str,
    provider: str,
    name: str,
    problems: list[Problem],
    warnings: list[Problem],
    kubernetes: str | None,
) -> tuple[str | None, str | None]:
    where = _at(base, "csctl.yaml")
    if "csctl.yaml" not in files:
        if kubernetes is not None:  # early per-minor folders had only metadata.yaml
            return kubernetes, name
        problems.append(Problem(where, None, "missing: every stack needs a csctl.yaml"))
        return None, None
    data, lines, errors = load_with_lines(files["csctl.yaml"], where)
    problems.extend(errors)
    if errors:
        return None, None
    warnings.extend(unknown_keys(data, CSCTL_KEYS, lines, where))
    config = data.get("config") if isinstance(data, dict) else None
    if not isinstance(config, dict):
        problems.append(Problem(where, 1, "config: missing; csctl.yaml needs config.kubernetesVersion"))
        return None, None
    version = str(config.get("kubernetesVersion", ""))
    if kubernetes is not None:
        version = kubernetes
    elif not _is_kubernetes_release(version):
        line = lines.get(("config", "kubernetesVersion"), lines.get(("config",)))
        problems.append(Problem(where, line, f"config.kubernetesVersion: {version!r} is not a Kubernetes version like v1.32.5"))
        version = None
    provider_type = (config.get("provider") or {}).get("type") if isinstance(config.get("provider"), dict) else None
    # The folder names the stack (upstream's own tags follow it even where csctl.yaml was copied from another stack).
    if provider_type is not None and provider_type != provider:
        line = lines.get(("config", "provider", "type"))
        warnings.append(Problem(where, line, f"config.provider.type: {provider_type!r} differs from the folder {provider!r}; the folder's is used"))
    stack_name = config.get("clusterStackName")
    if stack_name is not None and stack_name != name:
        line = lines.get(("config", "clusterStackName"))
        warnings.append(Problem(where, line, f"config.clusterStackName: {stack_name!r} differs from the folder {name!r}; the folder's is used"))
    return (version.lstrip("v") if version else None), name


def _addon_folders(files: dict[str, str]) -> list[str]:
    """Return the addon chart folders: ``cluster-addon`` itself, or each sub-folder of it."""
    if "cluster-addon/Chart.yaml" in files:
        return ["cluster-addon"]
    folders = {p.split("/")[1] for p in files if p.startswith("cluster-addon/") and p.count("/") >= 2}
    return [f"cluster-addon/{f}" for f in sorted(folders)]


def _parse_chart(files: dict[str, str], base: str, folder: str, problems: list[Problem]) -> ChartSource | None:
    where = _at(base, f"{folder}/Chart.yaml")
    if f"{folder}/Chart.yaml" not in files:
        problems.append(Problem(where, None, "missing: every chart needs a Chart.yaml"))
        return None
    data, lines, errors = load_with_lines(files[f"{folder}/Chart.yaml"], where)
    problems.extend(errors)
    if errors:
        return None
    if not isinstance(data, dict):
        problems.append(Problem(where, 1, "Chart.yaml must be a mapping with apiVersion, name and version"))
        return None
    missing = [key for key in ("name", "version") if not isinstance(data.get(key), (str, int, float))]
    if missing:
        problems.append(Problem(where, 1, f"{' and '.join(missing)}: missing; a chart needs a name and a version"))
        return None
    dependencies = []
    for index, dep in enumerate(data.get("dependencies") or []):
        line = lines.get(("dependencies", index))
        if not isinstance(dep, dict) or not dep.get("name"):
            problems.append(Problem(where, line, f"dependencies[{index}]: needs a name"))
            continue
        version = str(dep.get("version", ""))
        if parse_version(version) is None:
            line = lines.get(("dependencies", index, "version"), line)
            problems.append(Problem(where, line, f"dependencies[{index}].version: {version!r} is not a version like 1.2.3"))
        dependencies.append(Dependency(str(dep["name"]), dep.get("alias"), version, str(dep.get("repository", ""))))
    return ChartSource(folder=folder, metadata=data, dependencies=tuple(dependencies), lines=lines)


def _parse_aliases(files: dict[str, str], base: str, problems: list[Problem]) -> dict[str, str]:
    if ALIASES_FILE not in files:
        return merge_aliases(None)
    where = _at(base, ALIASES_FILE)
    data, lines, errors = load_with_lines(files[ALIASES_FILE], where)
    problems.extend(errors)
    if errors:
        return merge_aliases(None)
    if data is None:
        return merge_aliases(None)
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        problems.append(Problem(where, 1, "must map versions.yaml keys to dependency names, e.g. occm: openstack-cloud-controller-manager"))
        return merge_aliases(None)
    return merge_aliases(data)


def _parse_versions(
    files: dict[str, str],
    base: str,
    csctl_version: str | None,
    addons: tuple[ChartSource, ...] | None,
    aliases: dict[str, str],
    problems: list[Problem],
    warnings: list[Problem],
) -> tuple[VersionEntry, ...]:
    where = _at(base, "versions.yaml")
    if "versions.yaml" not in files:
        # Upstream stacks without versions.yaml are built for csctl.yaml's version only.
        return (VersionEntry(csctl_version, {}, None),) if csctl_version else ()
    data, lines, errors = load_with_lines(files["versions.yaml"], where)
    problems.extend(errors)
    if errors:
        return ()
    if not isinstance(data, list) or not data:
        problems.append(Problem(where, lines.get((), 1), "must be a list of entries like - kubernetes: 1.32.5"))
        return ()
    declared = [name for chart in addons or () for dep in chart.dependencies for name in (dep.key, dep.name)]
    entries: list[VersionEntry] = []
    first_line: dict[str, int | None] = {}
    for index, item in enumerate(data):
        line = lines.get((index,))
        if not isinstance(item, dict):
            problems.append(Problem(where, line, "an entry must be a mapping like kubernetes: 1.32.5"))
            continue
        raw = item.get("kubernetes")
        kube = str(raw) if raw is not None else ""
        kube_line = lines.get((index, "kubernetes"), line)
        if raw is None:
            problems.append(Problem(where, line, "kubernetes: missing; each entry names its Kubernetes version"))
            continue
        if not isinstance(raw, str) or not _is_kubernetes_release(kube):
            problems.append(Problem(where, kube_line, f"kubernetes: {kube!r} is not a Kubernetes version like 1.32.5"))
            continue
        kube = kube.lstrip("v")
        minor = kubernetes_minor(kube)
        duplicate = minor in first_line
        if duplicate:
            problems.append(
                Problem(where, kube_line, f"kubernetes: {kube} is a second entry for Kubernetes {minor} (first at line {first_line[minor]})")
            )
        else:
            first_line[minor] = kube_line
        pins: dict[str, str] = {}
        node_image: dict[str, str] = {}
        for key, value in item.items():
            if key == "kubernetes":
                continue
            key_line = lines.get((index, key), line)
            if key in NODE_IMAGE_KEYS:
                node_image[str(key)] = str(value)
                continue
            target = resolve_pin(str(key), declared, aliases) if addons is not None else str(key)
            if target is None and parse_version(str(value)) is None:
                # Not a chart pin (its value is no chart version): a key upstream added that we do not know yet.
                warnings.append(Problem(where, key_line, f"{key}: unknown key, ignored (no chart declares it and {value!r} is not a chart version)"))
                continue
            if target is None:
                problems.append(
                    Problem(where, key_line, f"{key}: no chart in cluster-addon/ declares a dependency {key!r} (declared: {', '.join(sorted(set(declared))) or 'none'})")
                )
                continue
            version = str(value)
            if not isinstance(value, str) or parse_version(version) is None:
                problems.append(Problem(where, key_line, f"{key}: {version!r} is not a version like 1.2.3"))
                continue
            pins[target] = version
        if not duplicate:  # its pins are still checked above, so every problem shows in one run
            entries.append(VersionEntry(kube, pins, kube_line, node_image))
    return tuple(entries)


def _parse_addon_stages(
    files: dict[str, str], base: str, addon_folders: list[str], problems: list[Problem], warnings: list[Problem]
) -> tuple[AddonStage, ...]:
    where = _at(base, "clusteraddon.yaml")
    if "clusteraddon.yaml" not in files:
        return ()
    data, lines, errors = load_with_lines(files["clusteraddon.yaml"], where)
    problems.extend(errors)
    if errors or not isinstance(data, dict):
        return ()
    warnings.extend(unknown_keys(data, CLUSTERADDON_KEYS, lines, where))
    known = {folder.split("/", 1)[1] for folder in addon_folders if "/" in folder}
    stages = []
    for hook, steps in (data.get("addonStages") or {}).items():
        parsed = []
        for index, step in enumerate(steps or []):
            line = lines.get(("addonStages", hook, index))
            if not isinstance(step, dict) or "name" not in step:
                problems.append(Problem(where, line, f"addonStages.{hook}[{index}]: needs a name and an action"))
                continue
            if known and step["name"] not in known:
                problems.append(
                    Problem(where, line, f"addonStages.{hook}[{index}]: no addon chart cluster-addon/{step['name']}/")
                )
            parsed.append(AddonStep(str(step["name"]), str(step.get("action", "apply"))))
        stages.append(AddonStage(str(hook), tuple(parsed)))
    return tuple(stages)


def _check_values(files: dict[str, str], base: str, problems: list[Problem]) -> None:
    """Check that every values.yaml parses, so a syntax error is found before rendering."""
    for path in sorted(files):
        if path.endswith("values.yaml") and "/templates/" not in path:
            _, errors = load_fast(files[path], _at(base, path))
            problems.extend(errors)


def _is_kubernetes_release(text: str) -> bool:
    """Say whether ``text`` names a Kubernetes release a stack is built for: ``1.32.5`` or ``v1.32.5``, no suffix."""
    version = parse_version(text)
    return version is not None and version.is_release
