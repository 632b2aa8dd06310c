"""Entries of the build's caches in ``.cache/``: written atomically, one live entry per kind."""

from __future__ import annotations

import os
from pathlib import Path


def store(path: Path, data: bytes) -> None:
    """Write a cache entry atomically and drop its older siblings: only the latest inputs are asked for again.

    Parallel builds (the tests run two) may store the same entry at once; each writes its own
    temporary file and the rename is atomic, so a reader never sees half an entry.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"*{path.suffix}"):
        if old != path:
            old.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)
