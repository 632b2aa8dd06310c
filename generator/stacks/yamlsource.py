"""YAML of the stack sources: read csctl.yaml, Chart.yaml, versions.yaml and the ledgers with the line of every
key and list item, for ``path:line`` problems, and write the ledgers and expanded stack folders."""

from __future__ import annotations

from typing import Any

import yaml

from generator.errors import Problem

# libyaml is much faster on the large ledgers; the pure-Python loader is the fallback (Pyodide).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Lines = dict[tuple[Any, ...], int]


def yaml_problem(path: str, error: yaml.YAMLError) -> Problem:
    """Turn a PyYAML error into a Problem at the line it points at."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    reason = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if context:
        reason = f"{context}, {reason}"
    return Problem(path, mark.line + 1 if mark else None, f"invalid YAML: {reason}")


def load_with_lines(text: str, path: str) -> tuple[Any, Lines, list[Problem]]:
    """Parse one YAML document; return its data, ``{key path: 1-based line}`` and any problem."""
    try:
        node, data = _compose_and_construct(text, _FAST_LOADER)
    except yaml.YAMLError:
        try:  # the pure loader's wording, the same everywhere
            node, data = _compose_and_construct(text, yaml.SafeLoader)
        except yaml.YAMLError as error:
            return None, {}, [yaml_problem(path, error)]
    lines: Lines = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return data, lines, []


def _compose_and_construct(text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def load_fast(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document without line bookkeeping (for large files)."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER), []
    except yaml.YAMLError:
        # libyaml words its errors differently; report what the pure loader says, the same everywhere.
        try:
            return yaml.load(text, Loader=yaml.SafeLoader), []
        except yaml.YAMLError as error:
            return None, [yaml_problem(path, error)]


def load_all_fast(text: str) -> list[Any]:
    """Parse every document of a YAML stream; raise yaml.YAMLError worded by the pure loader."""
    try:
        return list(yaml.load_all(text, Loader=_FAST_LOADER))
    except yaml.YAMLError:
        return list(yaml.load_all(text, Loader=yaml.SafeLoader))


def _collect_lines(node: yaml.Node, at: tuple[Any, ...], lines: Lines) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = at + (key.value,)
            _collect_lines(value, child, lines)
            # A key's line is where the key is written, not where a nested value starts.
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, at + (index,), lines)


def dump(data: Any) -> str:
    """Return YAML text for ``data`` with keys in the order given (callers order them on purpose)."""
    return yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100)
