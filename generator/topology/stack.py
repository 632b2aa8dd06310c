"""What the topology of one stack version is computed from: its cluster-class objects and addon files (pure).

``topology_inputs`` packs them into plain JSON (what the build ships to the browser and the
CLI computes from). They come from a version's source, the working state of the stacks
folder; a released version whose content equals the working state is the same source. A
release whose source has moved on has the inputs its ledger entry keeps (``topologyInputs``,
see ``generator.stacks.releasetopology``), if it was released with them: ``version_inputs``
takes the source's, else the ledger's, else says why there are none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.errors import Problem
from generator.naming import release_name
from generator.stacks.catalog import read_sources, recorded_topologies, working_versions
from generator.stacks.releasetopology import addon_files, applied_addons
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
    return StackSourceVersion(working.class_name, working.entry.kubernetes, files, objects, applied_addons(source.addon_stages)), problems


def topology_inputs(version: StackSourceVersion) -> dict[str, Any]:
    """Return the JSON a browser needs to compute this version's topology: class objects and addon files."""
    return {"objects": version.objects, "files": addon_files(version.files), "kubernetesVersion": version.kubernetes_version, "stages": version.stage_names}


def _render_working(sources: list[tuple[Any, Any]], problems: list[Problem]) -> dict[str, StackSourceVersion]:
    """Render every working version of the read sources once, adding the rendering problems to ``problems``."""
    found: dict[str, StackSourceVersion] = {}
    for source, ledger in sources:
        for working in working_versions(source, ledger):
            version, rendered = _render(source, working)
            problems.extend(rendered)
            if not rendered:
                found[working.class_name] = version
    return found


def source_versions(folders: dict[str, dict[str, str]], base: str) -> tuple[dict[str, StackSourceVersion], list[Problem]]:
    """Render every working version of every stack once; return them by class name, and all problems."""
    sources, problems = read_sources(folders, base)
    return _render_working(sources, problems), problems


def topology_sources(folders: dict[str, dict[str, str]], base: str) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, dict[str, Any]]], list[Problem]]:
    """Read the stacks once; return the topology inputs of every working version (from its source), those each
    ledger keeps for its releases (with the release's content hash), and all problems."""
    sources, problems = read_sources(folders, base)
    rendered = _render_working(sources, problems)
    return {name: topology_inputs(version) for name, version in rendered.items()}, recorded_topologies(sources), problems


def _find_source(sources: list[tuple[Any, Any]], base: str, class_name: str) -> tuple[StackSourceVersion | None, list[Problem]]:
    """Render the working version named ``class_name``, or say why there is none (a moved-on release, an unknown class)."""
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
            return None, [Problem(class_name, None, f"its templates are not in {base} (a release whose source moved on keeps only its ClusterClass); its ledger entry has no topologyInputs; {base}/{source.path} holds {current}")]
    return None, [Problem(class_name, None, f"unknown ClusterClass; known: {', '.join(sorted(known)) or 'none'}")]


def source_version(folders: dict[str, dict[str, str]], base: str, class_name: str) -> tuple[StackSourceVersion | None, list[Problem]]:
    """Find the working version named ``class_name`` in the stacks' sources and render its cluster-class chart."""
    sources, problems = read_sources(folders, base)
    if problems:
        return None, problems
    return _find_source(sources, base, class_name)


def version_inputs(folders: dict[str, dict[str, str]], base: str, class_name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return what ``class_name``'s topology is computed from: its source's inputs, else those its ledger entry keeps.

    Without either, None and the reason (an unknown class, or a release whose source moved on and
    whose entry predates ``topologyInputs``).
    """
    sources, problems = read_sources(folders, base)
    if problems:
        return None, problems
    version, problems = _find_source(sources, base, class_name)
    if version is not None and not problems:
        return topology_inputs(version), []
    recorded = recorded_topologies(sources).get(class_name)
    if version is None and recorded is not None:
        return recorded[1], []
    return None, problems


def versions_inputs(folders: dict[str, dict[str, str]], base: str, class_names: list[str]) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Return the inputs of several versions (``version_inputs`` for each, the stacks read and rendered once), and the problems of those without."""
    sources, _ = read_sources(folders, base)
    rendered = _render_working(sources, [])
    recorded = recorded_topologies(sources)
    found: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for name in class_names:
        if name in rendered:
            found[name] = topology_inputs(rendered[name])
        elif name in recorded:
            found[name] = recorded[name][1]
        else:
            problems.extend(_find_source(sources, base, name)[1] or [Problem(name, None, f"its templates are not in {base}")])
    return found, problems
