"""PyYAML's safe dumper set up as the manifests' writer promises to write: the tests' reference, not a second writer."""

from __future__ import annotations

import re
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block style, kubectl's list indentation, strings quoted only when a YAML reader would take them for something else."""


# YAML 1.1 readers (Go's yaml.v2 behind kubectl) take y/n for booleans; resolving them here makes the dumper quote them.
_Dumper.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Multi-line values (scripts, certificates) stay readable as literal blocks.
    style = "|" if "\n" in data and not data.startswith((" ", "\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_documents(objects: list[dict[str, Any]]) -> str:
    """Return the YAML text PyYAML writes for the objects, one document each, keys in the objects' own order."""
    return yaml.dump_all(objects, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, indent=2, width=1 << 16)
