"""Turn stack sources and their ledgers into Cluster Stack versions: released and unreleased.

Pure: takes ``{"provider/name": {path: text}}`` as read by ``generator.stacks.files`` and
the folder name the user gave (prefix of every problem path). Three uses:
``build_stacks`` (list, docs, editor), ``plan_release`` (new ledger texts) and
``expand_stacks`` (one folder per working version).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from generator.errors import InputError, Problem
from generator.model import Component, Stack, StackVersion
from generator.stacks.expand import expand_version, version_hash
from generator.stacks.layout import LEDGER_FILE, StackSource, VersionEntry, parse_stack
from generator.stacks.ledger import Ledger, dump_ledger, empty_ledger, parse_ledger
from generator.stacks.naming import class_name, minor_sort_key, next_version, release_name, version_number
from generator.stacks.render import check_variables, find_cluster_class, render_cluster_class

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


def read_sources(folders: dict[str, dict[str, str]], base: str) -> tuple[list[tuple[StackSource, Ledger]], list[Problem]]:
    """Parse every stack folder and its ledger; collect all problems of all stacks."""
    sources: list[tuple[StackSource, Ledger]] = []
    problems: list[Problem] = []
    for path in sorted(folders):
        where = _join(base, path)
        source, found = parse_stack(path, folders[path], where)
        problems.extend(found)
        if source is None:
            continue
        ledger = empty_ledger(source.provider, source.name)
        if source.ledger_text is not None:
            ledger, found = parse_ledger(source.ledger_text, f"{where}/{LEDGER_FILE}", source.provider, source.name)
            problems.extend(found)
        sources.append((source, ledger))
    return sources, problems


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
    source, entry = working.source, working.entry
    files = working.files()
    objects, problems = render_cluster_class(
        files, source.base, release_name(source.provider, source.name, entry.kubernetes), entry.kubernetes
    )
    if problems:
        return None, problems
    cluster_class, problems = find_cluster_class(objects, source.base)
    if cluster_class is None:
        return None, problems
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
        return None, problems
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
    )
    return version, []


def components(source: StackSource, entry: VersionEntry) -> tuple[Component, ...]:
    """Return the addon components of one Kubernetes version: pinned dependencies, else local charts' appVersion."""
    found: list[Component] = []
    for chart in source.addons:
        for dep in chart.dependencies:
            version = entry.pins.get(dep.key, entry.pins.get(dep.name, dep.version))
            found.append(Component(dep.name, version, "addon"))
        if not chart.dependencies and chart.metadata.get("appVersion"):
            found.append(Component(chart.folder.rsplit("/", 1)[-1], str(chart.metadata["appVersion"]), "addon"))
    return tuple(sorted(set(found), key=lambda c: (c.kind, c.name, c.version)))


# Problems are de-duplicated before raising: one bad template line fails every Kubernetes version alike.


def build_stacks(folders: dict[str, dict[str, str]], base: str) -> list[Stack]:
    """Return every stack with its released versions and unreleased working states; raise InputError."""
    sources, problems = read_sources(folders, base)
    stacks = []
    for source, ledger in sources:
        versions = list(ledger.all_versions())
        for working in working_versions(source, ledger):
            if working.released is not None:
                continue
            version, found = render_working_version(working)
            problems.extend(found)
            if version is not None:
                versions.append(version)
        versions.sort(key=lambda v: (minor_sort_key(v.kubernetes_minor), version_number(v.version)))
        stacks.append(Stack(source.provider, source.name, source.path, source.readme, tuple(versions)))
    if problems:
        raise InputError(sorted(set(problems)))
    return sorted(stacks, key=lambda s: (s.provider, s.name))


def plan_release(folders: dict[str, dict[str, str]], base: str, date: str) -> dict[str, str]:
    """Return ``{"provider/name/releases.yaml": text}`` for every ledger a release changes; raise InputError."""
    sources, problems = read_sources(folders, base)
    changed: dict[str, str] = {}
    for source, ledger in sources:
        updated = ledger
        for working in working_versions(source, ledger):
            if working.released is not None:
                continue
            version, found = render_working_version(working, released=date)
            problems.extend(found)
            if version is not None:
                logger.info("releasing %s", version.class_name)
                updated = updated.with_release(version)
        if updated is not ledger:
            changed[f"{source.path}/{LEDGER_FILE}"] = dump_ledger(updated)
    if problems:
        raise InputError(sorted(set(problems)))
    return changed


def expand_stacks(folders: dict[str, dict[str, str]], base: str) -> dict[str, dict[str, str]]:
    """Return ``{class name: {path: text}}``: one ready-to-package folder per working version; raise InputError."""
    sources, problems = read_sources(folders, base)
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
