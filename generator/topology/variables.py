"""Patch variables as Cluster API computes them: user values, per-role overrides and the ``builtin`` variable.

Mirrors ``internal/controllers/topology/cluster/patches/variables`` (Global, ControlPlane,
MachineDeployment, GetVariableValue) and ``topologymutation.MergeVariableMaps``. Values are
plain JSON-like Python values; the ``builtin`` variable is one object whose fields are left out
when empty, as Go's ``omitempty`` does.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from generator.gotemplate.quoting import go_quote
from generator.apiversions import cluster_class_name, cluster_class_namespace

BUILTIN = "builtin"

# Annotations Cluster API leaves out of builtin metadata (v1beta2): kubectl's last-applied and the conversion data.
_DROPPED_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration", "cluster.x-k8s.io/conversion-data")


class VariableError(Exception):
    """A variable path that cannot be read; ``not_found`` for a missing variable or segment (Cluster API's notFoundError)."""

    def __init__(self, message: str, not_found: bool = False) -> None:
        super().__init__(message)
        self.not_found = not_found


def _json_type(value: Any) -> str:
    """Name a value's JSON type the way fastjson does in its errors."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    return "number"


def _segment(text: str) -> tuple[str, int | None]:
    """Split ``name[3]`` into its name and index (parsePathSegment)."""
    has_left, has_right = "[" in text, "]" in text
    if has_left != has_right:
        raise VariableError(f"failed to parse path segment {go_quote(text)}")
    if not has_left:
        return text, None
    left, right = text.index("["), text.index("]")
    index_text = text[left + 1:right]
    if not re.match(r"^[+-]?[0-9]+$", index_text):
        raise VariableError(f'failed to parse array index in path segment {go_quote(text)}: strconv.Atoi: parsing {go_quote(index_text)}: invalid syntax')
    index = int(index_text)
    if index < 0:
        raise VariableError(f"invalid array index {index} in path segment {go_quote(text)}")
    return text[:left], index


def _element(array: Any, name: str, index: int, full_path: str) -> Any:
    if not isinstance(array, list):
        raise VariableError(f"variable {go_quote(full_path)} is invalid: failed to get array {go_quote(name)}: value doesn't contain array; it contains {_json_type(array)}")
    if index >= len(array):
        raise VariableError(f"variable {go_quote(full_path)} is invalid: array does not have index {index}")
    return array[index]


def get_variable_value(variables: dict[str, Any], path: str) -> Any:
    """Return the value at ``name.field[2].sub`` (GetVariableValue); raise VariableError as Cluster API does."""
    first, *rest = path.split(".")
    try:
        name, index = _segment(first)
    except VariableError as error:
        raise VariableError(f"variable {go_quote(path)} is invalid: {error}") from None
    if name not in variables:
        raise VariableError(f"variable {go_quote(first)} does not exist", not_found=True)
    value = variables[name]
    if index is not None:
        value = _element(value, name, index, path)
    for part in rest:
        try:
            key, index = _segment(part)
        except VariableError as error:
            raise VariableError(f"variable {go_quote(path)} has invalid syntax: {error}") from None
        if not isinstance(value, dict) or key not in value:
            raise VariableError(f"variable {go_quote(path)} does not exist: failed to lookup segment {go_quote(key)}", not_found=True)
        value = value[key]
        if index is not None:
            value = _element(value, key, index, path)
    return value


def merge_variable_maps(*maps: dict[str, Any]) -> dict[str, Any]:
    """Merge variable maps, later ones winning; the builtin variable is merged field by field (MergeVariableMaps)."""
    result: dict[str, Any] = {}
    for variables in maps:
        for name, value in variables.items():
            if name == BUILTIN and isinstance(result.get(name), dict) and isinstance(value, dict):
                merged = dict(result[name])
                merged.update({key: part for key, part in value.items() if part is not None})
                result[name] = merged
            else:
                result[name] = value
    return result


def _metadata(obj_metadata: dict[str, Any], clean: bool) -> dict[str, Any] | None:
    labels, annotations = obj_metadata.get("labels"), obj_metadata.get("annotations")
    if labels is None and annotations is None:
        return None
    meta: dict[str, Any] = {}
    if labels:
        meta["labels"] = dict(labels)
    if annotations:
        kept = {k: v for k, v in annotations.items() if not (clean and k in _DROPPED_ANNOTATIONS)}
        if kept:
            meta["annotations"] = kept
    return meta


def _user_variables(entries: Any, defined: set[str] | None) -> dict[str, Any]:
    """Return ``{name: value}`` of the entries the ClusterClass defines (never a user-given ``builtin``)."""
    values: dict[str, Any] = {}
    for entry in entries or ():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or entry["name"] == BUILTIN:
            continue
        if defined is None or entry["name"] in defined:
            values[entry["name"]] = entry.get("value")
    return values


def ip_family(pods: list[Any] | None, services: list[Any] | None) -> str:
    """Return the cluster network's IP family as Cluster v1beta1's GetIPFamily names it."""

    def family(cidrs: list[Any]) -> str:
        if len(cidrs) > 2:
            return "Invalid"
        found = set()
        for cidr in cidrs:
            try:
                found.add(ipaddress.ip_network(str(cidr), strict=False).version)
            except ValueError:
                return "Invalid"
        return {frozenset({4, 6}): "DualStack", frozenset({4}): "IPv4", frozenset({6}): "IPv6"}.get(frozenset(found), "Invalid")

    pods, services = list(pods or []), list(services or [])
    if not pods and not services:
        return "IPv4"
    pods_family = family(pods)
    if not services:
        return pods_family
    services_family = family(services)
    if not pods:
        return services_family
    if pods_family == "DualStack":
        return "DualStack"
    return pods_family if pods_family == services_family else "Invalid"


def global_variables(cluster: dict[str, Any], defined: set[str] | None, v1beta2: bool) -> dict[str, Any]:
    """Return the variables every template sees: the Cluster's values plus ``builtin.cluster`` (variables.Global)."""
    spec = cluster.get("spec") or {}
    topology = spec.get("topology") or {}
    metadata = cluster.get("metadata") or {}
    variables = _user_variables(topology.get("variables"), defined)
    builtin_cluster: dict[str, Any] = {}
    for key in ("name", "namespace", "uid"):
        if metadata.get(key):
            builtin_cluster[key] = metadata[key]
    meta = _metadata(metadata, clean=v1beta2)
    if meta is not None:
        builtin_cluster["metadata"] = meta
    class_name, class_namespace = cluster_class_name(cluster), cluster_class_namespace(cluster)
    builtin_topology: dict[str, Any] = {}
    if topology.get("version"):
        builtin_topology["version"] = topology["version"]
    if class_name:
        builtin_topology["class"] = class_name
    if class_namespace:
        builtin_topology["classNamespace"] = class_namespace
    if v1beta2:
        builtin_topology["classRef"] = {k: v for k, v in (("name", class_name), ("namespace", class_namespace)) if v}
    builtin_cluster["topology"] = builtin_topology
    network = spec.get("clusterNetwork")
    pods = ((network or {}).get("pods") or {}).get("cidrBlocks")
    services = ((network or {}).get("services") or {}).get("cidrBlocks")
    built_network: dict[str, Any] = {}
    if isinstance(network, dict):
        if network.get("serviceDomain"):
            built_network["serviceDomain"] = network["serviceDomain"]
        if services:
            built_network["services"] = list(services)
        if pods:
            built_network["pods"] = list(pods)
        if not v1beta2:
            # v1beta1 always writes the network (with its deprecated ipFamily) when clusterNetwork is set.
            built_network["ipFamily"] = ip_family(pods, services)
    if built_network or (isinstance(network, dict) and not v1beta2):
        builtin_cluster["network"] = built_network
    variables[BUILTIN] = {"cluster": builtin_cluster}
    return variables


def control_plane_variables(cp_topology: dict[str, Any], control_plane: dict[str, Any], cp_machine_template: dict[str, Any] | None, defined: set[str] | None, v1beta2: bool) -> dict[str, Any]:
    """Return the overrides and ``builtin.controlPlane`` for the control plane's templates (variables.ControlPlane)."""
    variables = _user_variables(((cp_topology.get("variables") or {}).get("overrides")), defined)
    metadata = control_plane.get("metadata") or {}
    spec = control_plane.get("spec") or {}
    builtin: dict[str, Any] = {}
    if spec.get("version"):
        builtin["version"] = spec["version"]
    meta = _metadata(metadata, clean=v1beta2)
    if meta is not None:
        builtin["metadata"] = meta
    if metadata.get("name"):
        builtin["name"] = metadata["name"]
    if cp_topology.get("replicas") is not None and spec.get("replicas") is not None:
        builtin["replicas"] = spec["replicas"]
    if cp_machine_template is not None:
        name = (cp_machine_template.get("metadata") or {}).get("name")
        builtin["machineTemplate"] = {"infrastructureRef": {"name": name} if name else {}}
    variables[BUILTIN] = {"controlPlane": builtin}
    return variables


def machine_deployment_variables(
    md_topology: dict[str, Any],
    machine_deployment: dict[str, Any],
    bootstrap_template: dict[str, Any] | None,
    infrastructure_template: dict[str, Any] | None,
    defined: set[str] | None,
    v1beta2: bool,
) -> dict[str, Any]:
    """Return the overrides and ``builtin.machineDeployment`` for one deployment's templates (variables.MachineDeployment)."""
    variables = _user_variables(((md_topology.get("variables") or {}).get("overrides")), defined)
    metadata = machine_deployment.get("metadata") or {}
    spec = machine_deployment.get("spec") or {}
    builtin: dict[str, Any] = {}
    version = ((spec.get("template") or {}).get("spec") or {}).get("version")
    if version:
        builtin["version"] = version
    meta = _metadata(metadata, clean=v1beta2)
    if meta is not None:
        builtin["metadata"] = meta
    for key, value in (("class", md_topology.get("class")), ("name", metadata.get("name")), ("topologyName", md_topology.get("name"))):
        if value:
            builtin[key] = value
    if spec.get("replicas") is not None:
        builtin["replicas"] = spec["replicas"]
    if bootstrap_template is not None:
        name = (bootstrap_template.get("metadata") or {}).get("name")
        builtin["bootstrap"] = {"configRef": {"name": name} if name else {}}
    if infrastructure_template is not None:
        name = (infrastructure_template.get("metadata") or {}).get("name")
        builtin["infrastructureRef"] = {"name": name} if name else {}
    variables[BUILTIN] = {"machineDeployment": builtin}
    return variables
