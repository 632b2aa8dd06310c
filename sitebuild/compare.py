"""Stage the compare page: any two versions of a provider's stacks side by side, offline like every page.

Every comparison is computed here, at build time, by ``generator.changes`` (the same code the
CLI's ``compare`` runs) and rendered to an HTML fragment; the page's script only picks the
fragment for the two versions in its URL (``/compare/?from=<class>&to=<class>``). Fragments
are grouped by the version compared from, one content-addressed JSON file each, so a visit
fetches one small file and the service worker keeps what was visited.
"""

from __future__ import annotations

import functools
import html
import json
import logging
from pathlib import Path
from typing import Any

import jinja2

from generator.changes import added_variable_summaries, compare_versions, shown
from generator.model import Stack, StackVersion
from sitebuild.assets import write_hashed
from sitebuild.staging import write_page

log = logging.getLogger(__name__)

PAGE = "compare/index.md"
DATA_DIR = "compare/data"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SCRIPT = Path(__file__).resolve().parent.parent / "editor" / "compare.js"
STYLE = SCRIPT.with_suffix(".css")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["shown"] = shown
    return env


def provider_groups(stacks: list[Stack]) -> dict[str, list[StackVersion]]:
    """Return every provider's versions, of all its stacks, in the catalog's order: what can be compared."""
    groups: dict[str, list[StackVersion]] = {}
    for stack in sorted(stacks, key=lambda s: (s.provider, s.name)):
        groups.setdefault(stack.provider, []).extend(stack.versions)
    return groups


def pair_fragment(before: StackVersion, after: StackVersion) -> str:
    """Return the HTML of what changes from ``before`` to ``after`` (every value escaped)."""
    changes = compare_versions(before, after)
    return _environment().get_template("compare_pair.html.j2").render(changes=changes, before=before, after=after, added=added_variable_summaries(changes, after))


def _options(groups: dict[str, list[StackVersion]], data: dict[str, str]) -> str:
    parts = []
    for provider, versions in groups.items():
        items = "".join(
            f'<option value="{html.escape(v.class_name)}" data-src="../{html.escape(data[v.class_name])}">'
            f"{html.escape(v.class_name)}{'' if v.is_released else ' (unreleased)'}</option>"
            for v in versions
        )
        parts.append(f'<optgroup label="{html.escape(provider)}">{items}</optgroup>')
    return "".join(parts)


def page_markdown(groups: dict[str, list[StackVersion]], data: dict[str, str], script: str, style: str) -> str:
    """Return the compare page: two pickers and the region the chosen comparison is shown in."""
    options = _options(groups, data)
    body = (
        '<div id="cs-compare" class="cs-compare" data-compare-state="loading">'
        f'<link rel="stylesheet" href="../{html.escape(style)}">'
        '<div class="cs-compare-pickers">'
        f'<label for="cs-compare-from">From</label><select id="cs-compare-from">{options}</select>'
        f'<label for="cs-compare-to">To</label><select id="cs-compare-to">{options}</select>'
        "</div>"
        '<p class="cs-compare-status" role="status" aria-live="polite"></p>'
        '<section class="cs-compare-result" aria-label="Changes" aria-live="polite"></section>'
        f'<script src="../{html.escape(script)}"></script>'
        "</div>"
    )
    return (
        "---\nhide:\n  - toc\n---\n\n"
        "# Compare versions\n\n"
        "Pick the version a cluster runs and the one it should run: every variable added, removed or changed "
        "(type, default, enum, bounds, required), every component bumped, the Kubernetes version and the machine "
        "deployment classes. Versions of all stacks of one provider can be compared.\n\n"
        "<noscript><p>Choosing versions needs JavaScript; every version page lists what changed since the previous version.</p></noscript>\n\n"
        + body
        + "\n"
    )


def write_compare(stacks: list[Stack], docs_dir: Path) -> str:
    """Stage the compare page, its script and one fragment file per version; return its navigation entry."""
    groups = provider_groups(stacks)
    data: dict[str, str] = {}
    pairs = 0
    for versions in groups.values():
        for before in versions:
            fragments = {after.class_name: pair_fragment(before, after) for after in versions if after is not before}
            pairs += len(fragments)
            payload = json.dumps(fragments, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            data[before.class_name] = write_hashed(docs_dir, before.class_name, payload, ".json", folder=DATA_DIR)
    script = write_hashed(docs_dir, "compare", SCRIPT.read_bytes(), ".js", folder="assets")
    style = write_hashed(docs_dir, "compare", STYLE.read_bytes(), ".css", folder="assets")
    write_page(docs_dir, PAGE, page_markdown(groups, data, script, style))
    log.info("compare: %d versions, %d pairs", len(data), pairs)
    return PAGE
