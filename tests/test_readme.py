"""The READMEs a user reads in a fresh clone: every relative link lands on a file of the clone and on a heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

READMES = ("README.md", "deploy/README.md", "bench/README.md")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def heading_anchors(markdown: str) -> set[str]:
    """Return the anchors GitHub gives the headings of a Markdown text (lowercase, punctuation dropped, spaces to -)."""
    headings = re.findall(r"^#{1,6} +(.+?) *$", FENCE.sub("", markdown), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def dead_links(readme: Path, root: Path = REPO_ROOT) -> list[str]:
    """Return every relative link of the file that leaves the clone (root), names no file, or names no heading there."""
    dead = []
    for target in LINK.findall(FENCE.sub("", readme.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto: — not a file of the clone
        path_text, _, anchor = target.partition("#")
        path = (readme.parent / path_text).resolve() if path_text else readme
        if not path.is_relative_to(root.resolve()):
            dead.append(f"{target}: outside the repository (a user's clone has no such file)")
        elif not path.exists():
            dead.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in heading_anchors(path.read_text(encoding="utf-8")):
            dead.append(f"{target}: no heading #{anchor}")
    return dead


@pytest.mark.parametrize("name", READMES)
def test_every_relative_link_of_the_readme_works_in_a_clone(name: str) -> None:
    assert dead_links(REPO_ROOT / name) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[design](../shared/DESIGN.md)", ["../shared/DESIGN.md: outside the repository (a user's clone has no such file)"]),
        ("[gone](no-such-file.md)", ["no-such-file.md: no such file"]),
        ("# Title\n[here](#no-such-heading)", ["#no-such-heading: no heading #no-such-heading"]),
        ("## How the site is built\n[here](#how-the-site-is-built) [web](https://example.org/x)", []),
    ],
    ids=["finds a link out of the clone", "finds a missing file", "finds a missing heading", "accepts a heading and a web link"],
)
def test_dead_links_are_found(tmp_path: Path, text: str, expected: list[str]) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / "README.md").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "DESIGN.md").write_text("# Design\n", encoding="utf-8")  # there, but not in the clone
    assert dead_links(clone / "README.md", root=clone) == expected
