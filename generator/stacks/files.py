"""Read stack folders from disk: the only module of ``generator.stacks`` that touches files.

Everything else takes the ``{relative path: text}`` dictionaries this returns, so that the
same expansion can run where there is no file system (the browser).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

logger = logging.getLogger(__name__)

# A folder <provider>/<name>/ is a stack when it holds one of these, or per-minor folders (1-XX/) holding them.
_STACK_MARKERS = ("csctl.yaml", "versions.yaml", "cluster-class", "cluster-addon", "stack.yaml")
_MINOR_FOLDER = re.compile(r"^[1-9][0-9]*-(0|[1-9][0-9]*)$")


def _is_stack(folder: Path) -> bool:
    if any((folder / marker).exists() for marker in _STACK_MARKERS):
        return True
    minors = (sub for sub in folder.iterdir() if sub.is_dir() and _MINOR_FOLDER.match(sub.name))
    return any((minor / marker).exists() for minor in minors for marker in _STACK_MARKERS)


def find_stack_folders(stacks_dir: Path) -> list[str]:
    """Return the ``provider/name`` folders under ``stacks_dir`` that look like stacks, sorted."""
    found = []
    if not stacks_dir.is_dir():
        return found
    for provider in sorted(p for p in stacks_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for stack in sorted(s for s in provider.iterdir() if s.is_dir() and not s.name.startswith(".")):
            if _is_stack(stack):
                found.append(f"{provider.name}/{stack.name}")
    return found


def read_stack_folder(folder: Path) -> dict[str, str]:
    """Read every text file under ``folder`` into ``{POSIX path relative to folder: text}``.

    Binary files (vendored chart archives under ``charts/``) are skipped: expansion works
    on sources only and never needs them.
    """
    files: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            logger.debug("skipping binary file %s", path)
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            logger.debug("skipping non-UTF-8 file %s", path)
            continue
        files[path.relative_to(folder).as_posix()] = text
    return files


def read_stacks(stacks_dir: Path) -> dict[str, dict[str, str]]:
    """Read every stack folder under ``stacks_dir`` into ``{"provider/name": {path: text}}``."""
    return {name: read_stack_folder(stacks_dir / name) for name in find_stack_folders(stacks_dir)}
