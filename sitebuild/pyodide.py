"""Bundle the pinned Pyodide runtime into the site, after checking it is exactly the one we pinned.

npm verifies the package tarball against package-lock.json when it installs;
this stage checks the installed files against ``pyodide.sha256`` (committed
beside this module), so a tampered or half-installed ``node_modules`` fails the
build instead of shipping.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from generator.errors import InputError, Problem

RUNTIME_FILES = (
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "pyodide.js",
    "pyodide.mjs",
    "pyodide-lock.json",
    "python_stdlib.zip",
)
HASHES_FILE = Path(__file__).with_name("pyodide.sha256")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_hashes() -> dict[str, str]:
    """Read the committed ``sha256  file`` lines."""
    hashes = {}
    for line in HASHES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split()
            hashes[name] = digest
    return hashes


def pinned_version(repo_root: Path) -> str:
    """Return the Pyodide version package-lock.json pins."""
    lock = json.loads((repo_root / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/pyodide"]["version"])


def verify_runtime(repo_root: Path) -> Path:
    """Check the installed runtime against the lock file and the committed hashes; return its folder."""
    package = repo_root / "node_modules" / "pyodide"
    if not (package / "package.json").exists():
        raise InputError([Problem(str(package), None, "Pyodide is not installed: run `npm ci` (make does it)")])
    installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    pinned = pinned_version(repo_root)
    problems = []
    if installed != pinned:
        problems.append(Problem(str(package / "package.json"), None, f"Pyodide {installed} installed, package-lock.json pins {pinned}: run `npm ci`"))
    for name, digest in sorted(expected_hashes().items()):
        path = package / name
        if not path.exists():
            problems.append(Problem(str(path), None, "missing from the installed Pyodide package"))
        elif _sha256(path) != digest:
            problems.append(Problem(str(path), None, f"sha256 differs from {HASHES_FILE.name}: the runtime is not the pinned one"))
    if problems:
        raise InputError(problems)
    return package


def runtime_dir_name() -> str:
    """Return the content-addressed folder name, so the runtime can be cached forever."""
    combined = "".join(f"{name}:{digest}\n" for name, digest in sorted(expected_hashes().items()))
    return "pyodide-" + hashlib.sha256(combined.encode()).hexdigest()[:12]


def copy_runtime(repo_root: Path, docs_dir: Path) -> str:
    """Copy the verified runtime into ``docs_dir/assets/`` and return its site-relative folder URL."""
    package = verify_runtime(repo_root)
    relative = f"assets/{runtime_dir_name()}/"
    target = docs_dir / relative
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(package / name, target / name)
    return relative


def write_hashes(repo_root: Path) -> None:
    """Record the installed runtime's hashes (run after deliberately upgrading Pyodide)."""
    package = repo_root / "node_modules" / "pyodide"
    lines = [f"{_sha256(package / name)}  {name}" for name in RUNTIME_FILES]
    HASHES_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
