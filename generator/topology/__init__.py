"""Topology: the objects Cluster API's topology controller and the Cluster Stack Operator will create (pure).

``compute_topology(cluster, objects)`` takes a Cluster (parsed cluster.yaml) and the objects
its stack's cluster-class chart renders (the ClusterClass and its templates) and returns the
desired objects after the class's patches, with every patch applied, failed or skipped said
so. ``compute_addons`` (in ``generator.topology.addons``) renders the stack's addons for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.apiversions import cluster_class_name
from generator.jsonvalue import clone
from generator.topology.desired import TopologyError, build_blueprint, compute_desired_state
from generator.topology.engine import AppliedPatch, apply_patches
from generator.topology.inline import PatchError
from generator.variables import default_cluster_variables

__all__ = ["AppliedPatch", "PatchError", "Topology", "TopologyError", "compute_topology", "find_cluster_class"]


@dataclass
class Topology:
    """The desired objects, the patch operations that shaped them, and what went wrong."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    applied: list[AppliedPatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    patch_errors: list[PatchError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Say whether Cluster API would create these objects (no error)."""
        return not self.errors

    def find(self, kind: str) -> list[dict[str, Any]]:
        """Return the objects of one kind, in order."""
        return [obj for obj in self.objects if obj.get("kind") == kind]


def find_cluster_class(objects: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """Return the ClusterClass called ``name`` among rendered objects."""
    for obj in objects:
        if obj.get("kind") == "ClusterClass" and (obj.get("metadata") or {}).get("name") == name:
            return obj
    return None


def _variable_list_problems(value: Any, path: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        return [f"{path}: must be a list of {{name, value}}"]
    return [f"{path}[{i}]: must be a mapping with a string name" for i, item in enumerate(value) if not isinstance(item, dict) or not isinstance(item.get("name"), str)]


def shape_problems(cluster: Any) -> list[str]:
    """Return what makes a Cluster unreadable for the topology engine, as Kubernetes field paths.

    Only the fields the engine reads are checked, for their type: a Cluster's values are
    validated elsewhere (``generator.manifests``); this keeps a hostile manifest from reaching
    code that expects mappings and lists.
    """
    if not isinstance(cluster, dict):
        return ["a Cluster must be a mapping"]
    problems = [f"{key}: must be a mapping" for key in ("metadata", "spec") if key in cluster and not isinstance(cluster[key], dict)]
    spec = cluster.get("spec") if isinstance(cluster.get("spec"), dict) else {}
    network = spec.get("clusterNetwork")
    if network is not None and not isinstance(network, dict):
        problems.append("spec.clusterNetwork: must be a mapping")
    elif isinstance(network, dict):
        for key in ("pods", "services"):
            blocks = (network.get(key) or {}).get("cidrBlocks") if isinstance(network.get(key) or {}, dict) else "x"
            if blocks is not None and not isinstance(blocks, list):
                problems.append(f"spec.clusterNetwork.{key}.cidrBlocks: must be a list")
    topology = spec.get("topology")
    if topology is None:
        return problems
    if not isinstance(topology, dict):
        return problems + ["spec.topology: must be a mapping"]
    problems += _variable_list_problems(topology.get("variables"), "spec.topology.variables")
    control_plane = topology.get("controlPlane")
    if control_plane is not None and not isinstance(control_plane, dict):
        problems.append("spec.topology.controlPlane: must be a mapping")
    elif isinstance(control_plane, dict):
        overrides = (control_plane.get("variables") or {}).get("overrides") if isinstance(control_plane.get("variables") or {}, dict) else "x"
        problems += _variable_list_problems(overrides, "spec.topology.controlPlane.variables.overrides")
    workers = topology.get("workers")
    if workers is not None and not isinstance(workers, dict):
        return problems + ["spec.topology.workers: must be a mapping"]
    deployments = (workers or {}).get("machineDeployments")
    if deployments is not None and not isinstance(deployments, list):
        return problems + ["spec.topology.workers.machineDeployments: must be a list"]
    for index, md in enumerate(deployments or ()):
        where = f"spec.topology.workers.machineDeployments[{index}]"
        if not isinstance(md, dict) or not isinstance(md.get("class"), str) or not isinstance(md.get("name"), str):
            problems.append(f"{where}: must be a mapping with a string class and name")
            continue
        overrides = (md.get("variables") or {}).get("overrides") if isinstance(md.get("variables") or {}, dict) else "x"
        problems += _variable_list_problems(overrides, f"{where}.variables.overrides")
    return problems


def _defaulted(cluster: dict[str, Any], definitions: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the Cluster as Cluster API's webhook stores it: variables and per-role overrides defaulted."""
    out = clone(cluster)
    topology = ((out.get("spec") or {}).get("topology")) or {}
    if not isinstance(topology, dict):
        return out
    topology["variables"] = default_cluster_variables(definitions, topology.get("variables") or [])
    sections = [topology.get("controlPlane")] + list(((topology.get("workers") or {}).get("machineDeployments")) or [])
    for section in sections:
        overrides = ((section or {}).get("variables") or {}).get("overrides") if isinstance(section, dict) else None
        if overrides:
            given = {entry.get("name") for entry in overrides if isinstance(entry, dict)}
            section["variables"]["overrides"] = [e for e in default_cluster_variables(definitions, overrides) if e.get("name") in given]
    return out


def compute_topology(cluster: dict[str, Any], objects: list[dict[str, Any]], cluster_class: dict[str, Any] | None = None) -> Topology:
    """Return the objects Cluster API creates for ``cluster``; ``objects`` hold its ClusterClass and templates.

    Never raises for bad input: problems are in ``errors`` (field path first), patches that
    cannot run offline in ``warnings``.
    """
    result = Topology()
    result.errors = shape_problems(cluster)
    if result.errors:
        return result
    class_name = cluster_class_name(cluster)
    cluster_class = cluster_class or find_cluster_class(objects, class_name)
    if cluster_class is None:
        result.errors.append(f"spec.topology: ClusterClass {class_name!r} is not among the rendered objects")
        return result
    definitions = list(((cluster_class.get("spec") or {}).get("variables")) or [])
    defaulted = _defaulted(cluster, definitions)
    try:
        blueprint = build_blueprint(cluster_class, objects)
        desired = compute_desired_state(blueprint, defaulted)
        outcome = apply_patches(blueprint, desired, defaulted)
    except TopologyError as error:
        result.errors.append(str(error))
        return result
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
        # The Cluster's shape is checked above; this is a ClusterClass or template the CRDs would refuse.
        result.errors.append(f"ClusterClass {class_name}: a field is not shaped as Cluster API's CRDs require, so the topology cannot be computed ({type(error).__name__}: {error})")
        return result
    result.objects = desired.objects()
    result.applied = outcome.applied
    result.warnings = list(outcome.skipped)
    result.patch_errors = list(outcome.errors)
    result.errors = [str(error) for error in outcome.errors]
    return result
