"""The topology engine: the objects Cluster API creates for the OpenStack stack's default cluster, in milliseconds (CPython).

- warm: the ClusterClass's patch templates already parsed (every keystroke after the first),
- cold: the parse cache emptied first (the first topology of a page),
- the editor's request: the same plus every object's YAML and the fields patches set,
- the addons (values templates and the charts that render offline) for the same cluster.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from typing import Any, Callable

from bench.common import REPO_ROOT
from bench.figures import Figure, Target
from bench.generator_bench import per_call_us

sys.path.insert(0, str(REPO_ROOT))


def _ms(function: Callable[[], Any], repeat: int) -> list[float]:
    return [us / 1000 for us in per_call_us(function, repeat)]


def run(repeat: int) -> list[Figure]:
    """Measure compute_topology and compute_addons on openstack's default cluster."""
    from generator.manifests import build_cluster, default_cluster_form
    from generator.stacks import load_stack_versions
    from generator.stacks.catalog import read_sources, working_versions
    from generator.stacks.files import read_stacks
    from generator.topology import compute_topology, gotpl
    from generator.topology.addons import compute_addons
    from generator.topology.stack import source_version

    stacks = REPO_ROOT / "stacks"
    folders = read_stacks(stacks)
    sources, _ = read_sources(folders, str(stacks))
    class_name = next(w.class_name for s, ledger in sources if s.provider == "openstack" for w in working_versions(s, ledger))
    version = next(v for v in load_stack_versions(stacks) if v.class_name == class_name)
    source, _ = source_version(folders, str(stacks), class_name)
    assert source is not None
    form = default_cluster_form(version)
    cluster = build_cluster(version, form, [])
    objects = source.objects
    topology = compute_topology(cluster, objects)
    assert not topology.errors, topology.errors

    def cold() -> None:
        gotpl._CACHE.clear()
        compute_topology(cluster, objects)

    figures = [
        Figure("topology", f"topology of {class_name}'s default cluster ({len(topology.objects)} objects, {len(topology.applied)} patch operations)", "ms", _ms(lambda: compute_topology(cluster, objects), repeat), target=Target("value", 10)),
        Figure("topology", "the same, patch templates not parsed yet (first topology of a page)", "ms", _ms(cold, repeat)),
    ]
    from generator.topology.preview import preview
    from generator.topology.stack import topology_inputs

    inputs = topology_inputs(source)
    typed = itertools.count()

    def keystroke() -> None:
        # Each call changes node_cidr, as typing does: the objects it touches are written anew, the rest are kept.
        changed = dict(cluster, spec=dict(cluster["spec"], topology=dict(cluster["spec"]["topology"])))
        n = next(typed)
        changed["spec"]["topology"]["variables"] = [{"name": "node_cidr", "value": f"10.{n % 250}.{n // 250 % 250}.0/24"}]
        preview(changed, inputs, with_addons=False)

    figures.append(Figure("topology", "the editor's answer to a keystroke (node_cidr changes): objects with their YAML and patched fields", "ms", _ms(keystroke, repeat)))
    cp, infra = topology.objects[2], topology.objects[1]
    figures.append(Figure("topology", f"its {len(set(source.stage_names))} addons: values templates, and the charts that render offline", "ms",
                          _ms(lambda: compute_addons(source.files, source.kubernetes_version, topology.objects[0], cp, infra, source.stage_names), repeat)))
    return figures


if __name__ == "__main__":
    for figure in run(5):
        print(f"{figure.name}: {statistics.median(figure.samples):.2f} {figure.unit}")
