"""The site works under the Content-Security-Policy nginx sends: no inline script or style in the
built pages, and real Chromium reports no violation while the pages and the editor run."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import OriginGuard

# Records every violation the page sees, before any of its own scripts run.
VIOLATION_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`);
});
"""
EDITOR_READY_TIMEOUT_MS = 120_000  # Pyodide's first start on a slow CI machine


class _InlineFinder(HTMLParser):
    """Collect what a CSP without 'unsafe-inline' would block: inline scripts, styles, handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self._in_inline_script = True
        if tag == "style":
            self.found.append("<style> element")
        if "style" in names:
            self.found.append(f"style attribute on <{tag}>")
        self.found.extend(f"{name} handler on <{tag}>" for name in names if name.startswith("on"))
        if any((value or "").strip().lower().startswith("javascript:") for value in names.values()):
            self.found.append(f"javascript: URL on <{tag}>")

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def inline_code(html: str) -> list[str]:
    """Return what in an HTML page needs 'unsafe-inline'."""
    finder = _InlineFinder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<script src="a.js"></script><script id="__config" type="application/json">{"a": 1}</script>', []),
        ("<script>var a = 1</script>", ["inline <script>: var a = 1"]),
        ('<div style="color: red"></div>', ["style attribute on <div>"]),
        ("<style>p {}</style>", ["<style> element"]),
        ('<button onclick="go()"></button>', ["onclick handler on <button>"]),
        ('<a href="javascript:go()"></a>', ["javascript: URL on <a>"]),
    ],
    ids=[
        "accepts external scripts and JSON data blocks",
        "finds an inline script",
        "finds a style attribute",
        "finds a style element",
        "finds an inline event handler",
        "finds a javascript: URL",
    ],
)
def test_inline_code_finder(html: str, expected: list[str]) -> None:
    assert inline_code(html) == expected


def test_no_built_page_needs_unsafe_inline(built_site: Path) -> None:
    found = {}
    for page in sorted(built_site.rglob("*.html")):
        problems = inline_code(page.read_text(encoding="utf-8"))
        if problems:
            found[page.relative_to(built_site).as_posix()] = sorted(set(problems))
    assert found == {}


def _stack_page(site: Path) -> str:
    pages = sorted(path.parent for path in site.glob("stacks/*/index.html"))
    assert pages, "the built site has no stack version page"
    return "/" + pages[0].relative_to(site).as_posix() + "/"


def _open(page: Any, url: str) -> list[str]:
    """Open a URL, let it settle and return the console errors and page errors it caused."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response.status if response else 'nothing'}"
    page.wait_for_load_state("networkidle")
    return errors


@pytest.mark.browser
@pytest.mark.nginx
@pytest.mark.parametrize("which", ["home", "catalog", "stack", "guide"], ids=["the home page", "the stack catalog", "a stack version page", "a guide"])
def test_pages_run_under_the_policy(page: Any, nginx_url: str, built_site: Path, which: str) -> None:
    path = _stack_page(built_site) if which == "stack" else {"home": "/", "catalog": "/stacks/", "guide": "/guides/deploying/"}[which]
    page.add_init_script(VIOLATION_RECORDER)
    guard = OriginGuard(page, nginx_url)
    errors = _open(page, nginx_url + path)
    # The theme's own scripts ran: the palette toggle and the search work.
    page.locator("form[data-md-component=palette] label").first.click()
    # Key by key: Material reads the query on keyup, on focus and when its search worker turns ready; fill()
    # fires no keyup and focuses before it sets the value, so it searched only if the worker was still starting.
    page.locator("input[data-md-component=search-query]").press_sequentially("stack", delay=20)
    # The result count, not the meta line itself: that shows "Initializing search" before the search worker ran.
    page.wait_for_selector(".md-search-result__meta >> text=/matching document/", timeout=15_000)
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
    assert guard.foreign == []


@pytest.mark.browser
@pytest.mark.nginx
def test_the_editor_reaches_ready_under_the_policy(page: Any, nginx_url: str) -> None:
    page.add_init_script(VIOLATION_RECORDER)
    guard = OriginGuard(page, nginx_url)
    errors = _open(page, nginx_url + "/editor/")
    page.wait_for_selector("[data-generator-state=ready]", timeout=EDITOR_READY_TIMEOUT_MS)
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
    assert guard.foreign == []
