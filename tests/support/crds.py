"""Validate objects against the real CRDs in ../shared/schemas/crds, walking their structural schemas.

This plays the API server's part for tests: pick the CRD by apiVersion and kind, walk
``spec.versions[name==V].schema.openAPIV3Schema`` with ``generator.openapi.validate`` and
report every problem as ``field.path: message``. Unknown fields are reported (the API server
would prune them silently, which is a bug in what we generate); CEL rules the evaluator cannot
check are reported as warnings, so they fail the test instead of passing unseen.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.openapi import FieldError, validate

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

# ObjectMeta fields a client may send; anything else in metadata is an unknown field.
_OBJECT_META_FIELDS = {
    "name": "string",
    "generateName": "string",
    "namespace": "string",
    "labels": "map",
    "annotations": "map",
    "finalizers": "list",
    "ownerReferences": "list",
    "uid": "string",
    "resourceVersion": "string",
    "generation": "integer",
    "creationTimestamp": "any",
    "deletionTimestamp": "any",
    "deletionGracePeriodSeconds": "integer",
    "managedFields": "list",
    "selfLink": "string",
}
_DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def crds_dir() -> Path:
    """Return the folder holding the real CRDs ($SHARED_DIR/schemas/crds, else ../shared/schemas/crds)."""
    shared = os.environ.get("SHARED_DIR")
    base = Path(shared) if shared else REPO_ROOT.parent / "shared"
    return base / "schemas" / "crds"


@lru_cache(maxsize=None)
def _crd_index(folder: str) -> dict[tuple[str, str], dict[str, Any]]:
    index: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        # The libyaml loader reads the large Cluster API CRDs several times faster than the pure-Python one.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for doc in yaml.load_all(path.read_text(encoding="utf-8"), Loader=loader):
            if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            index[(spec["group"], spec["names"]["kind"])] = doc
    return index


def crd_schema(api_version: str, kind: str) -> dict[str, Any]:
    """Return the openAPIV3Schema of KIND at API_VERSION (``group/version``); raise LookupError if absent."""
    group, _, version = api_version.rpartition("/")
    crd = _crd_index(str(crds_dir())).get((group, kind))
    if crd is None:
        raise LookupError(f"no CRD for kind {kind} in group {group!r} under {crds_dir()}")
    for entry in crd["spec"]["versions"]:
        if entry["name"] == version:
            return entry["schema"]["openAPIV3Schema"]
    served = ", ".join(v["name"] for v in crd["spec"]["versions"])
    raise LookupError(f"CRD {crd['metadata']['name']} has no version {version} (it has {served})")


def validate_against_crd(obj: dict[str, Any]) -> list[str]:
    """Validate OBJ against its real CRD and return ``field.path: message`` lines (empty when valid)."""
    if not isinstance(obj, dict):
        return [f"<root>: must be an object, got {type(obj).__name__}"]
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return ["apiVersion/kind: both must be set to find the CRD"]
    try:
        schema = crd_schema(api_version, kind)
    except LookupError as exc:
        return [f"apiVersion: {exc}"]
    return validate_against_schema(obj, schema)


def validate_against_schema(obj: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Validate a whole object against a CRD version's openAPIV3Schema as the API server would."""
    # The API server validates metadata as ObjectMeta, not through the CRD schema (which says only "type: object").
    root = dict(schema)
    properties = dict(root.get("properties") or {})
    properties["metadata"] = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
    root["properties"] = properties
    errors: list[FieldError] = validate(obj, root, "")
    lines = [_line(error) for error in errors]
    lines.extend(_object_meta_problems(obj.get("metadata"), "metadata", namespaced=True))
    return lines


def assert_valid_against_crd(obj: dict[str, Any]) -> None:
    """Fail the test, listing every problem, unless OBJ is valid against its real CRD."""
    problems = validate_against_crd(obj)
    assert not problems, f"{obj.get('kind')} {obj.get('metadata', {}).get('name')!r} is not valid:\n" + "\n".join(problems)


def _line(error: FieldError) -> str:
    marked = f"warning: {error.message}" if error.severity == "warning" else error.message
    return f"{error.field or '<root>'}: {marked}"


def _object_meta_problems(meta: Any, path: str, namespaced: bool) -> list[str]:
    if meta is None:
        return [f"{path}: Required value"]
    if not isinstance(meta, dict):
        return [f"{path}: Invalid value: must be an object"]
    problems: list[str] = []
    for name, value in meta.items():
        kind = _OBJECT_META_FIELDS.get(name)
        where = f"{path}.{name}"
        if kind is None:
            problems.append(f"{where}: Forbidden: field not declared in schema")
        elif kind == "string" and not isinstance(value, str):
            problems.append(f"{where}: Invalid value: must be a string")
        elif kind == "map" and not (
            isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        ):
            problems.append(f"{where}: Invalid value: must be a map of strings to strings")
        elif kind == "list" and not isinstance(value, list):
            problems.append(f"{where}: Invalid value: must be a list")
    name = meta.get("name")
    if name is None and "generateName" not in meta:
        problems.append(f"{path}.name: Required value: name or generateName is required")
    elif isinstance(name, str) and (len(name) > 253 or not _DNS1123_SUBDOMAIN.match(name)):
        problems.append(
            f"{path}.name: Invalid value: {name!r}: a lowercase RFC 1123 subdomain must consist of lower case "
            "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
        )
    namespace = meta.get("namespace")
    if isinstance(namespace, str) and (len(namespace) > 63 or not _DNS1123_LABEL.match(namespace)):
        problems.append(
            f"{path}.namespace: Invalid value: {namespace!r}: a lowercase RFC 1123 label must consist of lower "
            "case alphanumeric characters or '-', and must start and end with an alphanumeric character"
        )
    return problems
