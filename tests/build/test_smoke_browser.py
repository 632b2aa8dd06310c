"""The built home page renders in real Chromium with the Material theme, and nothing leaves the origin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import OriginGuard
from tests.support.serve import serve_directory

pytestmark = pytest.mark.browser


def test_home_page_renders_with_material_and_stays_on_its_origin(built_site: Path, page: Any) -> None:
    with serve_directory(built_site) as base:
        guard = OriginGuard(page, base)
        page.goto(base + "/", wait_until="networkidle")
        assert page.locator("header.md-header").is_visible()
        assert page.locator("h1").first.inner_text().removesuffix("¶").strip() == "Cluster Stacks"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") in ("default", "slate")
        assert page.locator("nav.md-nav").first.is_visible()
        page.get_by_role("link", name="stack catalog").first.click()
        page.wait_for_url(base + "/stacks/")
        assert guard.foreign == []
