"""Comparing and upgrading between two versions of the OpenStack stack, per call in milliseconds (CPython).

- compare two versions across a Kubernetes minor (variables, components, classes),
- migrate a cluster.yaml with variables set to the newest version of another minor: parse, carry, generate, validate,
- plan that upgrade: both desired topologies from the versions' templates and which machines roll.
"""

from __future__ import annotations

import statistics
import sys

from bench.common import REPO_ROOT
from bench.figures import Figure, Target
from bench.generator_bench import per_call_us

sys.path.insert(0, str(REPO_ROOT))

FROM, TO = "openstack-scs-1-32-v1", "openstack-scs-1-34-v1"


def run(repeat: int) -> list[Figure]:
    """Measure compare and upgrade of two shipped OpenStack versions."""
    from generator import manifests
    from generator.changes import compare_versions
    from generator.stacks import load_stack_versions
    from generator.upgrade import migrate_cluster

    versions = {v.class_name: v for v in load_stack_versions(REPO_ROOT / "stacks")}
    before, after = versions[FROM], versions[TO]
    form = manifests.default_cluster_form(before)
    form.variables.update({"worker_flavor": "SCS-4V-16", "controller_root_disk": 60, "dns_nameservers": ["1.1.1.1"]})
    text = manifests.generate_cluster(before, form).text
    to_ms = lambda samples: [s / 1000 for s in samples]  # noqa: E731
    planned = _plan_figure(versions, repeat, to_ms)
    return [
        Figure("upgrade", f"compare {FROM} → {TO}", "ms", to_ms(per_call_us(lambda: compare_versions(before, after), repeat)), target=Target("value", 50)),
        Figure("upgrade", f"upgrade a cluster.yaml {FROM} → {TO}", "ms", to_ms(per_call_us(lambda: migrate_cluster(text, versions, TO), repeat)), target=Target("value", 50)),
        planned,
    ]


def _plan_figure(versions: dict, repeat: int, to_ms) -> Figure:
    """Time upgrade --plan's pure part between two versions whose templates are in stacks/ (the released 1.32 ones are not)."""
    from generator import manifests
    from generator.manifests.yamlreader import load_documents
    from generator.rollout import plan_upgrade
    from generator.stacks.files import read_stacks
    from generator.topology.stack import source_versions
    from generator.upgrade import migrate_cluster

    source, target = "openstack-scs-1-32-v3", "openstack-scs-1-33-v2"
    sources, _ = source_versions(read_stacks(REPO_ROOT / "stacks"), "stacks")
    text = manifests.generate_cluster(versions[source], manifests.default_cluster_form(versions[source])).text
    migrated = migrate_cluster(text, versions, target).text
    before, after = (next(d.data for d in load_documents(t)[0]) for t in (text, migrated))
    run = lambda: plan_upgrade(before, sources[source].objects, after, sources[target].objects)  # noqa: E731
    return Figure("upgrade", f"plan the upgrade {source} → {target} (two topologies and the rollout)", "ms", to_ms(per_call_us(run, repeat)), target=Target("value", 50))


if __name__ == "__main__":
    for figure in run(5):
        print(f"{figure.name}: {statistics.median(figure.samples):.3f} {figure.unit}")
