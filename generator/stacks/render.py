"""Render a stack version's cluster-class chart and check its ClusterClass variables.

Rendering uses the project's own Helm engine (``generator.helm``) the way csctl runs
``helm template``: the release is named ``<provider>-<name>-<major>-<minor>`` and the chart
version is the stack version, so the ClusterClass is named like the stack version.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import yaml

from generator.errors import InputError, Problem
from generator.gotemplate import TemplateError
from generator.helm import Release, load_chart, render_chart
from generator.variables import validate_clusterclass_variables
from generator.stacks.yamlsource import load_all_fast

logger = logging.getLogger(__name__)

CLUSTER_CLASS_FOLDER = "cluster-class"


def render_cluster_class(
    files: dict[str, str], base: str, release_name: str, kubernetes_version: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Render the expanded ``cluster-class/`` chart; return every object it produces and all problems."""
    prefix = f"{CLUSTER_CLASS_FOLDER}/"
    chart_files = {path[len(prefix):]: text for path, text in files.items() if path.startswith(prefix)}
    chart_path = f"{base}/{CLUSTER_CLASS_FOLDER}"
    try:
        chart = load_chart(chart_files, chart_path)
        # The documents are parsed just below, with invalid YAML reported there: skip Helm's own parse.
        rendered = render_chart(chart, release=Release(name=release_name), kube_version=kubernetes_version, check_yaml=False)
    except InputError as error:
        return [], list(error.problems)
    except TemplateError as error:
        return [], [Problem(_template_path(base, error.template_name), error.line, error.reason)]
    objects: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for name in sorted(rendered):
        where = _template_path(base, name)
        try:
            docs = [doc for doc in load_all_fast(rendered[name]) if doc is not None]
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f" (line {mark.line + 1} of the rendered output)" if mark else ""
            problems.append(Problem(where, None, f"renders invalid YAML{line}: {getattr(error, 'problem', error)}"))
            continue
        for doc in docs:
            if not isinstance(doc, dict) or "kind" not in doc or "apiVersion" not in doc:
                problems.append(Problem(where, None, "renders a document that is not a Kubernetes object"))
                continue
            objects.append(doc)
    return objects, problems


def find_cluster_class(objects: list[dict[str, Any]], base: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return the one ClusterClass among the rendered objects, or a problem."""
    classes = [obj for obj in objects if obj.get("kind") == "ClusterClass"]
    if len(classes) != 1:
        found = "none" if not classes else f"{len(classes)}"
        return None, [Problem(f"{base}/{CLUSTER_CLASS_FOLDER}/templates", None, f"must render exactly one ClusterClass, found {found}")]
    return classes[0], []


def check_variables(cluster_class: dict[str, Any], files: dict[str, str], base: str) -> list[Problem]:
    """Check the ClusterClass variable definitions as Cluster API would; point at the defining template line."""
    definitions = (cluster_class.get("spec") or {}).get("variables") or []
    problems = []
    for error in validate_clusterclass_variables(definitions, path="spec.variables"):
        if error.severity == "warning":
            # A CEL rule our evaluator cannot read is not a fault of the stack: say so, do not fail the build.
            logger.warning("%s: %s", base, error)
            continue
        name = _variable_name(str(error.field), definitions)
        path, line = _definition_line(name, files, base) if name else (f"{base}/{CLUSTER_CLASS_FOLDER}/templates", None)
        problems.append(Problem(path, line, str(error)))
    return problems


def _template_path(base: str, template_name: str | None) -> str:
    """Map ``<chart>/templates/x.yaml`` (as Helm names it) to the source file under ``base``."""
    if not template_name:
        return f"{base}/{CLUSTER_CLASS_FOLDER}"
    _, _, rest = template_name.partition("/")
    return f"{base}/{CLUSTER_CLASS_FOLDER}/{rest or template_name}"


def _variable_name(field: str, definitions: list[dict[str, Any]]) -> str | None:
    match = re.match(r"^spec\.variables\[([^\]]+)\]", field)
    if not match:
        return None
    key = match.group(1)
    if key.isdigit() and int(key) < len(definitions):
        return str(definitions[int(key)].get("name"))
    return key


def _definition_line(name: str, files: dict[str, str], base: str) -> tuple[str, int | None]:
    """Find ``- name: <name>`` in the cluster-class templates (variables are written there, not built)."""
    pattern = re.compile(r"^\s*-\s*name:\s*[\"']?" + re.escape(name) + r"[\"']?\s*$")
    for path in sorted(files):
        if not path.startswith(f"{CLUSTER_CLASS_FOLDER}/templates/"):
            continue
        in_variables = False
        for number, text in enumerate(files[path].splitlines(), start=1):
            # Patches have names too; only names under "variables:" define variables.
            if re.match(r"^\s*(variables|patches):\s*$", text):
                in_variables = text.strip() == "variables:"
            elif in_variables and pattern.match(text):
                return f"{base}/{path}", number
    return f"{base}/{CLUSTER_CLASS_FOLDER}/templates", None
