"""Every chart under stacks/ renders for every Kubernetes version of its stack, to parseable manifests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.helm import load_chart, render_chart

REPO_ROOT = Path(__file__).resolve().parents[2]
STACKS = REPO_ROOT / "stacks"


def _stack_root(chart_dir: Path) -> Path:
    for folder in chart_dir.parents:
        if (folder / "versions.yaml").is_file():
            return folder
    raise AssertionError(f"{chart_dir} has no versions.yaml above it")


def _cases() -> list[pytest.param]:
    cases = []
    for chart_yaml in sorted(STACKS.rglob("Chart.yaml")):
        chart_dir = chart_yaml.parent
        if "charts" in chart_dir.relative_to(STACKS).parts:
            continue  # a subchart renders with its parent
        versions = yaml.safe_load((_stack_root(chart_dir) / "versions.yaml").read_text(encoding="utf-8"))
        for entry in versions:
            kube = str(entry["kubernetes"])
            name = chart_dir.relative_to(STACKS).as_posix()
            cases.append(pytest.param(chart_dir, kube, id=f"renders {name} for Kubernetes {kube}"))
    return cases


def _read_chart(chart_dir: Path) -> dict[str, str]:
    return {p.relative_to(chart_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(chart_dir.rglob("*")) if p.is_file()}


CASES = _cases()


def test_finds_the_stacks_charts_and_their_cluster_classes() -> None:
    assert CASES, f"no Chart.yaml under {STACKS}"
    rendered = [render_chart(load_chart(_read_chart(d)), kube_version=k) for d, k in (c.values for c in CASES) if d.name == "cluster-class"]
    assert rendered and all(any("kind: ClusterClass" in text for text in r.values()) for r in rendered)


@pytest.mark.parametrize(("chart_dir", "kube_version"), CASES)
def test_stack_chart_renders_to_kubernetes_objects(chart_dir: Path, kube_version: str) -> None:
    chart = load_chart(_read_chart(chart_dir), chart_dir.relative_to(REPO_ROOT).as_posix())
    rendered = render_chart(chart, kube_version=kube_version)
    for source, text in rendered.items():
        assert source.startswith(f"{chart.name}/")
        for doc in yaml.safe_load_all(text):
            assert isinstance(doc, dict), f"{source}: a document that is not a mapping"
            assert doc.get("apiVersion") and doc.get("kind"), f"{source}: a document without apiVersion/kind"
