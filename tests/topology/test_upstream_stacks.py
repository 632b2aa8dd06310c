"""The public SovereignCloudStack/cluster-stacks stacks: their topologies compute as Cluster API would, for examples and both booleans.

Uses the local copy of that repository the layout tests use; skips without one. Nothing is downloaded.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from generator.manifests import build_cluster, default_cluster_form
from generator.stacks.catalog import build_stacks
from generator.topology import compute_topology
from generator.topology.stack import source_versions
from generator.variables.definitions import variable_schema
from tests.stacks.test_upstream_layout import MIRROR, _read_providers

pytestmark = pytest.mark.skipif(not (MIRROR / "HEAD").exists(), reason="no local copy of SovereignCloudStack/cluster-stacks")


@functools.lru_cache(maxsize=None)
def _upstream() -> list[tuple[Any, Any]]:
    folders = _read_providers(MIRROR)
    found = []
    for name in sorted(folders):
        versions = {v.class_name: v for s in build_stacks({name: folders[name]}, "providers") for v in s.versions}
        sources, _ = source_versions({name: folders[name]}, "providers")
        found += [(versions[class_name], source) for class_name, source in sorted(sources.items()) if class_name in versions]
    return found


def _topology(version: Any, source: Any, variables: dict[str, Any]) -> Any:
    form = default_cluster_form(version)
    form.variables.update(variables)
    cluster = build_cluster(version, form, [{"name": k, "value": v} for k, v in form.variables.items()])
    return compute_topology(cluster, source.objects)


def test_every_upstream_stack_gives_its_objects_without_errors() -> None:
    assert _upstream()
    for version, source in _upstream():
        topology = _topology(version, source, {})
        assert topology.errors == [], version.class_name
        assert [o["kind"] for o in topology.objects][0] == "Cluster" and topology.find("MachineDeployment"), version.class_name
        assert topology.applied, f"{version.class_name}: no patch applied to the default cluster"


def _values(schema: dict[str, Any]) -> list[Any]:
    """Return the values worth trying: both booleans, every enum value, the example."""
    values: list[Any] = [True, False] if schema.get("type") == "boolean" else list(schema.get("enum") or ())
    if "example" in schema:
        values.append(schema["example"])
    return values


def test_every_upstream_variable_at_its_example_and_both_booleans_computes() -> None:
    checked = 0
    for version, source in _upstream():
        for definition in version.variables:
            for value in _values(variable_schema(definition)):
                topology = _topology(version, source, {definition["name"]: value})
                assert topology.errors == [], f"{version.class_name} {definition['name']}={value!r}: {topology.errors}"
                checked += 1
    assert checked > 50
