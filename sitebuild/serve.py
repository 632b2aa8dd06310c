"""``python build.py serve``: MkDocs' live-reloading server over the staged pages, re-staged on change.

The pages are generated into a side folder and then synchronised file by file
into the folder MkDocs watches, so only pages whose text changed are written
and MkDocs reloads the browser once per change.
"""

from __future__ import annotations

import dataclasses
import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.errors import InputError
from sitebuild.config import BuildConfig

log = logging.getLogger(__name__)
POLL_SECONDS = 0.3


def tree_state(*roots: Path) -> dict[str, float]:
    """Return the modification time of every file under the roots (what the watcher compares)."""
    state = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                state[str(path)] = path.stat().st_mtime_ns
    return state


def sync_tree(source: Path, target: Path) -> list[str]:
    """Make ``target`` equal to ``source``, writing only files whose bytes differ; return what changed."""
    changed = []
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for relative in sorted(wanted):
        data = (source / relative).read_bytes()
        destination = target / relative
        if not destination.exists() or destination.read_bytes() != data:
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            changed.append(relative.as_posix())
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            relative = path.relative_to(target)
            if path.is_file() and relative not in wanted:
                path.unlink()
                changed.append(relative.as_posix())
    return changed


def _restage(config: BuildConfig, work: BuildConfig, stage: Callable[[BuildConfig], Path]) -> None:
    try:
        stage(work)
    except InputError as error:
        for problem in error.problems:
            print(problem, flush=True)
        print("serve: keeping the previous pages until the problems are fixed", flush=True)
        return
    changed = sync_tree(work.staging_dir, config.staging_dir)
    if changed:
        print(f"serve: regenerated {len(changed)} file(s): {', '.join(changed[:5])}", flush=True)


def _watch(config: BuildConfig, work: BuildConfig, stage: Callable[[BuildConfig], Path]) -> None:
    roots = (config.stacks_dir, config.site_src)
    seen = tree_state(*roots)
    while True:
        time.sleep(POLL_SECONDS)
        now = tree_state(*roots)
        if now != seen:
            seen = now
            _restage(config, work, stage)


def serve_with_reload(config: BuildConfig, stage: Callable[[BuildConfig], Path], address: str) -> None:
    """Serve the staged site on ``address`` until interrupted, regenerating pages when sources change."""
    from mkdocs.commands.serve import serve

    mimetypes.add_type("application/wasm", ".wasm")
    mimetypes.add_type("text/javascript", ".mjs")
    work = dataclasses.replace(config, staging=config.staging_dir.parent / (config.staging_dir.name + "-next"))
    _restage(config, work, stage)
    threading.Thread(target=_watch, args=(config, work, stage), daemon=True).start()
    serve(config_file=str(config.staged_config), livereload=True, dev_addr=address, strict=False)
