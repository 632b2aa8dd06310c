"""Render a chart like `helm template`: coalesce values, execute every template, split and drop empty documents."""

from __future__ import annotations

import copy
import logging
import posixpath
import re
from typing import Any

import yaml

from ..gotemplate import TemplateError, TemplateExecError, load_yaml, parse_set, to_json_values
from .chart import Chart, Release
from .objects import Capabilities, ChartMetadata, Files

log = logging.getLogger(__name__)

# helm.sh/helm/v3/pkg/releaseutil.SplitManifests
_DOCUMENT_SEPARATOR = re.compile(r"(?:^|\s*\n)---\s*")
_REQUIRED_OR_FAIL = re.compile(r"error calling (?:required|fail): (.*)$", re.S)


class ManifestError(TemplateError):
    """A template rendered text that is not YAML (Helm refuses such output too)."""


def coalesce_values(defaults: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Deep-merge ``overrides`` over ``defaults`` like Helm: maps merge, anything else replaces, null deletes."""
    result = copy.deepcopy(defaults)
    for key, value in (overrides or {}).items():
        if value is None:
            result.pop(key, None)
        elif type(value) is dict and type(result.get(key)) is dict:
            result[key] = coalesce_values(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _path_value(values: dict[str, Any], path: str) -> Any:
    current: Any = values
    for part in path.split("."):
        if type(current) is not dict or part not in current:
            return None
        current = current[part]
    return current


def _enabled_subcharts(chart: Chart, values: dict[str, Any]) -> dict[str, tuple[Chart, str]]:
    """Return the subcharts to render by the name their values live under (alias or name)."""
    declared = {d.get("name"): d for d in chart.metadata.get("dependencies") or [] if type(d) is dict}
    enabled: dict[str, tuple[Chart, str]] = {}
    for name, sub in chart.subcharts.items():
        dep = declared.get(name, {})
        key = dep.get("alias") or name
        on = True
        tags = dep.get("tags") or []
        tag_values = [_path_value(values, f"tags.{t}") for t in tags]
        if any(type(v) is bool for v in tag_values):
            on = any(v is True for v in tag_values)
        for condition in str(dep.get("condition") or "").split(","):
            condition = condition.strip()
            if not condition:
                continue
            value = _path_value(values, condition)
            if type(value) is bool:
                on = value
                break
        if on:
            enabled[key] = (sub, key)
    return enabled


def _sub_values(parent_values: dict[str, Any], key: str, sub: Chart) -> dict[str, Any]:
    """Values a subchart sees: its defaults, overridden by the parent's ``<key>`` section, plus the parent's globals."""
    section = parent_values.get(key)
    values = coalesce_values(sub.values, section if type(section) is dict else None)
    parent_global = parent_values.get("global")
    if type(parent_global) is dict:
        values["global"] = coalesce_values(values.get("global") if type(values.get("global")) is dict else {}, parent_global)
    return values


def _collect_templates(chart: Chart, prefix: str, values: dict[str, Any], release: dict[str, Any], capabilities: Capabilities, out: dict[str, tuple[str, dict[str, Any]]]) -> None:
    """Gather every template of a chart and its enabled subcharts with the top-level object it renders with."""
    top = {
        "Values": values,
        "Release": release,
        "Chart": ChartMetadata(chart.metadata),
        "Capabilities": capabilities,
        "Files": Files(chart.files),
    }
    for rel, text in chart.templates.items():
        out[f"{prefix}/{rel}"] = (text, top)
    for key, (sub, _) in sorted(_enabled_subcharts(chart, values).items()):
        sub_prefix = f"{prefix}/charts/{sub.name}"
        _collect_templates(sub, sub_prefix, _sub_values(values, key, sub), release, capabilities, out)


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
            reason = getattr(err, "problem", None) or str(err)
            line = mark.line + 1 if mark is not None else None
            detail = f"line {line}: {reason}" if line else reason
            raise ManifestError(name, line, f"YAML parse error on {name}: error converting YAML to JSON: yaml: {detail}", f"YAML parse error on {name}: error converting YAML to JSON: yaml: {detail}") from None


def render_templates(
    chart: Chart,
    values: dict[str, Any] | None = None,
    release: Release | None = None,
    kube_version: str = "1.32.0",
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
    merged = coalesce_values(chart.values, to_json_values(values) if values else None)
    sources: dict[str, tuple[str, dict[str, Any]]] = {}
    _collect_templates(chart, chart.name, merged, release_object, capabilities, sources)
    ordered = sorted(sources, key=_parse_order)
    template_set = parse_set({name: sources[name][0] for name in ordered}, helm=True)
    rendered: dict[str, str] = {}
    for name in sorted(sources):
        if posixpath.basename(name).startswith("_") or "/templates/" not in name:
            continue
        text, top = sources[name]
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
    kube_version: str = "1.32.0",
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
