"""Where Cluster API keeps things, per API version: the one reader of v1beta1 and v1beta2 shapes.

The topology engine reads classes and Clusters here, and so do the docs, records and
manifests (through ``generator.clusterclass``), so both see a class the same way.

Cluster API v1beta1 (up to release 1.10) and v1beta2 (1.11 on) name the same
concepts differently: a ClusterClass points at its templates with ``ref`` or
``templateRef``, a Cluster names its class with ``class`` or ``classRef``, object
references carry ``apiVersion`` or ``apiGroup``, health checks are
``machineHealthCheck`` or ``healthCheck``. Every reader here accepts both shapes
(a v1beta1 object written with v1beta2 fields is read too), so a class or Cluster
in either version gives the same topology.
"""

from __future__ import annotations

from typing import Any

CLUSTER_GROUP = "cluster.x-k8s.io"
V1BETA1 = f"{CLUSTER_GROUP}/v1beta1"
V1BETA2 = f"{CLUSTER_GROUP}/v1beta2"

# Labels and annotations the topology controller sets (sigs.k8s.io/cluster-api/api/.../common_types.go).
CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name"
TOPOLOGY_OWNED_LABEL = "topology.cluster.x-k8s.io/owned"
DEPLOYMENT_NAME_LABEL = "topology.cluster.x-k8s.io/deployment-name"
CONTROL_PLANE_LABEL = "cluster.x-k8s.io/control-plane"
CLONED_FROM_NAME = "cluster.x-k8s.io/cloned-from-name"
CLONED_FROM_GROUP_KIND = "cluster.x-k8s.io/cloned-from-groupkind"
HOLD_UPGRADE_SEQUENCE = "topology.cluster.x-k8s.io/hold-upgrade-sequence"
DEFER_UPGRADE = "topology.cluster.x-k8s.io/defer-upgrade"

# Naming templates Cluster API uses when the class gives none.
DEFAULT_INFRA_CLUSTER_NAMING = "{{ .cluster.name }}-{{ .random }}"
DEFAULT_CONTROL_PLANE_NAMING = "{{ .cluster.name }}-{{ .random }}"
DEFAULT_MACHINE_DEPLOYMENT_NAMING = "{{ .cluster.name }}-{{ .machineDeployment.topologyName }}-{{ .random }}"

# MachineHealthCheck webhook defaults: v1beta1 maxUnhealthy and nodeStartupTimeout, v1beta2 nodeStartupTimeoutSeconds.
MHC_DEFAULT_MAX_UNHEALTHY = "100%"
MHC_DEFAULT_NODE_STARTUP_TIMEOUT = "10m0s"
MHC_DEFAULT_NODE_STARTUP_TIMEOUT_SECONDS = 600


def is_v1beta2(api_version: Any) -> bool:
    """Say whether an apiVersion is Cluster API's v1beta2 (``cluster.x-k8s.io/v1beta2``)."""
    return api_version == V1BETA2


def group_of(api_version: str) -> str:
    """Return the API group of ``group/version`` (empty for the core group)."""
    return api_version.rpartition("/")[0]


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def template_ref(holder: Any) -> dict[str, Any] | None:
    """Return the template reference of a class section: v1beta2 ``templateRef``, v1beta1 ``ref``."""
    holder = _map(holder)
    ref = holder.get("templateRef") if isinstance(holder.get("templateRef"), dict) else holder.get("ref")
    return ref if isinstance(ref, dict) else None


