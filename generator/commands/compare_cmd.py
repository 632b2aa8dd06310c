"""``python -m generator compare FROM TO``: what changes between two Cluster Stack versions."""

from __future__ import annotations

import argparse
import json

from generator.changes import compare_versions, describe_changes
from generator.commands import add_versions_arguments
from generator.commands.cluster_cmd import find_version, load_versions

HELP = "compare two Cluster Stack versions (any two: across releases, Kubernetes minors and stacks): variables, components, classes"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the compare command's options."""
    parser.add_argument("before", metavar="FROM", help="ClusterClass of the version a cluster runs, e.g. openstack-scs-1-32-v1")
    parser.add_argument("after", metavar="TO", help="ClusterClass of the version to compare with, e.g. openstack-scs-1-34-v1")
    parser.add_argument("--json", action="store_true", help="print the changes as JSON")
    add_versions_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print the changes; exit 1 only when a class name is unknown."""
    versions = load_versions(args.stacks, history=args.history)
    before, after = find_version(versions, args.before), find_version(versions, args.after)
    changes = compare_versions(before, after)
    if args.json:
        print(json.dumps(changes.to_dict(), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        print(describe_changes(changes, after), end="")
    return 0
