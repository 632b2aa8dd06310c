"""Entries of the build's caches in ``.cache/``: written atomically, one live entry per kind."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

GENERATOR_DIR = Path(__file__).resolve().parent.parent / "generator"


def source_digest(*extra: Path) -> "hashlib._Hash":
    """Return a sha256 fed with the generator's source and the ``extra`` files: a change to the code is a miss.

    Callers go on feeding it their inputs; keying by the code means a cached entry is exactly
    what running the code again would give.
    """
    digest = hashlib.sha256()
    for path in sorted(GENERATOR_DIR.rglob("*.py")):
        digest.update(path.relative_to(GENERATOR_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    for path in extra:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest


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
