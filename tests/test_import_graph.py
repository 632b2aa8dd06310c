"""The import graph of ``generator/`` has no circle: each module can be read after the modules it imports.

Every import counts, also one inside a function (a deferred import hides a
circle from Python, not from the reader). ``from package import module`` is an
edge to that module; ``from package import name`` an edge to the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"


def module_names() -> dict[str, Path]:
    """Return every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the package's modules that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    edges: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            edges.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in modules:
                    edges.add(target)
                elif base in modules:
                    edges.add(base)
    edges.discard(name)
    return edges


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one circle of the graph as a list of modules (first repeated last), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target) :] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_generator_package_has_no_import_circle():
    modules = module_names()
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    circle = find_circle(graph)
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_the_check_finds_a_circle_through_a_function_local_import(tmp_path):
    # The detector itself: two modules that import each other, one of them only inside a function.
    package = tmp_path / "generator"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from generator import b\n")
    (package / "b.py").write_text("def f():\n    from generator.a import thing\n")
    modules = {"generator": package / "__init__.py", "generator.a": package / "a.py", "generator.b": package / "b.py"}
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    assert find_circle(graph) == ["generator.a", "generator.b", "generator.a"]
