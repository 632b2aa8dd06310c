"""The compare page: any two versions of a provider side by side, from the build's own comparisons."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from generator.changes import compare_versions
from generator.model import Component
from sitebuild.compare import pair_fragment, provider_groups, write_compare
from tests.pages.samples import HOSTILE_DESCRIPTION, openstack_history, sample_stacks, stack_version, variable
from tests.support.browser import OriginGuard


def test_every_pair_of_a_provider_is_staged_and_nothing_across_providers(tmp_path: Path) -> None:
    stacks = sample_stacks()
    assert write_compare(stacks, tmp_path) == "compare/index.md"
    page = (tmp_path / "compare" / "index.md").read_text(encoding="utf-8")
    files = sorted((tmp_path / "compare" / "data").glob("*.json"))
    assert len(files) == sum(len(v) for v in provider_groups(stacks).values())
    openstack = [v.class_name for v in provider_groups(stacks)["openstack"]]
    first = json.loads(next(f for f in files if f.name.startswith(openstack[0] + "-")).read_text(encoding="utf-8"))
    assert sorted(first) == sorted(openstack[1:]), "every other version of the provider, none of another provider"
    assert f'data-src="../compare/data/{files[0].name}"' in page
    assert '<label for="cs-compare-from">From</label>' in page and '<label for="cs-compare-to">To</label>' in page


def test_staging_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    write_compare(sample_stacks(), tmp_path / "a")
    write_compare(sample_stacks(), tmp_path / "b")
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b


def _tree(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _rendered(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """Return (pairs, pairs rendered) from the compare stage's last log line."""
    line = [r.getMessage() for r in caplog.records if r.getMessage().startswith("compare:")][-1]
    found = re.search(r"(\d+) pairs, (\d+) rendered", line)
    assert found, line
    return int(found.group(1)), int(found.group(2))


def test_a_rebuild_renders_only_the_pairs_whose_versions_changed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="sitebuild.compare")
    cache = tmp_path / "cache"
    stacks = sample_stacks()
    write_compare(stacks, tmp_path / "uncached")
    write_compare(stacks, tmp_path / "first", cache_dir=cache)
    assert _rendered(caplog) == (12, 12), "four openstack versions: every ordered pair, none cached yet"
    write_compare(sample_stacks(), tmp_path / "again", cache_dir=cache)
    assert _rendered(caplog) == (12, 0), "the same contents: every fragment from the cache"
    assert _tree(tmp_path / "again") == _tree(tmp_path / "first") == _tree(tmp_path / "uncached")

    # One version's content changes (a component bumped): only the pairs with it are rendered again.
    docker, openstack = stacks
    bumped = dataclasses.replace(openstack.versions[3], components=(Component("cilium", "1.99.0", "addon"),))
    changed = [docker, dataclasses.replace(openstack, versions=(*openstack.versions[:3], bumped))]
    write_compare(changed, tmp_path / "changed", cache_dir=cache)
    assert _rendered(caplog) == (12, 6)
    write_compare(changed, tmp_path / "changed-uncached")
    assert _tree(tmp_path / "changed") == _tree(tmp_path / "changed-uncached")
    assert "1.99.0" in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "changed" / "compare" / "data").glob("*.json"))


def test_a_damaged_cache_entry_is_rendered_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="sitebuild.compare")
    cache = tmp_path / "cache"
    write_compare(sample_stacks(), tmp_path / "first", cache_dir=cache)
    (entry,) = cache.glob("*.json")
    entry.write_text('{"half', encoding="utf-8")
    write_compare(sample_stacks(), tmp_path / "again", cache_dir=cache)
    assert _rendered(caplog) == (12, 12)
    assert _tree(tmp_path / "again") == _tree(tmp_path / "first")


def test_a_fragment_shows_every_kind_of_change() -> None:
    v1, _, v3 = openstack_history()
    text = pair_fragment(v1, v3)
    assert "<h2 id=\"cs-compare-title\">openstack-scs-1-32-v1 → openstack-scs-1-32-v3</h2>" in text
    assert "<tr><td><code>controller_root_disk</code></td><td>changed</td><td>default 50 → 100</td></tr>" in text
    assert "<tr><td><code>dns_nameservers</code></td><td>added</td><td>array, default [&#34;9.9.9.9&#34;]</td></tr>" in text
    assert "<tr><td><code>external_id</code></td><td>removed</td>" in text
    assert "<li><code>gpu-worker</code> added</li>" in text
    assert "<td>1.32.5</td><td>1.32.7 <strong>(changed)</strong></td>" in text


def test_untrusted_values_are_escaped_in_fragments() -> None:
    hostile = variable("x", {"type": "string", "default": HOSTILE_DESCRIPTION})
    before = stack_version(version="v1", variables=[])
    after = stack_version(version="v2", variables=[hostile], components={"<img src=x onerror=alert(1)>": "1"})
    text = pair_fragment(before, after)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_the_same_version_twice_and_no_change_say_so() -> None:
    v1 = stack_version(version="v1")
    same = stack_version(version="v2")
    assert compare_versions(v1, same).is_empty
    assert "Nothing a user can see changed" in pair_fragment(v1, same)


@pytest.mark.browser
def test_the_page_shows_the_pair_in_its_url_and_follows_the_pickers(built_site: Path, page: Any) -> None:
    from tests.support.nginx import run_nginx

    with run_nginx(built_site) as base:
        guard = OriginGuard(page, base)
        page.goto(f"{base}/compare/?from=openstack-scs-1-32-v1&to=openstack-scs-1-34-v1")
        page.wait_for_selector("#cs-compare[data-compare-state=ready]")
        result = page.get_by_role("region", name="Changes")
        assert result.locator("h2").inner_text() == "openstack-scs-1-32-v1 → openstack-scs-1-34-v1"
        assert "node_image" in result.inner_text()
        page.get_by_label("To", exact=True).select_option("openstack-scs-1-33-v1")
        page.wait_for_function("document.querySelector('#cs-compare h2')?.textContent === 'openstack-scs-1-32-v1 → openstack-scs-1-33-v1'")
        assert page.url.endswith("/compare/?from=openstack-scs-1-32-v1&to=openstack-scs-1-33-v1")
        page.goto(f"{base}/stacks/openstack-scs-1-32-v2/")
        page.get_by_role("link", name="Compare openstack-scs-1-32-v2 with…").click()
        page.wait_for_selector("#cs-compare[data-compare-state=ready]")
        assert page.get_by_label("From", exact=True).input_value() == "openstack-scs-1-32-v2"
        assert page.get_by_label("To", exact=True).input_value() != "openstack-scs-1-32-v2"
        page.goto(f"{base}/compare/?from=openstack-scs-1-32-v1&to=nope-1-1-v1")
        page.wait_for_selector("#cs-compare[data-compare-state=ready]")
        assert "No such version on this site: nope-1-1-v1." in page.locator(".cs-compare-status").inner_text()
        assert guard.foreign == []
