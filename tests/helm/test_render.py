"""The chart renderer: Helm's objects, values coalescing, subcharts, document handling and errors."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from generator.errors import InputError
from generator.gotemplate import TemplateError
from generator.helm import Release, load_chart, render_chart

CHART = {
    "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: '1.0'\ndescription: A demo\ndependencies:\n- name: sub\n  condition: sub.enabled\n- name: absent\n  version: 1.0.0\n",
    "values.yaml": "replicas: 3\nimage:\n  repository: nginx\n  tag: ''\nlabels:\n  app: demo\nsub:\n  enabled: true\n  x: from-parent\nglobal:\n  region: eu\n",
    "templates/_helpers.tpl": '{{- define "demo.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}\n',
    "templates/NOTES.txt": "Thanks for installing {{ .Chart.Name }}",
    "files/config.ini": "a=1\nb=2",
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
    "charts/sub/values.yaml": "x: default\ncount: 2\n",
    "charts/sub/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\ndata:\n  x: {{ .Values.x }}\n  count: {{ .Values.count | quote }}\n  region: {{ .Values.global.region }}\n",
}


def chart_with(template: str, **extra: str) -> dict[str, str]:
    """Return the demo chart's files with one more template, ``templates/t.yaml``."""
    return {**CHART, "templates/t.yaml": template, **extra}


def render_one(template: str, values: dict[str, Any] | None = None, **kwargs: Any) -> str:
    """Render the demo chart with one template and return that template's output."""
    out = render_chart(load_chart(chart_with(template), "charts/demo"), values, **kwargs)
    return out.get("demo/templates/t.yaml", "")


OBJECTS = [
    ("exposes .Release with helm template's defaults", "v: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }}", {}, {}, "v: release-name default Helm true false 1\n"),
    ("exposes .Release from the given release", "v: {{ .Release.Name }}/{{ .Release.Namespace }}", {}, {"release": Release(name="prod", namespace="tenant")}, "v: prod/tenant\n"),
    ("exposes .Chart with Go field names", "v: {{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Description }} [{{ .Chart.Home }}]", {}, {}, "v: demo 0.1.0 1.0 A demo []\n"),
    ("exposes .Capabilities.KubeVersion", "v: {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }}", {}, {"kube_version": "1.33.5"}, "v: v1.33.5 v1.33.5 1 33\n"),
    ("answers APIVersions.Has for built-in and given groups", 'v: {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "cluster.x-k8s.io/v1beta1" }} {{ .Capabilities.APIVersions.Has "nope/v1" }}', {}, {"api_versions": ["cluster.x-k8s.io/v1beta1"]}, "v: true true false\n"),
    ("gates on the Kubernetes version with semverCompare", 'v: {{ if semverCompare ">=1.33-0" .Capabilities.KubeVersion.Version }}new{{ else }}old{{ end }}', {}, {"kube_version": "1.32.9"}, "v: old\n"),
    ("exposes .Template", "v: {{ .Template.Name }} {{ .Template.BasePath }}", {}, {}, "v: demo/templates/t.yaml demo/templates\n"),
    ("reads files with .Files.Get and .Files.Lines", 'a: {{ .Files.Get "files/config.ini" | quote }}\nb: {{ len (.Files.Lines "files/config.ini") }}\nc: [{{ .Files.Get "missing" }}]', {}, {}, 'a: "a=1\\nb=2"\nb: 2\nc: []\n'),
    ("turns globbed files into config with AsConfig", 'data:\n{{ (.Files.Glob "files/*").AsConfig | indent 2 }}', {}, {}, "data:\n  config.ini: |-\n    a=1\n    b=2\n"),
    ("ranges over globbed files", '{{ range $path, $_ := .Files.Glob "**.ini" }}p: {{ $path }}{{ end }}', {}, {}, "p: files/config.ini\n"),
    ("renders missing values as empty text, as Helm does", "v: [{{ .Values.nope }}]", {}, {}, "v: []\n"),
    ("renders numbers from values.yaml as float64", "v: {{ .Values.replicas }} {{ kindOf .Values.replicas }} {{ .Values.big }}", {"big": 1000000}, {}, "v: 3 float64 1e+06\n"),
    ("merges overrides deeply over values.yaml", "v: {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }} {{ .Values.replicas }}", {"image": {"tag": "2.0"}}, {}, "v: nginx:2.0 3\n"),
    ("deletes a value overridden with null", "v: {{ hasKey .Values \"labels\" }}", {"labels": None}, {}, "v: false\n"),
    ("includes helpers from _helpers.tpl", 'v: {{ include "demo.fullname" . }}', {}, {}, "v: release-name-demo\n"),
    ("renders a template given to tpl with the chart's objects", "v: {{ tpl .Values.t . }}", {"t": "{{ .Chart.Name }}-{{ .Release.Name }}"}, {}, "v: demo-release-name\n"),
    ("renders tpl with data that has no .Template, as Helm 4 does", 'v: {{ tpl "{{ .a }}" .Values.m }}', {"m": {"a": "x"}}, {}, "v: x\n"),
    ("looks up nothing, as helm template does", 'v: {{ lookup "v1" "Namespace" "" "default" | len }}', {}, {}, "v: 0\n"),
]


