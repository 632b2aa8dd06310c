"""Untrusted text from stacks (descriptions, defaults, READMEs) shows as text: never HTML, links or attributes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from sitebuild.escaping import fenced, heading_text, inline_code, markdown_text
from tests.pages.samples import HOSTILE_DESCRIPTION

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "toc", "pymdownx.superfences", "pymdownx.details"]


def to_html(text: str) -> str:
    """Render Markdown with the site's extensions."""
    return markdown.markdown(text, extensions=EXTENSIONS)


class Elements(HTMLParser):
    """Collect every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    """Parse HTML into its tags and text."""
    parser = Elements()
    parser.feed(html)
    return parser


def dangerous(elements: Elements) -> list[str]:
    """Return every tag or attribute that could run script or load something."""
    found = []
    for tag, attrs in elements.tags:
        if tag in ("script", "img", "iframe", "object", "embed", "style", "svg"):
            found.append(tag)
        found.extend(f"{tag}[{name}]" for name in attrs if name.startswith("on") or name in ("style", "src"))
        if tag == "a":
            found.append(f"a[href={attrs.get('href')}]")
    return found


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        pytest.param('<script>alert("x")</script>', '<script>alert("x")</script>', id="shows a script tag as text"),
        pytest.param("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", id="shows an img with onerror as text"),
        pytest.param("[click](javascript:alert(1))", "[click](javascript:alert(1))", id="does not turn a javascript link into a link"),
        pytest.param("![x](https://example.org/t.png)", "![x](https://example.org/t.png)", id="does not load an image from another origin"),
        pytest.param("<https://example.org>", "<https://example.org>", id="does not turn an autolink into a link"),
        pytest.param('text\n{: onclick="alert(1)" }', 'text {: onclick="alert(1)" }', id="does not apply an attribute list"),
        pytest.param('\\{: onclick="alert(1)" }', '\\{: onclick="alert(1)" }', id="keeps a backslash from unescaping an attribute list"),
        pytest.param("use `<name>.example.org` here", "use <name>.example.org here", id="keeps a code span with angle brackets readable"),
        pytest.param("`` a ` b ``", "a ` b", id="keeps a code span that contains a backtick"),
        pytest.param("a ` lone backtick <b>", "a ` lone backtick <b>", id="escapes HTML after a lone backtick"),
        pytest.param("&lt;script&gt;", "&lt;script&gt;", id="shows entities as written"),
        pytest.param("[ref]: javascript:alert(1)\n\n[ref]", "[ref]: javascript:alert(1)", id="does not define a reference link"),
    ],
)
def test_markdown_text_shows_untrusted_text_as_text(source: str, shown: str) -> None:
    for cell in (False, True):
        rendered = to_html(markdown_text(source, cell=cell))
        elements = parse(rendered)
        assert dangerous(elements) == [], rendered
        assert shown in "".join(elements.text).replace("\n", " "), rendered


@pytest.mark.parametrize(
    ("source", "html"),
    [
        pytest.param("Flavor of the **control plane**.", "<p>Flavor of the <strong>control plane</strong>.</p>", id="renders emphasis"),
        pytest.param("Sizes:\n\n- small\n- large", "<p>Sizes:</p>\n<ul>\n<li>small</li>\n<li>large</li>\n</ul>", id="renders a list"),
        pytest.param("# Not a heading", "<p>&#35; Not a heading</p>", id="does not open a heading"),
        pytest.param("Title\n===", "<p>Title\n&#61;==</p>", id="does not open a setext heading"),
        pytest.param("Set `cidr` first", "<p>Set <code>cidr</code> first</p>", id="renders a code span"),
    ],
)
def test_markdown_text_keeps_markdown(source: str, html: str) -> None:
    assert to_html(markdown_text(source)) == html


def test_a_table_cell_stays_one_cell() -> None:
    row = f"| {markdown_text('a | b `c|d`' + chr(10) + 'second line', cell=True)} | {inline_code('x|y')} |"
    rendered = to_html("| A | B |\n| --- | --- |\n" + row)
    assert rendered.count("<td>") == 2, rendered
    assert "a &#124; b <code>c&#124;d</code> second line" in rendered


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("<b>", "<code>&lt;b&gt;</code>", id="escapes a string"),
        pytest.param(["9.9.9.9"], '<code>["9.9.9.9"]</code>', id="shows a list as JSON"),
        pytest.param({"b": 1, "a": True}, '<code>{"a": true, "b": 1}</code>', id="shows an object as JSON with sorted keys"),
        pytest.param(50, "<code>50</code>", id="shows a number"),
    ],
)
def test_inline_code(value: object, code: str) -> None:
    assert inline_code(value) == code


def test_heading_text_takes_underscores_literally() -> None:
    assert to_html(heading_text("a_b*c*")) == "<p>a_b*c*</p>"


def test_a_fence_cannot_be_closed_by_the_content() -> None:
    text = "key: |\n  ```\n  <script>\n  ````\n"
    block = fenced(text, "yaml")
    assert block.startswith("`````yaml\n") and block.endswith("\n`````")
    rendered = markdown.markdown(block, extensions=["pymdownx.superfences"])
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered


def test_the_built_page_shows_a_hostile_description_as_text(sample_site: Path) -> None:
    page = (sample_site / "stacks/openstack-scs-1-32-v3/index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    elements = parse(article)
    links = {attrs.get("href") for tag, attrs in elements.tags if tag == "a"}
    assert not [href for href in links if href and href.startswith("javascript:")]
    assert [d for d in dangerous(elements) if not d.startswith("a[")] == []
    text = " ".join("".join(elements.text).split())
    assert " ".join(HOSTILE_DESCRIPTION.split()) in text
    assert "<b>bold</b>" in text  # the hostile default, shown as code


def test_the_built_stack_page_shows_a_readme_script_as_text(sample_site: Path) -> None:
    page = (sample_site / "stacks/openstack/scs/index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert "<script" not in article
    assert "&lt;script&gt;alert('readme')&lt;/script&gt;" in article


def test_zensical_shows_the_hostile_description_as_text_too(sample_site: Path, tmp_path: Path) -> None:
    """The staged pages are the contract with the site engine: Zensical must render them just as safely."""
    import shutil
    import subprocess
    import sys

    staging = tmp_path / "staging"
    shutil.copytree(sample_site.parent / "staging", staging)
    config = staging / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_dir: .*$", f"site_dir: {staging / 'out'}", config.read_text()))
    result = subprocess.run([str(Path(sys.executable).with_name("zensical")), "build", "-f", str(config)], cwd=staging, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (staging / "out/stacks/openstack-scs-1-32-v3/index.html").read_text(encoding="utf-8")
    assert 'id="var-hostile"' in page
    elements = parse(page[page.index('id="var-hostile"') : page.index('id="manifests"')])
    assert [d for d in dangerous(elements) if not d.startswith("a[href=#")] == []
    assert " ".join(HOSTILE_DESCRIPTION.split()) in " ".join("".join(elements.text).split())
