"""The addons the Cluster Stack Operator installs into a new cluster, rendered offline (pure).

The operator (cluster-stack-operator, internal/controller/clusteraddon_controller.go) renders
each addon's values file as a Go template with all of Sprig over the workload cluster's objects
(``.Cluster``, ``.ControlPlane``, ``.InfraCluster``), takes its ``values`` key when that is a
string, and runs ``helm template cluster-addon <chart> --namespace kube-system --kube-version
<version> -f -`` on the addon chart with the result. The values file is the addon's
``overwrite.yaml`` (one chart per addon under ``cluster-addon/<name>/``; an addon without one
gets no values) or the stack's ``cluster-addon-values.yaml`` (one ``cluster-addon`` chart).
Here the same happens with the project's Helm renderer. A chart whose dependencies are not
vendored in the stack cannot be rendered offline: its computed values are still shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import InputError
from generator.gotemplate import TemplateError, load_yaml
from generator.gotemplate.exec import Executor
from generator.gotemplate.parser import parse_source
from generator.helm import Release, load_chart, render_chart
from generator.stacks.yamlsource import load_all_fast
from generator.topology.gotpl import SPRIG_FUNC_NAMES, SPRIG_FUNCS

ADDON_FOLDER = "cluster-addon"
ADDON_NAMESPACE = "kube-system"  # where the Cluster Stack Operator installs cluster addons
ADDON_RELEASE = "cluster-addon"  # the release name its helm template gives every addon chart
OVERWRITE_FILE = "overwrite.yaml"
LEGACY_VALUES_FILE = "cluster-addon-values.yaml"


@dataclass
class Addon:
    """One addon: its computed values, the objects its chart renders, or why it cannot be rendered offline."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    objects: list[dict[str, Any]] = field(default_factory=list)
    rendered: bool = False
    reason: str = ""
    error: str = ""  # set when the values template or the chart fails (the operator would fail too)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the ``topology --json`` contract."""
        return {"name": self.name, "values": self.values, "objects": self.objects, "rendered": self.rendered, "reason": self.reason}


def _addon_names(files: dict[str, str], stage_names: list[str]) -> list[tuple[str, str]]:
    """Return (addon name, chart folder) in the order the stages apply them; a single chart is one addon."""
    if f"{ADDON_FOLDER}/Chart.yaml" in files:
        return [(ADDON_FOLDER, ADDON_FOLDER)]
    folders = sorted({p.split("/")[1] for p in files if p.startswith(f"{ADDON_FOLDER}/") and p.count("/") >= 2})
    ordered = [name for name in dict.fromkeys(stage_names) if name in folders]
    ordered += [name for name in folders if name not in ordered]
    return [(name, f"{ADDON_FOLDER}/{name}") for name in ordered]


def render_values(text: str, data: dict[str, Any], source: str, cluster_name: str = "") -> dict[str, Any]:
    """Render a values file as the operator does and return the values; raise ValueError with the place.

    The operator names the template ``cluster-addon-values-<cluster>``, so its errors say that;
    here ``source`` (the file) is added in front.
    """
    name = f"cluster-addon-values-{cluster_name}"
    try:
        out: list[str] = []
        Executor(parse_source(text, name, SPRIG_FUNC_NAMES), SPRIG_FUNCS).run(name, out, data)
    except TemplateError as error:
        raise ValueError(f"{source}: {error}") from None
    rendered = "".join(out)
    try:
        document = load_yaml(rendered)
        if isinstance(document, dict) and isinstance(document.get("values"), str):
            document = load_yaml(document["values"])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ValueError(f"{source}: renders invalid YAML{where}: {getattr(error, 'problem', error)}") from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ValueError(f"{source}: values must be a map, the template gives {type(document).__name__}")
    return document


def _missing_dependencies(chart_files: dict[str, str], metadata: dict[str, Any]) -> list[str]:
    missing = []
    for dependency in metadata.get("dependencies") or ():
        if not isinstance(dependency, dict):
            continue
        name = str(dependency.get("name", ""))
        if not any(path.startswith(f"charts/{name}/") or path.startswith(f"charts/{name}-") for path in chart_files):
            repository = dependency.get("repository")
            missing.append(f"{name} {dependency.get('version', '')}".strip() + (f" from {repository}" if repository else ""))
    return missing


_CHARTS: dict[tuple[Any, ...], Any] = {}
_CHARTS_SIZE = 64


def _load_chart(chart_files: dict[str, str], folder: str) -> Any:
    """Load a chart once per content: every keystroke renders the same addon charts again (rendering never changes a Chart)."""
    key = (folder, tuple(sorted(chart_files.items())))
    chart = _CHARTS.get(key)
    if chart is None:
        chart = load_chart(chart_files, folder)
        if len(_CHARTS) >= _CHARTS_SIZE:
            _CHARTS.pop(next(iter(_CHARTS)))
        _CHARTS[key] = chart
    return chart


def _render_chart(addon: Addon, chart_files: dict[str, str], folder: str, kubernetes_version: str) -> None:
    try:
        chart = _load_chart(chart_files, folder)
    except InputError as error:
        addon.error = "; ".join(str(p) for p in error.problems)
        addon.reason = f"the chart does not load: {addon.error}"
        return
    missing = _missing_dependencies(chart_files, chart.metadata)
    if missing:
        addon.reason = f"the chart needs {', '.join(missing)}, which the stack does not vendor: it is not available offline"
        return
    try:
        rendered = render_chart(chart, addon.values, Release(name=ADDON_RELEASE, namespace=ADDON_NAMESPACE), kube_version=kubernetes_version, check_yaml=False)
    except TemplateError as error:
        addon.error = str(error)
        addon.reason = f"the chart fails to render: {error}"
        return
    for name in sorted(rendered):
        try:
            documents = [d for d in load_all_fast(rendered[name]) if isinstance(d, dict)]
        except yaml.YAMLError as error:
            addon.error = f"{name}: renders invalid YAML: {getattr(error, 'problem', error)}"
            addon.reason = addon.error
            return
        addon.objects.extend(documents)
    addon.rendered = True


def compute_addons(
    files: dict[str, str],
    kubernetes_version: str,
    cluster: dict[str, Any],
    control_plane: dict[str, Any] | None,
    infrastructure_cluster: dict[str, Any] | None,
    stage_names: list[str],
) -> list[Addon]:
    """Render every addon of an expanded stack version for a Cluster's desired objects."""
    data = {"Cluster": cluster, "ControlPlane": control_plane or {}, "InfraCluster": infrastructure_cluster or {}}
    addons = []
    for name, folder in _addon_names(files, stage_names):
        addon = Addon(name)
        addons.append(addon)
        values_path = LEGACY_VALUES_FILE if folder == ADDON_FOLDER else f"{folder}/{OVERWRITE_FILE}"
        if values_path in files:
            try:
                addon.values = render_values(files[values_path], data, values_path, str((cluster.get("metadata") or {}).get("name", "")))
            except ValueError as error:
                addon.error = str(error)
                addon.reason = f"the values do not render: {error}"
                continue
        prefix = f"{folder}/"
        chart_files = {path[len(prefix):]: text for path, text in files.items() if path.startswith(prefix) and path != f"{folder}/{OVERWRITE_FILE}"}
        _render_chart(addon, chart_files, folder, kubernetes_version)
    return addons
