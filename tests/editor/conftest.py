"""Fixtures of the editor's tests: a site built with the editor stage from hand-built versions, served by the real nginx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitebuild import editor, engine, pyodide, staging
from sitebuild.config import BuildConfig
from tests.editor import stackdata

# What the hand-built openstack stack declares: node_cidr of openstack-scs-1-31-v1 is ssh_keypair later, one value mapped.
RENAMES_YAML = "- from: node_cidr\n  to: ssh_keypair\n  values:\n    10.9.0.0/20: mapped-key\n"


def build_editor_site(repo_root: Path, out: Path) -> Path:
    """Run the real build stages (staging, Pyodide runtime, editor stage, MkDocs) on the hand-built stacks."""
    stacks_dir = out.parent / "stacks"
    stacks_dir.mkdir(parents=True, exist_ok=True)
    # The openstack stack declares a rename (the hand-built versions have no source folders otherwise).
    (stacks_dir / "openstack" / "scs").mkdir(parents=True, exist_ok=True)
    (stacks_dir / "openstack" / "scs" / "renames.yaml").write_text(RENAMES_YAML, encoding="utf-8")
    config = BuildConfig(repo_root=repo_root, stacks_dir=stacks_dir, out_dir=out)
    site_config = staging.load_site_config(config)
    staging.reset_staging(config)
    runtime_url = pyodide.copy_runtime(config.repo_root, config.docs_dir)
    staging.write_page(config.docs_dir, "stacks/index.md", "# Stack catalog\n")
    sections = {"Editor": editor.write_editor(stackdata.stacks(), config.docs_dir, runtime_url, repo_root, cache_dir=config.cache_dir, stacks_dir=stacks_dir)}
    staged = staging.write_staged_config(config, site_config, sections)
    engine.run_mkdocs(staged, out)
    return out


@pytest.fixture(scope="session")
def editor_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per session with the editor for the versions in ``stackdata``."""
    return build_editor_site(repo_root, tmp_path_factory.mktemp("editor") / "site")


@pytest.fixture(scope="session")
def site_url(editor_site: Path) -> Iterator[str]:
    """Serve the editor site with the project's nginx rules (CSP included) and yield its base URL."""
    from tests.support.nginx import run_nginx

    with run_nginx(editor_site) as url:
        yield url


@pytest.fixture()
def context(chromium: Any) -> Iterator[Any]:
    """Yield a fresh browser context that may use the clipboard and records CSP violations."""
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    yield context
    context.close()


@pytest.fixture()
def editor_page(context: Any) -> Iterator[Any]:
    """Yield a page of that context."""
    page = context.new_page()
    yield page
