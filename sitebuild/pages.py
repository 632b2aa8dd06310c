"""Generate the stack pages into the staging folder (first slice: the catalog)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.model import Stack
from sitebuild.staging import write_page


def _catalog(stacks: list[Stack]) -> str:
    lines = [
        "# Stack catalog",
        "",
        "Every Cluster Stack found in the stacks folder, by provider.",
        "",
        "| Provider | Stack | Kubernetes versions |",
        "| --- | --- | --- |",
    ]
    for stack in stacks:
        minors = sorted({v.kubernetes_minor for v in stack.versions}, key=lambda m: tuple(int(p) for p in m.split(".")))
        lines.append(f"| {stack.provider} | {stack.name} | {', '.join(minors)} |")
    return "\n".join(lines) + "\n"


def write_pages(stacks: list[Stack], docs_dir: Path) -> list[Any]:
    """Write the stack pages and return the "Stacks" navigation section."""
    write_page(docs_dir, "stacks/index.md", _catalog(stacks))
    return ["stacks/index.md"]
