"""``python -m generator clusterstack CLASS``: print the clusterstack.yaml that installs a Cluster Stack version."""

from __future__ import annotations

import argparse

from generator import providers
from generator.commands.cluster_cmd import find_version, load_versions, report
from generator.manifests import default_clusterstack_form, generate_clusterstack
from generator.commands import add_versions_arguments

HELP = "print clusterstack.yaml (ClusterStack plus the provider's release template) for a Cluster Stack version"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the clusterstack command's options."""
    parser.add_argument("class_name", metavar="CLASS", help="ClusterClass of the stack version, e.g. openstack-scs-1-32-v2")
    parser.add_argument("--namespace", default="default", help="namespace of the ClusterStack (default: default)")
    parser.add_argument("--channel", default=None, help="stable or custom (default: the version's channel)")
    parser.add_argument("--auto-subscribe", action="store_true", help="let the operator install newer versions as they are released")
    parser.add_argument("--identity-secret", default=None, metavar="NAME", help=_identity_help())
    add_versions_arguments(parser)


def _identity_help() -> str:
    """Say which providers take an identity secret, what it holds and its default, from the provider table."""
    taking = [p for p in providers.PROVIDERS.values() if p.release_template is not None]
    return "; ".join(f"{p.title}: the Secret holding {p.release_template.credentials} (default: {p.release_template.identity_secret})" for p in taking)


def run(args: argparse.Namespace) -> int:
    """Print the ClusterStack's YAML on stdout, or its problems on stderr with exit code 1."""
    version = find_version(load_versions(args.stacks, history=args.history), args.class_name)
    form = default_clusterstack_form(version)
    form.namespace = args.namespace
    form.auto_subscribe = args.auto_subscribe
    if args.channel is not None:
        form.channel = args.channel
    if args.identity_secret is not None:
        form.identity_secret = args.identity_secret
    return report(generate_clusterstack(version, form))
