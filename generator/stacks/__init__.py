"""Single-source Cluster Stacks: load, expand per Kubernetes version, name, hash and release."""

from generator.stacks.catalog import build_stacks, expand_stacks, plan_release
from generator.stacks.hashing import content_hash
from generator.stacks.ledger import Ledger, dump_ledger, parse_ledger
from generator.stacks.loader import load_stack_versions, load_stacks
from generator.naming import chart_name, class_name, next_version, release_name

__all__ = [
    "Ledger",
    "build_stacks",
    "chart_name",
    "class_name",
    "content_hash",
    "dump_ledger",
    "expand_stacks",
    "load_stack_versions",
    "load_stacks",
    "next_version",
    "parse_ledger",
    "plan_release",
    "release_name",
]