def machine_deployment_class_refs(md_class: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Return (bootstrap, infrastructure) template references of a machine deployment (or pool) class, either version."""
    if "bootstrap" in md_class or "infrastructure" in md_class:
        return template_ref(md_class.get("bootstrap")), template_ref(md_class.get("infrastructure"))
    template = _map(md_class.get("template"))
    return template_ref(template.get("bootstrap")), template_ref(template.get("infrastructure"))


def machine_deployment_class_metadata(md_class: dict[str, Any]) -> dict[str, Any]:
    """Return the labels/annotations a machine deployment class adds: v1beta2 ``metadata``, v1beta1 ``template.metadata``."""
    if isinstance(md_class.get("metadata"), dict):
        return md_class["metadata"]
    return _map(_map(md_class.get("template")).get("metadata"))


def naming_template(section: dict[str, Any]) -> str | None:
    """Return a naming template: v1beta2 ``naming.template``, v1beta1 ``namingStrategy.template``."""
    for key in ("naming", "namingStrategy"):
        template = _map(section.get(key)).get("template")
        if isinstance(template, str) and template:
            return template
    return None


def infrastructure_naming(class_spec: dict[str, Any]) -> str | None:
    """Return the InfrastructureCluster naming template of a class spec (``infrastructure.naming`` or ``infrastructureNamingStrategy``)."""
    return naming_template(_map(class_spec.get("infrastructure"))) or naming_template({"namingStrategy": class_spec.get("infrastructureNamingStrategy")})


def cluster_class_name(cluster: dict[str, Any]) -> str:
    """Return the ClusterClass a Cluster names: v1beta2 ``topology.classRef.name``, v1beta1 ``topology.class``."""
    topology = _map(_map(cluster.get("spec")).get("topology"))
    ref = topology.get("classRef")
    if isinstance(ref, dict) and isinstance(ref.get("name"), str):
        return ref["name"]
    return topology.get("class") if isinstance(topology.get("class"), str) else ""


def cluster_class_namespace(cluster: dict[str, Any]) -> str:
    """Return the ClusterClass namespace a Cluster names, or the Cluster's own namespace."""
    topology = _map(_map(cluster.get("spec")).get("topology"))
    namespace = _map(topology.get("classRef")).get("namespace") or topology.get("classNamespace")
    return namespace if isinstance(namespace, str) and namespace else str(_map(cluster.get("metadata")).get("namespace") or "default")


def object_ref(obj: dict[str, Any], v1beta2: bool) -> dict[str, Any]:
    """Return a reference to an object as the Cluster API version writes it.

    v1beta1 writes a corev1.ObjectReference (apiVersion, kind, name, namespace);
    v1beta2 a ContractVersionedObjectReference (apiGroup, kind, name).
    """
    metadata = _map(obj.get("metadata"))
    if v1beta2:
        return {"apiGroup": group_of(str(obj.get("apiVersion", ""))), "kind": obj.get("kind"), "name": metadata.get("name")}
    return {"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind"), "name": metadata.get("name"), "namespace": metadata.get("namespace")}


def control_plane_infrastructure_ref_path(control_plane_api_version: str) -> tuple[str, ...]:
    """Return where a control plane keeps its machine template reference (the control plane contract).

    Control planes of contract v1beta1 use ``spec.machineTemplate.infrastructureRef``, those
    of v1beta2 (KubeadmControlPlane v1beta2) ``spec.machineTemplate.spec.infrastructureRef``.
    """
    if control_plane_api_version.endswith("/v1beta2"):
        return ("spec", "machineTemplate", "spec", "infrastructureRef")
    return ("spec", "machineTemplate", "infrastructureRef")


def machine_health_check(section: dict[str, Any]) -> dict[str, Any] | None:
    """Return a class's or topology's health check section: v1beta2 ``healthCheck``, v1beta1 ``machineHealthCheck``."""
    for key in ("healthCheck", "machineHealthCheck"):
        if isinstance(section.get(key), dict):
            return section[key]
    return None


def health_check_enabled(check: dict[str, Any] | None) -> bool | None:
    """Return the topology's explicit switch (v1beta2 ``enabled``, v1beta1 ``enable``), None when unset."""
    if check is None:
        return None
    for key in ("enabled", "enable"):
        if isinstance(check.get(key), bool):
            return check[key]
    return None


def health_check_has_class(check: dict[str, Any] | None) -> bool:
    """Say whether a topology health check carries its own checks (more than the on/off switch)."""
    return bool(check) and any(key not in ("enable", "enabled") for key in check)
