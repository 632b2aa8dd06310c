"""Released versions from git tags: ``<provider>-<stack>-<major>-<minor>-v<N>`` is a release.

Pure: the loading layer (``generator.stacks.gitrepo``) reads the tags and, per commit, the
stacks folder's files; this module turns them into released stack versions. Each tag's
content is the stack as of the tag's commit, read in whatever layout the repository had
then, rendered for the tag's Kubernetes minor and named as the tag says; its release date is
the date of the tag's commit. Hash-mode tags (``…-v0-sha-<hash>``, csctl's hash mode) are
custom-channel versions. A tag that names no stack or minor at its commit, or whose content
does not render, is a warning: history cannot be fixed, so it never fails a build.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.model import CHANNEL_CUSTOM, StackVersion
from generator.stacks.catalog import WorkingVersion, read_sources, render_working_version
from generator.stacks.expand import version_hash
from generator.stacks.tagged import TaggedReleases

# The minor and version are matched from the end, so stack names may hold dashes (hetzner-baremetal).
TAG = re.compile(r"^(?P<prefix>[a-z0-9][a-z0-9-]*?)-(?P<major>[1-9][0-9]*)-(?P<minor>0|[1-9][0-9]*)-(?P<version>v[1-9][0-9]*|v0-sha-[0-9a-z]+)$")


@dataclass(frozen=True)
class ReleaseTag:
    """One git tag that names a release, with what the loading layer found at its commit."""

    name: str
    commit: str
    date: str  # ISO date of the tag's commit, YYYY-MM-DD
    tree: str | None  # the git tree of the stacks folder at the commit; None when the folder did not exist


@dataclass(frozen=True)
class History:
    """Every release tag and, per tree, the stacks folder as ``read_stacks`` gives it (each tree read once)."""

    tags: tuple[ReleaseTag, ...]
    trees: dict[str, dict[str, dict[str, str]]] = field(repr=False)


def is_release_tag(name: str) -> bool:
    """Say whether a tag is named like a release (stable or hash mode)."""
    return TAG.match(name) is not None


def tagged_releases(history: History, base: str) -> TaggedReleases:
    """Render every release tag as of its commit; collect what does not match as warnings."""
    released: dict[str, list[StackVersion]] = {}
    custom: dict[str, list[StackVersion]] = {}
    warnings: list[Problem] = []
    parsed: dict[str, tuple[list, list[Problem]]] = {}  # tree -> sources and problems, each tree parsed once
    for tag in sorted(history.tags, key=lambda t: t.name):
        match = TAG.match(tag.name)
        if match is None:
            continue
        where = f"{base}@{tag.name}"
        if tag.tree is None:
            warnings.append(Problem(where, None, f"tag {tag.name}: the stacks folder does not exist at commit {tag.commit[:12]}, ignored"))
            continue
        if tag.tree not in parsed:
            # Problems of a tree name the commit first read: the same files, whichever tag points there.
            parsed[tag.tree] = read_sources(history.trees[tag.tree], f"{base}@{tag.commit[:12]}", require=False)
        sources, problems = parsed[tag.tree]
        minor = f"{match.group('major')}.{match.group('minor')}"
        version = match.group("version")
        found = [
            (source, entry)
            for source, _ in sources
            if f"{source.provider}-{source.name}" == match.group("prefix")
            for entry in source.entries
            if entry.minor == minor
        ]
        folders = [path for path in history.trees[tag.tree] if path.replace("/", "-", 1) == match.group("prefix")]
        unreadable = [p for p in problems if any(f"/{folder}/" in f"{p.path}/" for folder in folders)]
        if not found and unreadable:
            warnings.extend(Problem(p.path, p.line, f"tag {tag.name} ignored: {p.reason}") for p in unreadable)
            continue
        if not found:
            warnings.append(Problem(where, None, f"tag {tag.name}: no stack {match.group('prefix')} for Kubernetes {minor} at commit {tag.commit[:12]}, ignored"))
            continue
        source, entry = found[0]
        working = WorkingVersion(source, entry, version_hash(source, entry), version, None)
        rendered, problems = render_working_version(working, released=tag.date)
        if rendered is None:
            warnings.extend(Problem(p.path, p.line, f"tag {tag.name} ignored: {p.reason}") for p in problems)
            continue
        if version.startswith("v0-sha-"):
            custom.setdefault(source.path, []).append(_with_channel(rendered, CHANNEL_CUSTOM))
        else:
            released.setdefault(source.path, []).append(rendered)
    return TaggedReleases(
        {path: tuple(versions) for path, versions in sorted(released.items())},
        {path: tuple(versions) for path, versions in sorted(custom.items())},
        tuple(sorted(set(warnings))),
    )


def _with_channel(version: StackVersion, channel: str) -> StackVersion:
    return dataclasses.replace(version, channel=channel)
