"""After a visit, the site's pages open offline: the service worker keeps each visited page and the theme's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import SERVICE_WORKER_ANSWERS, wait_until_kept_offline

pytestmark = [pytest.mark.browser, pytest.mark.nginx]


def _version_page(site: Path) -> str:
    pages = sorted(path.parent for path in site.glob("stacks/*-v*/index.html"))
    assert pages, "the built site has no stack version page"
    return "/" + pages[0].relative_to(site).as_posix() + "/"


def _looks_whole(page: Any) -> dict[str, Any]:
    """Return what shows that the page and its own assets loaded: title, styles applied, theme script ran."""
    return page.evaluate(
        """() => ({
          h1: document.querySelector("h1") !== null,
          styled: getComputedStyle(document.querySelector("header.md-header")).position !== "static",
          sheets: [...document.styleSheets].every((sheet) => sheet.cssRules.length > 0),
          themeRan: typeof window.document$ !== "undefined",
        })"""
    )


WHOLE = {"h1": True, "styled": True, "sheets": True, "themeRan": True}


def test_visited_pages_open_offline_with_their_assets(page: Any, nginx_url: str, built_site: Path) -> None:
    visited = ["/", "/stacks/", _version_page(built_site)]
    page.add_init_script(SERVICE_WORKER_ANSWERS)
    for path in visited:
        page.goto(nginx_url + path)
        answer = wait_until_kept_offline(page, nginx_url + path)
        assert answer["missing"] == [], answer
    # Requests the next navigation cancels (net::ERR_ABORTED, e.g. the search worker of a page left at once)
    # are the test's doing; any other failure is something the offline page lacks.
    failed: list[str] = []
    page.on("requestfailed", lambda request: None if request.failure == "net::ERR_ABORTED" else failed.append(f"{request.url}: {request.failure}"))
    page.context.set_offline(True)
    try:
        for path in visited:
            response = page.goto(nginx_url + path)
            assert response is not None and response.status == 200, path
            assert _looks_whole(page) == WHOLE, path
            page.reload()
            assert _looks_whole(page) == WHOLE, path
        # The theme's search (its worker and the index) works from the cache too.
        page.locator("input[data-md-component=search-query]").press_sequentially("stack", delay=20)  # Material reads keyups
        page.wait_for_selector(".md-search-result__meta >> text=/[0-9]+ matching document/", timeout=15_000)
        assert failed == []
        # Offline is real: a page never visited is not there.
        with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
            page.goto(nginx_url + "/guides/deploying/")
    finally:
        page.context.set_offline(False)


def test_a_docs_visit_does_not_download_the_editor(page: Any, nginx_url: str) -> None:
    # The editor's runtime is megabytes: a reader of the docs never fetches it.
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.add_init_script(SERVICE_WORKER_ANSWERS)
    page.goto(nginx_url + "/")
    wait_until_kept_offline(page, nginx_url + "/")
    assert [url for url in requested if "/assets/pyodide-" in url or "/assets/editor/" in url] == []


def test_a_visited_comparison_opens_offline(page: Any, nginx_url: str) -> None:
    # The compare page and the fragment file of the version compared from are kept like any page.
    path = "/compare/?from=openstack-scs-1-32-v1&to=openstack-scs-1-34-v1"
    page.add_init_script(SERVICE_WORKER_ANSWERS)
    page.goto(nginx_url + path)
    page.wait_for_selector("#cs-compare[data-compare-state=ready] .cs-compare-result h2")
    answer = wait_until_kept_offline(page, nginx_url + "/compare/")  # a page is kept by its path; the pair is in the query
    assert answer["missing"] == [], answer
    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector("#cs-compare[data-compare-state=ready] .cs-compare-result h2")
        assert page.locator(".cs-compare-result h2").inner_text() == "openstack-scs-1-32-v1 → openstack-scs-1-34-v1"
    finally:
        page.context.set_offline(False)
