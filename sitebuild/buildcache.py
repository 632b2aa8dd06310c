"""Entries of the build's caches in ``.cache/``: written atomically, one live entry per kind.

The writer and the generator's code digest are the loading layer's (``generator.stacks.cachefiles``),
so every cache of the build follows the same rules.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.stacks.cachefiles import generator_digest, store

__all__ = ["source_digest", "store"]


def source_digest(*extra: Path) -> "hashlib._Hash":
    """Return a sha256 fed with the generator's source and the ``extra`` files: a change to the code is a miss.

    Callers go on feeding it their inputs; keying by the code means a cached entry is exactly
    what running the code again would give.
    """
    digest = generator_digest().copy()
    for path in extra:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest
