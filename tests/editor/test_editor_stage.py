"""sitebuild.editor: the staged page, data, archive, bundles and service worker."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from generator.errors import InputError
from sitebuild import archive, versiondata
from sitebuild.bundles import NPM_PACKAGES, bundle_all, bundle_inputs_key, check_node_modules
from tests.editor import stackdata
from tests.editor.conftest import build_editor_site

HASHED = re.compile(r"-[0-9a-f]{12}\.(js|css|json|zip)$")


def test_versions_are_grouped_by_provider_and_stack_released_newest_first_then_unreleased() -> None:
    groups = versiondata.grouped_versions(stackdata.stacks())
    assert [(label, [v.class_name for v in versions]) for label, versions in groups] == [
        ("docker / scs", ["docker-scs-1-32-v1"]),
        ("openstack / scs", ["openstack-scs-1-32-v2", "openstack-scs-1-31-v1", "openstack-scs-1-32-v3"]),
    ]


def test_the_picker_marks_the_unreleased_version_and_opens_on_a_released_one(editor_site: Path) -> None:
    page = (editor_site / "editor" / "index.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([^"]+)" data-src="[^"]+"([^>]*)>([^<]*)</option>', page)
    assert [(value, flags.strip(), text) for value, flags, text in options] == [
        ("docker-scs-1-32-v1", "selected", "docker-scs-1-32-v1 (Kubernetes 1.32.3)"),
        ("openstack-scs-1-32-v2", "", "openstack-scs-1-32-v2 (Kubernetes 1.32.5)"),
        ("openstack-scs-1-31-v1", "", "openstack-scs-1-31-v1 (Kubernetes 1.31.9)"),
        ("openstack-scs-1-32-v3", "data-unreleased", "openstack-scs-1-32-v3 (Kubernetes 1.32.5) – unreleased"),
    ]
    assert '<p class="cs-unreleased" role="note" hidden></p>' in page


def test_the_archive_holds_the_generator_and_pure_python_yaml_only(repo_root: Path) -> None:
    names = zipfile.ZipFile(io.BytesIO(archive.python_archive(repo_root))).namelist()
    assert names == sorted(names)
    assert {"generator/__init__.py", "generator/browser.py", "generator/manifests/__init__.py", "generator/variables/__init__.py", "yaml/__init__.py", "yaml/constructor.py"} <= set(names)
    assert not [n for n in names if n.endswith((".so", ".pyc")) or n.startswith("generator/commands/") or n in ("generator/cli.py", "generator/__main__.py")]


def test_the_archive_is_byte_identical_across_builds(repo_root: Path) -> None:
    first = archive.python_archive(repo_root)
    assert archive.python_archive(repo_root) == first
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {archive.ZIP_DATE}


def test_the_staged_editor_is_content_addressed_and_identical_across_builds(repo_root: Path, tmp_path: Path) -> None:
    first = build_editor_site(repo_root, tmp_path / "one" / "site")
    second = build_editor_site(repo_root, tmp_path / "two" / "site")
    assets = sorted(p.relative_to(first).as_posix() for p in (first / "assets" / "editor").rglob("*") if p.is_file())
    assert assets and all(HASHED.search(name) for name in assets), assets
    for name in [*assets, "sw.js", "editor/index.html"]:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_page_loads_scripts_only_from_files_with_relative_paths(editor_site: Path) -> None:
    page = (editor_site / "editor" / "index.html").read_text(encoding="utf-8")
    editor_html = page[page.index('<div id="cs-editor"') :]
    scripts = [tag for tag in re.findall(r"<script[^>]*>", editor_html) if "src=" in tag]
    # A classic script, the editor's last child: it runs as the parser reaches it (all it needs is parsed), before the theme's.
    assert re.fullmatch(r'<script src="\.\./assets/editor/editor-[0-9a-f]{12}\.js">', scripts[0])
    # No inline script on the whole page (the CSP forbids them): each has a src or is a JSON data block.
    assert [tag for tag in re.findall(r"<script[^>]*>", page) if "src=" not in tag and "application/json" not in tag] == []
    assert 'data-generator-state="loading"' in editor_html
    assert '<label for="cs-stack">Cluster Stack</label>' in editor_html
    for name in ("Download cluster.yaml", "Download clusterstack.yaml", "Copy link"):
        assert f">{name}</button>" in editor_html
    # The default version's data is embedded before the script, so the form needs no fetch.
    assert re.search(r'<script type="application/json" id="cs-default-data" data-stack="[^"]+">\{', editor_html)
    # The default manifests are in the HTML, so they paint before any script runs.
    assert "kind: Cluster\n" in editor_html.replace("&#x27;", "'") or "kind: Cluster" in editor_html


def test_every_version_has_its_data_with_form_defaults_and_manifests(editor_site: Path) -> None:
    page = (editor_site / "editor" / "index.html").read_text(encoding="utf-8")
    sources = dict(re.findall(r'<option value="([^"]+)" data-src="\.\./([^"]+)"', page))
    assert sorted(sources) == sorted(v.class_name for s in stackdata.stacks() for v in s.versions)
    data = json.loads((editor_site / sources["openstack-scs-1-32-v2"]).read_text(encoding="utf-8"))
    assert [f["name"] for f in data["form"]] == [v["name"] for v in stackdata.VARIABLES]
    assert data["defaults"]["cluster"]["className"] == "openstack-scs-1-32-v2"
    assert data["manifests"]["cluster"]["valid"] is True
    assert data["version"]["components"] == [] and data["version"]["clusterClass"]["spec"]["variables"] == stackdata.VARIABLES


def test_each_versions_data_carries_its_stacks_declared_renames(editor_site: Path) -> None:
    # "Upgrade to…" in the editor applies the renames of the target's stack, as `generator upgrade` does.
    page = (editor_site / "editor" / "index.html").read_text(encoding="utf-8")
    sources = dict(re.findall(r'<option value="([^"]+)" data-src="\.\./([^"]+)"', page))
    renames = {name: json.loads((editor_site / src).read_text(encoding="utf-8"))["renames"] for name, src in sources.items()}
    declared = [{"from": "node_cidr", "to": "ssh_keypair", "values": [["10.9.0.0/20", "mapped-key"]]}]
    assert renames == {name: declared if name.startswith("openstack-") else [] for name in sources}


def test_the_service_worker_precaches_every_asset_under_a_cache_named_by_them(editor_site: Path) -> None:
    sw = (editor_site / "sw.js").read_text(encoding="utf-8")
    cache = re.search(r'const CACHE = "(cs-editor-[0-9a-f]{12})";', sw)
    assets = json.loads(re.search(r"const ASSETS = (\[.*?\]);", sw).group(1))
    assert cache and "__" not in sw
    assert all((editor_site / url).is_file() for url in assets), [url for url in assets if not (editor_site / url).is_file()]
    assert any(url.endswith("pyodide.asm.wasm") for url in assets) and any(url.endswith(".zip") for url in assets)


def test_a_missing_npm_package_fails_the_build_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "node_modules" / "esbuild").mkdir(parents=True)
    (tmp_path / "node_modules" / "esbuild" / "package.json").write_text("{}")
    with pytest.raises(InputError) as raised:
        check_node_modules(tmp_path)
    lines = str(raised.value).splitlines()
    assert len(lines) == len(NPM_PACKAGES) - 1
    assert lines[0] == f"{tmp_path}/node_modules/@codemirror/commands: npm package @codemirror/commands is not installed: run `npm ci` (make does it)"


def test_a_bundling_error_is_reported_with_the_file(repo_root: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.js"
    broken.write_text("import { nothing } from './missing.js';\n")
    with pytest.raises(InputError) as raised:
        bundle_all(repo_root, {broken: "esm"})
    assert str(raised.value).startswith(f"{broken}: bundling failed:")
    assert "missing.js" in str(raised.value)


def _editor_sources(root: Path) -> list[Path]:
    """Make a minimal project with two entry modules and a lock file; return the entries."""
    (root / "editor" / "src").mkdir(parents=True)
    (root / "package-lock.json").write_text("{}\n")
    main = root / "editor" / "src" / "main.js"
    main.write_text("import { helper } from './helper.js';\nconsole.log(helper());\n")
    (root / "editor" / "src" / "helper.js").write_text("export const helper = () => 1;\n")
    worker = root / "editor" / "worker.js"
    worker.write_text("self.onmessage = () => {};\n")
    return [main, worker]


def test_bundles_are_reused_while_the_editor_sources_and_lock_are_unchanged(repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    entries = [repo_root / "editor" / "src" / "main.js", repo_root / "editor" / "worker.js"]
    first = bundle_all(repo_root, dict.fromkeys(entries, "esm"), cache)
    assert len(list(cache.glob("*.json"))) == 1
    monkeypatch.setenv("PATH", str(tmp_path / "no-node-here"))  # a cache hit must not need Node at all
    assert bundle_all(repo_root, dict.fromkeys(entries, "esm"), cache) == first
    with pytest.raises(InputError, match="node is not installed"):
        bundle_all(repo_root, dict.fromkeys(entries, "esm"))  # no cache: Node is needed


def test_any_change_to_an_editor_source_or_the_lock_file_misses_the_bundle_cache(tmp_path: Path) -> None:
    entries = dict.fromkeys(_editor_sources(tmp_path), "esm")
    keys = {bundle_inputs_key(tmp_path, entries)}
    (tmp_path / "editor" / "src" / "helper.js").write_text("export const helper = () => 2;\n")  # imported, not an entry
    keys.add(bundle_inputs_key(tmp_path, entries))
    (tmp_path / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    keys.add(bundle_inputs_key(tmp_path, entries))
    keys.add(bundle_inputs_key(tmp_path, dict(list(entries.items())[:1])))
    keys.add(bundle_inputs_key(tmp_path, dict.fromkeys(entries, "iife")))
    assert len(keys) == 5


def test_one_node_process_bundles_every_entry_standalone_in_its_format(repo_root: Path, tmp_path: Path) -> None:
    main, worker = _editor_sources(tmp_path)
    bundles = bundle_all(repo_root, {main: "iife", worker: "esm"})
    assert set(bundles) == {main, worker}
    assert b"import" not in bundles[main] and bundles[main].startswith(b"(()=>{")  # helper.js inlined; a classic script
    assert bundles[worker].startswith(b"self.onmessage")
