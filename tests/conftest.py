"""Fixtures shared by every test: the repository, ../shared, a built site, a browser."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Tools installed into the venv (zensical, a kubectl from its wheel on machines without one) come first.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """Return the repository's root folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Return ../shared (or $SHARED_DIR): the real CRDs live there."""
    return Path(os.environ.get("SHARED_DIR", REPO_ROOT.parent / "shared"))


def run_build(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``python build.py ARGS`` as a user would and capture its output."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site from this repository's stacks once per test session and return its folder."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_build("--out", str(out))
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Yield a headless system Chromium driven by Playwright, shared by the session."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium: Any) -> Iterator[Any]:
    """Yield a fresh page in its own browser context."""
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()
