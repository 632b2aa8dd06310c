"""axe-core finds no serious or critical problem of ours on the site's pages, in both colour schemes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.a11y.axe import counted_violations, run_axe
from tests.a11y.pages import documentation_page, open_editor, open_page, show_errors, switch_to_dark

pytestmark = [pytest.mark.browser, pytest.mark.nginx, pytest.mark.slow]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["home", "catalog", "version", "compare"], ids=["the home page", "the catalog", "a version page", "the comparison page"])
def test_a_documentation_page_has_no_serious_violation(page: Any, site_url: str, built_site: Path, which: str, scheme: str) -> None:
    open_page(page, site_url + documentation_page(built_site, which))
    if scheme == "dark":
        switch_to_dark(page)
    assert counted_violations(run_axe(page)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("errors", [False, True], ids=["as it opens", "showing errors"])
def test_the_editor_has_no_serious_violation(page: Any, site_url: str, scheme: str, errors: bool) -> None:
    open_editor(page, site_url)
    if scheme == "dark":
        switch_to_dark(page)
    if errors:
        show_errors(page)
    assert counted_violations(run_axe(page)) == []

