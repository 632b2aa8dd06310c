"""The generator's hot paths, per call in microseconds (CPython; the browser runs the same code on Pyodide).

- parse and execute the largest ClusterClass template of the shipped stacks (with its helpers),
- validate the largest variable set with the defaults of its ClusterClass,
- build both manifests (cluster.yaml and clusterstack.yaml) for that version.
"""

from __future__ import annotations

import statistics
import sys
import timeit
from pathlib import Path
from typing import Any, Callable

from bench.common import REPO_ROOT
from bench.figures import Figure, Target

sys.path.insert(0, str(REPO_ROOT))


def per_call_us(function: Callable[[], Any], repeat: int) -> list[float]:
    """Time the function: ``repeat`` samples, each the mean of enough calls to last about 0.2 s."""
    timer = timeit.Timer(function)
    calls, _ = timer.autorange()
    calls = max(1, calls)
    return [seconds / calls * 1e6 for seconds in timer.repeat(repeat=repeat, number=calls)]


def largest_template() -> tuple[str, str, dict[str, str]]:
    """Return (name, text, helpers) of the longest cluster-class template among the shipped stacks."""
    templates = sorted(REPO_ROOT.glob("stacks/*/*/cluster-class/templates/*.yaml"), key=lambda p: (len(p.read_text()), str(p)))
    largest = templates[-1]
    helpers = {p.name: p.read_text(encoding="utf-8") for p in sorted(largest.parent.glob("_*.tpl"))}
    return largest.relative_to(REPO_ROOT).as_posix(), largest.read_text(encoding="utf-8"), helpers


def run(repeat: int) -> list[Figure]:
    """Measure the template engine, variable validation and manifest building."""
    from generator import gotemplate, manifests, variables
    from generator.stacks import load_stack_versions

    versions = load_stack_versions(REPO_ROOT / "stacks")
    largest = max(versions, key=lambda v: (len(v.variables), v.class_name))
    figures: list[Figure] = []

    name, text, helpers = largest_template()
    chart_values: dict[str, Any] = {
        "Values": {},
        "Release": {"Name": "bench", "Namespace": "default"},
        "Chart": {"Name": "cluster-class", "Version": "v1"},
        "Capabilities": {"KubeVersion": {"Version": "v1.32.0", "Major": "1", "Minor": "32"}},
        "Template": {"Name": name, "BasePath": "cluster-class/templates"},
    }
    lines = text.count("\n") + 1
    figures.append(Figure("generator", f"parse largest ClusterClass template ({lines} lines)", "µs", per_call_us(lambda: gotemplate.parse(text, name=name, templates=helpers), repeat)))
    template = gotemplate.parse(text, name=name, templates=helpers)
    try:
        template.execute(chart_values)
        figures.append(
            Figure("generator", f"execute it ({lines} lines)", "µs", per_call_us(lambda: template.execute(chart_values), repeat), target=Target("value", 5000), note="target from the template engine's issue: well under 5 ms")
        )
    except gotemplate.TemplateError as error:  # a template that needs the chart renderer's objects
        figures.append(Figure("generator", f"execute it: {error}", "µs", [0.0]))

    definitions = largest.variables
    values = variables.default_cluster_variables(definitions, [])
    figures.append(
        Figure("generator", f"validate {len(definitions)} variables ({largest.class_name})", "µs", per_call_us(lambda: variables.validate_cluster_variables(definitions, values), repeat), target=Target("value", 1000))
    )
    cluster_form = manifests.default_cluster_form(largest)
    stack_form = manifests.default_clusterstack_form(largest)
    figures.append(
        Figure(
            "generator",
            "build cluster.yaml + clusterstack.yaml",
            "µs",
            per_call_us(lambda: (manifests.generate_cluster(largest, cluster_form), manifests.generate_clusterstack(largest, stack_form)), repeat),
        )
    )
    return figures


if __name__ == "__main__":
    for figure in run(5):
        print(f"{figure.name}: {statistics.median(figure.samples):.1f} {figure.unit}")
