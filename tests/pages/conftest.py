"""Fixtures for the page tests: the sample stacks' pages, staged and built with the real MkDocs in strict mode."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.model import Stack
from sitebuild import engine, pages, staging
from sitebuild.config import BuildConfig
from tests.conftest import REPO_ROOT
from tests.pages.samples import sample_stacks


GUIDES = ("getting-started.md", "writing-a-stack.md", "deploying.md", "cel.md")


def build_pages_site(stacks: list[Stack], root: Path) -> Path:
    """Stage the stack pages, the guides and a home page, build them with MkDocs in strict mode; return the site."""
    config = BuildConfig(repo_root=REPO_ROOT, stacks_dir=root / "stacks", out_dir=root / "site", staging=root / "staging")
    config.docs_dir.mkdir(parents=True)
    (config.docs_dir / "index.md").write_text("# Home\n\nSee the [stack catalog](stacks/index.md).\n", encoding="utf-8")
    if (config.site_src / "assets").is_dir():  # the theme's scripts, moved out of inline tags for the CSP
        shutil.copytree(config.site_src / "assets", config.docs_dir / "assets")
    (config.docs_dir / "guides").mkdir()
    for guide in GUIDES:
        shutil.copy(config.site_src / "guides" / guide, config.docs_dir / "guides" / guide)
    nav = pages.write_pages(stacks, config.docs_dir)
    site_config = staging.load_site_config(config)
    # Only this part's pages: the rest of the site (editor, other guides) is built and tested by its owners.
    site_config["nav"] = [{"Home": "index.md"}, {"Guides": [f"guides/{g}" for g in GUIDES]}, {"Stacks": "stacks/index.md"}]
    staged = staging.write_staged_config(config, site_config, {"Stacks": nav})
    engine.run_mkdocs(staged, config.out_dir)
    return config.out_dir


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the built site of the hand-made sample stacks (staged Markdown under ../staging/docs)."""
    return build_pages_site(sample_stacks(), tmp_path_factory.mktemp("pages"))
