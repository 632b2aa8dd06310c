"""Render the stack pages into the staging folder: the catalog, one page per stack, one per stack version.

Every page is plain Markdown rendered from the page model (``sitebuild.pagemodel``)
by the Jinja2 templates in ``sitebuild/templates/`` (compiled once per
process); untrusted text is escaped by the filters (``sitebuild.escaping``).
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

import jinja2

from generator.model import Stack
from sitebuild import templatecache
from sitebuild.escaping import anchor, fenced, heading_text, inline_code, markdown_text, quoted
from sitebuild.pagemodel import Defaults, by_minor, catalog_model, navigation, provider_title, stack_path, version_pages, version_path
from sitebuild.staging import write_page

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@functools.cache
def environment(cache_dir: Path | None = None) -> jinja2.Environment:
    """Return the template environment of this process (templates compile once; with ``cache_dir``, once per change)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        bytecode_cache=templatecache.bytecode_cache(cache_dir),
        autoescape=False,  # the output is Markdown; untrusted text is escaped by the filters below
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        code=inline_code,
        text=markdown_text,
        cell=functools.partial(markdown_text, cell=True),
        heading=heading_text,
        fenced=fenced,
        quoted=quoted,
        attr=lambda value: html.escape(str(value), quote=True),
        provider=provider_title,
        anchor=anchor,
    )
    env.globals.update(version_path=version_path, stack_path=stack_path, by_minor=by_minor)
    return env


def render(template: str, *, cache_dir: Path | None = None, **context: Any) -> str:
    """Render one page template; the result always ends with exactly one newline."""
    text = environment(cache_dir).get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def write_pages(
    stacks: list[Stack], docs_dir: Path, cache_dir: Path | None = None, topologies: dict[str, dict[str, Any]] | None = None, defaults: Defaults | None = None
) -> list[Any]:
    """Write the catalog, stack and version pages and return the "Stacks" navigation section.

    ``cache_dir`` keeps the compiled page templates between builds; ``topologies`` adds each
    version's default topology (see ``version_pages``); ``defaults`` are the build's default manifests.
    """
    pages = version_pages(stacks, topologies=topologies, defaults=defaults)
    write_page(docs_dir, "stacks/index.md", render("catalog.md.j2", cache_dir=cache_dir, **catalog_model(stacks), stacks=stacks))
    pages_by_class = {p.version.class_name: p for p in pages}
    for stack in stacks:
        write_page(docs_dir, stack_path(stack), render("stack.md.j2", cache_dir=cache_dir, stack=stack, pages=pages_by_class, readme=_demote_headings(stack.readme)))
    for page in pages:
        write_page(docs_dir, page.path, render("version.md.j2", cache_dir=cache_dir, page=page, v=page.version))
    return navigation(stacks)


def _demote_headings(readme: str | None) -> str:
    """Return a README's escaped text with its headings moved below the page's own (## → ####)."""
    if not readme:
        return ""
    demoted = re.sub(r"^(#{1,4})(?=\s)", r"\1##", readme, flags=re.MULTILINE)
    text = markdown_text(demoted)
    # markdown_text keeps descriptions from opening headings; a README may, two levels down.
    return re.sub(r"^&#35;", "#", text, flags=re.MULTILINE)
