"""Which line each field of a manifest is on: the documents' line maps, and diagnostics placed on them.

Both the writer (as it writes) and the reader (as it parses) record the line
of every field by data path in a :class:`Document`; this module turns those
maps into Kubernetes field paths, including the ``[name]`` form Cluster API
prints for named list items, and gives each diagnostic without a line the
line of its field.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from generator.manifests.diagnostics import Diagnostic
from generator.manifests.fields import Path


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


# A path's entry: (field path, named path, the data there, whether a name replaced an index, whether the data has it).
_Entry = tuple[str, str, Any, bool, bool]


def field_lines(documents: list[Document]) -> list[dict[str, int]]:
    """Return, per document, the line of every field path; list items with a ``name`` are also found by ``[name]``."""
    found = []
    for document in documents:
        lines: dict[str, int] = {}
        # Both writers record a field before the fields inside it, so each path extends its parent's entry.
        known: dict[Path, _Entry] = {(): _root(document.data)}
        for path, line in document.lines.items():
            parent = known.get(path[:-1]) if path else None
            entry = _walk(document.data, path) if parent is None else _step(parent, path[-1])
            known[path] = entry
            text, named_text, _, changed, ok = entry
            named = named_text if ok and changed else None
            lines.setdefault(text, line)
            if named is not None:
                lines.setdefault(named, line)
        found.append(lines)
    return found


def _root(data: Any) -> _Entry:
    return ("", "", data, False, True)


def _step(parent: _Entry, part: str | int) -> _Entry:
    """Extend a path's entry by one part; a list item whose ``name`` is a string is named ``[name]``, as Cluster API prints it."""
    text, named_text, node, changed, ok = parent
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
    return text, named_text, node, changed, ok


def _walk(data: Any, path: Path) -> _Entry:
    """Return a path's entry from the document's root (for a path recorded before its parent)."""
    entry = _root(data)
    for part in path:
        entry = _step(entry, part)
    return entry


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
