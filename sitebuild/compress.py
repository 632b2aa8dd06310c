"""Write a gzip copy beside every compressible file of the built site, byte-identical across builds.

nginx's ``gzip_static`` (deploy/nginx/http.conf) serves ``NAME.gz`` to clients
that accept gzip, so the server never compresses at request time and the
Pyodide runtime (about 10 MB of WebAssembly and a stored zip of the standard
library) travels at a fraction of its size. Only gzip is written: the nginx
builds the project deploys with (Debian's, the unprivileged image) have no
Brotli module, and a ``.br`` nobody serves would only grow the image.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

# Text formats, plus the Pyodide runtime's binaries that compress well.
COMPRESSIBLE_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".map", ".svg", ".xml", ".txt", ".webmanifest", ".wasm", ".zip"})
MIN_SIZE = 512  # below this the gzip header outweighs the saving
MAX_RATIO = 0.9  # keep a copy only if it saves at least a tenth; already-deflated zips do not
COMPRESS_LEVEL = 9


def gzip_bytes(data: bytes) -> bytes:
    """Compress ``data`` deterministically: no file name, modification time 0, level 9."""
    buffer = io.BytesIO()
    # filename="" and mtime=0 keep the header free of anything that differs between builds.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=COMPRESS_LEVEL, mtime=0) as stream:
        stream.write(data)
    return buffer.getvalue()


def should_compress(path: Path) -> bool:
    """Say whether a site file is worth a precompressed copy by its kind and size."""
    return path.suffix.lower() in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE


class GzipCache:
    """Compressed copies by the sha256 of their content, so an unchanged file (the 10 MB runtime) is packed once.

    gzip output depends only on the input bytes here, so a cached copy is
    exactly what compressing again would give: builds stay byte-identical.
    Entries a build did not use are removed afterwards, which keeps the cache
    the size of one site.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        folder.mkdir(parents=True, exist_ok=True)

    def packed(self, data: bytes) -> bytes:
        """Return gzip_bytes(data), from the cache when this content was packed before."""
        key = hashlib.sha256(data).hexdigest()
        self.used.add(key)
        entry = self.folder / f"{key}.gz"
        try:
            return entry.read_bytes()
        except FileNotFoundError:  # not packed yet, or pruned by a build running in parallel
            pass
        packed = gzip_bytes(data)
        partial = entry.with_name(f"{key}.{os.getpid()}.tmp")
        partial.write_bytes(packed)
        os.replace(partial, entry)  # atomic: parallel builds never read a half-written entry
        return packed

    def prune(self) -> None:
        """Remove entries this build did not use."""
        for entry in self.folder.glob("*.gz"):
            if entry.name[: -len(".gz")] not in self.used:
                entry.unlink(missing_ok=True)


def _compress_one(path: Path, cache: GzipCache | None) -> Path | None:
    data = path.read_bytes()
    packed = cache.packed(data) if cache else gzip_bytes(data)
    if len(packed) > len(data) * MAX_RATIO:
        return None
    target = path.with_name(path.name + ".gz")
    target.write_bytes(packed)
    return target


def precompress(site_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write ``NAME.gz`` beside every compressible file under ``site_dir``; return the copies written, sorted."""
    candidates = sorted(path for path in site_dir.rglob("*") if path.is_file() and should_compress(path))
    cache = GzipCache(cache_dir) if cache_dir else None
    # zlib releases the GIL, so threads spread the runtime's large files over the cores.
    with ThreadPoolExecutor() as pool:
        written = sorted(target for target in pool.map(lambda path: _compress_one(path, cache), candidates) if target is not None)
    if cache:
        cache.prune()
    log.info("precompressed %d of %d files", len(written), len(candidates))
    return written
