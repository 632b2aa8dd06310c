"""Load a Helm chart from its files (already read by the caller) into a Chart."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InputError, Problem
from ..gotemplate import load_yaml, to_json_values

log = logging.getLogger(__name__)

# Files Helm keeps out of .Files (helm.sh/helm/v3/pkg/chart/loader).
_NOT_IN_FILES = ("Chart.yaml", "values.yaml", "values.schema.json", "Chart.lock", "requirements.yaml", "requirements.lock")


@dataclass(frozen=True)
class Release:
    """``.Release``: what `helm template` would be installing."""

    name: str = "release-name"
    namespace: str = "default"
    service: str = "Helm"
    is_install: bool = True
    is_upgrade: bool = False
    revision: int = 1


@dataclass
class Chart:
    """One chart: metadata, default values, templates, other files, and its unpacked subcharts."""

    name: str
    metadata: dict[str, Any]
    values: dict[str, Any]
    templates: dict[str, str]
    files: dict[str, str]
    subcharts: dict[str, Chart] = field(default_factory=dict)
    path: str = ""

    def __repr__(self) -> str:
        return f"Chart({self.name!r}, version={self.metadata.get('version')!r}, templates={sorted(self.templates)!r}, subcharts={sorted(self.subcharts)!r})"


def _where(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


def _load_yaml_file(files: dict[str, str], name: str, path: str, problems: list[Problem], required: bool) -> dict[str, Any] | None:
    text = files.get(name)
    where = _where(path, name)
    if text is None:
        if required:
            problems.append(Problem(where, None, f"missing {name}: a chart needs one"))
        return None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        reason = getattr(err, "problem", None) or str(err)
        problems.append(Problem(where, mark.line + 1 if mark is not None else None, f"invalid YAML: {reason}"))
        return None
    if data is None:
        return {}
    if type(data) is not dict:
        problems.append(Problem(where, 1, f"{name} must be a YAML mapping, not {type(data).__name__}"))
        return None
    return data


def _check_metadata(metadata: dict[str, Any], path: str, problems: list[Problem]) -> None:
    where = _where(path, "Chart.yaml")
    for key in ("apiVersion", "name", "version"):
        if not metadata.get(key):
            problems.append(Problem(where, None, f"chart.metadata.{key} is required"))
    for key, value in metadata.items():
        if key in ("name", "version", "appVersion", "description", "type", "kubeVersion") and value is not None and type(value) is not str:
            # Helm reads these into Go strings and fails on a bare number such as appVersion: 1.10.
            problems.append(Problem(where, None, f"{key} must be a string; quote it (got {value!r})"))


def _collect(files: dict[str, str], path: str, problems: list[Problem]) -> Chart | None:
    metadata = _load_yaml_file(files, "Chart.yaml", path, problems, required=True)
    values = _load_yaml_file(files, "values.yaml", path, problems, required=False)
    if metadata is not None:
        _check_metadata(metadata, path, problems)
    sub_files: dict[str, dict[str, str]] = {}
    templates: dict[str, str] = {}
    other: dict[str, str] = {}
    for name, text in files.items():
        if name.startswith("charts/"):
            parts = name.split("/", 2)
            if len(parts) == 3:
                sub_files.setdefault(parts[1], {})[parts[2]] = text
            continue
        if name.startswith("templates/"):
            templates[name] = text
        elif name not in _NOT_IN_FILES:
            other[name] = text
    subcharts: dict[str, Chart] = {}
    for sub_name, sub in sorted(sub_files.items()):
        chart = _collect(sub, _where(path, f"charts/{sub_name}"), problems)
        if chart is not None:
            subcharts[chart.name] = chart
    if metadata is None or values is None and "values.yaml" in files:
        return None
    name = str(metadata.get("name") or "")
    return Chart(name, metadata, to_json_values(values or {}), templates, other, subcharts, path)


def load_chart(files: dict[str, str], path: str = "") -> Chart:
    """Build a Chart from its files (chart-relative POSIX paths to text); raise InputError listing every problem."""
    problems: list[Problem] = []
    chart = _collect(files, path, problems)
    if problems or chart is None:
        raise InputError(problems or [Problem(_where(path, "Chart.yaml"), None, "cannot load chart")])
    return chart
