"""Expand a stack source for one Kubernetes version: the folder csctl or ``helm package`` takes.

Per version the generator, and nothing else:
- names the charts ``<provider>-<name>-<major>-<minor>-cluster-class`` / ``-cluster-addon``
  and sets their version to the stack version (what ``csctl`` does);
- pins every addon chart dependency that ``versions.yaml`` names for that version;
- sets ``csctl.yaml``'s ``kubernetesVersion`` and rewrites, in every ``values.yaml``, the
  Kubernetes version the source is written for (csctl.yaml's) to this version: that is how
  a source says "this image name carries the Kubernetes version";
- writes a csctl-style ``metadata.yaml``.
Vendored archives (``charts/``) and ``Chart.lock`` are dropped: they belong to other versions.
"""

from __future__ import annotations

import copy
import logging
import re

from generator.naming import chart_name
from generator.stacks.hashing import content_hash
from generator.stacks.layout import ALIASES_FILE, LEDGER_FILE, RENAMES_FILE, ChartSource, StackSource, VersionEntry
from generator.stacks.yamlsource import dump

logger = logging.getLogger(__name__)

METADATA_API_VERSION = "metadata.clusterstack.x-k8s.io/v1alpha1"
# Stands in for the stack version while hashing, so the hash never depends on the version's name.
HASH_PLACEHOLDER_VERSION = "v0"
# Files of the source that are not part of a stack version.
_SOURCE_ONLY = {"versions.yaml", LEDGER_FILE, ALIASES_FILE, RENAMES_FILE, "README.md"}


def expand_version(source: StackSource, entry: VersionEntry, version: str) -> dict[str, str]:
    """Return the files of one stack version: ``{path in the version folder: text}``."""
    kube_pattern = _version_pattern(source.kubernetes_version)
    charts = {source.cluster_class.folder: source.cluster_class} | {chart.folder: chart for chart in source.addons}
    out: dict[str, str] = {}
    for path, text in source.files.items():
        if path in _SOURCE_ONLY or _is_vendored(path):
            continue
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        if path.endswith("/Chart.yaml") and folder in charts:
            part = "cluster-class" if folder == "cluster-class" else "cluster-addon"
            out[path] = _expand_chart(text, charts[folder], source, entry, version, part)
        elif path == "csctl.yaml":
            out[path] = kube_pattern.sub(lambda m: m.group(1) + entry.kubernetes, text)
        elif path.endswith("values.yaml") and "/templates/" not in path:
            out[path] = kube_pattern.sub(lambda m: m.group(1) + entry.kubernetes, text)
        else:
            out[path] = text
    out["metadata.yaml"] = metadata_yaml(entry.kubernetes, version)
    return dict(sorted(out.items()))


def version_hash(source: StackSource, entry: VersionEntry) -> str:
    """Return the content hash of one Kubernetes version's expansion, independent of its version name."""
    return content_hash(expand_version(source, entry, HASH_PLACEHOLDER_VERSION))


def metadata_yaml(kubernetes_version: str, version: str) -> str:
    """Return csctl's ``metadata.yaml`` for a stable stack version."""
    return dump(
        {
            "apiVersion": METADATA_API_VERSION,
            "versions": {
                "clusterStack": version,
                "kubernetes": f"v{kubernetes_version}",
                "components": {"clusterAddon": version, "nodeImage": version},
            },
        }
    )


def _version_pattern(kubernetes_version: str) -> re.Pattern[str]:
    # The exact version, with or without "v", not inside a longer version (1.32.50, 11.32.5).
    return re.compile(r"(?<![0-9.])(v?)" + re.escape(kubernetes_version) + r"(?![0-9])")


def _is_vendored(path: str) -> bool:
    parts = path.split("/")
    return parts[-1] == "Chart.lock" or ("charts" in parts[:-1] and parts[0] == "cluster-addon")


def _expand_chart(text: str, chart: ChartSource, source: StackSource, entry: VersionEntry, version: str, part: str) -> str:
    """Rewrite name, version and pinned dependency versions in place, keeping the file's comments and order."""
    data, lines = copy.deepcopy(chart.metadata), chart.lines
    edits = {
        lines[("name",)]: ("name", chart_name(source.provider, source.name, entry.kubernetes, part)),
        lines[("version",)]: ("version", version),
    }
    for index, dep in enumerate(data.get("dependencies") or []):
        pinned = entry.pins.get(dep.get("alias") or dep.get("name"), entry.pins.get(dep.get("name")))
        if pinned is not None and ("dependencies", index, "version") in lines:
            edits[lines[("dependencies", index, "version")]] = ("version", pinned)
    out = text.splitlines(keepends=True)
    for number, (key, value) in edits.items():
        match = re.match(r"^(\s*(?:-\s+)?" + key + r"\s*:\s*)[^\s#{\[]+\s*$", out[number - 1])
        if match is None:
            # Written in flow style or across lines: rewrite the whole file, losing its comments.
            return _dump_chart(data, edits, lines)
        out[number - 1] = f"{match.group(1)}{value}\n"
    return "".join(out)


def _dump_chart(data: dict, edits: dict[int, tuple[str, str]], lines: dict) -> str:
    at_line = {line: at for at, line in lines.items()}
    for number, (key, value) in edits.items():
        target = data
        for step in at_line[number][:-1]:
            target = target[step]
        target[key] = value
    return dump(data)
