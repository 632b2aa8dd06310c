"""Turn stack sources and their ledgers into Cluster Stack versions: released and unreleased.

Pure: takes ``{"provider/name": {path: text}}`` as read by ``generator.stacks.files`` and
the folder name the user gave (prefix of every problem path). Three uses:
``build_stacks`` (list, docs, editor), ``plan_release`` (new ledger texts) and
``expand_stacks`` (one folder per working version).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.errors import InputError, Problem
from generator.model import Component, Stack, StackVersion
from generator.stacks.expand import expand_version, version_hash
from generator.stacks.detect import describe_layouts, parse_stack_folder
from generator.stacks.layout import LEDGER_FILE, StackSource, VersionEntry
from generator.stacks.ledger import Ledger, dump_ledger, empty_ledger, parse_ledger
from generator.kubeversion import minor_sort_key
from generator.naming import class_name, next_version, release_name, version_number
from generator.stacks.nodeimages import node_images
from generator.stacks.releasetopology import record_inputs
from generator.stacks.render import check_variables, find_cluster_class, render_cluster_class

if TYPE_CHECKING:
    from generator.stacks.tagged import TaggedReleases

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkingVersion:
    """The source's current state for one Kubernetes version, named against the ledger."""

    source: StackSource
    entry: VersionEntry
    content_hash: str
    version: str  # the released version it equals, or the next one
    released: StackVersion | None  # the ledger entry with the same content, if any

    @property
    def class_name(self) -> str:
        """Return the ClusterClass name this state has (or will have once released)."""
        return class_name(self.source.provider, self.source.name, self.entry.kubernetes, self.version)

    def files(self) -> dict[str, str]:
        """Return the expanded files of this version."""
        return expand_version(self.source, self.entry, self.version)


def _join(base: str, path: str) -> str:
    return f"{base.rstrip('/')}/{path}" if base else path


def read_sources(
    folders: dict[str, dict[str, str]], base: str, *, require: bool = True
) -> tuple[list[tuple[StackSource, Ledger]], list[Problem]]:
    """Parse every stack folder (in whatever layout) and its ledger; collect all problems of all stacks.

    A per-minor stack gives one source per minor, all sharing the stack's one ledger. With
    ``require``, a folder in which no stack is recognised at all is a problem: never silently nothing.
    """
    sources: list[tuple[StackSource, Ledger]] = []
    problems: list[Problem] = []
    recognised = False
    for path in sorted(folders):
        where = _join(base, path)
        found_sources, found = parse_stack_folder(path, folders[path], where)
        problems.extend(found)
        recognised = recognised or bool(found_sources) or bool(found)
        ledger: Ledger | None = None
        for source in found_sources:
            if ledger is None:
                ledger = empty_ledger(source.provider, source.name)
                if source.ledger_text is not None:
                    ledger, found = parse_ledger(source.ledger_text, f"{where}/{LEDGER_FILE}", source.provider, source.name)
                    problems.extend(found)
            sources.append((source, ledger))
    if require and not recognised:
        problems.append(no_stack_found(base))
    return sources, problems


def with_tags(sources: list[tuple[StackSource, Ledger]], tagged: "TaggedReleases | None") -> list[tuple[StackSource, Ledger]]:
    """Return the sources with their ledgers merged with what git tags release (``--history``)."""
    if tagged is None:
        return sources
    merged: dict[str, Ledger] = {}
    for source, ledger in sources:
        if source.path not in merged:
            merged[source.path] = ledger.merged(tagged.released.get(source.path, ()))
    return [(source, merged[source.path]) for source, _ in sources]


def no_stack_found(base: str) -> Problem:
    """Return the problem of a stacks folder in which no stack is recognised, naming the layouts understood."""
    return Problem(base or ".", None, f"no Cluster Stack found; understood layouts: {describe_layouts()}")


def source_warnings(sources: list[tuple[StackSource, Ledger]]) -> list[Problem]:
    """Return the warnings of every source (keys we do not know), sorted and without repeats."""
    return sorted({w for source, _ in sources for w in source.warnings})


