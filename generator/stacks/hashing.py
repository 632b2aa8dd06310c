"""The content hash of an expanded stack version: what decides whether a release bumps ``vN``."""

from __future__ import annotations

import hashlib


def content_hash(files: dict[str, str]) -> str:
    """Return ``sha256:<hex>`` over every path and text, in path order.

    Callers hash the files expanded with a placeholder version, so the hash says whether
    the content changed, never which version it was given.
    """
    digest = hashlib.sha256()
    for path in sorted(files):
        # NUL cannot occur in text files, so no two different file sets hash the same stream.
        digest.update(path.encode("utf-8") + b"\0" + files[path].encode("utf-8") + b"\0")
    return f"sha256:{digest.hexdigest()}"
