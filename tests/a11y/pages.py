"""The pages these tests visit and how to bring each into the state under test, as a user would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EDITOR_STACK = "openstack-scs-1-32-v2"  # a released version with every kind of field: text, number, checkbox, list, object
READY_MS = 90_000


def version_page(site: Path) -> str:
    """Return the path of the built page of EDITOR_STACK (a version page with variables, changes and buttons)."""
    page = site / "stacks" / EDITOR_STACK / "index.html"
    assert page.is_file(), f"the build has no page for {EDITOR_STACK}"
    return f"/stacks/{EDITOR_STACK}/"


def compare_page(site: Path) -> str:
    """Return the comparison page of EDITOR_STACK and the version before it."""
    before = EDITOR_STACK.rsplit("-v", 1)[0] + "-v1"
    assert (site / "stacks" / before / "index.html").is_file(), f"the build has no page for {before}"
    return f"/compare/?from={before}&to={EDITOR_STACK}"


def documentation_page(site: Path, which: str) -> str:
    """Return the path of one of the pages the tests visit besides the editor."""
    return {"home": "/", "catalog": "/stacks/", "version": version_page(site), "compare": compare_page(site)}[which]


def open_page(page: Any, url: str) -> None:
    """Open a documentation page and wait until the theme's scripts have run."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response.status if response else 'nothing'}"
    page.wait_for_load_state("networkidle")


def open_editor(page: Any, site_url: str, query: str = f"?stack={EDITOR_STACK}") -> None:
    """Open the editor and wait until the generator is ready and both YAML editors replaced the prerendered text."""
    page.goto(f"{site_url}/editor/{query}")
    page.wait_for_selector("#cs-editor[data-generator-state=ready][data-form-state=rendered]", timeout=READY_MS)
    page.wait_for_selector("[data-editor=clusterstack] >> .cm-content", timeout=READY_MS)


def switch_to_dark(page: Any) -> None:
    """Switch to the dark scheme with Material's palette toggle in the header."""
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_selector("body[data-md-color-scheme=slate]")


def show_errors(page: Any) -> None:
    """Type two invalid values, so the form, the problem list and the YAML show errors."""
    page.get_by_label("Cluster name", exact=True).fill("Not_A_Name")
    page.get_by_label("Control plane replicas", exact=True).fill("-1")
    page.wait_for_selector("#cs-editor .cs-problems h2 >> text=Errors (2)", timeout=15_000)
    page.wait_for_selector("[data-editor=cluster] >> .cm-lint-marker-error", timeout=15_000)
