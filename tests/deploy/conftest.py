"""Fixtures of the deployment tests: the freshly built site served by the real nginx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.nginx import run_nginx


@pytest.fixture(scope="session")
def nginx_url(built_site: Path) -> Iterator[str]:
    """Serve the session's built site with the project's nginx rules and yield its base URL."""
    with run_nginx(built_site) as url:
        yield url
