"""``python -m generator validate FILE…``: check cluster.yaml and clusterstack.yaml files against their stack versions."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.cluster_cmd import load_versions, print_diagnostics
from generator.errors import InputError, Problem
from generator.manifests import Diagnostic, Parsed, parse_cluster, parse_clusterstack

HELP = "validate cluster.yaml (against its ClusterClass, found by class name) and clusterstack.yaml files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the validate command's options."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="cluster.yaml or clusterstack.yaml files")
    parser.add_argument("--stacks", default="stacks", metavar="PATH", help="the stacks folder, or a JSON file of stack versions (default: stacks)")


def run(args: argparse.Namespace) -> int:
    """Print ``FILE: valid`` per good file; ``FILE:LINE: field: message`` per problem on stderr, exit 1 if any error."""
    versions = load_versions(args.stacks)
    failed = False
    for name in args.files:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError([Problem(name, None, f"cannot read: {getattr(error, 'strerror', None) or error}")]) from None
        parsed = parse_manifest(text, versions)
        print_diagnostics(parsed.diagnostics, prefix=f"{name}:")
        if parsed.valid:
            print(f"{name}: valid")
        failed = failed or not parsed.valid
    return 1 if failed else 0


def parse_manifest(text: str, versions: dict) -> Parsed:
    """Parse the text as a ClusterStack manifest if it holds one, else as a Cluster."""
    # A cheap look for the kind decides the parser; both parsers report a wrong kind themselves.
    if any(line.strip() == "kind: ClusterStack" for line in text.splitlines()):
        return parse_clusterstack(text, versions)
    parsed = parse_cluster(text, versions)
    if parsed.form is None and not parsed.diagnostics:
        return Parsed(None, [Diagnostic("error", "", "not a Cluster or ClusterStack manifest", 1)])
    return parsed