def working_versions(source: StackSource, ledger: Ledger) -> list[WorkingVersion]:
    """Name each Kubernetes version's current state: the release it equals, or the next version."""
    result = []
    for entry in source.entries:
        digest = version_hash(source, entry)
        latest = ledger.latest(entry.minor)
        if latest is not None and latest.content_hash == digest:
            result.append(WorkingVersion(source, entry, digest, latest.version, latest))
        else:
            result.append(WorkingVersion(source, entry, digest, next_version(latest.version if latest else None), None))
    return result


def render_working_version(working: WorkingVersion, released: str | None = None) -> tuple[StackVersion | None, list[Problem]]:
    """Render a working state into a StackVersion (``released`` is the release date, if releasing)."""
    version, _, problems = render_release(working, released)
    return version, problems


def render_release(working: WorkingVersion, released: str | None = None) -> tuple[StackVersion | None, dict | None, list[Problem]]:
    """Render a working state into a StackVersion and the topology record its ledger entry keeps (see ``releasetopology``)."""
    source, entry = working.source, working.entry
    files = working.files()
    objects, problems = render_cluster_class(
        files, source.base, release_name(source.provider, source.name, entry.kubernetes), entry.kubernetes
    )
    if problems:
        return None, None, problems
    cluster_class, problems = find_cluster_class(objects, source.base)
    if cluster_class is None:
        return None, None, problems
    problems = check_variables(cluster_class, source.files, source.base)
    name = cluster_class.get("metadata", {}).get("name")
    if name != working.class_name:
        problems.append(
            Problem(
                f"{source.base}/cluster-class/templates",
                None,
                f"the ClusterClass is named {name!r}, not {working.class_name!r}: name it {{{{ .Release.Name }}}}-{{{{ .Chart.Version }}}}",
            )
        )
    if problems:
        return None, None, problems
    version = StackVersion(
        provider=source.provider,
        stack=source.name,
        kubernetes_version=entry.kubernetes,
        version=working.version,
        released=released,
        content_hash=working.content_hash,
        components=components(source, entry),
        addon_stages=source.addon_stages,
        cluster_class=cluster_class,
        node_images=node_images({**source.shared, **source.files}, entry.kubernetes),
    )
    return version, record_inputs(objects, files), []


def components(source: StackSource, entry: VersionEntry) -> tuple[Component, ...]:
    """Return the addon components of one Kubernetes version: pinned dependencies, else local charts' appVersion."""
    found: list[Component] = []
    for chart in source.addons:
        for dep in chart.dependencies:
            version = entry.pins.get(dep.key, entry.pins.get(dep.name, dep.version))
            found.append(Component(dep.name, version, "addon"))
        if not chart.dependencies and chart.metadata.get("appVersion"):
            found.append(Component(chart.folder.rsplit("/", 1)[-1], str(chart.metadata["appVersion"]), "addon"))
    found.extend(Component(key, value, "node-image") for key, value in entry.node_image.items())
    return tuple(sorted(set(found), key=lambda c: (c.kind, c.name, c.version)))


# Problems are de-duplicated before raising: one bad template line fails every Kubernetes version alike.


def group_by_stack(sources: list[tuple[StackSource, Ledger]]) -> list[list[tuple[StackSource, Ledger]]]:
    """Group the sources of one stack (several for a per-minor layout), in stack order."""
    groups: dict[str, list[tuple[StackSource, Ledger]]] = {}
    for source, ledger in sources:
        groups.setdefault(source.path, []).append((source, ledger))
    return [groups[path] for path in sorted(groups)]


def version_sort_key(version: StackVersion) -> tuple[tuple[int, ...], int, str]:
    """Sort key: Kubernetes minor, then stack version; custom-channel (hash-mode) versions first, by name."""
    try:
        number = version_number(version.version)
    except ValueError:
        number = 0
    return minor_sort_key(version.kubernetes_minor), number, version.version


