"""The editor of the real build (`python build.py`) for the stacks this project ships."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.crds import validate_against_crd


def _versions(site: Path) -> dict[str, Path]:
    page = (site / "editor" / "index.html").read_text(encoding="utf-8")
    return {name: site / src for name, src in re.findall(r'<option value="([^"]+)" data-src="\.\./([^"]+)"', page)}


@pytest.mark.slow
def test_every_shipped_version_has_editor_data_whose_defaults_validate(built_site: Path) -> None:
    versions = _versions(built_site)
    assert versions, "the editor lists no version"
    for class_name, path in versions.items():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["className"] == class_name
        assert [field["name"] for field in data["form"]] == [v["name"] for v in data["version"]["clusterClass"]["spec"]["variables"]]
        for kind in ("cluster", "clusterstack"):
            assert data["manifests"][kind]["valid"], (class_name, kind, data["manifests"][kind]["diagnostics"])
            for document in yaml.safe_load_all(data["manifests"][kind]["text"]):
                assert validate_against_crd(document) == [], (class_name, kind, document["kind"])


@pytest.fixture(scope="module")
def built_url(built_site: Path) -> Iterator[str]:
    """Serve the real build with the project's nginx."""
    from tests.support.nginx import run_nginx

    with run_nginx(built_site) as url:
        yield url


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.nginx
def test_the_real_openstack_version_generates_in_the_browser(built_site: Path, built_url: str, editor_page: Any) -> None:
    page = editor_page
    stack = next(name for name in _versions(built_site) if name.startswith("openstack-"))
    page.goto(f"{built_url}/editor/?stack={stack}")
    page.wait_for_selector("#cs-editor[data-generator-state=ready]", timeout=90_000)
    page.get_by_label("worker_flavor", exact=True).fill("SCS-4V-8")
    page.get_by_label("Cluster name", exact=True).fill("real")
    editor = page.get_by_role("textbox", name="cluster.yaml", exact=True)
    for _ in range(300):
        text = editor.inner_text()
        if "value: SCS-4V-8" in text and "name: real" in text:
            break
        page.wait_for_timeout(50)
    assert "    - name: worker_flavor\n      value: SCS-4V-8\n" in text
    assert validate_against_crd(yaml.safe_load(text)) == []
    assert page.get_by_role("button", name="Download cluster.yaml", exact=True).is_enabled()
