"""``python -m generator cluster CLASS``: print the cluster.yaml for a Cluster Stack version."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, Problem
from generator.manifests import Diagnostic, Generated, default_cluster_form, generate_cluster
from generator.manifests.yamlreader import MAX_BYTES, TOO_LARGE, limit_problem
from generator.model import StackVersion
from generator.commands import add_versions_arguments

HELP = "print cluster.yaml for a Cluster Stack version (variables defaulted and validated like Cluster API)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the cluster command's options."""
    parser.add_argument("class_name", metavar="CLASS", help="ClusterClass of the stack version, e.g. openstack-scs-1-32-v2")
    parser.add_argument("--name", default="my-cluster", help="the Cluster's name (default: my-cluster)")
    parser.add_argument("--namespace", default="default", help="the Cluster's namespace (default: default)")
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="VAR=VALUE", help="set a variable; the value is read as a YAML scalar or flow list/map (repeatable)")
    parser.add_argument("-f", "--values", dest="values_file", action="append", default=[], metavar="FILE", help="YAML file of variable values: a map of name to value, or a list of {name, value} (repeatable)")
    parser.add_argument("--all-defaults", action="store_true", help="write every variable's default, not only the ones set and the required ones")
    parser.add_argument("--control-plane-replicas", type=int, default=None, metavar="N", help="control plane machines (default: 3)")
    add_versions_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print the Cluster's YAML on stdout, or its problems on stderr with exit code 1."""
    version = find_version(load_versions(args.stacks, history=args.history), args.class_name)
    form = default_cluster_form(version)
    form.name = args.name
    form.namespace = args.namespace
    form.all_defaults = args.all_defaults
    if args.control_plane_replicas is not None:
        form.control_plane_replicas = args.control_plane_replicas
    for path in args.values_file:
        form.variables.update(read_values_file(Path(path)))
    form.variables.update(parse_sets(args.sets))
    return report(generate_cluster(version, form))


def report(generated: Generated) -> int:
    """Print warnings and errors on stderr; print the YAML on stdout when there are no errors."""
    print_diagnostics(generated.diagnostics)
    if not generated.valid:
        return 1
    sys.stdout.write(generated.text)
    return 0


def print_diagnostics(diagnostics: list[Diagnostic], prefix: str = "") -> None:
    """Print one line per diagnostic on stderr, ``field: message``, warnings prefixed ``warning: ``."""
    for diagnostic in diagnostics:
        where = prefix + (f"{diagnostic.line}: " if prefix and diagnostic.line else "")
        label = "warning: " if diagnostic.severity == "warning" else ""
        print(f"{where}{label}{diagnostic}", file=sys.stderr)


def load_versions(path_text: str, *, history: bool = False) -> dict[str, StackVersion]:
    """Load every stack version by class name, from a stacks folder (with ``history``, its release tags too) or a JSON file."""
    path = Path(path_text)
    if path.is_file() and path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            items = data if isinstance(data, list) else data.get("versions", [])
            versions = [StackVersion.from_dict(item) for item in items]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError([Problem(str(path), None, f"not a list of stack versions: {error}")]) from None
    else:
        if not path.is_dir():
            raise InputError([Problem(str(path), None, "no such stacks folder (use --stacks PATH)")])
        from generator.stacks import load_stack_versions  # the loader does file I/O, so it lives outside the pure core

        versions = list(load_stack_versions(path, history=history))
    return {version.class_name: version for version in versions}


def find_version(versions: dict[str, StackVersion], class_name: str) -> StackVersion:
    """Return the stack version of a ClusterClass name, or fail naming the known ones."""
    if class_name in versions:
        return versions[class_name]
    known = ", ".join(sorted(versions)) or "none"
    raise InputError([Problem(class_name, None, f"unknown ClusterClass; known: {known}")])


def parse_sets(sets: list[str]) -> dict[str, Any]:
    """Read ``--set NAME=VALUE`` options; values are YAML scalars or flow collections (``5``, ``true``, ``[a, b]``)."""
    values: dict[str, Any] = {}
    problems = []
    for item in sets:
        name, sep, text = item.partition("=")
        if not sep or not name:
            problems.append(Problem("--set", None, f'expected NAME=VALUE, got "{item}"'))
            continue
        too_much = limit_problem(text)
        if too_much:
            problems.append(Problem("--set", None, f"{name}: {too_much.message}"))
            continue
        try:
            values[name] = yaml.safe_load(text) if text.strip() else ""
        except yaml.YAMLError as error:
            problems.append(Problem("--set", None, f"{name}: the value is not valid YAML: {str(error).splitlines()[0]}"))
            continue
        why = unwritable(values[name])
        if why:
            problems.append(Problem("--set", None, f"{name}: {why}"))
    if problems:
        raise InputError(problems)
    return values


def read_yaml_text(path: Path) -> str:
    """Read a YAML file the user named, at most what the manifest parser accepts (``validate /dev/zero`` must end)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError([Problem(str(path), 1, TOO_LARGE)])
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), None, f"cannot read: {getattr(error, 'strerror', None) or error}")]) from None


def unwritable(value: Any, within: tuple[int, ...] = ()) -> str | None:
    """Say why a value read from YAML cannot be written into a manifest (a set, binary data, an anchor that contains itself)."""
    if isinstance(value, (set, frozenset)):
        return "a set (!!set) cannot be written to a manifest; use a list"
    if isinstance(value, (bytes, bytearray)):
        return "binary data (!!binary) cannot be written to a manifest; use a base64 string"
    if isinstance(value, (dict, list)):
        if id(value) in within:
            return "the value contains itself through a YAML anchor"
        children = value.values() if isinstance(value, dict) else value
        return next((why for child in children if (why := unwritable(child, (*within, id(value))))), None)
    return None


def read_values_file(path: Path) -> dict[str, Any]:
    """Read variable values from YAML: a map of name to value, or a Cluster-style list of {name, value}."""
    text = read_yaml_text(path)
    # The manifest parser's bounds: an alias bomb or a large string aliased many times is refused, not expanded.
    too_much = limit_problem(text)
    if too_much:
        raise InputError([Problem(str(path), too_much.line, too_much.message)])
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError([Problem(str(path), mark.line + 1 if mark else None, f"not valid YAML: {getattr(error, 'problem', error)}")]) from None
    why = unwritable(data)
    if why:
        raise InputError([Problem(str(path), None, why)])
    if data is None:
        return {}
    if isinstance(data, dict):
        return {str(key): value for key, value in data.items()}
    if isinstance(data, list) and all(isinstance(item, dict) and "name" in item and "value" in item for item in data):
        return {str(item["name"]): item["value"] for item in data}
    raise InputError([Problem(str(path), 1, "expected a map of variable names to values, or a list of {name, value}")])
