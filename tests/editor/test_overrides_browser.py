"""The editor on the shipped v1beta2 stack: per-role overrides and exactly the Kubernetes versions the class allows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.stacks import load_stacks
from sitebuild import editor, engine, pyodide, staging
from sitebuild.config import BuildConfig
from tests.editor.test_editor_browser import code, open_editor, wait_yaml
from tests.stacks.support import STACKS_DIR
from tests.support.crds import validate_against_crd

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

STACK = "docker-scs2-1-34-v1"


@pytest.fixture(scope="module")
def v1beta2_site_url(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the editor for the shipped v1beta2 stack only and serve it with the project's nginx."""
    from tests.support.nginx import run_nginx

    out = tmp_path_factory.mktemp("v1beta2") / "site"
    config = BuildConfig(repo_root=repo_root, stacks_dir=STACKS_DIR, out_dir=out)
    site_config = staging.load_site_config(config)
    staging.reset_staging(config)
    runtime_url = pyodide.copy_runtime(config.repo_root, config.docs_dir)
    staging.write_page(config.docs_dir, "stacks/index.md", "# Stack catalog\n")
    stacks = [s for s in load_stacks(STACKS_DIR) if s.name == "scs2"]
    sections = {"Editor": editor.write_editor(stacks, config.docs_dir, runtime_url, repo_root, cache_dir=config.cache_dir)}
    engine.run_mkdocs(staging.write_staged_config(config, site_config, sections), out)
    with run_nginx(out) as url:
        yield url


def test_overrides_for_control_plane_and_pool_reach_the_cluster_yaml(editor_page: Any, v1beta2_site_url: str) -> None:
    page = editor_page
    open_editor(page, v1beta2_site_url, query=f"?stack={STACK}")
    page.get_by_label("Add override for control plane", exact=True).select_option("node_image")
    page.get_by_label("node_image (control plane)", exact=True).fill("kindest/node:v1.34.0")
    page.get_by_label("Add override for machine deployment 1", exact=True).select_option("node_image")
    page.get_by_label("node_image (machine deployment 1)", exact=True).fill("kindest/node:v1.34.0")
    text = wait_yaml(page, "cluster.yaml", r"^          - name: node_image$")
    cluster = yaml.safe_load(text)
    assert cluster["spec"]["topology"]["controlPlane"]["variables"]["overrides"] == [{"name": "node_image", "value": "kindest/node:v1.34.0"}]
    assert cluster["spec"]["topology"]["workers"]["machineDeployments"][0]["variables"]["overrides"] == [{"name": "node_image", "value": "kindest/node:v1.34.0"}]
    assert validate_against_crd(cluster) == []
    page.get_by_role("button", name="Remove override node_image (control plane)", exact=True).click()
    wait_yaml(page, "cluster.yaml", r"^    controlPlane:\n      replicas: 3\n    workers:")


def test_the_kubernetes_version_offers_exactly_the_class_versions(editor_page: Any, v1beta2_site_url: str) -> None:
    page = editor_page
    open_editor(page, v1beta2_site_url, query=f"?stack={STACK}")
    field = page.get_by_label("Kubernetes version", exact=True)
    assert field.evaluate("node => node.tagName") == "SELECT"
    assert field.evaluate("node => [...node.options].map(o => o.value)") == ["v1.34.0"]
    assert "classRef:" in code(page, "cluster.yaml").inner_text()
