"""Stage the compare page: any two versions of a provider's stacks side by side, offline like every page.

Every comparison is computed here, at build time, by ``generator.changes`` (the same code the
CLI's ``compare`` runs) and rendered to an HTML fragment; the page's script only picks the
fragment for the two versions in its URL (``/compare/?from=<class>&to=<class>``). Fragments
are grouped by the version compared from, one content-addressed JSON file each, so a visit
fetches one small file and the service worker keeps what was visited.

A provider of n versions has n·(n−1) comparisons (about 900 for the public repository's ~40
versions, half a millisecond each), and a rebuild changes few versions if any. So each
fragment is kept in the build cache by the content of its two versions (and the code that
renders it): a rebuild renders only the pairs it has not rendered before, and a hit is the
very fragment rendering would give.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
from pathlib import Path
from typing import Any

import jinja2

from generator.changes import added_variable_summaries, compare_versions, shown
from generator.model import Stack, StackVersion
from sitebuild import buildcache
from sitebuild.assets import write_hashed
from sitebuild.staging import write_page

log = logging.getLogger(__name__)

PAGE = "compare/index.md"
DATA_DIR = "compare/data"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SCRIPT = Path(__file__).resolve().parent.parent / "editor" / "compare.js"
STYLE = SCRIPT.with_suffix(".css")
PAIR_TEMPLATE = "compare_pair.html.j2"


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
    return _environment().get_template(PAIR_TEMPLATE).render(changes=changes, before=before, after=after, added=added_variable_summaries(changes, after))


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


class FragmentCache:
    """Rendered fragments by the content of their two versions, read from and written back to one cache entry."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.entry = cache_dir / f"{_code_key()}.json" if cache_dir is not None else None
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.rendered = 0
        if self.entry is not None and self.entry.is_file():
            try:
                known = json.loads(self.entry.read_text(encoding="utf-8"))
            except ValueError:  # a damaged entry is rendered again, never trusted
                known = None
            self.known = known if isinstance(known, dict) else {}

    def fragment(self, before: StackVersion, before_key: str, after: StackVersion, after_key: str) -> str:
        """Return ``pair_fragment(before, after)``, rendered only when this pair of contents is new."""
        key = f"{before_key}:{after_key}"
        text = self.known.get(key)
        if text is None:
            text = pair_fragment(before, after)
            self.rendered += 1
        self.used[key] = text
        return text

    def save(self) -> None:
        """Keep exactly the fragments this build used (one site's worth); skip the write when nothing changed."""
        if self.entry is not None and self.used.keys() != self.known.keys():
            buildcache.store(self.entry, json.dumps(self.used, sort_keys=True, ensure_ascii=False).encode("utf-8"))


@functools.cache
def _code_key() -> str:
    """Return the key of what renders a fragment: the generator, this module, the templates and Jinja."""
    templates = sorted(TEMPLATES_DIR.glob("*.j2"))
    digest = buildcache.source_digest(Path(__file__), *templates)
    digest.update(jinja2.__version__.encode())
    return digest.hexdigest()[:24]


def version_key(version: StackVersion) -> str:
    """Return a digest of everything a version holds: two versions with one key render the same fragments."""
    # Keys keep their order (strictly more distinct than needed); default=repr keeps a value JSON
    # lacks (a YAML date) distinct from its text.
    text = json.dumps(version.to_dict(), separators=(",", ":"), ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def write_compare(stacks: list[Stack], docs_dir: Path, cache_dir: Path | None = None) -> str:
    """Stage the compare page, its script and one fragment file per version; return its navigation entry.

    With ``cache_dir`` (the build's), fragments rendered by an earlier build are reused.
    """
    groups = provider_groups(stacks)
    cache = FragmentCache(cache_dir)
    data: dict[str, str] = {}
    pairs = 0
    for versions in groups.values():
        keys = [version_key(v) for v in versions]
        for before, before_key in zip(versions, keys):
            fragments = {
                after.class_name: cache.fragment(before, before_key, after, after_key)
                for after, after_key in zip(versions, keys)
                if after is not before
            }
            pairs += len(fragments)
            payload = json.dumps(fragments, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            data[before.class_name] = write_hashed(docs_dir, before.class_name, payload, ".json", folder=DATA_DIR)
    cache.save()
    script = write_hashed(docs_dir, "compare", SCRIPT.read_bytes(), ".js", folder="assets")
    style = write_hashed(docs_dir, "compare", STYLE.read_bytes(), ".css", folder="assets")
    write_page(docs_dir, PAGE, page_markdown(groups, data, script, style))
    log.info("compare: %d versions, %d pairs, %d rendered", len(data), pairs, cache.rendered)
    return PAGE
