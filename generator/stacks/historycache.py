"""Keep what the release tags release between builds: tags never change what they point at.

The entry is keyed by every release tag (name, commit, tree of the stacks folder, date),
the folder as the user named it (it prefixes warnings) and the generator's own source
(a change to rendering renders again), so a hit is exactly what rendering would give.
Only ``build.py`` passes a cache folder (``.cache/history/``, safe to delete); the CLI
renders every time. Loading layer: reads and writes files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.model import StackVersion
from generator.stacks.cachefiles import generator_digest, store_json
from generator.stacks.tags import ReleaseTag, TaggedReleases


def cache_key(tags: list[ReleaseTag], base: str) -> str:
    """Return the key of one history: the tags, the folder's name and the generator's source."""
    digest = hashlib.sha256()
    for tag in sorted(tags, key=lambda t: t.name):
        digest.update(f"{tag.name}\0{tag.commit}\0{tag.tree}\0{tag.date}\n".encode())
    digest.update(base.encode() + b"\0")
    digest.update(generator_digest().hexdigest().encode())
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> TaggedReleases | None:
    """Return the cached releases of this key, or None (missing or unreadable entries are rendered again)."""
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        return TaggedReleases(
            {path: tuple(StackVersion.from_dict(v) for v in versions) for path, versions in data["released"].items()},
            {path: tuple(StackVersion.from_dict(v) for v in versions) for path, versions in data["custom"].items()},
            tuple(Problem.from_dict(w) for w in data["warnings"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(cache_dir: Path, key: str, tagged: TaggedReleases) -> None:
    """Write the entry atomically and drop older ones: only the latest history is asked for again."""
    data: dict[str, Any] = {
        "released": {path: [v.to_dict() for v in versions] for path, versions in tagged.released.items()},
        "custom": {path: [v.to_dict() for v in versions] for path, versions in tagged.custom.items()},
        "warnings": [w.to_dict() for w in tagged.warnings],
    }
    store_json(cache_dir / f"{key}.json", data)
