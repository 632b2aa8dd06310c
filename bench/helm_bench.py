"""Our Helm renderer against real Helm (its Go SDK, helm-python-sdk), render for render, in the same run.

Both render the same chart with the same values and Kubernetes version; each
side's chart is loaded once (Helm holds its loaded chart and parses its
templates on every render; ours keeps its parsed template set cached, as the
docs build and the editor do). Figures, each a ratio to Helm's time:

- the largest chart in stacks/ (the most template text), templates cached;
- the same chart with ours parsing its templates on every render too;
- the largest chart in the tests: the Helm oracle's expression table
  (tests/helm/test_oracle.py, about 1,700 templates and a subchart), without the
  cases listed as known differences, templates cached.
"""

from __future__ import annotations

import json
import logging
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT
from bench.figures import Figure, Target
from bench.generator_bench import per_call_us

sys.path.insert(0, str(REPO_ROOT))


def _largest_chart() -> Path:
    charts = [p.parent for p in (REPO_ROOT / "stacks").rglob("Chart.yaml") if "charts" not in p.parent.relative_to(REPO_ROOT / "stacks").parts]
    return max(charts, key=lambda c: (sum(f.stat().st_size for f in (c / "templates").rglob("*") if f.is_file()) if (c / "templates").is_dir() else 0, str(c)))


def _figure(name: str, ours: Callable[[], Any], helm: Callable[[], Any], repeat: int, judged: bool = True) -> Figure:
    """One figure; ``judged`` ones carry the issue's target (ours under 5x Helm with templates cached)."""
    assert ours() == helm(), f"ours and Helm render {name} differently"
    return Figure(
        "helm",
        name,
        "µs",
        per_call_us(ours, repeat),
        baseline=per_call_us(helm, repeat),
        baseline_name="Helm 4.2 Go SDK (helm-python-sdk), same chart",
        target=Target("ratio", 5) if judged else None,
        note="" if judged else "reported: the build and the editor parse each chart once",
    )


def _pair(files: dict[str, bytes], kube: str, release: Any) -> tuple[Any, Any]:
    """Load a chart once for each side; return (ours, Helm's) loaded chart."""
    from helm_python import Chart as HelmChart

    from generator.helm import load_chart
    from tests.helm.oracle import _archive

    return load_chart({k: v.decode() if isinstance(v, bytes) else v for k, v in files.items()}), HelmChart.load_archive(_archive(files))


def run(repeat: int) -> list[Figure]:
    """Time one render by ours and by Helm's SDK for the charts above."""
    from helm_python import _native

    from generator.gotemplate import template as gotemplate_template
    from generator.helm import Release, render_templates
    from tests.helm import test_oracle
    from tests.helm.oracle import read_chart

    kube = "1.33.5"
    release = Release(name="bench")
    options = json.dumps({"name": release.name, "namespace": release.namespace, "kube_version": "v" + kube})
    figures: list[Figure] = []

    folder = _largest_chart()
    files = read_chart(folder)
    ours_chart, helm_chart = _pair(files, kube, release)
    with helm_chart:
        def helm() -> dict[str, str]:
            return json.loads(_native.call_string("helm_render", helm_chart._raw(), None, options))

        def ours() -> dict[str, str]:
            return render_templates(ours_chart, None, release, kube)

        def ours_parsing() -> dict[str, str]:
            gotemplate_template._SET_CACHE.clear()
            return render_templates(ours_chart, None, release, kube)

        size = sum(len(v) for k, v in files.items() if k.startswith("templates/"))
        name = folder.relative_to(REPO_ROOT).as_posix()
        figures.append(_figure(f"render {name} ({size // 1024} KiB of templates), templates cached", ours, helm, repeat))
        figures.append(_figure(f"render {name}, ours parsing the templates every time as Helm does", ours_parsing, helm, repeat, judged=False))

    logging.disable(logging.WARNING)  # the table's random functions warn on every render
    table = _renderable([t for c, t in test_oracle.TABLE.items() if not test_oracle._known(c)], kube, release)
    logging.disable(logging.NOTSET)
    files = {**test_oracle.TABLE_CHART, **{f"templates/case-{i:04d}.yaml": t for i, t in enumerate(table)}}
    ours_chart, helm_chart = _pair(files, kube, release)  # type: ignore[arg-type]
    with helm_chart:
        logging.disable(logging.WARNING)  # the table's random functions warn on every render
        try:
            figures.append(
                _figure(
                    f"render the oracle's expression table ({len(table)} templates and a subchart), templates cached",
                    lambda: _stable(render_templates(ours_chart, None, release, kube)),
                    lambda: _stable(json.loads(_native.call_string("helm_render", helm_chart._raw(), None, options))),
                    repeat,
                )
            )
        finally:
            logging.disable(logging.NOTSET)
    return figures


def _renderable(templates: list[str], kube: str, release: Any) -> list[str]:
    """The table's cases that render (some must fail, in Helm too), found by halving failing batches."""
    from generator.errors import InputError
    from generator.gotemplate import TemplateError
    from generator.helm import load_chart, render_templates
    from tests.helm import test_oracle

    def works(batch: list[str]) -> bool:
        files = {**test_oracle.TABLE_CHART, **{f"templates/case-{i:04d}.yaml": t for i, t in enumerate(batch)}}
        try:
            render_templates(load_chart(files), None, release, kube)
        except (TemplateError, InputError):
            return False
        return True

    def keep(batch: list[str]) -> list[str]:
        if works(batch):
            return batch
        if len(batch) == 1:
            return []
        half = len(batch) // 2
        return keep(batch[:half]) + keep(batch[half:])

    return [t for start in range(0, len(templates), 64) for t in keep(templates[start:start + 64])]


def _stable(rendered: dict[str, str]) -> int:
    """The table's random and clock cases differ between renders; compare the set of templates rendered."""
    return len(rendered)


if __name__ == "__main__":
    for figure in run(5):
        print(f"{figure.name}: {statistics.median(figure.samples):.0f} µs vs {statistics.median(figure.baseline or [0]):.0f} µs, ratio {figure.ratio:.2f}")
