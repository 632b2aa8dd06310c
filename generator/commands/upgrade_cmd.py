"""``python -m generator upgrade FILE --to CLASS``: move a cluster.yaml or clusterstack.yaml to another stack version."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.commands import add_versions_arguments
from generator.commands.cluster_cmd import find_version, load_versions, print_diagnostics
from generator.commands.validate_cmd import holds_clusterstack
from generator.errors import InputError, Problem
from generator.changes import compare_versions
from generator.model import StackVersion
from generator.rollout import Plan, describe_plan, plan_upgrade
from generator.stacks.renames import read_renames as read_stack_renames
from generator.upgrade import CLASS, DEFAULT_CHANGED, DROPPED, KEPT, MACHINE_DEPLOYMENT, REQUIRED, SUGGESTED, Migration, Rename, migrate_cluster, migrate_clusterstack

HELP = "move a cluster.yaml (or clusterstack.yaml) to another Cluster Stack version: class, Kubernetes version, variables"

# Notes a user must read before applying: they print as warnings.
_WARNINGS = frozenset({DROPPED, SUGGESTED, DEFAULT_CHANGED, MACHINE_DEPLOYMENT, REQUIRED})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the upgrade command's options."""
    parser.add_argument("file", metavar="FILE", help="the cluster.yaml (or clusterstack.yaml) to migrate")
    parser.add_argument("--to", required=True, metavar="CLASS", help="ClusterClass of the target version, e.g. openstack-scs-1-33-v2")
    parser.add_argument("--json", action="store_true", help="print the migration (text, notes, diagnostics) as JSON")
    parser.add_argument("--plan", action="store_true", help="print, instead of the manifest, what Cluster API changes and whether machines are replaced")
    add_versions_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print the migrated manifest on stdout and the notes on stderr; exit 1 when it does not validate against the target."""
    versions = load_versions(args.stacks, history=args.history)
    target = find_version(versions, args.to)
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(args.file, None, f"cannot read: {getattr(error, 'strerror', None) or error}")]) from None
    if holds_clusterstack(text):
        migration = migrate_clusterstack(text, versions, target.class_name)
    else:
        migration = migrate_cluster(text, versions, target.class_name, read_renames(Path(args.stacks), target))
    plan = None
    if args.plan:
        if (migration.source_object or {}).get("kind") != "Cluster":
            raise InputError([Problem(args.file, None, "--plan takes a cluster.yaml: a ClusterStack's machines are its clusters'")])
        plan = rollout_plan(Path(args.stacks), migration) if migration.valid else None
    if args.json:
        data = migration.to_dict()
        if args.plan:
            data["plan"] = plan.to_dict() if plan is not None else None
            data["components"] = [c.to_dict() for c in component_changes(versions, migration)]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0 if migration.valid else 1
    code = report(migration, args.file, print_manifest=plan is None and not args.plan)
    if plan is not None:
        sys.stdout.write(describe_plan(plan))
        for change in component_changes(versions, migration):
            print(f"addon {change.name}: {change.before or 'new'} → {change.after or 'removed'} (the Cluster Stack Operator updates it in place)")
    return code


def report(migration: Migration, name: str, print_manifest: bool = True) -> int:
    """Print notes and problems on stderr; the manifest on stdout only when it validates."""
    kept = [note.subject for note in migration.notes if note.kind == KEPT]
    for note in migration.notes:
        if note.kind == KEPT:
            continue
        print(f"{'warning' if note.kind in _WARNINGS else 'note'}: {note}", file=sys.stderr)
        if note.kind == CLASS and kept:
            print(f"note: kept {len(kept)} variable{'s' if len(kept) > 1 else ''}: {', '.join(kept)}", file=sys.stderr)
    print_diagnostics(migration.diagnostics, prefix=f"{name} (as {migration.target}):")
    if not migration.valid:
        return 1
    if print_manifest:
        sys.stdout.write(migration.text)
    return 0


def rollout_plan(stacks: Path, migration: Migration) -> Plan:
    """Compute both sides' desired objects from the stacks' templates and the plan between them; raise InputError.

    Both Clusters come from the migration, which read the one and wrote the other: nothing is parsed again.
    """
    if not stacks.is_dir():
        raise InputError([Problem(str(stacks), None, "--plan needs the stacks folder: the objects come from the versions' templates")])
    from generator.stacks.files import read_stacks  # file access stays in the loading layer
    from generator.topology.stack import versions_inputs

    inputs, problems = versions_inputs(read_stacks(stacks), str(stacks), [migration.source, migration.target])
    if problems:
        raise InputError(problems)
    before = migration.source_object or {}
    after = next(obj for obj in migration.objects if obj.get("kind") == "Cluster")
    plan, errors = plan_upgrade(before, inputs[migration.source]["objects"], after, inputs[migration.target]["objects"])
    if errors:
        raise InputError([Problem("--plan", None, error) for error in errors])
    return plan


def component_changes(versions: dict, migration: Migration) -> list:
    """Return the addon and image components the target changes: the operator applies them, no machine rolls."""
    if migration.source not in versions or migration.target not in versions:
        return []
    return list(compare_versions(versions[migration.source], versions[migration.target]).components)


def read_renames(stacks: Path, target: StackVersion) -> list[Rename]:
    """Read the target stack's declared renames (``<stacks>/<provider>/<stack>/renames.yaml``), if it has any."""
    if not stacks.is_dir():
        return []
    return read_stack_renames(stacks / target.provider / target.stack)
