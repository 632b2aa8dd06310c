"""Fixtures of the accessibility and phone-width tests: the real build (`python build.py`) behind the project's nginx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the session's built site with the project's nginx rules (its CSP included) and yield the base URL."""
    from tests.support.nginx import run_nginx

    with run_nginx(built_site) as url:
        yield url
