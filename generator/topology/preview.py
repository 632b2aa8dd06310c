"""The topology as people see it (pure): in the CLI's JSON, in the editor's third output, on the version pages.

``preview`` turns a Cluster and a version's topology inputs (``generator.topology.stack.topology_inputs``) into objects with their YAML and the fields the
class's patches set, the addons, warnings and errors. ``variable_effects`` says, per variable,
which objects and fields its patches change.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.manifests.yamlwriter import emit_documents
from generator.topology import Topology, compute_topology
from generator.apiversions import template_ref
from generator.topology.addons import Addon, compute_addons

_TEMPLATE_FIELD = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)")


def operation_variables(patch: dict[str, Any], operation: dict[str, Any], defined: set[str]) -> list[str]:
    """Return the class variables one JSON patch depends on: its ``valueFrom`` and its patch's ``enabledIf``."""
    names = set(_TEMPLATE_FIELD.findall(str(patch.get("enabledIf") or "")))
    source = (operation or {}).get("valueFrom") or {}
    if source.get("variable"):
        names.add(str(source["variable"]).split(".")[0].split("[")[0])
    names.update(_TEMPLATE_FIELD.findall(str(source.get("template") or "")))
    return sorted(names & defined)


def patch_variables(patch: dict[str, Any], defined: set[str]) -> list[str]:
    """Return the class variables any JSON patch of a ClusterClass patch depends on."""
    found: set[str] = set(operation_variables(patch, {}, defined))
    for definition in patch.get("definitions") or ():
        for operation in (definition or {}).get("jsonPatches") or ():
            found.update(operation_variables(patch, operation, defined))
    return sorted(found)


def object_path(kind: str, pointer: str) -> str:
    """Return a template JSON pointer as a field path of the object made from it (objects take spec.template.spec as spec)."""
    parts = pointer.strip("/").split("/")
    if not kind.endswith("Template") and parts[:2] == ["spec", "template"]:
        parts = parts[2:]
    return ".".join(part.replace("~1", "/").replace("~0", "~") for part in parts)


def _cluster_class(objects: list[dict[str, Any]]) -> dict[str, Any]:
    return next((o for o in objects if o.get("kind") == "ClusterClass"), {})


