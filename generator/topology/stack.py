"""What the topology of one stack version is computed from: its expanded files and cluster-class objects (pure).

A stack version's release ledger keeps only the rendered ClusterClass, not the templates
it references, so the topology is computed from a version's source: the working state of
the stacks folder. A released version whose content equals the working state is the same
source; an older release is not in the folder any more and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.errors import Problem
from generator.naming import release_name
from generator.stacks.catalog import read_sources, working_versions
from generator.stacks.render import render_cluster_class


@dataclass(frozen=True)
class StackSourceVersion:
    """One stack version's expanded files and the objects its cluster-class chart renders."""

    class_name: str
    kubernetes_version: str
    files: dict[str, str]
    objects: list[dict[str, Any]]
    stage_names: list[str]  # addon names in the order the lifecycle hooks apply them


def _render(source: Any, working: Any) -> tuple[StackSourceVersion, list[Problem]]:
    files = working.files()
    objects, problems = render_cluster_class(files, source.base, release_name(source.provider, source.name, working.entry.kubernetes), working.entry.kubernetes)
    stages = [step.name for stage in source.addon_stages for step in stage.steps if step.action == "apply"]
    return StackSourceVersion(working.class_name, working.entry.kubernetes, files, objects, stages), problems


def source_versions(folders: dict[str, dict[str, str]], base: str) -> tuple[dict[str, StackSourceVersion], list[Problem]]:
    """Render every working version of every stack once; return them by class name, and all problems."""
    sources, problems = read_sources(folders, base)
    found: dict[str, StackSourceVersion] = {}
    for source, ledger in sources:
        for working in working_versions(source, ledger):
            version, rendered = _render(source, working)
            problems.extend(rendered)
            if not rendered:
                found[working.class_name] = version
    return found, problems


def source_version(folders: dict[str, dict[str, str]], base: str, class_name: str) -> tuple[StackSourceVersion | None, list[Problem]]:
    """Find the working version named ``class_name`` in the stacks' sources and render its cluster-class chart."""
    sources, problems = read_sources(folders, base)
    if problems:
        return None, problems
    known = []
    for source, ledger in sources:
        for working in working_versions(source, ledger):
            known.append(working.class_name)
            if working.class_name != class_name:
                continue
            return _render(source, working)
        released = {v.class_name for v in ledger.all_versions()}
        if class_name in released:
            current = ", ".join(w.class_name for w in working_versions(source, ledger))
            return None, [Problem(class_name, None, f"a released version whose templates are no longer in {base}/{source.path} (the ledger keeps only its ClusterClass); the folder holds {current}")]
    return None, [Problem(class_name, None, f"unknown ClusterClass; known: {', '.join(sorted(known)) or 'none'}")]
