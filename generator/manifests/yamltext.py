"""YAML in and out: deterministic block-style output, and bounded parsing that remembers every field's line.

Writing runs on every keystroke in the editor, so manifests are written by a
small emitter of their own (``emit_documents``) that knows each field's line as
it writes it; diagnostics get their lines without parsing the text again. It
writes what PyYAML's SafeDumper wrote before (block style, kubectl's list
indentation), with one stricter rule: a string is quoted when either YAML
reader that meets a manifest, PyYAML here or go-yaml v2 behind kubectl, would
take it for anything but that string.

Parsing takes untrusted text (the editor pastes whatever a user has), so it is
bounded before anything is built: a size limit, a nesting limit checked on the
event stream (the composer itself recurses), and limits on nodes and on bytes
after alias expansion. The node limit stops "billion laughs" documents of many
small nodes; the byte limit stops a few large strings aliased many times (a
100 KB string aliased 300 times is 30 MB of values from a 100 KB text, which
froze the editor and, aliased 4,000 times, crashed its tab).
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.yamlscalars import block_string, double_quoted, go_yaml_non_string
from generator.manifests.diagnostics import Diagnostic, plain
from generator.manifests.fields import Path, field_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 10_000
# Without aliases the scalars of a document add up to no more than its text, so the text's own bound is
# also the bound of what aliases may expand it to: no document that is not amplified is ever refused.
MAX_EXPANDED_BYTES = MAX_BYTES
TOO_LARGE = f"the text is larger than {MAX_BYTES // 1024} KiB; this is not a manifest"



class _Dumper(yaml.SafeDumper):
    """Block style, kubectl's list indentation, strings quoted only when a YAML reader would take them for something else."""


