"""Load the stacks folder from disk: the file-reading entry points of ``generator.stacks``."""

from __future__ import annotations

from pathlib import Path

from generator.model import Stack, StackVersion
from generator.stacks.catalog import build_stacks
from generator.stacks.files import read_stacks


def load_stacks(stacks_dir: Path) -> list[Stack]:
    """Return every stack under ``stacks_dir`` with all its versions, by provider and name; raise InputError."""
    return build_stacks(read_stacks(Path(stacks_dir)), str(stacks_dir))


def load_stack_versions(stacks_dir: Path) -> list[StackVersion]:
    """Return every stack version under ``stacks_dir``, stack by stack; raise InputError."""
    return [version for stack in load_stacks(stacks_dir) for version in stack.versions]
