"""Stage the editor: its page, per-version data, the Python archive, the JS bundles and the service worker.

Everything the browser loads gets a content-addressed name (``name-<hash>.ext``)
so a server may cache it forever; only the page itself and ``sw.js`` keep fixed
names, and the service worker's cache name is derived from the asset list, so a
new build replaces the cache.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import logging
import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.browser import VersionDefaults, version_view
from generator.errors import InputError, Problem
from generator.model import Stack, StackVersion
from generator.stacks.renames import read_renames
from generator.upgrade import Rename
from sitebuild import buildcache, bytecode
from sitebuild.staging import write_page
from sitebuild.versiondata import Defaults, get_version_defaults

log = logging.getLogger(__name__)

ASSETS = "assets/editor"  # docs-relative folder of every hashed editor asset
PAGE = "editor/index.md"
SERVICE_WORKER = "sw.js"  # at the site root: its scope then covers /editor/ and /assets/
# Only what the worker needs of the generator: the CLI and its commands are left out.
ARCHIVE_SKIP = ("commands/", "cli.py", "__main__.py")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date zip stores: archives are byte-identical across builds
NPM_PACKAGES = ("esbuild", "@codemirror/state", "@codemirror/view", "@codemirror/language", "@codemirror/lang-yaml", "@codemirror/lint", "@codemirror/commands")


@dataclass(frozen=True)
class EditorAssets:
    """The site-relative URLs of the editor's hashed assets (what the page and the service worker list)."""

    script: str
    codemirror: str  # the YAML editor widget, a separate bundle the page imports after the form renders
    style: str
    worker: str
    archive: str
    runtime: str
    data: dict[str, str]  # class name → data file

    def all_urls(self) -> list[str]:
        """Return every asset URL the service worker precaches, sorted."""
        runtime = [self.runtime + name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip")]
        return sorted([self.script, self.codemirror, self.style, self.worker, self.archive, *self.data.values(), *runtime])


def content_name(stem: str, data: bytes, suffix: str) -> str:
    """Return ``stem-<hash>suffix`` with the first 12 hex digits of the content's sha256."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def write_hashed(docs_dir: Path, stem: str, data: bytes, suffix: str, folder: str = ASSETS) -> str:
    """Write a content-addressed file into ``folder`` of the docs and return its docs-relative path."""
    relative = f"{folder}/{content_name(stem, data, suffix)}"
    target = docs_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative


# --- the Python archive -------------------------------------------------------------------


def _archive_files(repo_root: Path) -> dict[str, bytes]:
    """Collect the generator package and PyYAML's pure-Python package, by archive path."""
    import yaml

    files: dict[str, bytes] = {}
    generator_dir = repo_root / "generator"
    for path in generator_dir.rglob("*.py"):
        relative = path.relative_to(generator_dir).as_posix()
        if "__pycache__" in relative or relative.startswith(ARCHIVE_SKIP):
            continue
        files[f"generator/{relative}"] = path.read_bytes()
    yaml_dir = Path(yaml.__file__).parent
    # Only the .py files: the C extension (_yaml.*.so) is built for CPython on this machine, not for WebAssembly.
    for path in yaml_dir.rglob("*.py"):
        relative = path.relative_to(yaml_dir).as_posix()
        if "__pycache__" not in relative:
            files[f"yaml/{relative}"] = path.read_bytes()
    return files


def python_archive(repo_root: Path) -> bytes:
    """Return a deterministic zip of ``generator`` and pure-Python ``yaml`` (sorted entries, fixed dates).

    Entries are stored, not deflated: the editor's worker imports straight from the zip (zipimport),
    so each import is a plain read; the site's gzip copy (sitebuild/compress.py) compresses the
    archive for transfer.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in sorted(_archive_files(repo_root).items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


# --- JS bundles ---------------------------------------------------------------------------


def check_node_modules(repo_root: Path) -> None:
    """Fail with one line per missing npm package, telling the user to run ``npm ci``."""
    missing = [name for name in NPM_PACKAGES if not (repo_root / "node_modules" / name / "package.json").exists()]
    if missing:
        raise InputError([Problem(str(repo_root / "node_modules" / name), None, f"npm package {name} is not installed: run `npm ci` (make does it)") for name in missing])


def bundle_inputs_key(repo_root: Path, entries: Mapping[Path, str]) -> str:
    """Return a digest of everything a bundle depends on: the entries and formats, the editor sources, the npm lock.

    node_modules is not read: ``npm ci`` installs exactly what the lock file names, so the lock stands in for it.
    """
    digest = hashlib.sha256()
    inputs = sorted({*(repo_root / "editor").rglob("*.*js"), *entries, repo_root / "package-lock.json"})
    for path in inputs:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update("\0".join(f"{form}:{entry}" for entry, form in entries.items()).encode())
    return digest.hexdigest()


def bundle_all(repo_root: Path, entries: Mapping[Path, str], cache_dir: Path | None = None) -> dict[Path, bytes]:
    """Bundle entries (entry → "esm" or "iife") with esbuild (minified, no source map, deterministic) in one Node process.

    A build whose editor sources and lock file are unchanged reuses the bundles of the previous one from
    ``cache_dir``: starting Node and esbuild is most of the editor stage's time.
    """
    cached = cache_dir / f"{bundle_inputs_key(repo_root, entries)}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        text = cached.read_text(encoding="utf-8")
    else:
        text = _run_bundler(repo_root, entries)
        if cached is not None:
            buildcache.store(cached, text.encode("utf-8"))
    bundled = json.loads(text)
    return {entry: bundled[str(entry)].encode("utf-8") for entry in entries}


def _run_bundler(repo_root: Path, entries: Mapping[Path, str]) -> str:
    script = repo_root / "editor" / "bundle.mjs"
    arguments = [f"{form}:{entry}" for entry, form in entries.items()]
    try:
        result = subprocess.run(["node", str(script), *arguments], cwd=repo_root, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise InputError([Problem(str(script), None, "node is not installed: the editor bundle needs Node.js 18 or newer")]) from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["esbuild failed"]
        where = str(next(iter(entries))) if len(entries) == 1 else str(script)
        raise InputError([Problem(where, None, f"bundling failed: {line}") for line in lines[:20]])
    return result.stdout.decode("utf-8")


# --- per-version data ---------------------------------------------------------------------


def grouped_versions(stacks: list[Stack]) -> list[tuple[str, list[StackVersion]]]:
    """Group every version by ``provider / stack``, groups sorted by name; released versions newest first, then unreleased ones.

    The unreleased working state is for maintainers: listing it first made it the version a user
    picks (and the editor's default) without noticing.
    """
    groups = []
    for stack in sorted(stacks, key=lambda s: (s.provider, s.name)):
        versions = sorted(stack.versions, key=lambda v: (v.is_released, v.order), reverse=True)
        if versions:
            groups.append((f"{stack.provider} / {stack.name}", versions))
    return groups


def version_data(
    version: StackVersion, defaults: VersionDefaults | None = None, topology: dict[str, Any] | None = None, renames: Sequence[Rename] = ()
) -> dict[str, Any]:
    """Return everything the editor needs for one version before Python is ready (the seam's own view of it).

    ``topology`` (from ``sitebuild.topology.version_topologies``) is what the worker computes the
    third output from and its default, prerendered; without it the page says it is not available.
    ``renames`` are its stack's declared variable renames: "Upgrade to…" this version applies them.
    """
    return version_view(version, defaults, topology, renames)


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --- the page -----------------------------------------------------------------------------


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _picker(groups: list[tuple[str, list[StackVersion]]], data: dict[str, str], default_class: str) -> str:
    """Return the version picker's options; unreleased versions say so in their text and in ``data-unreleased``."""
    options = []
    for label, versions in groups:
        items = "".join(
            f'<option value="{_attr(v.class_name)}" data-src="../{_attr(data[v.class_name])}"'
            f'{"" if v.is_released else " data-unreleased"}{" selected" if v.class_name == default_class else ""}>'
            f"{html.escape(v.class_name)} (Kubernetes {html.escape(v.kubernetes_version)}){'' if v.is_released else ' – unreleased'}</option>"
            for v in versions
        )
        options.append(f'<optgroup label="{_attr(label)}">{items}</optgroup>')
    return "".join(options)


def _output(name: str, text: str) -> str:
    """Return one output panel, prerendered with the default manifest so it paints before any script runs."""
    stem = name.split(".")[0]
    return (
        f'<section class="cs-output" aria-labelledby="cs-{stem}-title">'
        f'<div class="cs-output-head"><h2 id="cs-{stem}-title">{name}</h2>'
        f'<button type="button" class="md-button" data-copy="{stem}" aria-describedby="cs-{stem}-why">Copy {name}</button>'
        f'<button type="button" class="md-button md-button--primary" data-download="{stem}" aria-describedby="cs-{stem}-why">Download {name}</button></div>'
        f'<p class="cs-why" id="cs-{stem}-why"></p>'
        f'<div class="cs-code" data-editor="{stem}" data-keys="cs-{stem}-keys"><pre class="cs-prerendered" elementtiming="cs-manifest">{html.escape(text)}</pre></div>'
        # Tab indents inside the editor: say how the keyboard gets out (the editor's description too).
        f'<p class="cs-keys" id="cs-{stem}-keys">In the editor, Tab indents; press Esc, then Tab, to move on.</p>'
        "</section>"
    )


def _topology_output(topology: dict[str, Any] | None) -> str:
    """Return the third output, "What Cluster API creates", prerendered with the default version's objects."""
    if topology is None:
        body = '<p class="cs-topology-status">The templates of this version are not in the stacks folder: its topology is not available.</p>'
    else:
        body = '<p class="cs-topology-status" role="status"></p>' + render_tree(topology["default"])
    return (
        '<section class="cs-output cs-topology" aria-labelledby="cs-topology-title" data-topology>'
        '<div class="cs-output-head"><h2 id="cs-topology-title">What Cluster API creates</h2>'
        '<button type="button" class="md-button" data-download="topology" aria-describedby="cs-topology-why">Download topology.yaml</button></div>'
        '<p class="cs-why" id="cs-topology-why"></p>'
        f'<div class="cs-topology-body">{body}</div>'
        '<details class="cs-topology-addons"><summary>Addons the Cluster Stack Operator installs</summary><div class="cs-addons"><p>Open to render the addons.</p></div></details>'
        "</section>"
    )


def render_tree(result: dict[str, Any]) -> str:
    """Return the objects as nested lists, each expandable to its YAML (the same markup topology-view.js draws)."""
    objects = result["objects"]
    children: dict[int | None, list[int]] = {}
    for index, obj in enumerate(objects):
        children.setdefault(obj.get("parent"), []).append(index)

    def items(parent: int | None) -> str:
        out = []
        for index in children.get(parent, []):
            obj = objects[index]
            label = f'{html.escape(str(obj["kind"]))} <code>{html.escape(str(obj["name"]))}</code>'
            sub = f'<ul>{items(index)}</ul>' if index in children else ""
            out.append(f'<li><details><summary>{label}</summary><pre>{html.escape(obj["yaml"])}</pre></details>{sub}</li>')
        return "".join(out)

    return f'<ul class="cs-topology-tree">{items(None)}</ul>'


def _data_block(data: dict[str, Any]) -> str:
    """Return the default version's data as a JSON data block (not a script: the CSP allows it), safe inside HTML."""
    text = _json_bytes(data).decode("utf-8")
    # No "<", ">" or "&" inside the element: the HTML parser and Markdown then leave the text alone.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="cs-default-data" data-stack="{_attr(data["className"])}">{text}</script>'


def page_markdown(groups: list[tuple[str, list[StackVersion]]], assets: EditorAssets, first: dict[str, Any] | None) -> str:
    """Return the editor page: front matter, then one raw HTML block the module script brings to life.

    The first paint needs no request beyond the page and the small form bundle: the default manifests
    are prerendered, the default version's data is embedded, and CodeMirror (modulepreloaded) is
    imported only after the form is on screen.
    """
    default_class = first["className"] if first else ""
    cluster_text = first["manifests"]["cluster"]["text"] if first else ""
    clusterstack_text = first["manifests"]["clusterstack"]["text"] if first else ""
    root_attrs = {
        "id": "cs-editor",
        "class": "cs-editor",
        "data-generator-state": "loading",
        "data-default-stack": default_class,
        "data-runtime": "../" + assets.runtime,
        "data-archive": "../" + assets.archive,
        "data-worker": "../" + assets.worker,
        "data-codemirror": "../" + assets.codemirror,
        "data-sw": "../" + SERVICE_WORKER,
    }
    attrs = " ".join(f'{key}="{_attr(value)}"' for key, value in root_attrs.items())
    body = (
        f"<div {attrs}>"
        '<link rel="stylesheet" href="../' + _attr(assets.style) + '">'
        '<link rel="modulepreload" href="../' + _attr(assets.codemirror) + '">'
        '<div class="cs-status" role="status" aria-live="polite">'
        '<span class="cs-state-text">Loading the generator… The form and the default manifests already work.</span>'
        '<button type="button" class="md-button" data-retry hidden>Retry</button></div>'
        '<div class="cs-toolbar">'
        '<label for="cs-stack">Cluster Stack</label>'
        f'<select id="cs-stack" name="stack">{_picker(groups, assets.data, default_class)}</select>'
        '<button type="button" class="md-button" data-copy-link>Copy link</button>'
        '<span class="cs-notice" role="status" aria-live="polite"></span></div>'
        '<p class="cs-unreleased" role="note" hidden></p>'
        '<div class="cs-columns">'
        '<form class="cs-form" novalidate aria-label="Cluster settings"><p class="cs-form-loading">Loading the form…</p></form>'
        '<div class="cs-outputs">'
        '<div class="cs-problems" aria-live="polite"></div>'
        + _output("cluster.yaml", cluster_text)
        + _output("clusterstack.yaml", clusterstack_text)
        + _topology_output(first.get("topology") if first else None)
        + "</div></div>"
        + (_data_block(first) if first else "")
        + f'<script src="../{_attr(assets.script)}"></script>'
        "</div>"
    )
    return (
        "---\nhide:\n  - toc\n---\n\n"
        "# Editor\n\n"
        "Pick a Cluster Stack version, fill in the form and download `cluster.yaml` and `clusterstack.yaml`. "
        "Everything runs in your browser: nothing you type leaves this page.\n\n"
        '<noscript><p>The editor needs JavaScript; the manifests below are the defaults of the first version.</p></noscript>\n\n'
        + body
        + "\n"
    )


def service_worker(repo_root: Path, assets: EditorAssets) -> bytes:
    """Return sw.js with the asset list and a cache name derived from it."""
    urls = assets.all_urls()
    cache = "cs-editor-" + hashlib.sha256("\n".join(urls).encode()).hexdigest()[:12]
    template = (repo_root / "editor" / "sw.js").read_text(encoding="utf-8")
    text = template.replace('"__CACHE_NAME__"', json.dumps(cache)).replace('["__ASSETS__"]', json.dumps(urls))
    return text.encode("utf-8")


# --- the stage ----------------------------------------------------------------------------


def write_editor(
    stacks: list[Stack],
    docs_dir: Path,
    runtime_url: str,
    repo_root: Path,
    cache_dir: Path | None = None,
    topology: dict[str, Any] | None = None,
    stacks_dir: Path | None = None,
    defaults: Defaults | None = None,
) -> str:
    """Stage the editor page and all its assets; return its navigation entry.

    ``topology`` maps class names to ``sitebuild.topology.version_topologies`` entries for the
    third output; without one the editor says the version's topology is not available.

    ``cache_dir`` (the build's ``.cache``) keeps the JS bundles (``esbuild/``) and the compiled
    Python archive (``bytecode/``) between builds. ``stacks_dir`` is where the stacks' sources
    are, for their ``renames.yaml`` (none without it); ``defaults`` are the build's default manifests.
    """
    defaults = defaults if defaults is not None else get_version_defaults(stacks)
    check_node_modules(repo_root)
    groups = grouped_versions(stacks)
    data_urls: dict[str, str] = {}
    first: dict[str, Any] | None = None
    listed = [version for _, versions in groups for version in versions]
    # The default version is the first released one; only a site without releases opens on a working state.
    default = next((v for v in listed if v.is_released), listed[0] if listed else None)
    renames = {stack.path: read_renames(stacks_dir / stack.path) if stacks_dir else [] for stack in stacks}
    stack_of = {version.class_name: stack.path for stack in stacks for version in stack.versions}
    for version in listed:
        data = version_data(version, defaults[version.class_name], (topology or {}).get(version.class_name), renames[stack_of[version.class_name]])
        if version is default:
            first = data
        data_urls[version.class_name] = write_hashed(docs_dir, f"data/{version.class_name}", _json_bytes(data), ".json")
    source = repo_root / "editor"
    main, codemirror, worker = source / "src" / "main.js", source / "src" / "yaml-editor.js", source / "worker.js"
    # The page script is classic, not a module: it then runs as the parser reaches it, so the form is in the
    # first paint instead of waiting behind the theme's script (modules run only after the whole page).
    bundles = bundle_all(repo_root, {main: "iife", codemirror: "esm", worker: "esm"}, cache_dir / "esbuild" if cache_dir else None)
    archive = bytecode.compiled_archive(repo_root, python_archive(repo_root), cache_dir / "bytecode" if cache_dir else None)
    assets = EditorAssets(
        script=write_hashed(docs_dir, "editor", bundles[main], ".js"),
        codemirror=write_hashed(docs_dir, "codemirror", bundles[codemirror], ".js"),
        style=write_hashed(docs_dir, "editor", (source / "editor.css").read_bytes(), ".css"),
        worker=write_hashed(docs_dir, "worker", bundles[worker], ".js"),
        archive=write_hashed(docs_dir, "generator", archive, ".zip"),
        runtime=runtime_url,
        data=data_urls,
    )
    write_page(docs_dir, PAGE, page_markdown(groups, assets, first))
    (docs_dir / SERVICE_WORKER).write_bytes(service_worker(repo_root, assets))
    log.info("editor: %d versions, %d assets", len(data_urls), len(assets.all_urls()))
    return PAGE

