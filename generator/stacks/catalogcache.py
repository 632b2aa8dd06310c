"""Keep the loaded stacks between builds: the same stacks folder (and tags) loads to the same stacks.

Loading renders every working version's charts (a tenth of a second or more for a real
repository), though a rebuild usually changes nothing in the stacks folder. The entry is keyed
by every file of the folder as the loader read it, the folder as the user named it (it
prefixes warnings), whether a stack is required, the release history's key when ``--history``
is on (see ``historycache``) and the generator's source, so a hit is exactly what loading would
give, warnings included. A load that fails is never kept. Loading layer: reads and writes files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.model import Stack, StackVersion
from generator.stacks.cachefiles import generator_digest, store_json


def cache_key(folders: dict[str, dict[str, str]], base: str, require: bool, history_key: str | None) -> str:
    """Return the key of one load: the folder's files, its name, ``require``, the history and the generator."""
    digest = generator_digest().copy()
    digest.update(f"{base}\0{require}\0{history_key or '-'}\0".encode())
    for folder in sorted(folders):
        for path in sorted(folders[folder]):
            digest.update(f"{folder}/{path}\0{folders[folder][path]}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> tuple[list[Stack], list[Problem]] | None:
    """Return the stacks and warnings of this key, or None (missing or unreadable entries are loaded again)."""
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        stacks = [
            Stack(s["provider"], s["name"], s["path"], s["readme"], tuple(StackVersion.from_dict(v) for v in s["versions"]))
            for s in data["stacks"]
        ]
        return stacks, [Problem.from_dict(w) for w in data["warnings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(cache_dir: Path, key: str, stacks: list[Stack], warnings: list[Problem]) -> None:
    """Write the entry atomically and drop older ones; skip what JSON would not give back unchanged."""
    data: dict[str, Any] = {
        "stacks": [
            {"provider": s.provider, "name": s.name, "path": s.path, "readme": s.readme, "versions": [v.to_dict() for v in s.versions]}
            for s in stacks
        ],
        "warnings": [w.to_dict() for w in warnings],
    }
    store_json(cache_dir / f"{key}.json", data)
