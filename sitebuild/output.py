"""Replace the output folder in one step, so a failed build leaves the previous site untouched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def new_output_dir(out_dir: Path) -> Path:
    """Return a fresh, empty sibling folder to build into."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.new-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    return tmp


def replace_output(built: Path, out_dir: Path) -> None:
    """Swap the freshly built folder in for the old output with renames, then delete the old one."""
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(built, out_dir)
    if old.exists():
        shutil.rmtree(old)


def discard(path: Path) -> None:
    """Remove a half-built folder after a failure."""
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)
