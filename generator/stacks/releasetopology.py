"""What a release keeps of its templates so that its topology outlives its source (pure).

The topology of a stack version is computed from the objects its cluster-class chart renders
(the ClusterClass and the infrastructure, control plane and bootstrap templates it references)
and from its addon files (``cluster-addon/``, ``cluster-addon-values.yaml``; a few kilobytes
per version, so the ledger keeps them too and the editor can render a released version's
addons). The ledger already keeps the ClusterClass; a release's ``topologyInputs`` record
keeps the rest:

    topologyInputs:
      objects: [every rendered object but the ClusterClass, by apiVersion, kind and name]
      files: {addon file path: text, by path}

``inputs_from_record`` gives back exactly what ``generator.topology.stack.topology_inputs``
gives for the same version rendered from its source: both pick the addon files with
``addon_files`` and the applied addons with ``applied_addons``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.errors import Problem
from generator.model import StackVersion

RECORD_KEY = "topologyInputs"


def addon_files(files: dict[str, str]) -> dict[str, str]:
    """Return the addon files of an expanded version: what the Cluster Stack Operator renders over the Cluster."""
    # Imported here: generator.topology.addons imports generator.stacks.yamlsource, whose package init loads this module.
    from generator.topology.addons import ADDON_FOLDER, LEGACY_VALUES_FILE

    return {path: files[path] for path in sorted(files) if path.startswith(f"{ADDON_FOLDER}/") or path == LEGACY_VALUES_FILE}


def applied_addons(addon_stages: Any) -> list[str]:
    """Return the addon names in the order the lifecycle hooks apply them (a stack's or a version's ``addon_stages``)."""
    return [step.name for stage in addon_stages for step in stage.steps if step.action == "apply"]


def _object_key(obj: dict[str, Any]) -> tuple[str, str, str, str]:
    # The JSON text breaks ties between objects of one kind and name, so the order never depends on rendering.
    name = str((obj.get("metadata") or {}).get("name", ""))
    return str(obj.get("apiVersion", "")), str(obj.get("kind", "")), name, json.dumps(obj, sort_keys=True, default=str)


def record_inputs(objects: list[dict[str, Any]], files: dict[str, str]) -> dict[str, Any]:
    """Return the ledger record of a version's topology inputs: its rendered objects but the ClusterClass, and its addon files."""
    templates = sorted((o for o in objects if o.get("kind") != "ClusterClass"), key=_object_key)
    return {"objects": templates, "files": addon_files(files)}


def inputs_from_record(version: StackVersion, record: dict[str, Any]) -> dict[str, Any]:
    """Return the topology inputs (as ``topology_inputs`` packs them) of a released version from its ledger record."""
    return {
        "objects": [version.cluster_class, *record["objects"]],
        "files": dict(record["files"]),
        "kubernetesVersion": version.kubernetes_version,
        "stages": applied_addons(version.addon_stages),
    }


def parse_record(data: Any, where: str, path: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check a ledger entry's ``topologyInputs``; return it, or None and the problem (``where`` is the entry's field path)."""
    if data is None:
        return None, []
    if not isinstance(data, dict) or set(data) - {"objects", "files"}:
        return None, [Problem(path, None, f"{where}.{RECORD_KEY}: must map objects and files")]
    objects = data.get("objects") or []
    files = data.get("files") or {}
    if not isinstance(objects, list) or not all(isinstance(o, dict) and "kind" in o and "apiVersion" in o for o in objects):
        return None, [Problem(path, None, f"{where}.{RECORD_KEY}.objects: must list Kubernetes objects (each with apiVersion and kind)")]
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None, [Problem(path, None, f"{where}.{RECORD_KEY}.files: must map file paths to their text")]
    return {"objects": objects, "files": files}, []
