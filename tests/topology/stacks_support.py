"""The shipped stacks' working versions with what the topology engine needs, loaded once per test session."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from generator.manifests import build_cluster, default_cluster_form
from generator.model import StackVersion
from generator.stacks import load_stack_versions
from generator.stacks.files import read_stacks
from generator.topology.stack import StackSourceVersion, source_version

STACKS = Path(__file__).resolve().parents[2] / "stacks"


@functools.lru_cache(maxsize=None)
def versions() -> dict[str, StackVersion]:
    """Return every stack version by class name."""
    return {v.class_name: v for v in load_stack_versions(STACKS)}


@functools.lru_cache(maxsize=None)
def folders() -> dict[str, dict[str, str]]:
    """Return the stacks folder's files (read once)."""
    return read_stacks(STACKS)


@functools.lru_cache(maxsize=None)
def working(class_name: str) -> StackSourceVersion:
    """Return one working version's files and rendered cluster-class objects."""
    version, problems = source_version(folders(), str(STACKS), class_name)
    assert version is not None and not problems, problems
    return version


def working_class_names() -> list[str]:
    """Return the class name of every working version (the ones the folder can render), sorted."""
    from generator.stacks.catalog import read_sources, working_versions

    sources, _ = read_sources(folders(), str(STACKS))
    return sorted(w.class_name for source, ledger in sources for w in working_versions(source, ledger))


def cluster(class_name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the cluster.yaml the generator writes for a version, with some variables set."""
    version = versions()[class_name]
    form = default_cluster_form(version)
    form.variables.update(variables or {})
    return build_cluster(version, form, [{"name": k, "value": v} for k, v in form.variables.items()])
