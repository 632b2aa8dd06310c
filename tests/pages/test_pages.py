"""The generated pages: golden Markdown, navigation, catalog links, the change report."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import pagemodel, pages
from tests.pages.samples import sample_stacks

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def staged(site: Path, relative: str) -> str:
    """Return a staged Markdown page of the sample site."""
    return (site.parent / "staging" / "docs" / relative).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "golden"),
    [
        pytest.param("stacks/openstack-scs-1-32-v2.md", "openstack-scs-1-32-v2.md", id="renders a released version with history on both sides"),
        pytest.param("stacks/index.md", "catalog.md", id="renders the catalog matrix"),
        pytest.param("stacks/openstack/scs.md", "openstack-scs-stack.md", id="renders a stack page with README and history"),
    ],
)
def test_pages_match_their_golden_files(sample_site: Path, page: str, golden: str) -> None:
    """Golden files are reviewed like code: regenerate with UPDATE_GOLDEN=1 and read the diff."""
    text = staged(sample_site, page)
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_pages_render_the_same_twice(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    pages.write_pages(sample_stacks(), first)
    pages.write_pages(sample_stacks(), second)
    assert {p.relative_to(first): p.read_bytes() for p in first.rglob("*.md")} == {p.relative_to(second): p.read_bytes() for p in second.rglob("*.md")}


def test_navigation_groups_by_provider_and_stack_released_newest_first_then_the_marked_working_state() -> None:
    assert pagemodel.navigation(sample_stacks()) == [
        "stacks/index.md",
        {"Docker": [{"scs": [{"Overview": "stacks/docker/scs.md"}, {"Kubernetes 1.32": [{"docker-scs-1-32-v1": "stacks/docker-scs-1-32-v1.md"}]}]}]},
        {
            "OpenStack": [
                {
                    "scs": [
                        {"Overview": "stacks/openstack/scs.md"},
                        {"Kubernetes 1.33": [{"openstack-scs-1-33-v1": "stacks/openstack-scs-1-33-v1.md"}]},
                        {
                            "Kubernetes 1.32": [
                                {"openstack-scs-1-32-v2": "stacks/openstack-scs-1-32-v2.md"},
                                {"openstack-scs-1-32-v1": "stacks/openstack-scs-1-32-v1.md"},
                                {"openstack-scs-1-32-v3 (unreleased)": "stacks/openstack-scs-1-32-v3.md"},
                            ]
                        },
                    ]
                }
            ]
        },
    ]


class Links(HTMLParser):
    """Collect the hrefs of one HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def links(html: str) -> list[str]:
    """Return every link target in a page."""
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def article(site: Path, url_path: str) -> str:
    """Return the content of one built page, without the navigation around it."""
    html = (site / url_path / "index.html").read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def assert_every_version_has_a_page_and_a_catalog_link(site: Path, class_names: list[str]) -> None:
    """Check each version's page exists and the catalog's content links to it."""
    missing = [name for name in class_names if not (site / "stacks" / name / "index.html").is_file()]
    assert missing == []
    catalog_links = set(links(article(site, "stacks")))
    unlinked = [name for name in class_names if f"../{name}/" not in catalog_links and f"{name}/" not in catalog_links]
    assert unlinked == []


def test_every_sample_version_has_a_page_and_a_catalog_link(sample_site: Path) -> None:
    assert_every_version_has_a_page_and_a_catalog_link(sample_site, [v.class_name for s in sample_stacks() for v in s.versions])


def test_every_version_page_offers_the_editor(sample_site: Path) -> None:
    for stack in sample_stacks():
        for version in stack.versions:
            assert f"../../editor/?stack={version.class_name}" in links(article(sample_site, f"stacks/{version.class_name}"))


def section(html: str, heading_id: str) -> str:
    """Return the HTML from one h2 to the next."""
    start = re.search(f'<h2[^>]* id="{heading_id}"', html).start()  # type: ignore[union-attr]
    end = html.find("<h2", start + 1)
    return html[start : end if end != -1 else len(html)]


