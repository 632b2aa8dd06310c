"""Stage the editor: its page, per-version data, the Python archive, the JS bundles and the service worker.

This module only orchestrates the editor's stages, each in its own module:
hashed assets (``assets``), the Python archive (``archive``, compiled by
``bytecode``), the esbuild bundles (``bundles``), per-version data
(``versiondata``), the page (``editorpage``) and the service worker
(``serviceworker``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from generator.model import Stack
from generator.stacks.renames import read_renames
from sitebuild import bytecode
from sitebuild.archive import python_archive
from sitebuild.assets import EditorAssets, write_hashed
from sitebuild.bundles import bundle_all, check_node_modules
from sitebuild.editorpage import PAGE, page_markdown
from sitebuild.serviceworker import SERVICE_WORKER, service_worker
from sitebuild.staging import write_page
from sitebuild.versiondata import Defaults, get_version_defaults, grouped_versions, write_version_data

log = logging.getLogger(__name__)


def write_editor(
    stacks: list[Stack],
    docs_dir: Path,
    runtime_url: str,
    repo_root: Path,
    cache_dir: Path | None = None,
    topology: dict[str, Any] | None = None,
    stacks_dir: Path | None = None,
    defaults: Defaults | None = None,
) -> str:
    """Stage the editor page and all its assets; return its navigation entry.

    ``topology`` maps class names to ``sitebuild.topology.version_topologies`` entries for the
    third output; without one the editor says the version's topology is not available.

    ``cache_dir`` (the build's ``.cache``) keeps the JS bundles (``esbuild/``) and the compiled
    Python archive (``bytecode/``) between builds. ``stacks_dir`` is where the stacks' sources
    are, for their ``renames.yaml`` (none without it); ``defaults`` are the build's default manifests.
    """
    defaults = defaults if defaults is not None else get_version_defaults(stacks)
    check_node_modules(repo_root)
    groups = grouped_versions(stacks)
    stack_renames = {stack.path: read_renames(stacks_dir / stack.path) if stacks_dir else [] for stack in stacks}
    renames = {version.class_name: stack_renames[stack.path] for stack in stacks for version in stack.versions}
    data_urls, first = write_version_data(groups, defaults, docs_dir, topology, renames)
    source = repo_root / "editor"
    main, codemirror, worker = source / "src" / "main.js", source / "src" / "yaml-editor.js", source / "worker.js"
    # The page script is classic, not a module: it then runs as the parser reaches it, so the form is in the
    # first paint instead of waiting behind the theme's script (modules run only after the whole page).
    bundles = bundle_all(repo_root, {main: "iife", codemirror: "esm", worker: "esm"}, cache_dir / "esbuild" if cache_dir else None)
    archive = bytecode.compiled_archive(repo_root, python_archive(repo_root), cache_dir / "bytecode" if cache_dir else None)
    assets = EditorAssets(
        script=write_hashed(docs_dir, "editor", bundles[main], ".js"),
        codemirror=write_hashed(docs_dir, "codemirror", bundles[codemirror], ".js"),
        style=write_hashed(docs_dir, "editor", (source / "editor.css").read_bytes(), ".css"),
        worker=write_hashed(docs_dir, "worker", bundles[worker], ".js"),
        archive=write_hashed(docs_dir, "generator", archive, ".zip"),
        runtime=runtime_url,
        data=data_urls,
    )
    write_page(docs_dir, PAGE, page_markdown(groups, assets, first, cache_dir / "jinja" if cache_dir else None))
    (docs_dir / SERVICE_WORKER).write_bytes(service_worker(repo_root, assets))
    log.info("editor: %d versions, %d assets", len(data_urls), len(assets.all_urls()))
    return PAGE

