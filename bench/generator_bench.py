"""The generator's hot paths, per call in microseconds (CPython; the browser runs the same code on Pyodide).

- parse and execute a realistic 600-line ClusterClass template with 40 patches (bench/gotemplate_bench.py),
- validate the largest variable set with the defaults of its ClusterClass,
- build both manifests (cluster.yaml and clusterstack.yaml) for that version.
"""

from __future__ import annotations

import statistics
import sys
import timeit
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


def run(repeat: int) -> list[Figure]:
    """Measure the template engine, variable validation and manifest building."""
    from bench import gotemplate_bench
    from generator import gotemplate, manifests, variables
    from generator.stacks import load_stack_versions

    versions = load_stack_versions(REPO_ROOT / "stacks")
    largest = max(versions, key=lambda v: (len(v.variables), v.class_name))
    figures: list[Figure] = []

    text, helpers, data = gotemplate_bench.generate()
    lines = text.count("\n") + 1
    name = "cluster-class.yaml"
    figures.append(Figure("generator", f"parse a ClusterClass template ({lines} lines, 40 patches)", "µs", per_call_us(lambda: gotemplate.parse(text, name, helpers), repeat)))
    template = gotemplate.parse(text, name, helpers)
    template.execute(data)  # compile once, as the editor's first render does
    figures.append(
        Figure("generator", f"execute it, parsed once ({lines} lines)", "µs", per_call_us(lambda: template.execute(data), repeat), target=Target("value", 5000), note="well under 5 ms")
    )
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