@pytest.mark.parametrize(("template", "values", "kwargs", "expected"), [pytest.param(t, v, k, e, id=i) for i, t, v, k, e in OBJECTS])
def test_renders_helm_objects_like_helm(template: str, values: dict[str, Any], kwargs: dict[str, Any], expected: str) -> None:
    assert render_one(template, values, **kwargs) == expected


DOCUMENTS = [
    ("drops empty documents and keeps the rest trimmed", "\n---\na: 1  \n---\nb: 2\n---\n\n", "a: 1\n---\nb: 2\n"),
    ("drops a template that renders only whitespace", "{{ if false }}a: 1{{ end }}\n\n", ""),
    ("keeps a document that holds only a comment, as Helm does", "# just a comment\n", "# just a comment\n"),
]


@pytest.mark.parametrize(("template", "expected"), [pytest.param(t, e, id=i) for i, t, e in DOCUMENTS])
def test_splits_documents_like_helm(template: str, expected: str) -> None:
    assert render_one(template) == expected


def test_renders_every_template_of_chart_and_subcharts_under_helms_source_names() -> None:
    out = render_chart(load_chart(chart_with("kind: A\n"), "charts/demo"))
    # Partials (_*) and NOTES.txt are not manifests; the declared but absent dependency is skipped.
    assert sorted(out) == ["demo/charts/sub/templates/cm.yaml", "demo/templates/t.yaml"]
    assert yaml.safe_load(out["demo/charts/sub/templates/cm.yaml"]) == {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "sub"},
        "data": {"x": "from-parent", "count": "2", "region": "eu"},
    }


def test_skips_a_subchart_whose_condition_is_false() -> None:
    out = render_chart(load_chart(chart_with("kind: A\n"), "charts/demo"), {"sub": {"enabled": False}})
    assert sorted(out) == ["demo/templates/t.yaml"]


def test_lets_a_parent_define_override_a_subchart_define_of_the_same_name() -> None:
    files = chart_with(
        'v: {{ include "shared" . }}\n',
        **{"templates/_a.tpl": '{{ define "shared" }}parent{{ end }}', "charts/sub/templates/_b.tpl": '{{ define "shared" }}sub{{ end }}'},
    )
    assert render_chart(load_chart(files))["demo/templates/t.yaml"] == "v: parent\n"


def test_renders_the_same_output_twice() -> None:
    chart = load_chart(chart_with("{{ toYaml .Values | nindent 0 }}\n"))
    assert render_chart(chart) == render_chart(chart)


