"""Entries of the build's caches (``.cache/``): one writer and one code digest for every kind of entry.

Every cache is keyed by its inputs and by the generator's own source (a change to the code is a
miss, so a hit is exactly what running the code again would give), keeps one live entry per kind
(only the latest inputs are asked for again), and is written atomically: parallel builds (the tests
run two) may store the same entry at once; each writes its own temporary file and the rename is
atomic, so a reader never sees half an entry. Loading layer: reads and writes files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

GENERATOR_ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def generator_digest() -> "hashlib._Hash":
    """Return a sha256 fed with the generator's source (read once per process); callers ``copy()`` it."""
    digest = hashlib.sha256()
    for path in sorted(GENERATOR_ROOT.rglob("*.py")):
        digest.update(path.relative_to(GENERATOR_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest


def store(path: Path, data: bytes) -> None:
    """Write a cache entry atomically and drop its older siblings (the files of its folder with its suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(f"*{path.suffix}"):
        if old != path:
            old.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


def store_json(path: Path, data: Any) -> None:
    """Store ``data`` as JSON, keys in their own order, unless JSON would not give it back unchanged.

    Keys are never sorted: a ClusterClass's properties are shown as the stack wrote them, so an
    entry must give back that order (a sorted one made cold and warm builds differ). A value JSON
    cannot hold (a YAML date) or would change (integer map keys, tuples) is not stored: a hit
    must be exactly what computing it again gives, so such an input is computed every time.
    """
    try:
        text = json.dumps(data)
    except (TypeError, ValueError):
        return
    if json.loads(text) != data:
        return
    store(path, text.encode("utf-8"))
