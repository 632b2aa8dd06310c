"""Complete old ledger entries with their topology inputs, from the source each release was made of (pure).

Entries written before the ledger kept ``topologyInputs`` have only their ClusterClass. The
source a release was made of is the one whose expansion has the entry's content hash; a
repository that commits its stacks folder has it in some commit. The loading layer
(``generator.commands.release_backfill``) reads candidate stacks folders (the working tree,
then each commit, newest first) and hands them here one by one; this module finds, per entry
without inputs, the first candidate whose source has its content hash, renders it under the
entry's version name, checks that it gives the entry's ClusterClass, and records the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from generator.errors import Problem
from generator.model import StackVersion
from generator.stacks.catalog import WorkingVersion, read_sources, render_release
from generator.stacks.expand import version_hash
from generator.stacks.layout import LEDGER_FILE, StackSource, VersionEntry
from generator.stacks.ledger import Ledger, dump_ledger

Folders = dict[str, dict[str, str]]


@dataclass
class Backfill:
    """What a backfill found: the new ledger texts, where each version's source was, and what stays missing."""

    ledgers: dict[str, str] = field(default_factory=dict)  # "provider/name/releases.yaml" -> text
    found: dict[str, str] = field(default_factory=dict)  # class name -> the candidate it was rendered from
    missing: list[Problem] = field(default_factory=list)


def _own_ledgers(folders: Folders, base: str) -> tuple[dict[str, Ledger], list[Problem]]:
    """Return each stack's ledger by stack path (a per-minor stack shares one)."""
    sources, problems = read_sources(folders, base)
    return {source.path: ledger for source, ledger in sources}, problems


def _wanted(ledgers: dict[str, Ledger]) -> dict[tuple[str, str, str], tuple[str, StackVersion]]:
    """Return the entries without topology inputs, keyed by (provider/name, Kubernetes minor, content hash)."""
    wanted = {}
    for path, ledger in ledgers.items():
        for version in ledger.all_versions():
            if version.class_name not in ledger.topology:
                wanted[(f"{version.provider}/{version.stack}", version.kubernetes_minor, version.content_hash)] = (path, version)
    return wanted


def backfill_topology(folders: Folders, base: str, candidates: Iterable[tuple[str, Folders]]) -> Backfill:
    """Return the ledgers completed from the first candidate holding each entry's source; raise nothing, report what is missing.

    ``candidates`` yields ``(label, folders)``: a label people recognise (a commit id) and the
    stacks folder as it was there. It is consumed only until every entry is found.
    """
    ledgers, problems = _own_ledgers(folders, base)
    result = Backfill(missing=list(problems))
    if problems:
        return result
    wanted = _wanted(ledgers)
    updated = dict(ledgers)
    for label, candidate in candidates if wanted else ():
        sources, _ = read_sources(candidate, base, require=False)  # an old layout we cannot read holds nothing we want
        for source, _ledger in sources:
            for entry in source.entries:
                key = (f"{source.provider}/{source.name}", entry.minor, version_hash(source, entry))
                if key not in wanted:
                    continue
                path, version = wanted.pop(key)  # the same content renders the same everywhere: one try is enough
                record, reason = _render_record(source, entry, version)
                if record is None:
                    result.missing.append(Problem(f"{base}/{path}/{LEDGER_FILE}", None, f"{version.class_name}: {label} has its source but {reason}"))
                    continue
                updated[path] = updated[path].with_topology(version.class_name, record)
                result.found[version.class_name] = label
        if not wanted:
            break
    for path, version in sorted(wanted.values(), key=lambda item: item[1].order):
        result.missing.append(
            Problem(f"{base}/{path}/{LEDGER_FILE}", None, f"{version.class_name}: neither the working tree nor a commit of the git history has its source (contentHash {version.content_hash}); its topology stays unavailable")
        )
    result.ledgers = {f"{path}/{LEDGER_FILE}": dump_ledger(updated[path]) for path in sorted(updated) if updated[path] is not ledgers[path]}
    return result


def _render_record(source: StackSource, entry: VersionEntry, version: StackVersion) -> tuple[dict | None, str]:
    """Render a source under the released version's name; return its topology record, or None and why not."""
    working = WorkingVersion(source, entry, version.content_hash, version.version, None)
    rendered, record, problems = render_release(working, version.released)
    if rendered is None:
        return None, f"it does not render any more ({problems[0] if problems else 'no ClusterClass'})"
    if rendered.cluster_class != version.cluster_class:
        return None, "it renders a ClusterClass that differs from the ledger's (the generator renders it differently now)"
    return record, ""