ERRORS = [
    ("names the template file and line of a failing field", "a: 1\nb: {{ .Values.image.tag.x }}", 'template: demo/templates/t.yaml:2:6: executing "demo/templates/t.yaml" at <.Values.image.tag.x>: can\'t evaluate field x in type interface {}'),
    ("fails on a field of a missing value like Helm", "a: {{ .Values.nope.deeper }}", 'template: demo/templates/t.yaml:1:6: executing "demo/templates/t.yaml" at <.Values.nope.deeper>: nil pointer evaluating interface {}.deeper'),
    ("shortens required to Helm's execution error", 'a: {{ required "set image.digest" .Values.image.digest }}', "execution error at (demo/templates/t.yaml:1:6): set image.digest"),
    ("shortens fail inside an include to Helm's execution error", '{{ define "x" }}{{ fail "bad input" }}{{ end }}a: {{ include "x" . }}', "execution error at (demo/templates/t.yaml:1:53): bad input"),
    ("names the file of a syntax error", "a: {{ .Values.x", "template: demo/templates/t.yaml:1: unclosed action"),
    ("rejects output that is not YAML, as Helm does", "a: [1\n", "YAML parse error on demo/templates/t.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"),
]


@pytest.mark.parametrize(("template", "message"), [pytest.param(t, m, id=i) for i, t, m in ERRORS])
def test_template_errors_name_the_file_like_helm(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render_one(template)
    assert str(caught.value) == message


LOAD_ERRORS = [
    ("reports a missing Chart.yaml", {"values.yaml": "a: 1\n"}, ["charts/x/Chart.yaml: missing Chart.yaml: a chart needs one"]),
    ("reports invalid YAML in Chart.yaml with its line", {"Chart.yaml": "apiVersion: v2\nname: [x\n"}, ["charts/x/Chart.yaml:3: invalid YAML: expected ',' or ']', but got '<stream end>'"]),
    ("reports invalid YAML in values.yaml with its line", {"Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n", "values.yaml": "a: 1\n b: 2\n"}, ["charts/x/values.yaml:2: invalid YAML: mapping values are not allowed here"]),
    ("reports every missing required field", {"Chart.yaml": "description: d\n"}, ["charts/x/Chart.yaml: chart.metadata.apiVersion is required", "charts/x/Chart.yaml: chart.metadata.name is required", "charts/x/Chart.yaml: chart.metadata.version is required"]),
    ("reports an unquoted numeric appVersion", {"Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\nappVersion: 1.10\n"}, ["charts/x/Chart.yaml: appVersion must be a string; quote it (got 1.1)"]),
    ("reports values.yaml that is not a mapping", {"Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n", "values.yaml": "- a\n"}, ["charts/x/values.yaml:1: values.yaml must be a YAML mapping, not list"]),
]


@pytest.mark.parametrize(("files", "problems"), [pytest.param(f, p, id=i) for i, f, p in LOAD_ERRORS])
def test_load_chart_reports_bad_input_as_problems(files: dict[str, str], problems: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        load_chart(files, "charts/x")
    assert [str(p) for p in caught.value.problems] == problems


def test_warns_naming_template_and_line_where_a_chart_calls_a_random_or_clock_function(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING"):
        out = render_one("a: 1\nb: {{ randAlphaNum 12 | len }}\nc: {{ now | date \"2006\" | len }}\n")
    assert out == "a: 1\nb: 12\nc: 4\n"
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("demo/templates/t.yaml:2: randAlphaNum ") for m in messages), messages
    assert any(m.startswith("demo/templates/t.yaml:3: now ") for m in messages), messages


def test_a_deterministic_chart_renders_without_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING"):
        render_one('a: {{ "x" | sha256sum | trunc 8 }}\n')
    assert not [r for r in caplog.records if r.levelname == "WARNING"]


def test_renders_a_chart_that_names_a_crypto_function_in_a_branch_it_does_not_take() -> None:
    # In Helm an unknown function fails the whole chart at parse time; every Helm function is known here.
    assert render_one('{{ if .Values.tls }}{{ $ca := genCA "ca" 365 }}{{ end }}a: 1\n') == "a: 1\n"


def test_a_crypto_function_that_runs_says_what_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    # As in the browser editor, which ships no cryptography: a None in sys.modules stops the import.
    import sys

    for name in [n for n in sys.modules if n.startswith("cryptography")] + ["cryptography", "generator.gotemplate.cryptolib"]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(TemplateError) as caught:
        render_one('a: {{ genCA "ca" 365 }}\n')
    assert "genCA needs the Python package 'cryptography'" in str(caught.value)
