"""Render a chart like `helm template`: coalesce values, execute every template, split and drop empty documents."""

from __future__ import annotations

import copy
import logging
import posixpath
import re
from typing import Any

import yaml

from ..gotemplate import TemplateError, TemplateExecError, load_yaml, parse_set, to_json_values
from ..gotemplate.goyaml_errors import goyaml_message
from ..gotemplate.semver import semver_compare
from .chart import Chart, Release
from .objects import Capabilities, ChartMetadata, Files

log = logging.getLogger(__name__)

# helm.sh/helm/v3/pkg/releaseutil.SplitManifests
_DOCUMENT_SEPARATOR = re.compile(r"(?:^|\s*\n)---\s*")
_REQUIRED_OR_FAIL = re.compile(r"error calling (?:required|fail): (.*)$", re.S)
# .Capabilities.KubeVersion when the caller names no cluster (`helm template` without --kube-version).
DEFAULT_KUBE_VERSION = "1.32.0"


class ManifestError(TemplateError):
    """A template rendered text that is not YAML (Helm refuses such output too)."""


def coalesce_values(defaults: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Deep-merge ``overrides`` over ``defaults`` like Helm: maps merge, anything else replaces, null deletes.

    Helm drops null map values on both sides: an override of null removes the
    default, and a null default (``key: null`` in values.yaml) is not kept either.
    """
    return _without_nulls(_layer(defaults, overrides))


def _layer(defaults: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Merge ``overrides`` over ``defaults`` keeping nulls, so a null can still delete a lower layer's value.

    A parent's ``child: {key: null}`` must remove the subchart's own default, which
    is merged in later; nulls are dropped only once every layer is in.
    """
    result = dict(defaults)
    for key, value in (overrides or {}).items():
        if type(value) is dict and type(result.get(key)) is dict:
            result[key] = _layer(result[key], value)
        else:
            result[key] = value
    return result


def _without_nulls(value: Any) -> Any:
    """Deep-copy a value, leaving out map entries whose value is null (lists keep theirs, as in Helm)."""
    if type(value) is dict:
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    return copy.deepcopy(value)


def _path_value(values: dict[str, Any], path: str) -> Any:
    current: Any = values
    for part in path.split("."):
        if type(current) is not dict or part not in current:
            return None
        current = current[part]
    return current


def _dependencies(chart: Chart) -> list[tuple[str, Chart]]:
    """The subcharts as Helm's processDependencyEnabled lists them: (values key, chart).

    A loaded subchart that no Chart.yaml entry claims (same name, version in range)
    stays under its own name; each entry that matches a loaded chart adds a copy,
    renamed by its alias (template paths and ``.Chart.Name``), so one chart may
    load several times.
    """
    entries = _entries(chart)
    out: list[tuple[str, Chart]] = []
    for name, sub in chart.subcharts.items():
        if not any(e.get("name") == name and _version_matches(e.get("version"), sub.metadata.get("version")) for e in entries):
            out.append((name, sub))
    for entry in entries:
        sub = chart.subcharts.get(str(entry.get("name")))
        if sub is None or not _version_matches(entry.get("version"), sub.metadata.get("version")):
            continue
        alias = entry.get("alias")
        if alias:
            sub = Chart(str(alias), {**sub.metadata, "name": str(alias)}, sub.values, sub.templates, sub.files, sub.subcharts, sub.path)
        out.append((sub.name, sub))
    return out


def _entries(chart: Chart) -> list[dict[str, Any]]:
    return [d for d in chart.metadata.get("dependencies") or [] if type(d) is dict]


def _disabled(chart: Chart, top: dict[str, Any], prefix: str) -> set[str]:
    """Names Helm removes: every entry's name (its alias if it has one) whose condition or tags say no."""
    return {str(e.get("alias") or e.get("name")) for e in _entries(chart) if not _is_enabled(e, top, prefix)}


def _version_matches(constraint: Any, version: Any) -> bool:
    if not constraint:
        # Helm's IsCompatibleRange cannot parse an empty range: an entry without a version
        # neither claims the loaded chart nor aliases it.
        return False
    try:
        return semver_compare(str(constraint), str(version))
    except TemplateError:
        return False


def _is_enabled(dep: dict[str, Any], top: dict[str, Any], prefix: str) -> bool:
    """Resolve a dependency's ``condition`` (first path that holds a boolean wins) and then its ``tags``."""
    for condition in str(dep.get("condition") or "").split(","):
        condition = condition.strip()
        if condition:
            value = _path_value(top, prefix + condition)
            if type(value) is bool:
                return value
    tag_values = [_path_value(top, f"tags.{t}") for t in dep.get("tags") or []]
    if any(v is True for v in tag_values):
        return True
    if any(v is False for v in tag_values):
        return False
    return True


def _coalesce_tree(chart: Chart, values: dict[str, Any], enabled: set[str] | None, prefix: str = "") -> dict[str, Any]:
    """Coalesce a chart's defaults under ``values``, and each (enabled) subchart's under its section.

    Nulls stay in until the caller drops them. Every subchart's section gets a
    ``global`` map: the subchart's own globals under the parent's (coalesceGlobals).
    """
    result = _layer(chart.values, values)
    for key, sub in _dependencies(chart):
        if enabled is not None and prefix + key not in enabled:
            continue
        section = result.get(key)
        section = dict(section) if type(section) is dict else {}
        parent_global = result.get("global")
        own_global = section.get("global")
        section["global"] = _layer(own_global if type(own_global) is dict else {}, parent_global if type(parent_global) is dict else {})
        result[key] = _coalesce_tree(sub, section, enabled, f"{prefix}{key}.")
    return result


def _enabled(chart: Chart, values: dict[str, Any], top: dict[str, Any], prefix: str = "") -> set[str]:
    """Return the dotted value paths of every subchart that renders (a disabled parent disables its own)."""
    out: set[str] = set()
    disabled = _disabled(chart, top, prefix)
    for key, sub in _dependencies(chart):
        if key in disabled:
            continue
        section = values.get(key)
        out.add(prefix + key)
        out |= _enabled(sub, section if type(section) is dict else {}, top, f"{prefix}{key}.")
    return out


def _imported(chart: Chart, values: dict[str, Any]) -> dict[str, Any]:
    """Values a chart imports from its subcharts (``import-values``); the parent's own values win over them."""
    imported: dict[str, Any] = {}
    entries = {str(e.get("alias") or e.get("name")): e for e in _entries(chart)}
    for key, _ in _dependencies(chart):
        dep = entries.get(key, {})
        child_values = values.get(key)
        if type(child_values) is not dict:
            continue
        for entry in dep.get("import-values") or []:
            if type(entry) is dict:
                child, parent = str(entry.get("child", "")), str(entry.get("parent", ""))
            else:
                child, parent = f"exports.{entry}", "."
            value = _path_value(child_values, child) if child else child_values
            if type(value) is not dict:
                continue
            target = imported
            for part in [p for p in parent.split(".") if p]:
                target = target.setdefault(part, {})
            for k, v in coalesce_values(value, target).items():
                target[k] = v
    return imported


def _helm_values(chart: Chart, values: dict[str, Any] | None) -> tuple[dict[str, Any], set[str]]:
    """Coalesce like Helm's ProcessDependencies and CoalesceValues; return the values and the enabled subcharts."""
    full = _without_nulls(_coalesce_tree(chart, values or {}, None))
    enabled = _enabled(chart, full, full)
    merged = _without_nulls(_coalesce_tree(chart, values or {}, enabled))
    imports = _imported(chart, merged)
    if imports:
        merged = coalesce_values(imports, merged)
    return merged, enabled


def _collect_templates(
    chart: Chart,
    prefix: str,
    values: dict[str, Any],
    release: dict[str, Any],
    capabilities: Capabilities,
    enabled: set[str],
    out: dict[str, tuple[str, dict[str, Any], bool]],
    value_path: str = "",
) -> dict[str, Any]:
    """Gather every template of a chart and its enabled subcharts with the top-level object it renders with.

    Returns the chart's top-level object, which the parent shows as ``.Subcharts.<name>``.
    """
    subcharts: dict[str, Any] = {}
    top = {
        "Values": values,
        "Release": release,
        "Chart": ChartMetadata(chart.metadata, is_root=not value_path),
        "Capabilities": capabilities,
        "Files": Files(chart.files),
        "Subcharts": subcharts,
    }
    library = chart.metadata.get("type") == "library"
    for rel, text in chart.templates.items():
        out[f"{prefix}/{rel}"] = (text, top, library)
    for key, sub in _dependencies(chart):
        if value_path + key not in enabled:
            continue
        section = values.get(key)
        sub_prefix = f"{prefix}/charts/{sub.name}"
        subcharts[key] = _collect_templates(sub, sub_prefix, section if type(section) is dict else {}, release, capabilities, enabled, out, f"{value_path}{key}.")
    return top


def _parse_order(name: str) -> tuple[int, str]:
    # Helm parses deeper (subchart) templates first so that a parent's define of the same name wins.
    return (-name.count("/"), name)


def _split_documents(text: str) -> list[str]:
    docs = []
    for doc in _DOCUMENT_SEPARATOR.split(text.strip()):
        doc = doc.strip()
        if doc:
            docs.append(doc)
    return docs


def _helm_error(err: TemplateError) -> TemplateError:
    """Shorten required/fail errors the way Helm does: ``execution error at (FILE:LINE:COL): message``."""
    if isinstance(err, TemplateExecError):
        match = _REQUIRED_OR_FAIL.search(err.reason)
        if match:
            location = f"{err.template_name}:{err.line}:{err.column}"
            new = TemplateExecError(err.template_name, err.line, err.column, err.executing, err.context, match.group(1))
            new.message = f"execution error at ({location}): {match.group(1)}"
            new.args = (new.message,)
            return new
    return err


# Checking that output is YAML is the hot part of rendering; libyaml (CPython) does it several times
# faster. Under Pyodide there is no libyaml and the pure parser gives the same verdict.
_FAST_CHECK_LOADER = getattr(yaml, "CSafeLoader", None)


def _check_yaml(name: str, docs: list[str]) -> None:
    for doc in docs:
        try:
            if _FAST_CHECK_LOADER is not None:
                try:
                    yaml.compose(doc, Loader=_FAST_CHECK_LOADER)
                    continue
                except yaml.YAMLError:
                    pass  # fall through: the pure loader produces the message we report
            load_yaml(doc)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            detail = goyaml_message(err, doc)
            raise ManifestError(name, line, f"YAML parse error on {name}: error converting YAML to JSON: yaml: {detail}", f"YAML parse error on {name}: error converting YAML to JSON: yaml: {detail}") from None


def render_templates(
    chart: Chart,
    values: dict[str, Any] | None = None,
    release: Release | None = None,
    kube_version: str = DEFAULT_KUBE_VERSION,
    api_versions: tuple[str, ...] | list[str] = (),
) -> dict[str, str]:
    """Execute every template like Helm's engine (``engine.Render``); return source name -> raw output.

    This is what Helm's engine hands back before `helm template` post-processes it:
    every template but partials (``_*``), NOTES.txt included, empty output included,
    ``<no value>`` already removed. The test oracle compares exactly this with real Helm.
    """
    release = release or Release()
    release_object = {
        "Name": release.name,
        "Namespace": release.namespace,
        "Service": release.service,
        "IsInstall": release.is_install,
        "IsUpgrade": release.is_upgrade,
        "Revision": release.revision,
    }
    capabilities = Capabilities(kube_version, tuple(api_versions))
    # Helm reads override files through JSON as well, so their numbers are float64 like values.yaml's.
    merged, enabled = _helm_values(chart, to_json_values(values) if values else None)
    sources: dict[str, tuple[str, dict[str, Any], bool]] = {}
    _collect_templates(chart, chart.name, merged, release_object, capabilities, enabled, sources)
    ordered = sorted(sources, key=_parse_order)
    template_set = parse_set({name: sources[name][0] for name in ordered}, helm=True)
    rendered: dict[str, str] = {}
    for name in sorted(sources):
        text, top, library = sources[name]
        # Partials and library charts only define templates; Helm renders neither.
        if library or posixpath.basename(name).startswith("_") or "/templates/" not in name:
            continue
        data = dict(top)
        data["Template"] = {"Name": name, "BasePath": name[: name.rindex("/templates/") + len("/templates")]}
        try:
            output = template_set.execute_template(name, data)
        except TemplateError as err:
            raise _helm_error(err) from None
        rendered[name] = output.replace("<no value>", "")
    return rendered


def render_chart(
    chart: Chart,
    values: dict[str, Any] | None = None,
    release: Release | None = None,
    kube_version: str = DEFAULT_KUBE_VERSION,
    api_versions: tuple[str, ...] | list[str] = (),
    check_yaml: bool = True,
) -> dict[str, str]:
    """Render every template like `helm template`; return ``<chart>/templates/<file>`` -> manifest text.

    ``check_yaml=False`` skips Helm's check that every document is YAML, for
    callers that parse the output themselves and report what does not parse.
    """
    rendered: dict[str, str] = {}
    for name, output in render_templates(chart, values, release, kube_version, api_versions).items():
        if posixpath.basename(name) == "NOTES.txt":
            continue
        docs = _split_documents(output)
        if not docs:
            continue
        if check_yaml:
            _check_yaml(name, docs)
        rendered[name] = "\n---\n".join(docs) + "\n"
    return rendered