# YAML 1.1 readers (Go's yaml.v2 behind kubectl) take y/n for booleans; resolving them here makes the dumper quote them.
_Dumper.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Multi-line values (scripts, certificates) stay readable as literal blocks.
    style = "|" if "\n" in data and not data.startswith((" ", "\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_documents(objects: list[dict[str, Any]]) -> str:
    """Return the YAML text of the objects, one document each, keys in the objects' own order."""
    return yaml.dump_all(
        objects,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        indent=2,
        width=1 << 16,  # never fold long strings: a folded value is hard to read and to diff
    )


@dataclass
class Document:
    """One parsed YAML document: its plain data and the 1-based line of every field, by path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    start_line: int = 1

    def line(self, path: Path) -> int:
        """Return the line of the field at ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.start_line


def emit_documents(objects: list[dict[str, Any]]) -> tuple[str, list[Document]]:
    """Return the YAML text of the objects (as ``dump_documents`` writes it) and, per object, the line of every field."""
    try:
        out: list[str] = []
        documents = []
        for obj in objects:
            if out:
                out.append("---")
            document = Document(data=obj, start_line=len(out) + 1)
            document.lines[()] = document.start_line
            if type(obj) is not dict or not obj:
                raise _Unsupported("a document that is not a non-empty mapping")
            _emit_block(obj, 0, (), out, document.lines, False)
            documents.append(document)
    except (_Unsupported, RecursionError):
        # Values of other types (a datetime, a str subclass) or an object that contains itself: write them as PyYAML
        # does and find the lines by reading the text back, the slow way this module used to take every time.
        text = dump_documents(objects)
        documents, _ = load_documents(text)
        return text, documents
    return "\n".join(out) + "\n" if out else "", documents


class _Unsupported(Exception):
    """A value the emitter does not write; ``emit_documents`` falls back to PyYAML."""


def _emit_block(value: dict[Any, Any] | list[Any], indent: int, path: Path, out: list[str], lines: dict[Path, int], inline: bool) -> None:
    """Append a non-empty mapping or sequence in block style at column ``indent``, recording each field's line.

    With ``inline`` the first entry continues the line above (``- key: value``, ``- - item``), as after a list dash.
    """
    pad = " " * indent
    if type(value) is dict:
        for key, item in value.items():
            if type(key) is str:
                child = (*path, key)
                explicit = len(key) >= _MAX_SIMPLE_KEY
                head = ("? " if explicit else "") + _string(key, True, indent)
            else:  # a number, boolean or null key is written as that scalar; its path is the string Kubernetes makes of it
                child = (*path, _key_text(key))
                explicit = False
                head = _key_scalar(key)
            if not explicit:
                head += ":"
            if inline:
                out[-1] += " " + head
                inline = False
            else:
                out.append(pad + head)
            lines[child] = len(out)
            if explicit:  # the value follows ": " on the next line and is laid out like a list item after "- "
                out.append(pad + ":")
            _emit_value(item, indent, child, out, lines, not explicit)
    else:
        for i, item in enumerate(value):
            if inline:
                out[-1] += " -"
                inline = False
            else:
                out.append(pad + "-")
            lines[(*path, i)] = len(out)
            _emit_value(item, indent, (*path, i), out, lines, False)


def _emit_value(value: Any, indent: int, path: Path, out: list[str], lines: dict[Path, int], in_mapping: bool) -> None:
    """Finish the line ``out[-1]`` (a ``key:`` or a ``-`` at column ``indent``) with ``value``, continuing below when it is a block."""
    t = type(value)
    if t is dict and value:
        if in_mapping:
            _emit_block(value, indent + 2, path, out, lines, False)
        else:
            _emit_block(value, indent + 2, path, out, lines, True)
    elif t is list and value:
        # kubectl's (and PyYAML's) style: a sequence in a mapping is not indented; one in a sequence starts on the dash line
        _emit_block(value, indent if in_mapping else indent + 2, path, out, lines, not in_mapping)
    else:
        text = _flow_or_scalar(value, indent + 2)
        if "\n" in text:  # a literal block: one list entry per line keeps len(out) the line number
            first, *rest = text.split("\n")
            out[-1] += " " + first
            out.extend(rest)
        else:
            out[-1] += " " + text


# PyYAML writes a key of 128 characters or more as an explicit "? key" (YAML readers stop looking for a ":" after 1024).
_MAX_SIMPLE_KEY = 128
_FLOW_BREAKS = re.compile("[\x85\u2028\u2029]")
_STRINGS: dict[str, str] = {}
_KEYS: dict[str, str] = {}


def _flow_or_scalar(value: Any, indent: int) -> str:
    """Return a scalar or an empty collection as it is written after ``key:`` or ``-``; ``indent`` is the column for literal block content."""
    t = type(value)
    if t is str:
        return _string(value, False, indent)
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return str(value)
    if t is float:
        return _float_text(value)
    if value is None:
        return "null"
    if t is dict:
        return "{}"
    if t is list:
        return "[]"
    raise _Unsupported(type(value).__name__)


def _string(text: str, simple_key: bool, indent: int) -> str:
    """Return a string scalar, quoted only when a YAML reader would take the plain text for something else."""
    cache = _KEYS if simple_key else _STRINGS
    found = cache.get(text)
    if found is not None:
        return found
    if _FLOW_BREAKS.search(text):
        # NEL and the Unicode line separators: a literal block or a single-quoted scalar would not read them back as written.
        rendered = double_quoted(text)
    else:
        rendered = block_string(text, simple_key, indent, non_string=_non_string, quote="'")
    if "\n" not in text:  # a literal block depends on its indentation; everything else can be reused
        if len(cache) > 20_000:
            cache.clear()
        cache[text] = rendered
    return rendered


def _non_string(text: str) -> bool:
    """Say whether PyYAML's safe loader or go-yaml v2 (behind kubectl) would read this plain text as something other than a string."""
    if go_yaml_non_string(text):
        return True
    for tag, pattern in _Dumper.yaml_implicit_resolvers.get(text[0] if text else "", ()):
        if pattern.match(text):
            return tag != "tag:yaml.org,2002:str"
    return False


def _float_text(value: float) -> str:
    """Return a float as PyYAML's SafeRepresenter writes it (``1.0e+20``, ``.inf``, ``.nan``)."""
    if value != value:
        return ".nan"
    if value in (math.inf, -math.inf):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _key_scalar(key: Any) -> str:
    """Return a key that is not a string as PyYAML writes it: numbers, booleans and null as plain scalars."""
    if key is None or type(key) in (bool, int, float):
        return _flow_or_scalar(key, 0)
    raise _Unsupported(type(key).__name__)


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
            key = _key_text(self._scalar(key_node, path))
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


def _key_text(key: Any) -> str:
    """Return a mapping key as the string Kubernetes' YAML-to-JSON conversion makes of it."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def field_lines(documents: list[Document]) -> list[dict[str, int]]:
    """Return, per document, the line of every field path; list items with a ``name`` are also found by ``[name]``."""
    found = []
    for document in documents:
        lines: dict[str, int] = {}
        # Per path: (field path, named path, the data there, whether a name replaced an index, whether the data has it).
        # Both writers record a field before the fields inside it, so each path extends its parent's entry.
        known: dict[Path, tuple[str, str, Any, bool, bool]] = {(): ("", "", document.data, False, True)}
        for path, line in document.lines.items():
            parent = known.get(path[:-1]) if path else None
            if parent is None:
                text, named = field_path(path), _named_path(document.data, path)
            else:
                text, named_text, node, changed, ok = parent
                part = path[-1]
                if isinstance(part, int):
                    text += f"[{part}]"
                    if ok and isinstance(node, list) and part < len(node):
                        node = node[part]
                        name = node.get("name") if isinstance(node, dict) else None
                        if isinstance(name, str):
                            named_text, changed = f"{named_text}[{name}]", True
                        else:
                            named_text += f"[{part}]"
                    else:
                        ok = False
                else:
                    text = f"{text}.{part}" if text else part
                    if ok and isinstance(node, dict):
                        node = node.get(part)
                        named_text = f"{named_text}.{part}" if named_text else part
                    else:
                        ok = False
                known[path] = (text, named_text, node, changed, ok)
                named = named_text if ok and changed else None
            lines.setdefault(text, line)
            if named is not None:
                lines.setdefault(named, line)
        found.append(lines)
    return found


def _named_path(data: Any, path: Path) -> str | None:
    """Return the path with list indexes replaced by the items' names (``variables[cpu]``), or None if none applies."""
    text, node, changed = "", data, False
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            name = node.get("name") if isinstance(node, dict) else None
            if isinstance(name, str):
                text, changed = f"{text}[{name}]", True
            else:
                text += f"[{part}]"
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
            text = f"{text}.{part}" if text else part
        else:
            return None
    return text if changed else None


def locate(diagnostics: list[Diagnostic], documents: list[Document]) -> list[Diagnostic]:
    """Give each diagnostic without a line the line of its field (or of the nearest enclosing field) in the documents."""
    if not documents or all(diagnostic.line is not None for diagnostic in diagnostics):
        return diagnostics  # the usual keystroke: nothing to place, so no table to build
    tables = field_lines(documents)
    located = []
    for diagnostic in diagnostics:
        if diagnostic.line is not None:
            located.append(diagnostic)
            continue
        line = _find_line(diagnostic.field, tables)
        located.append(dataclasses.replace(diagnostic, line=line if line is not None else documents[0].start_line))
    return located


_PARENT = re.compile(r"^(.*)(\.[^.\[\]]*|\[[^\[\]]*\])$")


def _find_line(field_text: str, tables: list[dict[str, int]]) -> int | None:
    candidate = field_text
    while candidate:
        for table in tables:
            if candidate in table:
                return table[candidate]
        match = _PARENT.match(candidate)
        candidate = match.group(1) if match else ""
    return None
