"""Read untrusted YAML into manifests' documents, bounded, with the line of every field.

Parsing takes untrusted text (the editor pastes whatever a user has), so it is
bounded before anything is built: a size limit, a nesting limit checked on the
event stream (the composer itself recurses), and limits on nodes and on bytes
after alias expansion. The node limit stops "billion laughs" documents of many
small nodes; the byte limit stops a few large strings aliased many times (a
100 KB string aliased 300 times is 30 MB of values from a 100 KB text, which
froze the editor and, aliased 4,000 times, crashed its tab).
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from generator.manifests.diagnostics import Diagnostic, plain
from generator.manifests.fieldlines import Document
from generator.manifests.fields import Path, field_path, key_text

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 10_000
# Without aliases the scalars of a document add up to no more than its text, so the text's own bound is
# also the bound of what aliases may expand it to: no document that is not amplified is ever refused.
MAX_EXPANDED_BYTES = MAX_BYTES
TOO_LARGE = f"the text is larger than {MAX_BYTES // 1024} KiB; this is not a manifest"


class _Limit(Exception):
    """The text is too big, too deep or expands to too many nodes; parsing stops."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def limit_problem(text: str) -> Diagnostic | None:
    """Return why the text is too large, too deeply nested or too amplified by aliases to be read, or None.

    For readers of small YAML files outside the manifest parser (the CLI's values files and ``--set``
    values), which must refuse the same documents ``load_documents`` refuses. Syntax errors are left to
    the reader, which words them itself.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return _too_large()
    try:
        _check_nesting(text)
        for node in yaml.compose_all(text, Loader=yaml.SafeLoader):
            _check_expansion(node)
    except _Limit as limit:
        return plain("", limit.message, limit.line)
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _too_large() -> Diagnostic:
    return plain("", TOO_LARGE, 1)


def load_documents(text: str) -> tuple[list[Document], list[Diagnostic]]:
    """Parse YAML text into documents with line maps; problems come back as diagnostics, never as exceptions."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return [], [_too_large()]
    try:
        _check_nesting(text)
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
        for node in nodes:
            _check_expansion(node)
    except _Limit as limit:
        return [], [plain("", limit.message, limit.line)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        context = f" {error.context}" if error.context else ""
        return [], [plain("", f"YAML syntax error: {problem}{context}".strip(), mark.line + 1 if mark else 1)]
    except yaml.reader.ReaderError as error:
        # a character YAML does not allow (binary garbage): PyYAML gives its position in the text, not a line
        character = f"#x{error.character:04x}" if isinstance(error.character, int) else repr(error.character)
        line = text.count("\n", 0, error.position) + 1 if isinstance(error.position, int) else 1
        return [], [plain("", f"YAML syntax error: unacceptable character {character}: {error.reason}", line)]
    except yaml.YAMLError as error:
        return [], [plain("", f"YAML syntax error: {error}", 1)]
    except RecursionError:
        return [], [plain("", f"the YAML is nested more than {MAX_DEPTH} levels deep", None)]
    documents, diagnostics = [], []
    converter = _Converter()
    for node in nodes:
        document = Document(data=None, start_line=node.start_mark.line + 1)
        document.data = converter.convert(node, (), document)
        documents.append(document)
    diagnostics.extend(converter.diagnostics)
    return documents, diagnostics


def _check_nesting(text: str) -> None:
    """Walk the event stream (no recursion) and stop at the first collection nested too deep, or too many nodes."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1  # counted before composing, so a flat document of a million scalars never becomes a million nodes
            if nodes > MAX_NODES:
                raise _Limit(f"the YAML has more than {MAX_NODES} nodes; this is not a manifest", event.start_mark.line + 1)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Limit(f"the YAML is nested more than {MAX_DEPTH} levels deep", event.start_mark.line + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _check_expansion(root: yaml.Node) -> None:
    """Count nodes, depth and scalar bytes as if every alias were copied out; reject cycles and anything over the limits.

    Each node is measured once (an alias is the same node object as its anchor), so the check costs one pass
    over the composed text however much the aliases would expand it.
    """
    sizes: dict[int, tuple[int, int, int]] = {}
    in_progress: set[int] = set()

    def measure(node: yaml.Node) -> tuple[int, int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise _Limit("an alias refers to the node that contains it (a recursive YAML anchor)", node.start_mark.line + 1)
        in_progress.add(key)
        count, depth, size = 1, 0, 0
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
            size = len(node.value.encode("utf-8", "surrogatepass"))
        for child in children:
            child_count, child_depth, child_size = measure(child)
            count += child_count
            depth = max(depth, child_depth)
            size += child_size
            if count > MAX_NODES:
                raise _Limit(f"the YAML expands to more than {MAX_NODES} nodes (through aliases); this is not a manifest", node.start_mark.line + 1)
            if size > MAX_EXPANDED_BYTES:
                raise _Limit(f"the YAML expands to more than {MAX_EXPANDED_BYTES // 1024} KiB of values (through aliases); this is not a manifest", node.start_mark.line + 1)
        if children:
            depth += 1
        if depth > MAX_DEPTH:
            raise _Limit(f"the YAML is nested more than {MAX_DEPTH} levels deep (through aliases)", node.start_mark.line + 1)
        in_progress.discard(key)
        sizes[key] = (count, depth, size)
        return count, depth, size

    measure(root)


class _Converter:
    """Turn composed nodes into JSON-like data as Kubernetes reads it, recording each field's line."""

    def __init__(self) -> None:
        self.constructor = yaml.SafeLoader("")
        self.diagnostics: list[Diagnostic] = []

    def convert(self, node: yaml.Node, path: Path, document: Document) -> Any:
        """Return the plain value of ``node`` at ``path``."""
        document.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, document)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), document) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path, document: Document) -> dict[str, Any]:
        try:
            self.constructor.flatten_mapping(node)
        except yaml.MarkedYAMLError as error:
            self._error(path, f"YAML merge key: {error.problem}", node)
            return {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(path, "a mapping key must be a plain value, not a list or a mapping", key_node)
                continue
            key = key_text(self._scalar(key_node, path))
            child = (*path, key)
            if key in result:
                self._error(child, f'duplicate key "{key}"', key_node)
            document.lines[child] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, child, document)
        return result

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return node.value  # Kubernetes reads these as the strings they are written as
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            self._error(path, f"unsupported YAML tag {node.tag}", node)
            return node.value
        if isinstance(value, float) and not math.isfinite(value):
            self._error(path, f"{node.value} cannot be represented in JSON, which Kubernetes stores", node)
        return value

    def _error(self, path: Path, message: str, node: yaml.Node) -> None:
        self.diagnostics.append(plain(field_path(path), message, node.start_mark.line + 1))
