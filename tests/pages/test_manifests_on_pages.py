"""The copyable manifests on each version page: exactly what the generator built, and valid."""

from __future__ import annotations

import html
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.model import StackVersion
from tests.conftest import REPO_ROOT
from tests.pages.samples import sample_stacks
from tests.pages.test_pages import article, assert_every_version_has_a_page_and_a_catalog_link, section



def provides(module: str, name: str) -> bool:
    """Say whether a module other parts are still writing exists and offers ``name``."""
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


needs_manifests = pytest.mark.skipif(not provides("generator.manifests", "generate_cluster"), reason="the manifests module has not landed")
needs_crds = pytest.mark.skipif(not provides("tests.support.crds", "validate_against_crd"), reason="the CRD test helper has not landed")
needs_stacks = pytest.mark.skipif(not provides("generator.stacks", "load_stack_versions"), reason="the stacks loader has not landed")


def copyable_blocks(page_html: str) -> dict[str, str]:
    """Return the text of each tab of the Manifests section, keyed by its title, as a reader would copy it."""
    manifests = section(page_html, "manifests")
    titles = [html.unescape(t) for t in re.findall(r'<label for="__tabbed_[^"]*">(.*?)</label>', manifests)]
    blocks = [html.unescape(re.sub(r"<[^>]+>", "", code)) for code in re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>(.*?)</code></pre>", manifests, re.DOTALL)]
    return dict(zip(titles, blocks, strict=True))


def check_version_page(site: Path, version: StackVersion, versions: dict[str, StackVersion]) -> list[str]:
    """Return every problem with the manifests on one version page."""
    from generator import manifests
    from tests.support.crds import validate_against_crd

    blocks = copyable_blocks(article(site, f"stacks/{version.class_name}"))
    if sorted(blocks) != ["cluster.yaml", "clusterstack.yaml"]:
        return [f"{version.class_name}: expected both manifests, found {sorted(blocks)}"]
    problems: list[str] = []
    expected = {
        "clusterstack.yaml": manifests.generate_clusterstack(version, manifests.default_clusterstack_form(version)).text,
        "cluster.yaml": manifests.generate_cluster(version, manifests.default_cluster_form(version)).text,
    }
    for name, text in blocks.items():
        if text.rstrip("\n") != expected[name].rstrip("\n"):
            problems.append(f"{version.class_name} {name}: the page differs from the generator's output")
        for obj in yaml.safe_load_all(text):
            problems.extend(f"{version.class_name} {name}: {error}" for error in validate_against_crd(obj))
    parse = {"clusterstack.yaml": manifests.parse_clusterstack, "cluster.yaml": manifests.parse_cluster}
    for name, text in blocks.items():
        parsed = parse[name](text, versions)
        problems.extend(f"{version.class_name} {name}: {d}" for d in parsed.diagnostics if d.severity == "error")
    return problems


@needs_manifests
@needs_crds
def test_the_sample_pages_show_valid_manifests(sample_site: Path) -> None:
    versions = {v.class_name: v for s in sample_stacks() for v in s.versions}
    problems = [p for v in versions.values() for p in check_version_page(sample_site, v, versions)]
    assert problems == []


def listed_versions() -> list[dict[str, Any]]:
    """Return what ``python -m generator list --json`` prints for this repository's stacks."""
    result = subprocess.run([sys.executable, "-m", "generator", "list", "--json"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not provides("generator.commands.list_cmd", "run"), reason="the list command has not landed")
def test_every_listed_version_has_its_page_and_a_catalog_link(built_site: Path) -> None:
    names = [entry["className"] for entry in listed_versions()]
    assert names, "the repository ships stacks"
    assert_every_version_has_a_page_and_a_catalog_link(built_site, names)


@pytest.mark.slow
@needs_manifests
@needs_crds
@needs_stacks
def test_every_built_version_page_shows_valid_manifests(built_site: Path) -> None:
    from generator.stacks import load_stack_versions

    versions = {v.class_name: v for v in load_stack_versions(REPO_ROOT / "stacks")}
    problems = [p for v in versions.values() for p in check_version_page(built_site, v, versions)]
    assert problems == []
