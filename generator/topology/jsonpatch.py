"""RFC 6902 JSON patches applied like the library Cluster API uses (github.com/evanphx/json-patch/v5).

Cluster API applies each patch with the library's defaults: negative array
indices are allowed, a missing parent on ``add`` is an error (no path is
created), and removing a missing path is an error. The error texts are the
library's, so a failing patch reads here as it would in the topology
controller's log.
"""

from __future__ import annotations

import re
from typing import Any

from generator.jsonvalue import clone

_INDEX = re.compile(r"^[+-]?[0-9]+$")
_MISSING = "missing value"
_INVALID_INDEX = "invalid index referenced"
_EXPECTED_OBJECT = "invalid value, expected object"


class JSONPatchError(Exception):
    """A patch operation that does not apply to the document; the message is the library's."""


def _decode_key(key: str) -> str:
    # RFC 6901: "~1" first, then "~0".
    return key.replace("~1", "/").replace("~0", "~")


def _atoi(key: str) -> int:
    """Parse like Go's strconv.Atoi, which accepts a sign and leading zeros but nothing else."""
    if not _INDEX.match(key):
        raise JSONPatchError(f'strconv.Atoi: parsing "{key}": invalid syntax')
    return int(key)


class _Ref:
    """The container a path's last token lives in."""

    def __init__(self, container: Any, key: str) -> None:
        self.container = container
        self.key = key


def _get(container: Any, key: str) -> Any:
    """Return the child at ``key``, raising JSONPatchError when there is none (the library's get)."""
    if isinstance(container, dict):
        if key == "":
            return container
        if key not in container:
            raise JSONPatchError(f"unable to get nonexistent key: {key}: {_MISSING}")
        return container[key]
    if isinstance(container, list):
        if key == "":
            return container
        index = _atoi(key)
        if index < 0:
            if index < -len(container):
                raise JSONPatchError(f"Unable to access invalid index: {index}: {_INVALID_INDEX}")
            index += len(container)
        if index >= len(container):
            raise JSONPatchError(f"Unable to access invalid index: {index}: {_INVALID_INDEX}")
        return container[index]
    raise JSONPatchError(_EXPECTED_OBJECT)


def _find(doc: Any, path: str) -> _Ref | None:
    """Walk to the parent of the path's last token; None when a step is missing or not a container."""
    parts = path.split("/")
    if len(parts) < 2:
        return None
    current = doc
    for part in parts[1:-1]:
        try:
            current = _get(current, _decode_key(part))
        except JSONPatchError:
            return None
        if not isinstance(current, (dict, list)):
            return None
    return _Ref(current, _decode_key(parts[-1]))


def _add(doc: Any, path: str, value: Any) -> Any:
    if path == "":
        return value
    ref = _find(doc, path)
    if ref is None:
        raise JSONPatchError(f'add operation does not apply: doc is missing path: "{path}": {_MISSING}')
    container, key = ref.container, ref.key
    try:
        if isinstance(container, dict):
            container[key] = value
        elif key == "-":
            container.append(value)
        else:
            try:
                index = _atoi(key)
            except JSONPatchError as error:
                raise JSONPatchError(f"value was not a proper array index: '{key}': {error}") from None
            size = len(container) + 1
            if index >= size or index < -size:
                raise JSONPatchError(f"Unable to access invalid index: {index}: {_INVALID_INDEX}")
            container.insert(index + size if index < 0 else index, value)
    except JSONPatchError as error:
        raise JSONPatchError(f"error in add for path: '{path}': {error}") from None
    return doc


def _remove(doc: Any, path: str) -> Any:
    ref = _find(doc, path)
    if ref is None:
        raise JSONPatchError(f'remove operation does not apply: doc is missing path: "{path}": {_MISSING}')
    container, key = ref.container, ref.key
    try:
        if isinstance(container, dict):
            if key not in container:
                raise JSONPatchError(f"unable to remove nonexistent key: {key}: {_MISSING}")
            del container[key]
        else:
            index = _atoi(key)
            if index >= len(container) or index < -len(container):
                raise JSONPatchError(f"Unable to access invalid index: {index}: {_INVALID_INDEX}")
            del container[index]
    except JSONPatchError as error:
        raise JSONPatchError(f"error in remove for path: '{path}': {error}") from None
    return doc


def _replace(doc: Any, path: str, value: Any) -> Any:
    if path == "":
        if not isinstance(value, (dict, list)):
            raise JSONPatchError("replace operation value must be object or array")
        return value
    ref = _find(doc, path)
    if ref is None:
        raise JSONPatchError(f"replace operation does not apply: doc is missing path: {path}: {_MISSING}")
    try:
        _get(ref.container, ref.key)
    except JSONPatchError:
        raise JSONPatchError(f"replace operation does not apply: doc is missing key: {path}: {_MISSING}") from None
    if isinstance(ref.container, dict):
        ref.container[ref.key] = value
    else:
        index = _atoi(ref.key)
        ref.container[index] = value
    return doc


def _shallow(value: Any) -> Any:
    return dict(value) if type(value) is dict else list(value) if type(value) is list else value


def _own_path(doc: Any, path: str, owned: set[int]) -> None:
    """Copy the containers along ``path`` (not their siblings) so that changing them leaves the input alone."""
    current = doc
    for part in path.split("/")[1:-1]:
        key: Any = _decode_key(part)
        if type(current) is dict:
            if key == "" or key not in current:
                return
        elif type(current) is list:
            if not _INDEX.match(key):
                return
            key = int(key)
            if key < 0:
                key += len(current)
            if not 0 <= key < len(current):
                return
        else:
            return
        child = current[key]
        if type(child) not in (dict, list):
            return
        if id(child) not in owned:
            child = _shallow(child)
            owned.add(id(child))
            current[key] = child
        current = child


def apply_patch(document: Any, operations: list[dict[str, Any]]) -> Any:
    """Return a patched copy of ``document``; raise JSONPatchError at the first operation that does not apply.

    ``operations`` are RFC 6902 operations (``op``, ``path``, ``value``); the input is never changed:
    only the containers on each operation's path are copied, everything else is shared.
    """
    doc = _shallow(document)
    owned = {id(doc)}
    for operation in operations:
        if isinstance(operation.get("path"), str):
            _own_path(doc, operation["path"], owned)
        op = operation.get("op")
        path = operation.get("path")
        if not isinstance(path, str):
            raise JSONPatchError(f"{op} operation failed to decode path: {_MISSING}")
        value = clone(operation.get("value"))
        if op == "add":
            doc = _add(doc, path, value)
        elif op == "remove":
            doc = _remove(doc, path)
        elif op == "replace":
            doc = _replace(doc, path, value)
        else:
            raise JSONPatchError(f"Unexpected kind: {op}")
    return doc
