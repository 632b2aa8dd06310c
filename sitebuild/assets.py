"""Hashed assets: everything the editor page loads gets a content-addressed name, so a server may cache it forever.

Only the page itself and ``sw.js`` keep fixed names; :class:`EditorAssets`
lists the hashed URLs the page and the service worker refer to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

ASSETS = "assets/editor"  # docs-relative folder of every hashed editor asset


@dataclass(frozen=True)
class EditorAssets:
    """The site-relative URLs of the editor's hashed assets (what the page and the service worker list)."""

    script: str
    codemirror: str  # the YAML editor widget, a separate bundle the page imports after the form renders
    style: str
    worker: str
    archive: str
    runtime: str
    data: dict[str, str]  # class name → data file

    def all_urls(self) -> list[str]:
        """Return every asset URL the service worker precaches, sorted."""
        runtime = [self.runtime + name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip")]
        return sorted([self.script, self.codemirror, self.style, self.worker, self.archive, *self.data.values(), *runtime])


def content_name(stem: str, data: bytes, suffix: str) -> str:
    """Return ``stem-<hash>suffix`` with the first 12 hex digits of the content's sha256."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def write_hashed(docs_dir: Path, stem: str, data: bytes, suffix: str, folder: str = ASSETS) -> str:
    """Write ``data`` under its content name into ``folder`` of the docs (the editor's asset folder unless told); return its docs-relative URL."""
    relative = f"{folder}/{content_name(stem, data, suffix)}"
    target = docs_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative
