"""Compile the editor's Python archive to the bytecode of the browser's interpreter, at build time.

Importing the generator from source made a cold boot in the browser compile every
module, about a third of a second on the benchmark machine, and the first request
after a warm boot paid the same for the modules it imports lazily. The build runs
the pinned Pyodide in Node (``editor/compile.mjs``) to compile the archive once,
so the bytecode always matches the runtime the site ships. The result is cached
in ``.cache/bytecode`` by the sources, the compiler and the runtime's version: a
build that changed no Python reuses it without starting Node.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path

from generator.errors import InputError, Problem
from sitebuild import buildcache

ORIGIN = "/lib/cs-editor.zip"  # where the worker writes the archive (editor/worker.js ARCHIVE_PATH)
TIMEOUT_S = 180  # Pyodide boots in Node in a few seconds; this only stops a hung process


def compiler_files(repo_root: Path) -> tuple[Path, Path, Path]:
    """Return the Node entry, the Python compiler it runs and the runtime's package.json (its version)."""
    return repo_root / "editor" / "compile.mjs", repo_root / "editor" / "python" / "compile_archive.py", repo_root / "node_modules" / "pyodide" / "package.json"


def cache_key(repo_root: Path, sources: bytes) -> str:
    """Return a digest of the archive's sources, the compiler and the runtime's version."""
    digest = hashlib.sha256(sources)
    for path in compiler_files(repo_root):
        digest.update(b"\0" + path.read_bytes())
    digest.update(ORIGIN.encode())
    return digest.hexdigest()


def compiled_archive(repo_root: Path, sources: bytes, cache_dir: Path | None = None) -> bytes:
    """Return the archive with every module compiled by the pinned Pyodide, from ``cache_dir`` when unchanged."""
    cached = cache_dir / f"{cache_key(repo_root, sources)}.zip" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    compiled = _run_compiler(repo_root, sources)
    if cached is not None:
        buildcache.store(cached, compiled)
    return compiled


def _run_compiler(repo_root: Path, sources: bytes) -> bytes:
    script, compiler, _ = compiler_files(repo_root)
    runtime = repo_root / "node_modules" / "pyodide"
    with tempfile.TemporaryDirectory(prefix="cs-bytecode-") as tmp:
        source_zip, target_zip = Path(tmp, "sources.zip"), Path(tmp, "compiled.zip")
        source_zip.write_bytes(sources)
        command = ["node", str(script), str(runtime), str(compiler), str(source_zip), str(target_zip), ORIGIN]
        try:
            result = subprocess.run(command, cwd=repo_root, capture_output=True, timeout=TIMEOUT_S, check=False)
        except FileNotFoundError:
            raise InputError([Problem(str(script), None, "node is not installed: compiling the editor's Python needs Node.js 18 or newer")]) from None
        if result.returncode != 0 or not target_zip.is_file():
            lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["the compiler wrote no archive"]
            raise InputError([_problem(compiler, line) for line in lines[-20:]])
        return target_zip.read_bytes()


def _problem(compiler: Path, line: str) -> Problem:
    """Turn the compiler's ``name:line: reason`` into a Problem at that archive path; anything else names the compiler."""
    name, _, rest = line.partition(":")
    number, _, reason = rest.partition(": ")
    if name.endswith(".py") and number.isdigit():
        return Problem(name, int(number), f"does not compile for the editor: {reason}")
    return Problem(str(compiler), None, f"compiling the editor's Python failed: {line}")
