"""Per-version data of a build: each version's default manifests, generated once for the version pages and the editor,
and the editor's data file of every version (what the editor is told before Python runs, from the seam).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.browser import VersionDefaults, version_defaults, version_view
from generator.model import Stack, StackVersion
from generator.upgrade import Rename
from sitebuild.assets import write_hashed

Defaults = dict[str, VersionDefaults]  # by class name


def get_version_defaults(stacks: list[Stack]) -> Defaults:
    """Generate the default cluster.yaml and clusterstack.yaml of every version, by class name."""
    return {version.class_name: version_defaults(version) for stack in stacks for version in stack.versions}


def grouped_versions(stacks: list[Stack]) -> list[tuple[str, list[StackVersion]]]:
    """Group every version by ``provider / stack``, groups sorted by name; released versions newest first, then unreleased ones.

    The unreleased working state is for maintainers: listing it first made it the version a user
    picks (and the editor's default) without noticing.
    """
    groups = []
    for stack in sorted(stacks, key=lambda s: (s.provider, s.name)):
        versions = sorted(stack.versions, key=lambda v: (v.is_released, v.order), reverse=True)
        if versions:
            groups.append((f"{stack.provider} / {stack.name}", versions))
    return groups


def json_bytes(data: Any) -> bytes:
    """Return data as compact JSON with sorted keys: the same data gives the same bytes, and so the same hashed name."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write_version_data(
    groups: list[tuple[str, list[StackVersion]]],
    defaults: Defaults,
    docs_dir: Path,
    topology: dict[str, Any] | None = None,
    renames: Mapping[str, Sequence[Rename]] | None = None,
) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Write each version's editor data as a hashed file; return the URLs by class name and the default version's data.

    ``topology`` maps class names to ``sitebuild.topology.version_topologies`` entries for the third output;
    ``renames`` maps class names to their stack's declared variable renames, which "Upgrade to…" that version applies.
    """
    urls: dict[str, str] = {}
    first: dict[str, Any] | None = None
    listed = [version for _, versions in groups for version in versions]
    # The default version is the first released one; only a site without releases opens on a working state.
    default = next((v for v in listed if v.is_released), listed[0] if listed else None)
    for version in listed:
        data = version_view(version, defaults[version.class_name], (topology or {}).get(version.class_name), (renames or {}).get(version.class_name, ()))
        if version is default:
            first = data
        urls[version.class_name] = write_hashed(docs_dir, f"data/{version.class_name}", json_bytes(data), ".json")
    return urls, first
