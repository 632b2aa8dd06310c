"""Our Helm renderer against real Helm (its Go SDK, helm-python-sdk), on the largest chart in stacks/.

Both render the same chart with the same values and Kubernetes version in this
run; each side's chart is loaded once (Helm holds its loaded chart, ours keeps
its parsed template set cached), so the figure is the time of one render, as a
ratio to Helm's. The chart is the one with the most template text among the
charts the tests render (tests/helm/test_oracle.py).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

from bench.common import REPO_ROOT
from bench.figures import Figure, Target
from bench.generator_bench import per_call_us

sys.path.insert(0, str(REPO_ROOT))


def _largest_chart() -> Path:
    charts = [p.parent for p in (REPO_ROOT / "stacks").rglob("Chart.yaml") if "charts" not in p.parent.relative_to(REPO_ROOT / "stacks").parts]
    return max(charts, key=lambda c: (sum(f.stat().st_size for f in (c / "templates").rglob("*") if f.is_file()) if (c / "templates").is_dir() else 0, str(c)))


def run(repeat: int) -> list[Figure]:
    """Time one render of the largest stack chart by ours and by Helm's SDK."""
    from helm_python import Chart as HelmChart
    from helm_python import _native

    from generator.helm import Release, load_chart, render_templates
    from tests.helm.oracle import _archive, read_chart

    folder = _largest_chart()
    files = read_chart(folder)
    kube = "1.33.5"
    release = Release(name="bench")
    ours_chart = load_chart({k: v.decode() for k, v in files.items()})
    options = json.dumps({"name": release.name, "namespace": release.namespace, "kube_version": "v" + kube})
    with HelmChart.load_archive(_archive(files)) as helm_chart:

        def helm() -> dict[str, str]:
            return json.loads(_native.call_string("helm_render", helm_chart._raw(), None, options))

        def ours() -> dict[str, str]:
            return render_templates(ours_chart, None, release, kube)

        assert helm() == ours(), "ours and Helm render the benchmarked chart differently"
        ours_samples = per_call_us(ours, repeat)
        helm_samples = per_call_us(helm, repeat)
    size = sum(len(v) for k, v in files.items() if k.startswith("templates/"))
    name = folder.relative_to(REPO_ROOT).as_posix()
    return [
        Figure(
            "helm",
            f"render {name} ({size // 1024} KiB of templates), templates cached",
            "µs",
            ours_samples,
            baseline=helm_samples,
            baseline_name="Helm 4.2 Go SDK (helm-python-sdk), same chart",
            target=Target("ratio", 5),
        )
    ]


if __name__ == "__main__":
    for figure in run(5):
        print(f"{figure.name}: {statistics.median(figure.samples):.0f} µs vs {statistics.median(figure.baseline or [0]):.0f} µs, ratio {figure.ratio:.2f}")
