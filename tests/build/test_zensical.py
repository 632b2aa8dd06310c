"""The staged pages build with Zensical too: no correctness depends on MkDocs plugins or hooks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.build.test_build import EXPECTED_PAGES

pytestmark = pytest.mark.slow


def test_zensical_builds_the_same_staged_pages(built_site: Path, tmp_path: Path) -> None:
    staged_config = built_site.parent / f".{built_site.name}.staging" / "mkdocs.yml"
    assert staged_config.is_file(), "the build leaves its staged pages and config beside the output"
    staging = tmp_path / "staging"
    shutil.copytree(staged_config.parent, staging)
    # Zensical wants its output inside the project folder (the config's folder).
    out = staging / "zensical-site"
    config = staging / "mkdocs.yml"
    config.write_text(config.read_text().replace(f"site_dir: {built_site}", "site_dir: zensical-site"))
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "-f", str(config)], cwd=staging, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    html_pages = [page for page in EXPECTED_PAGES if page.endswith(".html") and page != "404.html"]
    assert [page for page in html_pages if not (out / page).is_file()] == []
    assert "Cluster Stacks" in (out / "index.html").read_text()