def build_stacks(
    folders: dict[str, dict[str, str]],
    base: str,
    warnings: list[Problem] | None = None,
    *,
    require: bool = True,
    tagged: "TaggedReleases | None" = None,
) -> list[Stack]:
    """Return every stack with its released versions and unreleased working states; raise InputError.

    Warnings (keys we do not know, tags that release nothing) are appended to ``warnings`` when
    given; ``require`` as for :func:`read_sources`. With ``tagged`` (``--history``), the versions
    git tags release join the ledger's, and the working state is the next version only where it
    differs from the newest release of its minor.
    """
    sources, problems = read_sources(folders, base, require=require)
    sources = with_tags(sources, tagged)
    if warnings is not None:
        warnings.extend(source_warnings(sources))
        warnings.extend(tagged.warnings if tagged else ())
    stacks = []
    for group in group_by_stack(sources):
        versions = list(group[0][1].all_versions())
        versions.extend(tagged.custom.get(group[0][0].path, ()) if tagged else ())
        for source, ledger in group:
            for working in working_versions(source, ledger):
                if working.released is not None:
                    continue
                version, found = render_working_version(working)
                problems.extend(found)
                if version is not None:
                    versions.append(version)
        versions.sort(key=version_sort_key)
        first = group[0][0]
        stacks.append(Stack(first.provider, first.name, first.path, first.readme, tuple(versions)))
    stacks.extend(_stacks_only_tagged(tagged, {s.path for s in stacks}))
    if problems:
        raise InputError(sorted(set(problems)))
    return sorted(stacks, key=lambda s: (s.provider, s.name))


def _stacks_only_tagged(tagged: "TaggedReleases | None", current: set[str]) -> list[Stack]:
    """Return the stacks that only tags still know (removed from the working tree since): their history stays."""
    if tagged is None:
        return []
    stacks = []
    for path in sorted((set(tagged.released) | set(tagged.custom)) - current):
        versions = sorted((*tagged.released.get(path, ()), *tagged.custom.get(path, ())), key=version_sort_key)
        stacks.append(Stack(versions[0].provider, versions[0].stack, path, None, tuple(versions)))
    return stacks


def plan_release(folders: dict[str, dict[str, str]], base: str, date: str, tagged: "TaggedReleases | None" = None) -> dict[str, str]:
    """Return ``{"provider/name/releases.yaml": text}`` for every ledger a release changes; raise InputError.

    With ``tagged``, versions numbers continue after what the tags released (the ledger still
    records only its own releases plus the new ones).
    """
    sources, problems = read_sources(folders, base)
    own = {source.path: ledger for source, ledger in sources}
    sources = with_tags(sources, tagged)
    changed: dict[str, str] = {}
    for group in group_by_stack(sources):
        ledger = group[0][1]
        updated = original = own[group[0][0].path]
        for source, _ in group:
            for working in working_versions(source, ledger):
                if working.released is not None:
                    continue
                version, topology, found = render_release(working, released=date)
                problems.extend(found)
                if version is not None:
                    logger.info("releasing %s", version.class_name)
                    updated = updated.with_release(version, topology)
        if updated is not original:
            changed[f"{group[0][0].path}/{LEDGER_FILE}"] = dump_ledger(updated)
    if problems:
        raise InputError(sorted(set(problems)))
    return changed


def recorded_topologies(sources: list[tuple[StackSource, Ledger]]) -> dict[str, tuple[str, dict]]:
    """Return per class name the content hash and topology inputs each ledger keeps for a release (``read_sources``'s sources)."""
    found: dict[str, tuple[str, dict]] = {}
    for source, ledger in sources:
        for version in ledger.all_versions():
            inputs = ledger.topology_inputs(version)
            if inputs is not None:
                found[version.class_name] = (version.content_hash, inputs)
    return dict(sorted(found.items()))


def expand_stacks(
    folders: dict[str, dict[str, str]], base: str, tagged: "TaggedReleases | None" = None
) -> dict[str, dict[str, str]]:
    """Return ``{class name: {path: text}}``: one ready-to-package folder per working version; raise InputError."""
    sources, problems = read_sources(folders, base)
    sources = with_tags(sources, tagged)
    out: dict[str, dict[str, str]] = {}
    for source, ledger in sources:
        for working in working_versions(source, ledger):
            if working.released is None:
                # Render to report template and variable problems before anything is written.
                _, found = render_working_version(working)
                problems.extend(found)
            out[working.class_name] = working.files()
    if problems:
        raise InputError(sorted(set(problems)))
    return dict(sorted(out.items()))