def items(html: str) -> list[str]:
    """Return the text of every list item, tags removed."""
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in re.findall(r"<li>(.*?)</li>", html, re.DOTALL)]


@pytest.mark.parametrize(
    ("class_name", "want"),
    [
        pytest.param(
            "openstack-scs-1-32-v2",
            [
                "Variable added: dns_nameservers",
                "Variable changed: controller_root_disk: default 50 → 100",
                "Component bumped: cilium 1.16.5 → 1.17.2",
            ],
            id="reports an added variable, a changed default and a bumped component",
        ),
        pytest.param(
            "openstack-scs-1-32-v3",
            [
                "Kubernetes 1.32.5 → 1.32.7",
                "Variable added: hostile",
                "Variable removed: external_id",
                "Component bumped: node-image ubuntu-2204-kube-v1.32.5 → ubuntu-2204-kube-v1.32.7",
            ],
            id="reports a removed variable and a Kubernetes patch bump",
        ),
        pytest.param("openstack-scs-1-32-v1", [], id="reports nothing for the first version of a minor"),
    ],
)
def test_the_change_report(sample_site: Path, class_name: str, want: list[str]) -> None:
    changes = section(article(sample_site, f"stacks/{class_name}"), "what-changed")
    assert items(changes) == want


@pytest.mark.parametrize(
    ("class_name", "previous", "next_"),
    [
        pytest.param("openstack-scs-1-32-v1", None, "openstack-scs-1-32-v2", id="links the first version to the next only"),
        pytest.param("openstack-scs-1-32-v2", "openstack-scs-1-32-v1", "openstack-scs-1-32-v3", id="links a middle version to both neighbours"),
        pytest.param("openstack-scs-1-32-v3", "openstack-scs-1-32-v2", None, id="links the unreleased version to the last release"),
        pytest.param("openstack-scs-1-33-v1", None, None, id="links no neighbours across Kubernetes minors"),
    ],
)
def test_neighbour_links(sample_site: Path, class_name: str, previous: str | None, next_: str | None) -> None:
    html = article(sample_site, f"stacks/{class_name}")
    summary = html[: html.index('<h2 id="components"')]
    found = re.findall(r'(Previous|Next): <a href="\.\./([^/]+)/">', summary)
    assert found == [(label, name) for label, name in (("Previous", previous), ("Next", next_)) if name]


def test_the_change_report_links_an_added_variable_to_its_entry(sample_site: Path) -> None:
    html = article(sample_site, "stacks/openstack-scs-1-32-v2")
    assert 'href="#var-dns_nameservers"' in section(html, "what-changed")
    assert 'id="var-dns_nameservers"' in html


def test_nested_properties_and_array_items_have_their_own_rows(sample_site: Path) -> None:
    variables = section(article(sample_site, "stacks/openstack-scs-1-32-v2"), "variables")
    rows = [" | ".join(" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)) for row in re.findall(r"<tr>(.*?)</tr>", variables, re.DOTALL)]
    assert "oidc_config.issuer_url | string (uri) | yes | — | — | URL of the issuer." in rows
    assert "oidc_config.client_id | string | no | kubectl | — | Client ID." in rows
    assert "dns_nameservers[] | string (ipv4) | no | — | — | —" in rows


@pytest.mark.parametrize(
    ("guide", "target"),
    [
        pytest.param("getting-started", "../../stacks/", id="getting started links to the catalog"),
        pytest.param("getting-started", "../cel/", id="getting started links to the CEL guide"),
        pytest.param("writing-a-stack", "../cel/", id="writing a stack links to the CEL guide"),
    ],
)
def test_guides_are_built_and_linked(sample_site: Path, guide: str, target: str) -> None:
    assert target in links(article(sample_site, f"guides/{guide}"))
