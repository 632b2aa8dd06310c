"""The editor's JavaScript bundles: esbuild in one Node process, cached by everything a bundle depends on."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Mapping
from pathlib import Path

from generator.errors import InputError, Problem
from sitebuild import buildcache

NPM_PACKAGES = ("esbuild", "@codemirror/state", "@codemirror/view", "@codemirror/language", "@codemirror/lang-yaml", "@codemirror/lint", "@codemirror/commands")


def check_node_modules(repo_root: Path) -> None:
    """Fail with one line per missing npm package, telling the user to run ``npm ci``."""
    missing = [name for name in NPM_PACKAGES if not (repo_root / "node_modules" / name / "package.json").exists()]
    if missing:
        raise InputError([Problem(str(repo_root / "node_modules" / name), None, f"npm package {name} is not installed: run `npm ci` (make does it)") for name in missing])


def bundle_inputs_key(repo_root: Path, entries: Mapping[Path, str]) -> str:
    """Return a digest of everything a bundle depends on: the entries and formats, the editor sources, the npm lock.

    node_modules is not read: ``npm ci`` installs exactly what the lock file names, so the lock stands in for it.
    """
    digest = hashlib.sha256()
    inputs = sorted({*(repo_root / "editor").rglob("*.*js"), *entries, repo_root / "package-lock.json"})
    for path in inputs:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update("\0".join(f"{form}:{entry}" for entry, form in entries.items()).encode())
    return digest.hexdigest()


def bundle_all(repo_root: Path, entries: Mapping[Path, str], cache_dir: Path | None = None) -> dict[Path, bytes]:
    """Bundle entries (entry → "esm" or "iife") with esbuild (minified, no source map, deterministic) in one Node process.

    A build whose editor sources and lock file are unchanged reuses the bundles of the previous one from
    ``cache_dir``: starting Node and esbuild is most of the editor stage's time.
    """
    cached = cache_dir / f"{bundle_inputs_key(repo_root, entries)}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        text = cached.read_text(encoding="utf-8")
    else:
        text = _run_bundler(repo_root, entries)
        if cached is not None:
            buildcache.store(cached, text.encode("utf-8"))
    bundled = json.loads(text)
    return {entry: bundled[str(entry)].encode("utf-8") for entry in entries}


def _run_bundler(repo_root: Path, entries: Mapping[Path, str]) -> str:
    script = repo_root / "editor" / "bundle.mjs"
    arguments = [f"{form}:{entry}" for entry, form in entries.items()]
    try:
        result = subprocess.run(["node", str(script), *arguments], cwd=repo_root, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise InputError([Problem(str(script), None, "node is not installed: the editor bundle needs Node.js 18 or newer")]) from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["esbuild failed"]
        where = str(next(iter(entries))) if len(entries) == 1 else str(script)
        raise InputError([Problem(where, None, f"bundling failed: {line}") for line in lines[:20]])
    return result.stdout.decode("utf-8")
