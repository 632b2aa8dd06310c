"""``python -m generator topology FILE``: the objects Cluster API and the Cluster Stack Operator will create for a cluster.yaml."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from generator.commands import add_history_argument
from generator.commands.cluster_cmd import load_versions
from generator.errors import InputError, Problem
from generator.manifests import parse_cluster
from generator.manifests.yamlreader import load_documents
from generator.manifests.yamlwriter import emit_documents
from generator.topology.preview import yaml_text
from generator.apiversions import cluster_class_name
from generator.topology.preview import compute_with_addons
from generator.topology.stack import version_inputs

HELP = "show the objects Cluster API's topology controller and the Cluster Stack Operator would create for a cluster.yaml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the topology command's options."""
    parser.add_argument("file", metavar="FILE", help="a cluster.yaml; its ClusterClass is found by name")
    parser.add_argument("--stacks", default="stacks", metavar="DIR", help="the stacks folder (default: stacks)")
    add_history_argument(parser)
    parser.add_argument("--json", action="store_true", help='print {"objects", "addons", "warnings", "errors"} as JSON')


def _read_cluster(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), None, f"cannot read: {getattr(error, 'strerror', None) or error}")]) from None
    documents, diagnostics = load_documents(text)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors or not documents:
        raise InputError([Problem(str(path), d.line, str(d)) for d in errors] or [Problem(str(path), 1, "no Cluster in the file")])
    clusters = [d for d in documents if isinstance(d.data, dict) and d.data.get("kind") == "Cluster"]
    if not clusters:
        raise InputError([Problem(str(path), documents[0].start_line, "not a Cluster manifest (kind: Cluster)")])
    return clusters[0].data, text


def compute(path: Path, stacks: str, history: bool = False) -> dict[str, Any]:
    """Return the ``--json`` result for a cluster.yaml; raise InputError for unreadable input.

    With ``history`` the Cluster is checked against the versions git tags release too; the
    templates the topology needs are read from the working tree (or a release's ledger entry)
    only, so a version only a tag still has is refused with that reason.
    """
    cluster, text = _read_cluster(path)
    stacks_dir = Path(stacks)
    if not stacks_dir.is_dir():
        raise InputError([Problem(stacks, None, "no such stacks folder (topology needs the stacks' sources for their templates; use --stacks DIR)")])
    from generator.stacks.files import read_stacks  # file access stays in the loading layer

    inputs, problems = version_inputs(read_stacks(stacks_dir), str(stacks_dir), cluster_class_name(cluster))
    if inputs is None and history and cluster_class_name(cluster) in load_versions(stacks, history=True):
        reason = "released by a git tag, but its templates are not in the working tree; topology reads the working tree's templates only"
        raise InputError([Problem(str(cluster_class_name(cluster)), None, reason)])
    if inputs is None:
        raise InputError(problems)
    result: dict[str, Any] = {"objects": [], "addons": [], "warnings": [], "errors": []}
    parsed = parse_cluster(text, load_versions(stacks, history=history))
    for diagnostic in parsed.diagnostics:
        where = f"{path}:{diagnostic.line}: " if diagnostic.line else f"{path}: "
        result["errors" if diagnostic.severity == "error" else "warnings"].append(where + str(diagnostic))
    topology, addons = compute_with_addons(cluster, inputs)
    result["objects"] = topology.objects
    result["warnings"] += topology.warnings
    result["errors"] += topology.errors
    for addon in addons:
        result["addons"].append(addon.to_dict())
        if addon.error:
            result["errors"].append(f"addon {addon.name}: {addon.error}")
    return result


def _heading(obj: dict[str, Any]) -> str:
    metadata = obj.get("metadata") or {}
    return f"# {obj.get('apiVersion')} {obj.get('kind')} {metadata.get('name')}"


def print_text(result: dict[str, Any]) -> None:
    """Print each object's apiVersion, kind and name, then its YAML; then each addon."""
    out = sys.stdout
    for obj in result["objects"]:
        out.write("---\n" + _heading(obj) + "\n" + yaml_text([obj]))
    for addon in result["addons"]:
        state = "rendered" if addon["rendered"] else f"not rendered: {addon['reason']}"
        out.write(f"---\n# addon {addon['name']}: {state}\n")
        values = emit_documents([addon["values"]])[0].rstrip("\n") if addon["values"] else "{}"
        out.write("# values:\n" + "".join(f"#   {line}\n" for line in values.splitlines()))
        for obj in addon["objects"]:
            out.write("---\n" + _heading(obj) + f" (addon {addon['name']})\n" + yaml_text([obj]))


def run(args: argparse.Namespace) -> int:
    """Print the topology (text or JSON); problems on stderr; exit 1 when Cluster API would fail."""
    result = compute(Path(args.file), args.stacks, args.history)
    if args.json:
        json.dump(result, sys.stdout, indent=2, sort_keys=False)
        sys.stdout.write("\n")
    else:
        print_text(result)
    for warning in result["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    for error in result["errors"]:
        print(error, file=sys.stderr)
    return 1 if result["errors"] else 0
