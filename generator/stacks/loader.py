"""Load the stacks folder from disk: the file-reading entry points of ``generator.stacks``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem
from generator.model import Stack, StackVersion
from generator.stacks import catalogcache, historycache
from generator.stacks.catalog import build_stacks
from generator.stacks.files import read_stacks
from generator.stacks.tags import ReleaseTag, TaggedReleases, tagged_releases

if TYPE_CHECKING:
    from generator.stacks.gitrepo import GitRepository


def print_warnings(warnings: list[Problem]) -> None:
    """Print each warning on stderr as ``warning: path:line: reason``; warnings never fail a run."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _release_tags(stacks_dir: Path) -> tuple[GitRepository, list[ReleaseTag]]:
    """Return the git repository around ``stacks_dir`` and its release tags; raise InputError."""
    from generator.stacks.gitrepo import GitRepository  # runs git: only loaded when history is asked for

    repository = GitRepository(Path(stacks_dir), str(stacks_dir))
    return repository, repository.release_tags()


def load_tagged(
    stacks_dir: Path, cache_dir: Path | None = None, found: tuple[GitRepository, list[ReleaseTag]] | None = None
) -> TaggedReleases:
    """Return what the release tags of the git repository around ``stacks_dir`` release (``--history``); raise InputError.

    With ``cache_dir`` (the build's history cache), a history whose tags and generator are
    unchanged is not read or rendered again. ``found`` is the repository and tags when the
    caller has listed them already.
    """
    from generator.stacks.gitrepo import read_trees

    base = str(stacks_dir)
    repository, tags = found if found is not None else _release_tags(stacks_dir)
    key = historycache.cache_key(tags, base) if cache_dir is not None else ""
    if cache_dir is not None and (cached := historycache.load(cache_dir, key)) is not None:
        return cached
    tagged = tagged_releases(read_trees(repository, tags), base)
    if cache_dir is not None:
        historycache.store(cache_dir, key, tagged)
    return tagged


def load_stacks(stacks_dir: Path, *, history: bool = False, cache_dir: Path | None = None) -> list[Stack]:
    """Return every stack under ``stacks_dir`` with all its versions, by provider and name; raise InputError.

    With ``history``, the release tags of the folder's git repository are released versions too.
    With ``cache_dir`` (the build's cache folder), an unchanged folder and history are not loaded
    again (``stacks/``, see ``catalogcache``) and an unchanged history is not read again (``history/``).
    """
    warnings: list[Problem] = []
    stacks_dir = Path(stacks_dir)
    base = str(stacks_dir)
    # A folder that does not exist is the caller's to report (the build does); an existing one must hold a stack.
    require = stacks_dir.is_dir()
    try:
        found = _release_tags(stacks_dir) if history else None
        folders = read_stacks(stacks_dir)
        key = None
        if cache_dir is not None:
            history_key = historycache.cache_key(found[1], base) if found is not None else None
            key = catalogcache.cache_key(folders, base, require, history_key)
            if (cached := catalogcache.load(cache_dir / "stacks", key)) is not None:
                stacks, cached_warnings = cached
                warnings.extend(cached_warnings)
                return stacks
        history_dir = cache_dir / "history" if cache_dir is not None else None
        tagged = load_tagged(stacks_dir, history_dir, found) if found is not None else None
        stacks = build_stacks(folders, base, warnings, require=require, tagged=tagged)
        if cache_dir is not None and key is not None:  # key is set exactly when cache_dir is
            catalogcache.store(cache_dir / "stacks", key, stacks, warnings)
        return stacks
    finally:
        print_warnings(warnings)


def load_stack_versions(stacks_dir: Path, *, history: bool = False) -> list[StackVersion]:
    """Return every stack version under ``stacks_dir``, stack by stack; raise InputError."""
    return [version for stack in load_stacks(stacks_dir, history=history) for version in stack.versions]
