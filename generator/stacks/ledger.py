"""The release ledger: a committed YAML file per stack recording every released stack version.

``stacks/<provider>/<name>/releases.yaml`` lists, per Kubernetes minor, each released
version with its date, content hash, Kubernetes patch version, components, addon stages and
the rendered ClusterClass, so every version keeps its docs page and editor entry after the
source has moved on, and the other objects its cluster-class chart renders with its addon
files (``topologyInputs``, see ``generator.stacks.releasetopology``), so it keeps its topology
preview too. Entries written before that have no ``topologyInputs``: such a version has no
topology once its source has moved on. ``python -m generator release`` appends to it (and
``--backfill-topology`` completes old entries); people only read it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem
from generator.model import StackVersion
from generator.kubeversion import minor_sort_key
from generator.naming import version_number
from generator.stacks.releasetopology import RECORD_KEY, inputs_from_record, parse_record
from generator.stacks.yamlsource import dump, load_fast

logger = logging.getLogger(__name__)

LEDGER_HEADER = (
    "# Release ledger of the Cluster Stack {provider}/{stack}, written by `python -m generator release`.\n"
    "# One entry per released stack version, by Kubernetes minor; do not edit by hand.\n"
)


@dataclass(frozen=True)
class Ledger:
    """The released versions of one stack, by Kubernetes minor, oldest first."""

    provider: str
    stack: str
    releases: dict[str, tuple[StackVersion, ...]]
    topology: dict[str, dict[str, Any]] = field(default_factory=dict)  # class name -> its topologyInputs record

    def latest(self, minor: str) -> StackVersion | None:
        """Return the newest release for a Kubernetes minor, if any."""
        versions = self.releases.get(minor, ())
        return versions[-1] if versions else None

    def all_versions(self) -> list[StackVersion]:
        """Return every released version, by Kubernetes minor then version number."""
        return [v for minor in sorted(self.releases, key=minor_sort_key) for v in self.releases[minor]]

    def merged(self, tagged: tuple[StackVersion, ...]) -> "Ledger":
        """Return this ledger with the versions git tags release; a tag wins over a ledger entry of the same name."""
        releases = {minor: {v.version: v for v in versions} for minor, versions in self.releases.items()}
        for version in tagged:
            releases.setdefault(version.kubernetes_minor, {})[version.version] = version
        ordered = {minor: tuple(sorted(by_name.values(), key=lambda v: version_number(v.version))) for minor, by_name in releases.items()}
        # A tag's content may differ from the entry it replaces: its templates are not the ledger's.
        replaced = {version.class_name for version in tagged}
        topology = {name: record for name, record in self.topology.items() if name not in replaced}
        return Ledger(self.provider, self.stack, ordered, topology)

    def with_release(self, version: StackVersion, topology: dict[str, Any] | None = None) -> "Ledger":
        """Return a ledger with ``version`` appended to its Kubernetes minor, with its topology record if given."""
        releases = dict(self.releases)
        releases[version.kubernetes_minor] = (*releases.get(version.kubernetes_minor, ()), version)
        return Ledger(self.provider, self.stack, releases, self.topology).with_topology(version.class_name, topology)

    def with_topology(self, class_name: str, record: dict[str, Any] | None) -> "Ledger":
        """Return a ledger that keeps ``record`` (``releasetopology.record_inputs``) as the topology inputs of a release."""
        if record is None:
            return self
        return Ledger(self.provider, self.stack, self.releases, {**self.topology, class_name: record})

    def topology_inputs(self, version: StackVersion) -> dict[str, Any] | None:
        """Return a released version's topology inputs as the ledger keeps them, or None for an entry without them."""
        record = self.topology.get(version.class_name)
        return inputs_from_record(version, record) if record is not None else None


def empty_ledger(provider: str, stack: str) -> Ledger:
    """Return the ledger of a stack that was never released."""
    return Ledger(provider, stack, {})


def parse_ledger(text: str, path: str, provider: str, stack: str) -> tuple[Ledger, list[Problem]]:
    """Read a ledger file; return it and every problem found (an unusable ledger reads as empty)."""
    data, problems = load_fast(text, path)
    if problems:
        return empty_ledger(provider, stack), problems
    if data is None:
        return empty_ledger(provider, stack), []
    if not isinstance(data, dict) or not isinstance(data.get("releases", {}), dict):
        return empty_ledger(provider, stack), [Problem(path, 1, "releases: must map Kubernetes minors to lists of releases")]
    releases: dict[str, tuple[StackVersion, ...]] = {}
    topology: dict[str, dict[str, Any]] = {}
    for minor, entries in (data.get("releases") or {}).items():
        parsed = []
        for index, entry in enumerate(entries or []):
            try:
                version = StackVersion.from_dict({**entry, "provider": provider, "stack": stack})
                version_number(version.version)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                problems.append(Problem(path, None, f"releases.{minor}[{index}]: unreadable release ({error})"))
                continue
            if version.kubernetes_minor != str(minor):
                problems.append(
                    Problem(path, None, f"releases.{minor}[{index}]: Kubernetes {version.kubernetes_version} is not {minor}")
                )
                continue
            record, found = parse_record(entry.get(RECORD_KEY), f"releases.{minor}[{index}]", path)
            problems.extend(found)
            if record is not None:
                topology[version.class_name] = record
            parsed.append(version)
        releases[str(minor)] = tuple(sorted(parsed, key=lambda v: version_number(v.version)))
    return Ledger(provider, stack, releases, topology), problems


def dump_ledger(ledger: Ledger) -> str:
    """Return the ledger as YAML text: same ledger, same bytes."""
    releases: dict[str, list[dict[str, Any]]] = {}
    for minor in sorted(ledger.releases, key=minor_sort_key):
        releases[minor] = [_entry(v, ledger.topology.get(v.class_name)) for v in ledger.releases[minor]]
    body = dump({"provider": ledger.provider, "stack": ledger.stack, "releases": releases})
    return LEDGER_HEADER.format(provider=ledger.provider, stack=ledger.stack) + body


def _entry(version: StackVersion, topology: dict[str, Any] | None) -> dict[str, Any]:
    # Provider and stack are the file's; the rest is StackVersion's JSON form, summary first, then the topology record.
    data = version.to_dict()
    images = {"nodeImages": data["nodeImages"]} if data["nodeImages"] else {}  # older ledgers stay byte-identical
    return {
        "version": data["version"],
        "released": data["released"],
        "kubernetesVersion": data["kubernetesVersion"],
        "contentHash": data["contentHash"],
        "channel": data["channel"],
        "components": data["components"],
        "addonStages": data["addonStages"],
        **images,
        "clusterClass": data["clusterClass"],
        **({RECORD_KEY: topology} if topology is not None else {}),  # entries without one stay byte-identical
    }
