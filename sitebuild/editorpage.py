"""The editor page: a Jinja template like every other page, prerendered so its first paint needs no script.

The default manifests are in the HTML, the default version's data is embedded
as a JSON data block, and CodeMirror (modulepreloaded) is imported only after
the form is on screen.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from generator.model import StackVersion
from sitebuild.assets import EditorAssets
from sitebuild.pages import environment
from sitebuild.serviceworker import SERVICE_WORKER
from sitebuild.versiondata import json_bytes

PAGE = "editor/index.md"


def topology_output(topology: dict[str, Any] | None) -> str:
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


def data_json(data: dict[str, Any]) -> str:
    """Return a version's data as JSON text that is safe inside an HTML element (the page's data block, not a script)."""
    text = json_bytes(data).decode("utf-8")
    # No "<", ">" or "&" inside the element: the HTML parser and Markdown then leave the text alone.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_markdown(groups: list[tuple[str, list[StackVersion]]], assets: EditorAssets, first: dict[str, Any] | None, cache_dir: Path | None = None) -> str:
    """Return the editor page: front matter, then one raw HTML block the page script brings to life."""
    root = {
        "id": "cs-editor",
        "class": "cs-editor",
        "data-generator-state": "loading",
        "data-default-stack": first["className"] if first else "",
        "data-runtime": "../" + assets.runtime,
        "data-archive": "../" + assets.archive,
        "data-worker": "../" + assets.worker,
        "data-codemirror": "../" + assets.codemirror,
        "data-sw": "../" + SERVICE_WORKER,
    }
    template = environment(cache_dir).get_template("editor.md.j2")
    # Not pages.render: its blank-line folding would change the prerendered manifests' text.
    return template.render(
        groups=groups, assets=assets, first=first, data_json=data_json(first) if first else "", root=root, topology=topology_output(first.get("topology") if first else None)
    )
