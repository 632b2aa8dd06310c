"""sitebuild.templatecache: compiled templates are reused, never stale."""

from __future__ import annotations

from pathlib import Path

import jinja2

from sitebuild import templatecache


def _render(folder: Path, cache: Path) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=templatecache.bytecode_cache(cache))
    return env.get_template("page.html").render(name="ClusterClass")


def test_a_cached_template_is_recompiled_when_its_source_changes(tmp_path: Path) -> None:
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.html").write_text("old {{ name }}")
    assert _render(templates, cache) == "old ClusterClass"
    assert list(cache.iterdir()), "the compiled template is stored"
    (templates / "page.html").write_text("new {{ name }}")
    assert _render(templates, cache) == "new ClusterClass"


def test_no_cache_folder_means_no_cache(tmp_path: Path) -> None:
    assert templatecache.bytecode_cache(None) is None
    assert not (tmp_path / "cache").exists()
