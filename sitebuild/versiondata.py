"""Each version's default manifests, generated once per build for the version pages and the editor alike."""

from __future__ import annotations

from generator.browser import VersionDefaults, version_defaults
from generator.model import Stack

Defaults = dict[str, VersionDefaults]  # by class name


def get_version_defaults(stacks: list[Stack]) -> Defaults:
    """Generate the default cluster.yaml and clusterstack.yaml of every version, by class name."""
    return {version.class_name: version_defaults(version) for stack in stacks for version in stack.versions}
