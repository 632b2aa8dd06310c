"""``python -m generator validate FILE…``: check cluster.yaml and clusterstack.yaml files against their stack versions."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands import add_versions_arguments
from generator.commands.cluster_cmd import load_versions, print_diagnostics, read_yaml_text
from generator.manifests import ClusterForm, ClusterStackForm, Parsed, parse_cluster, parse_clusterstack
from generator.manifests.diagnostics import plain
from generator.manifests.fieldlines import locate
from generator.manifests.pairing import check_namespaces
from generator.manifests.yamlreader import load_documents

HELP = "validate cluster.yaml (against its ClusterClass, found by class name) and clusterstack.yaml files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the validate command's options."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="cluster.yaml or clusterstack.yaml files")
    add_versions_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print ``FILE: valid`` per good file; ``FILE:LINE: field: message`` per problem on stderr, exit 1 if any error."""
    versions = load_versions(args.stacks, history=args.history)
    checked: list[tuple[str, str, Parsed]] = []
    for name in args.files:
        path = Path(name)
        text = read_yaml_text(path)
        checked.append((name, text, parse_manifest(text, versions)))
    checked = [(name, text, with_pair_checks(text, parsed, [other for _, _, other in checked], versions)) for name, text, parsed in checked]
    failed = False
    for name, _, parsed in checked:
        print_diagnostics(parsed.diagnostics, prefix=f"{name}:")
        if parsed.valid:
            print(f"{name}: valid")
        failed = failed or not parsed.valid
    return 1 if failed else 0


def with_pair_checks(text: str, parsed: Parsed, others: list[Parsed], versions: dict) -> Parsed:
    """Add to a Cluster what the ClusterStacks given beside it say about it (one namespace), on its lines."""
    if not isinstance(parsed.form, ClusterForm):
        return parsed
    found: list[Diagnostic] = []
    for other in others:
        if isinstance(other.form, ClusterStackForm) and other.form.class_name in versions:
            found += check_namespaces(parsed.form, versions[other.form.class_name], other.form)
    if not found:
        return parsed
    documents, _ = load_documents(text)
    return Parsed(parsed.form, parsed.diagnostics + locate(found, [d for d in documents if isinstance(d.data, dict)][:1]), parsed.source)


def holds_clusterstack(text: str) -> bool:
    """Say whether a manifest text holds a ClusterStack: a cheap look that picks the parser (each reports a wrong kind itself)."""
    return any(line.strip() == "kind: ClusterStack" for line in text.splitlines())


def parse_manifest(text: str, versions: dict) -> Parsed:
    """Parse the text as a ClusterStack manifest if it holds one, else as a Cluster."""
    if holds_clusterstack(text):
        return parse_clusterstack(text, versions)
    parsed = parse_cluster(text, versions)
    if parsed.form is None and not parsed.diagnostics:
        return Parsed(None, [plain("", "not a Cluster or ClusterStack manifest", 1)])
    return parsed
