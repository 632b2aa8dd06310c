"""The topology a stack version's pages and editor entry show: computed from the stacks folder at build time.

A version's topology is computed from what its cluster-class chart renders. For every working
version (which includes each released version whose content is still the working state) that
is the stacks folder's source. A released version whose source has moved on (its content hash
is not the working state's any more) takes the objects and addon files its ledger entry keeps
(``topologyInputs``, written by ``python -m generator release``); an older entry without them
has no topology. Both give the same inputs for the same content. What a variable changes
needs only the ClusterClass's patches and is shown for every version.

Rendering every working version's charts and its default topology costs about a second,
so the result is kept in the build cache, keyed by the stacks' files and the generator's code.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from generator.browser import version_defaults
from generator.model import Stack, StackVersion
from generator.stacks.files import read_stacks
from generator.topology.preview import preview
from generator.topology.stack import topology_sources
from sitebuild import buildcache
from sitebuild.versiondata import Defaults

log = logging.getLogger(__name__)


def _key(folders: dict[str, dict[str, str]]) -> str:
    digest = buildcache.source_digest()
    for folder in sorted(folders):
        for path in sorted(folders[folder]):
            digest.update(f"{folder}/{path}\0{folders[folder][path]}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def version_topologies(stacks_dir: Path, stacks: list[Stack], cache_dir: Path | None = None, defaults: Defaults | None = None) -> dict[str, dict[str, Any]]:
    """Return per class name ``{"inputs", "default"}``: what the editor's worker computes from, and the default topology.

    Only versions whose templates the stacks folder or its ledger holds are in it (see the module's docstring).
    ``defaults`` are the build's default manifests (``sitebuild.versiondata``): the default topology is
    that of the default Cluster the version page and the editor show, not one generated a second time.
    """
    folders = read_stacks(stacks_dir)
    cached = cache_dir / f"{_key(folders)}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    inputs_by_name, recorded, problems = topology_sources(folders, str(stacks_dir))
    for problem in problems:  # the stacks loader reports these with their places; such a version has no topology
        log.debug("topology: %s", problem)
    versions = {v.class_name: v for stack in stacks for v in stack.versions}
    for class_name, (digest, inputs) in recorded.items():
        version = versions.get(class_name)
        # The source wins where it still has the version; a tag (--history) whose content differs is not the ledger's entry.
        if class_name not in inputs_by_name and version is not None and version.content_hash == digest:
            inputs_by_name[class_name] = inputs
    found: dict[str, dict[str, Any]] = {}
    for class_name, inputs in sorted(inputs_by_name.items()):
        version = versions.get(class_name)
        if version is None:
            continue
        found[class_name] = {"inputs": inputs, "default": _default_topology(version, inputs, defaults)}
    if cached is not None:
        buildcache.store(cached, json.dumps(found, sort_keys=True).encode("utf-8"))
    return found


def _default_topology(version: StackVersion, inputs: dict[str, Any], defaults: Defaults | None) -> dict[str, Any]:
    """Return the topology of the version's default Cluster (the build's, else generated), warning on its errors."""
    cluster = ((defaults or {}).get(version.class_name) or version_defaults(version)).cluster.objects[0]
    default = preview(cluster, inputs, with_addons=False)
    if default["errors"]:
        log.warning("%s: the default topology has errors: %s", version.class_name, "; ".join(default["errors"]))
    return default
