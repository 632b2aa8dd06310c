"""The build generates each version's default manifests once, for its page and the editor together."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

import build
from generator.manifests import cluster as cluster_module
from generator.manifests import clusterstack as clusterstack_module
from sitebuild import topology
from sitebuild.config import BuildConfig

pytestmark = pytest.mark.slow

REPO_ROOT = Path(build.__file__).resolve().parent


def test_stage_site_generates_each_default_manifest_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: collections.Counter[tuple[str, str]] = collections.Counter()

    def counting(kind: str, real):  # the real builder runs; the counter only notes who asked for what
        def wrapper(version, form, *args):
            built[(kind, version.class_name)] += 1
            return real(version, form, *args)

        return wrapper

    real_topologies = topology.version_topologies

    def uncached_topologies(stacks_dir, stacks, cache_dir=None, **kwargs):  # computed, as on a first build: a cache hit would hide a second generation
        return real_topologies(stacks_dir, stacks, cache_dir=None, **kwargs)

    monkeypatch.setattr(topology, "version_topologies", uncached_topologies)
    monkeypatch.setattr(cluster_module, "build_cluster", counting("cluster", cluster_module.build_cluster))
    monkeypatch.setattr(clusterstack_module, "build_clusterstack", counting("clusterstack", clusterstack_module.build_clusterstack))
    config = BuildConfig(repo_root=REPO_ROOT, stacks_dir=REPO_ROOT / "stacks", out_dir=tmp_path / "site")
    build.stage_site(config)
    versions = [v.class_name for s in build.load_stacks(config) for v in s.versions]
    assert versions, "the repository ships stacks"
    assert built == collections.Counter({(kind, name): 1 for name in versions for kind in ("cluster", "clusterstack")})
    page = (config.docs_dir / f"stacks/{versions[0]}.md").read_text(encoding="utf-8")
    assert "kind: Cluster\n" in page  # the page still shows the manifests it shared with the editor
