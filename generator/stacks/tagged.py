"""What a repository's release tags release, per stack: plain data between the tag reader and the catalog.

Its own module so the catalog can take it without importing the tag reader, which builds on the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Problem
from generator.model import StackVersion


@dataclass(frozen=True)
class TaggedReleases:
    """What the tags say, per stack path (``provider/name``): stable releases and custom-channel versions."""

    released: dict[str, tuple[StackVersion, ...]]
    custom: dict[str, tuple[StackVersion, ...]]
    warnings: tuple[Problem, ...]
