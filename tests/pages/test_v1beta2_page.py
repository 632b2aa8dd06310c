"""A v1beta2 version page lists the Kubernetes versions its class allows and shows per-role overrides; node images show where named."""

from __future__ import annotations

from pathlib import Path

from generator.stacks import load_stacks
from sitebuild.pages import write_pages
from tests.stacks.layouts_support import single_source, write_files
from tests.stacks.support import STACKS_DIR, requires_engine

pytestmark = requires_engine


def test_the_v1beta2_page_lists_allowed_versions_and_overrides(tmp_path: Path) -> None:
    stacks = [s for s in load_stacks(STACKS_DIR) if s.name == "scs2"]
    write_pages(stacks, tmp_path)
    text = (tmp_path / "stacks/docker-scs2-1-34-v1.md").read_text()
    assert "| Kubernetes versions allowed | <code>v1.34.0</code> (`spec.kubernetesVersions`" in text
    assert "## Per-role overrides" in text
    assert "    controlPlane:\n      variables:\n        overrides:\n        - name: node_image\n" in text
    assert "&id" not in text
    assert '<a href="release.json">release.json</a>' in text


def test_a_v1beta1_page_shows_overrides_but_no_version_list(tmp_path: Path) -> None:
    stacks = [s for s in load_stacks(STACKS_DIR) if (s.provider, s.name) == ("docker", "scs")]
    write_pages(stacks, tmp_path)
    text = (tmp_path / "stacks/docker-scs-1-32-v1.md").read_text()
    assert "## Per-role overrides" in text
    assert "Kubernetes versions allowed" not in text


def test_node_images_named_for_the_version_are_listed(tmp_path: Path) -> None:
    write_files(tmp_path / "stacks/docker/tiny", single_source())
    write_pages(load_stacks(tmp_path / "stacks"), tmp_path / "docs")
    text = (tmp_path / "docs/stacks/docker-tiny-1-33-v1.md").read_text()
    assert "| <code>ubuntu-capi-image-v1.33.4</code> | <code>https://images.example/ubuntu-2404-kube-v1.33.4.qcow2</code> | <code>sha256:bb22</code> |" in text
    assert "v1.32.8.qcow2" not in text