def _fields(topology: Topology, cluster_class: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Return per object name the fields patches set, with the patch and the variables it reads."""
    patches = [p if isinstance(p, dict) else {} for p in (cluster_class.get("spec") or {}).get("patches") or ()]
    defined = {str(d.get("name")) for d in (cluster_class.get("spec") or {}).get("variables") or () if isinstance(d, dict)}
    kinds = {(o.get("metadata") or {}).get("name"): str(o.get("kind")) for o in topology.objects}
    fields: dict[str, list[dict[str, Any]]] = {}
    for applied in topology.applied:
        kind = kinds.get(applied.target_name, applied.target_kind)
        indices = [int(i) for i in re.findall(r"\[(\d+)\]", applied.definition)]
        patch = patches[indices[0]] if indices and indices[0] < len(patches) else {}
        definitions = patch.get("definitions") or []
        definition = definitions[indices[1]] if len(indices) > 1 and indices[1] < len(definitions) else {}
        operation = next((o for o in (definition or {}).get("jsonPatches") or () if o.get("path") == applied.path), {})
        entry = {"path": object_path(kind, applied.path), "op": applied.op, "patch": applied.patch, "variables": operation_variables(patch, operation, defined)}
        fields.setdefault(applied.target_name, []).append(entry)
    return fields


_YAML: dict[str, str] = {}
_YAML_SIZE = 256


def yaml_text(objects: list[dict[str, Any]]) -> str:
    """Return the objects as multi-document YAML, written by the manifests' fast emitter (PyYAML's dump is ten times slower).

    A keystroke changes one or two objects of a topology; the others are written once and kept,
    keyed by their JSON text (json.dumps runs in C, a fraction of the emitter's time).
    """
    if not objects:
        return ""
    key = json.dumps(objects, separators=(",", ":"), ensure_ascii=False, default=str)
    text = _YAML.get(key)
    if text is None:
        text = emit_documents(objects)[0]
        if len(_YAML) >= _YAML_SIZE:
            _YAML.pop(next(iter(_YAML)))
        _YAML[key] = text
    return text


def _parents(objects: list[dict[str, Any]]) -> list[int | None]:
    """Return for each object the index of the one that references it (the tree a person reads), None for the Cluster."""
    index = {(o.get("kind"), (o.get("metadata") or {}).get("name")): i for i, o in enumerate(objects)}
    parents: list[int | None] = [None] * len(objects)

    def point(ref: Any, parent: int) -> None:
        if isinstance(ref, dict) and (ref.get("kind"), ref.get("name")) in index:
            child = index[(ref.get("kind"), ref.get("name"))]
            if child != parent and parents[child] is None:
                parents[child] = parent

    for i, obj in enumerate(objects):
        spec = obj.get("spec") or {}
        if obj.get("kind") == "Cluster":
            point(spec.get("infrastructureRef"), i)
            point(spec.get("controlPlaneRef"), i)
        machine = spec.get("machineTemplate") or {}
        point(machine.get("infrastructureRef") or (machine.get("spec") or {}).get("infrastructureRef"), i)
        template = (spec.get("template") or {}).get("spec") or {}
        if obj.get("kind") == "MachineDeployment":
            parents[i] = 0 if objects and objects[0].get("kind") == "Cluster" else None
            point((template.get("bootstrap") or {}).get("configRef"), i)
            point(template.get("infrastructureRef"), i)
    for i, obj in enumerate(objects):
        if obj.get("kind") == "MachineHealthCheck":
            name = (obj.get("metadata") or {}).get("name")
            parents[i] = next((j for j, o in enumerate(objects) if j != i and o.get("kind") != "MachineHealthCheck" and (o.get("metadata") or {}).get("name") == name), 0)
    return parents


def compute_with_addons(cluster: dict[str, Any], inputs: dict[str, Any], with_addons: bool = True) -> tuple[Topology, list[Addon]]:
    """Return the topology of a Cluster and, if asked, its addons rendered over the desired objects."""
    topology = compute_topology(cluster, inputs.get("objects") or [])
    if not with_addons or not topology.objects:
        return topology, []
    cluster_object = topology.objects[0]
    spec = cluster_object.get("spec") or {}
    by_ref = {(o.get("kind"), (o.get("metadata") or {}).get("name")): o for o in topology.objects[1:]}

    def referenced(field: str) -> dict[str, Any] | None:
        ref = spec.get(field) or {}
        return by_ref.get((ref.get("kind"), ref.get("name")))

    addons = compute_addons(inputs.get("files") or {}, str(inputs.get("kubernetesVersion", "")), cluster_object, referenced("controlPlaneRef"), referenced("infrastructureRef"), list(inputs.get("stages") or []))
    return topology, addons


def preview(cluster: dict[str, Any], inputs: dict[str, Any], with_addons: bool = True) -> dict[str, Any]:
    """Return objects (with YAML and patched fields), addons, warnings, errors and all of it as one YAML text."""
    topology, addons = compute_with_addons(cluster, inputs, with_addons)
    fields = _fields(topology, _cluster_class(inputs.get("objects") or []))
    parents = _parents(topology.objects)
    shown = []
    for index, obj in enumerate(topology.objects):
        name = (obj.get("metadata") or {}).get("name")
        shown.append({"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind"), "name": name, "parent": parents[index], "yaml": yaml_text([obj]), "fields": fields.get(name, [])})
    result: dict[str, Any] = {
        "objects": shown,
        "addons": [],
        "warnings": list(topology.warnings),
        "errors": list(topology.errors),
        "problems": [error.to_dict() for error in topology.patch_errors],
    }
    for addon in addons:
        shown_addon = addon.to_dict()
        shown_addon["yaml"] = yaml_text(addon.objects)
        result["addons"].append(shown_addon)
        if addon.error:
            result["errors"].append(f"addon {addon.name}: {addon.error}")
    texts = [o["yaml"] for o in shown] + [a["yaml"] for a in result["addons"] if a["yaml"]]
    result["yaml"] = "---\n".join(texts)
    return result


def variable_effects(objects: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Return per variable what its patches change: the patch, the template kind, the field and, for templates, the target path.

    Read from the ClusterClass alone, so it holds for every Cluster: a selector names the
    template kind, each JSON patch a path in it.
    """
    cluster_class = _cluster_class(objects)
    spec = cluster_class.get("spec") or {}
    defined = {str(d.get("name")) for d in spec.get("variables") or () if isinstance(d, dict)}
    effects: dict[str, list[dict[str, Any]]] = {name: [] for name in sorted(defined)}
    # The infrastructure cluster and control plane templates become objects; machine templates stay templates.
    object_kinds = {str((template_ref(spec.get(section)) or {}).get("kind")) for section in ("infrastructure", "controlPlane")}
    for patch in spec.get("patches") or ():
        if not isinstance(patch, dict):
            continue
        for definition in patch.get("definitions") or ():
            selector = (definition or {}).get("selector") or {}
            kind = str(selector.get("kind", ""))
            match = selector.get("matchResources") or {}
            roles = [role for role, on in (("infrastructure cluster", match.get("infrastructureCluster")), ("control plane", match.get("controlPlane"))) if on]
            roles += [f"machine deployment classes {', '.join(match['machineDeploymentClass'].get('names') or [])}"] if isinstance(match.get("machineDeploymentClass"), dict) else []
            for operation in (definition or {}).get("jsonPatches") or ():
                source = (operation or {}).get("valueFrom") or {}
                how = "template" if source.get("template") else "variable" if source.get("variable") else "value"
                made = kind[: -len("Template")] if kind in object_kinds and (match.get("infrastructureCluster") or match.get("controlPlane")) else kind
                entry = {"patch": patch.get("name"), "kind": made, "templateKind": kind, "field": object_path(made, str(operation.get("path", ""))), "op": operation.get("op"), "from": how, "for": roles, "enabledIf": patch.get("enabledIf")}
                for name in operation_variables(patch, operation, defined):
                    effects[name].append(entry)
    return effects
