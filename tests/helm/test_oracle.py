"""Real Helm (its Go SDK, through helm-python-sdk) is the expectation: ours must render the same bytes.

- every chart in stacks/ at every Kubernetes version of its stack;
- the charts the renderer's own tests build (test_render.py);
- a generated table of template expressions (expressions.py), all in one chart
  with a subchart, split into single cases only where a side fails;
- opt-in: every chart in the folder named by ``HELM_ORACLE_CHARTS`` (a folder
  of unpacked charts or ``.tgz`` archives, e.g. public charts with their
  dependencies vendored), at ``HELM_ORACLE_KUBE_VERSION`` (default 1.36.0).

What still differs is listed in KNOWN_DIFFERENCES with the reason; those cases
are strict xfails, so fixing one without removing it from the list fails too.
"""

from __future__ import annotations

import os
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.helm import Release

from . import expressions
from .oracle import compare_templates, differences, helm_engine, read_chart
from .test_render import CHART, DOCUMENTS, ERRORS, OBJECTS

REPO_ROOT = Path(__file__).resolve().parents[2]
STACKS = REPO_ROOT / "stacks"

# Cases of the expression table ours does not render as Helm does yet, with why.
KNOWN_DIFFERENCES: dict[str, str] = {}


def _stack_cases() -> list[Any]:
    cases = []
    for chart_yaml in sorted(STACKS.rglob("Chart.yaml")):
        chart_dir = chart_yaml.parent
        if "charts" in chart_dir.relative_to(STACKS).parts:
            continue
        root = next(p for p in chart_dir.parents if (p / "versions.yaml").is_file())
        for entry in yaml.safe_load((root / "versions.yaml").read_text(encoding="utf-8")):
            kube = str(entry["kubernetes"])
            cases.append(pytest.param(chart_dir, kube, id=f"{chart_dir.relative_to(STACKS).as_posix()} at {kube}"))
    return cases


@pytest.mark.parametrize(("chart_dir", "kube_version"), _stack_cases())
def test_stack_chart_renders_as_helm_renders_it(chart_dir: Path, kube_version: str) -> None:
    files = read_chart(chart_dir)
    release = Release(name="oracle-release")
    assert differences(files, kube_version=kube_version, release=release) == []


def test_the_oracle_sees_what_the_cluster_class_charts_render() -> None:
    # Guards the comparison itself: Helm renders the ClusterClass, so agreeing means agreeing on it.
    helm = helm_engine(read_chart(STACKS / "openstack/scs/cluster-class"), kube_version="1.33.5")
    assert helm.rendered is not None and any("kind: ClusterClass" in text for text in helm.rendered.values())


FIXTURES = [
    *[pytest.param(t, v, k, id=i) for i, t, v, k, _ in OBJECTS],
    *[pytest.param(t, {}, {}, id=i) for i, t, _ in DOCUMENTS],
    *[pytest.param(t, {}, {}, id=i) for i, t, _ in ERRORS],
]


@pytest.mark.parametrize(("template", "values", "kwargs"), FIXTURES)
def test_render_fixture_renders_as_helm_renders_it(template: str, values: dict[str, Any], kwargs: dict[str, Any]) -> None:
    # The fixture declares a dependency that is absent; `helm template` refuses that before rendering,
    # Helm's engine (what both sides run here) does not look.
    files = {**CHART, "templates/t.yaml": template}
    assert differences(files, values or None, **kwargs) == []


TABLE_CHART = {
    "Chart.yaml": "apiVersion: v2\nname: table\nversion: 0.1.0\nappVersion: '1.0'\ndependencies:\n- name: sub\n  condition: sub.enabled\n",
    "values.yaml": expressions.VALUES_YAML,
    "templates/_helpers.tpl": expressions.HELPERS,
    "files/a.txt": "one\ntwo\n",
    "files/b.cfg": "x=1",
    **expressions.SUBCHART,
}
TABLE = dict(expressions.cases())


@pytest.fixture(scope="module")
def table_differences() -> dict[str, str]:
    """Render the whole table once with both engines."""
    return compare_templates(TABLE_CHART, TABLE)


def test_the_table_has_several_hundred_cases() -> None:
    assert len(TABLE) > 500


@pytest.mark.parametrize("case", [pytest.param(c, id=c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[c])) if c in KNOWN_DIFFERENCES else c for c in TABLE])
def test_expression_renders_as_helm_renders_it(case: str, table_differences: dict[str, str]) -> None:
    assert case not in table_differences, table_differences.get(case)


def _public_charts() -> list[Any]:
    folder = os.environ.get("HELM_ORACLE_CHARTS")
    if not folder:
        return [pytest.param(None, id="HELM_ORACLE_CHARTS unset", marks=pytest.mark.skip(reason="set HELM_ORACLE_CHARTS to a folder of charts to compare them"))]
    root = Path(folder)
    charts = sorted(p for p in root.iterdir() if (p / "Chart.yaml").is_file() or p.name.endswith(".tgz"))
    return [pytest.param(p, id=p.name) for p in charts]


def _chart_files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return read_chart(path)
    files = {}
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            if member.isfile():
                handle = tar.extractfile(member)
                if handle is not None:
                    files[member.name.split("/", 1)[1]] = handle.read()
    return files


@pytest.mark.parametrize("chart", _public_charts())
def test_public_chart_renders_as_helm_renders_it(chart: Path) -> None:
    kube = os.environ.get("HELM_ORACLE_KUBE_VERSION", "1.36.0")
    assert differences(_chart_files(chart), kube_version=kube) == []
