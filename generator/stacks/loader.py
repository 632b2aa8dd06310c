"""Load the stacks folder from disk: the file-reading entry points of ``generator.stacks``."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.errors import Problem
from generator.model import Stack, StackVersion
from generator.stacks.catalog import build_stacks
from generator.stacks.files import read_stacks
from generator.stacks.tags import TaggedReleases, tagged_releases


def print_warnings(warnings: list[Problem]) -> None:
    """Print each warning on stderr as ``warning: path:line: reason``; warnings never fail a run."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def load_tagged(stacks_dir: Path, cache_dir: Path | None = None) -> TaggedReleases:
    """Return what the release tags of the git repository around ``stacks_dir`` release (``--history``); raise InputError.

    With ``cache_dir`` (the build's), a history whose tags and generator are unchanged is not read or rendered again.
    """
    from generator.stacks import historycache
    from generator.stacks.gitrepo import GitRepository, read_trees  # runs git: only loaded when history is asked for

    base = str(stacks_dir)
    repository = GitRepository(Path(stacks_dir), base)
    tags = repository.release_tags()
    key = historycache.cache_key(tags, base) if cache_dir is not None else ""
    if cache_dir is not None and (cached := historycache.load(cache_dir, key)) is not None:
        return cached
    tagged = tagged_releases(read_trees(repository, tags), base)
    if cache_dir is not None:
        historycache.store(cache_dir, key, tagged)
    return tagged


def load_stacks(stacks_dir: Path, *, history: bool = False, cache_dir: Path | None = None) -> list[Stack]:
    """Return every stack under ``stacks_dir`` with all its versions, by provider and name; raise InputError.

    With ``history``, the release tags of the folder's git repository are released versions too
    (kept in ``cache_dir`` between runs when one is given).
    """
    warnings: list[Problem] = []
    stacks_dir = Path(stacks_dir)
    try:
        tagged = load_tagged(stacks_dir, cache_dir) if history else None
        # A folder that does not exist is the caller's to report (the build does); an existing one must hold a stack.
        return build_stacks(read_stacks(stacks_dir), str(stacks_dir), warnings, require=stacks_dir.is_dir(), tagged=tagged)
    finally:
        print_warnings(warnings)


def load_stack_versions(stacks_dir: Path, *, history: bool = False) -> list[StackVersion]:
    """Return every stack version under ``stacks_dir``, stack by stack; raise InputError."""
    return [version for stack in load_stacks(stacks_dir, history=history) for version in stack.versions]
