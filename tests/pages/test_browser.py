"""In real Chromium: open a version page, find a variable with the site search, follow "Open in editor"."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import REPO_ROOT
from tests.pages.test_manifests_on_pages import needs_stacks
from tests.support.browser import OriginGuard
from tests.support.serve import serve_directory

pytestmark = pytest.mark.browser


def search_and_open_editor(page: Any, base: str, class_name: str, query: str, variable: str) -> None:
    """Search from a version page, follow a hit on the variable, then follow that page's "Open in editor"."""
    guard = OriginGuard(page, base)
    page.goto(f"{base}/stacks/{class_name}/", wait_until="networkidle")
    assert page.locator("h1").first.inner_text().rstrip("¶") == class_name
    search = page.locator("input.md-search__input")
    search.click()  # opens the search overlay, where the results are shown
    search.press_sequentially(query, delay=20)  # key by key, as a person types: Material searches on keyboard input
    # Every version with this variable matches; prefer the page we are on, else take the first hit.
    here = page.locator(f'a.md-search-result__link[href*="/stacks/{class_name}/?"][href$="#var-{variable}"]')
    anywhere = page.locator(f'a.md-search-result__link[href$="#var-{variable}"]')
    anywhere.first.wait_for(state="visible", timeout=15000)
    (here if here.count() else anywhere).first.click()
    page.wait_for_url(lambda url: "/stacks/" in url and url.endswith(f"#var-{variable}"))
    landed = urlparse(page.url).path.strip("/").split("/")[-1]
    assert page.locator(f"#var-{variable}").is_visible()
    page.get_by_role("link", name="Open in editor", exact=True).click()
    page.wait_for_url("**/editor/?stack=*")
    url = urlparse(page.url)
    assert (url.path, parse_qs(url.query)) == ("/editor/", {"stack": [landed]})
    assert guard.foreign == []


@pytest.mark.parametrize(
    ("query", "variable"),
    [
        pytest.param("controller_root_disk", "controller_root_disk", id="finds a variable by its name"),
        pytest.param("balancer", "apiserver_loadbalancer", id="finds a variable by a word of its description"),
    ],
)
def test_search_a_variable_then_open_the_editor_on_the_sample_site(sample_site: Path, page: Any, query: str, variable: str) -> None:
    with serve_directory(sample_site) as base:
        search_and_open_editor(page, base, "openstack-scs-1-32-v2", query, variable)


@pytest.mark.slow
@needs_stacks
def test_search_a_variable_then_open_the_editor_on_the_built_site(built_site: Path, page: Any) -> None:
    from generator import stacks

    versions = [v for v in stacks.load_stack_versions(REPO_ROOT / "stacks") if v.is_released and v.variables]
    version = versions[0]
    name = version.variables[-1]["name"]
    with serve_directory(built_site) as base:
        search_and_open_editor(page, base, version.class_name, name, name)
        # The editor itself (another part of the site) must load at that address.
        assert page.locator("[data-generator-state]").count() == 1
