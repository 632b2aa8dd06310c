"""The desired state before patches: what the topology controller computes from a Cluster and its ClusterClass.

Mirrors ``exp/topology/desiredstate`` for a Cluster that does not exist yet (no current
objects, so nothing is kept from a previous reconcile): the InfrastructureCluster and the
control plane cloned from their templates, the control plane's machine template, every
MachineDeployment with copies of its class's templates, the MachineHealthChecks and the
Cluster's own references. Owner references carry no UID: the Cluster has none before it
is created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import apiversions as api
from generator.jsonvalue import clone
from generator.topology.names import NamingError, random_stand_in, simple_name, template_name


class TopologyError(Exception):
    """The Cluster and its class do not give a topology; ``field`` is where (a Kubernetes field path)."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(f"{field_path}: {message}" if field_path else message)
        self.field = field_path
        self.message = message


@dataclass
class MachineDeploymentState:
    """One machine deployment of the topology: its object, its two templates and its health check."""

    topology: dict[str, Any]
    object: dict[str, Any]
    bootstrap_template: dict[str, Any]
    infrastructure_template: dict[str, Any]
    health_check: dict[str, Any] | None = None


@dataclass
class Blueprint:
    """The ClusterClass with the templates it references, found among the cluster-class chart's objects."""

    cluster_class: dict[str, Any]
    infrastructure_cluster_template: dict[str, Any]
    control_plane_template: dict[str, Any]
    control_plane_machine_template: dict[str, Any] | None
    machine_deployment_classes: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]  # class -> (class, bootstrap, infra)

    @property
    def spec(self) -> dict[str, Any]:
        """Return the ClusterClass spec."""
        return self.cluster_class.get("spec") or {}


@dataclass
class DesiredState:
    """Every object the topology controller will create, before and after patches."""

    cluster: dict[str, Any]
    infrastructure_cluster: dict[str, Any]
    control_plane: dict[str, Any]
    control_plane_machine_template: dict[str, Any] | None
    control_plane_health_check: dict[str, Any] | None
    machine_deployments: list[MachineDeploymentState] = field(default_factory=list)

    def objects(self) -> list[dict[str, Any]]:
        """Return the objects in the order a person reads them: cluster, infrastructure, control plane, workers."""
        found = [self.cluster, self.infrastructure_cluster, self.control_plane]
        if self.control_plane_machine_template is not None:
            found.append(self.control_plane_machine_template)
        if self.control_plane_health_check is not None:
            found.append(self.control_plane_health_check)
        for md in self.machine_deployments:
            found += [md.object, md.bootstrap_template, md.infrastructure_template]
            if md.health_check is not None:
                found.append(md.health_check)
        return found


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def merge_maps(*maps: Any) -> dict[str, Any]:
    """Merge string maps where the *first* map wins on a shared key (Cluster API's util.MergeMap)."""
    result: dict[str, Any] = {}
    for item in maps:
        for key, value in _map(item).items():
            result.setdefault(key, value)
    return result


def find_template(objects: list[dict[str, Any]], ref: dict[str, Any] | None, field_path: str) -> dict[str, Any]:
    """Return the object a class reference names, by apiVersion, kind and name; fail naming the reference."""
    if not ref:
        raise TopologyError(field_path, "Required value: the ClusterClass names no template here")
    kind, name, api_version = ref.get("kind"), ref.get("name"), ref.get("apiVersion")
    same_kind = [o for o in objects if o.get("kind") == kind and _map(o.get("metadata")).get("name") == name]
    exact = [o for o in same_kind if o.get("apiVersion") == api_version]
    if exact:
        return exact[0]
    group = api.group_of(str(api_version or ""))
    related = [o for o in same_kind if api.group_of(str(o.get("apiVersion", ""))) == group]
    if related:
        return related[0]
    raise TopologyError(field_path, f"{kind} {name!r} ({api_version}) is not among the objects the stack's cluster-class chart renders")


def build_blueprint(cluster_class: dict[str, Any], objects: list[dict[str, Any]]) -> Blueprint:
    """Find every template the ClusterClass references (the ClusterBlueprint)."""
    spec = _map(cluster_class.get("spec"))
    v1beta2 = api.is_v1beta2(cluster_class.get("apiVersion"))
    ref_key = "templateRef" if v1beta2 else "ref"
    infra = _map(spec.get("infrastructure"))
    control_plane = _map(spec.get("controlPlane"))
    infra_template = find_template(objects, api.template_ref(infra), f"spec.infrastructure.{ref_key}")
    cp_template = find_template(objects, api.template_ref(control_plane), f"spec.controlPlane.{ref_key}")
    machine_infra = control_plane.get("machineInfrastructure")
    cp_machine = None
    if isinstance(machine_infra, dict) and api.template_ref(machine_infra):
        cp_machine = find_template(objects, api.template_ref(machine_infra), f"spec.controlPlane.machineInfrastructure.{ref_key}")
    classes: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}
    for index, md_class in enumerate(_map(spec.get("workers")).get("machineDeployments") or ()):
        if not isinstance(md_class, dict):
            continue
        bootstrap_ref, infra_ref = api.machine_deployment_class_refs(md_class)
        where = f"spec.workers.machineDeployments[{index}]"
        prefix = (f"{where}.bootstrap.{ref_key}", f"{where}.infrastructure.{ref_key}") if v1beta2 else (f"{where}.template.bootstrap.ref", f"{where}.template.infrastructure.ref")
        classes[str(md_class.get("class"))] = (md_class, find_template(objects, bootstrap_ref, prefix[0]), find_template(objects, infra_ref, prefix[1]))
    return Blueprint(cluster_class, infra_template, cp_template, cp_machine, classes)


def _owner_reference(cluster: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": cluster.get("apiVersion"), "kind": "Cluster", "name": _map(cluster.get("metadata")).get("name")}


def _group_kind(ref_or_object: dict[str, Any]) -> str:
    """Return ``Kind.group`` as Kubernetes prints a GroupKind."""
    group = api.group_of(str(ref_or_object.get("apiVersion", "")))
    return f"{ref_or_object.get('kind')}.{group}" if group else str(ref_or_object.get("kind"))


def template_to_object(template: dict[str, Any], cloned_from: dict[str, Any], cluster: dict[str, Any], name: str, labels: dict[str, Any], annotations: dict[str, Any] | None) -> dict[str, Any]:
    """Create an object from a template's ``spec.template`` (templateToObject + external.GenerateTemplate)."""
    body = clone(_map(_map(template.get("spec")).get("template")))
    cluster_meta = _map(cluster.get("metadata"))
    metadata = _map(body.get("metadata"))
    out_annotations = dict(_map(metadata.get("annotations")))
    out_annotations.update(annotations or {})
    out_annotations[api.CLONED_FROM_NAME] = cloned_from.get("name")
    out_annotations[api.CLONED_FROM_GROUP_KIND] = _group_kind(cloned_from)
    out_labels = dict(_map(metadata.get("labels")))
    out_labels.update(labels)
    out_labels[api.CLUSTER_NAME_LABEL] = cluster_meta.get("name")
    kind = str(template.get("kind", ""))
    return {
        "apiVersion": body.get("apiVersion") or template.get("apiVersion"),
        "kind": body.get("kind") or (kind[: -len("Template")] if kind.endswith("Template") else kind),
        "metadata": {"name": name, "namespace": cluster_meta.get("namespace"), "labels": out_labels, "annotations": out_annotations},
        "spec": clone(body.get("spec")) if "spec" in body else {},
    }


def template_to_template(template: dict[str, Any], cluster: dict[str, Any], name: str, labels: dict[str, Any]) -> dict[str, Any]:
    """Copy a class template for one Cluster (templateToTemplate): new name, namespace, labels, owner."""
    cluster_meta = _map(cluster.get("metadata"))
    metadata = _map(template.get("metadata"))
    out_labels = dict(_map(metadata.get("labels")))
    out_labels.update(labels)
    out_labels[api.CLUSTER_NAME_LABEL] = cluster_meta.get("name")
    out_labels[api.TOPOLOGY_OWNED_LABEL] = ""
    out_annotations = {k: v for k, v in _map(metadata.get("annotations")).items() if k != "kubectl.kubernetes.io/last-applied-configuration"}
    out_annotations[api.CLONED_FROM_NAME] = metadata.get("name")
    out_annotations[api.CLONED_FROM_GROUP_KIND] = _group_kind(template)
    out = {key: clone(value) for key, value in template.items() if key not in ("metadata", "status")}
    out_meta = {key: clone(value) for key, value in metadata.items() if key not in ("resourceVersion", "uid", "selfLink", "finalizers", "creationTimestamp", "generation", "managedFields", "ownerReferences")}
    out_meta.update({"name": name, "namespace": cluster_meta.get("namespace"), "labels": out_labels, "annotations": out_annotations, "ownerReferences": [_owner_reference(cluster)]})
    return {"apiVersion": out.pop("apiVersion", None), "kind": out.pop("kind", None), "metadata": out_meta, **out}


def _set(obj: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    current = obj
    for part in path[:-1]:
        if not isinstance(current.get(part), dict):
            current[part] = {}
        current = current[part]
    current[path[-1]] = value


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    current = obj
    for part in path:
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def _name(template: str | None, default: str, cluster_name: str, random: str, extra: dict[str, Any], field_path: str) -> str:
    try:
        return template_name(template or default, cluster_name, random, extra)
    except NamingError as error:
        raise TopologyError(field_path, f"failed to generate name: {error}") from None


def _topology(cluster: dict[str, Any]) -> dict[str, Any]:
    return _map(_map(cluster.get("spec")).get("topology"))


def compute_infrastructure_cluster(blueprint: Blueprint, cluster: dict[str, Any]) -> dict[str, Any]:
    """Return the InfrastructureCluster (computeInfrastructureCluster)."""
    meta = _map(cluster.get("metadata"))
    cluster_name, namespace = str(meta.get("name", "")), str(meta.get("namespace", ""))
    naming_field = "spec.infrastructure.naming.template" if api.is_v1beta2(blueprint.cluster_class.get("apiVersion")) else "spec.infrastructureNamingStrategy.template"
    name = _name(api.infrastructure_naming(blueprint.spec), api.DEFAULT_INFRA_CLUSTER_NAMING, cluster_name, random_stand_in(namespace, cluster_name, "infrastructure-cluster"), {}, naming_field)
    labels = {api.TOPOLOGY_OWNED_LABEL: ""}
    ref = api.template_ref(blueprint.spec.get("infrastructure")) or {}
    return template_to_object(blueprint.infrastructure_cluster_template, ref, cluster, name, labels, None)


def compute_control_plane_machine_template(blueprint: Blueprint, cluster: dict[str, Any]) -> dict[str, Any] | None:
    """Return the control plane's machine template copy, named ``<cluster>-<random>``."""
    if blueprint.control_plane_machine_template is None:
        return None
    meta = _map(cluster.get("metadata"))
    cluster_name, namespace = str(meta.get("name", "")), str(meta.get("namespace", ""))
    name = simple_name(f"{cluster_name}-", random_stand_in(namespace, cluster_name, "control-plane-machine-template"))
    return template_to_template(blueprint.control_plane_machine_template, cluster, name, {})


def _deletion_fields(section: dict[str, Any]) -> dict[str, Any]:
    """Return the node deletion timeouts of a class or topology section, in its own version's field names."""
    if isinstance(section.get("deletion"), dict):
        return {k: v for k, v in section["deletion"].items() if k != "order" and v is not None}
    return {k: section[k] for k in ("nodeDrainTimeout", "nodeVolumeDetachTimeout", "nodeDeletionTimeout") if section.get(k) is not None}


def compute_control_plane(blueprint: Blueprint, cluster: dict[str, Any], machine_template: dict[str, Any] | None) -> dict[str, Any]:
    """Return the control plane object: template clone plus version, replicas and machine template (computeControlPlane)."""
    meta = _map(cluster.get("metadata"))
    cluster_name, namespace = str(meta.get("name", "")), str(meta.get("namespace", ""))
    topology_cp = _map(_topology(cluster).get("controlPlane"))
    class_cp = _map(blueprint.spec.get("controlPlane"))
    labels = merge_maps(_map(topology_cp.get("metadata")).get("labels"), _map(class_cp.get("metadata")).get("labels"))
    labels[api.CLUSTER_NAME_LABEL] = cluster_name
    labels[api.TOPOLOGY_OWNED_LABEL] = ""
    annotations = merge_maps(_map(topology_cp.get("metadata")).get("annotations"), _map(class_cp.get("metadata")).get("annotations"))
    naming_field = "spec.controlPlane.naming.template" if api.is_v1beta2(blueprint.cluster_class.get("apiVersion")) else "spec.controlPlane.namingStrategy.template"
    name = _name(api.naming_template(class_cp), api.DEFAULT_CONTROL_PLANE_NAMING, cluster_name, random_stand_in(namespace, cluster_name, "control-plane"), {}, naming_field)
    ref = api.template_ref(class_cp) or {}
    control_plane = template_to_object(blueprint.control_plane_template, ref, cluster, name, labels, annotations or None)
    spec = control_plane.setdefault("spec", {})
    cp_api_version = str(control_plane.get("apiVersion", ""))
    ref_path = api.control_plane_infrastructure_ref_path(cp_api_version)
    contract_v1beta2 = cp_api_version.endswith("/v1beta2")
    if machine_template is not None:
        _set(control_plane, ref_path, api.object_ref(machine_template, contract_v1beta2))
        current = _map(_get(control_plane, ("spec", "machineTemplate", "metadata")))
        machine_meta = {
            "labels": merge_maps(labels, current.get("labels")),
            "annotations": merge_maps(annotations, current.get("annotations")),
        }
        _set(control_plane, ("spec", "machineTemplate", "metadata"), {k: v for k, v in machine_meta.items() if v})
    machine_spec_path = ("spec", "machineTemplate", "spec") if contract_v1beta2 else ("spec", "machineTemplate")
    if topology_cp.get("replicas") is not None:
        spec["replicas"] = topology_cp["replicas"]
    gates = topology_cp.get("readinessGates") if topology_cp.get("readinessGates") is not None else class_cp.get("readinessGates")
    if gates is not None:
        _set(control_plane, (*machine_spec_path, "readinessGates"), clone(gates))
    timeouts = {**_deletion_fields(class_cp), **_deletion_fields(topology_cp)}
    for key, value in timeouts.items():
        path = (*machine_spec_path, "deletion", key) if key.endswith("Seconds") else (*machine_spec_path, key)
        _set(control_plane, path, value)
    spec["version"] = _topology(cluster).get("version")
    return control_plane


def control_plane_preserved_paths(control_plane: dict[str, Any]) -> list[tuple[str, ...]]:
    """Return the fields patches never overwrite on the control plane: what the topology controller set itself."""
    machine = ("spec", "machineTemplate")
    inner = ("spec", "machineTemplate", "spec")
    paths = [(*machine, "metadata"), api.control_plane_infrastructure_ref_path(str(control_plane.get("apiVersion", ""))), ("spec", "replicas"), ("spec", "version")]
    for base in (machine, inner):
        paths += [(*base, "readinessGates"), (*base, "nodeDrainTimeout"), (*base, "nodeVolumeDetachTimeout"), (*base, "nodeDeletionTimeout"), (*base, "deletion")]
    return paths


def _health_check_object(target: dict[str, Any], selector: dict[str, Any], cluster: dict[str, Any], check: dict[str, Any], v1beta2: bool) -> dict[str, Any]:
    """Build a MachineHealthCheck for a target, defaulted like Cluster API's webhook (computeMachineHealthCheck)."""
    meta = _map(target.get("metadata"))
    cluster_name = _map(cluster.get("metadata")).get("name")
    spec: dict[str, Any] = {"clusterName": cluster_name, "selector": selector}
    if v1beta2:
        checks = clone(_map(check.get("checks")))
        checks.setdefault("nodeStartupTimeoutSeconds", api.MHC_DEFAULT_NODE_STARTUP_TIMEOUT_SECONDS)
        spec["checks"] = checks
        if check.get("remediation"):
            spec["remediation"] = clone(check["remediation"])
    else:
        for key in ("unhealthyConditions", "maxUnhealthy", "unhealthyRange", "nodeStartupTimeout", "remediationTemplate"):
            if check.get(key) is not None:
                spec[key] = clone(check[key])
        spec.setdefault("maxUnhealthy", api.MHC_DEFAULT_MAX_UNHEALTHY)
        spec.setdefault("nodeStartupTimeout", api.MHC_DEFAULT_NODE_STARTUP_TIMEOUT)
        if isinstance(spec.get("remediationTemplate"), dict) and not spec["remediationTemplate"].get("namespace"):
            spec["remediationTemplate"]["namespace"] = meta.get("namespace")
    return {
        "apiVersion": cluster.get("apiVersion"),
        "kind": "MachineHealthCheck",
        "metadata": {
            "name": meta.get("name"),
            "namespace": meta.get("namespace"),
            "labels": {api.TOPOLOGY_OWNED_LABEL: "", api.CLUSTER_NAME_LABEL: cluster_name},
            "ownerReferences": [_owner_reference(cluster)],
        },
        "spec": spec,
    }


def _health_check_class(class_section: dict[str, Any], topology_section: dict[str, Any]) -> dict[str, Any] | None:
    """Return the checks to use when a health check is on, or None when it is off (Is…MachineHealthCheckEnabled)."""
    from_class = api.machine_health_check(class_section)
    from_topology = api.machine_health_check(topology_section)
    if from_class is None and from_topology is None:
        return None
    enabled = api.health_check_enabled(from_topology)
    if enabled is False:
        return None
    if api.health_check_has_class(from_topology):
        return {k: v for k, v in (from_topology or {}).items() if k not in ("enable", "enabled")}
    return from_class or {}


def compute_cluster(cluster: dict[str, Any], infrastructure_cluster: dict[str, Any], control_plane: dict[str, Any]) -> dict[str, Any]:
    """Return the Cluster with the topology labels and its references to what it creates (computeCluster)."""
    out = clone(cluster)
    meta = out.setdefault("metadata", {})
    labels = meta.setdefault("labels", {}) or {}
    meta["labels"] = labels
    labels[api.CLUSTER_NAME_LABEL] = meta.get("name")
    labels[api.TOPOLOGY_OWNED_LABEL] = ""
    v1beta2 = api.is_v1beta2(cluster.get("apiVersion"))
    spec = out.setdefault("spec", {})
    spec["infrastructureRef"] = api.object_ref(infrastructure_cluster, v1beta2)
    spec["controlPlaneRef"] = api.object_ref(control_plane, v1beta2)
    return out


def compute_machine_deployment(blueprint: Blueprint, cluster: dict[str, Any], md_topology: dict[str, Any], index: int) -> MachineDeploymentState:
    """Return one MachineDeployment with its template copies and health check (computeMachineDeployment)."""
    meta = _map(cluster.get("metadata"))
    cluster_name, namespace = str(meta.get("name", "")), str(meta.get("namespace", ""))
    where = f"spec.topology.workers.machineDeployments[{index}]"
    class_name = str(md_topology.get("class", ""))
    if class_name not in blueprint.machine_deployment_classes:
        known = ", ".join(sorted(blueprint.machine_deployment_classes)) or "none"
        raise TopologyError(f"{where}.class", f"MachineDeployment class {class_name!r} not found in ClusterClass {_map(blueprint.cluster_class.get('metadata')).get('name')}; it offers: {known}")
    md_class, bootstrap, infrastructure = blueprint.machine_deployment_classes[class_name]
    topology_name = str(md_topology.get("name", ""))
    v1beta2 = api.is_v1beta2(cluster.get("apiVersion"))
    deployment_label = {api.DEPLOYMENT_NAME_LABEL: topology_name}
    prefix = f"{cluster_name}-{topology_name}-"
    bootstrap_copy = template_to_template(bootstrap, cluster, simple_name(prefix, random_stand_in(namespace, cluster_name, topology_name, "bootstrap")), deployment_label)
    infra_copy = template_to_template(infrastructure, cluster, simple_name(prefix, random_stand_in(namespace, cluster_name, topology_name, "infrastructure")), deployment_label)
    class_meta = api.machine_deployment_class_metadata(md_class)
    topology_meta = _map(md_topology.get("metadata"))
    annotations = merge_maps(topology_meta.get("annotations"), class_meta.get("annotations"))
    annotations.pop(api.HOLD_UPGRADE_SEQUENCE, None)
    annotations.pop(api.DEFER_UPGRADE, None)
    labels = merge_maps(topology_meta.get("labels"), class_meta.get("labels"))
    labels[api.CLUSTER_NAME_LABEL] = cluster_name
    labels[api.TOPOLOGY_OWNED_LABEL] = ""
    labels[api.DEPLOYMENT_NAME_LABEL] = topology_name
    naming_field = f"spec.workers.machineDeployments[{class_name}].naming.template" if v1beta2 else f"spec.workers.machineDeployments[{class_name}].namingStrategy.template"
    name = _name(api.naming_template(md_class), api.DEFAULT_MACHINE_DEPLOYMENT_NAMING, cluster_name, random_stand_in(namespace, cluster_name, topology_name, "machine-deployment"), {"machineDeployment": {"topologyName": topology_name}}, naming_field)

    def chosen(key: str) -> Any:
        return md_topology.get(key) if md_topology.get(key) is not None else md_class.get(key)

    machine_spec: dict[str, Any] = {
        "clusterName": cluster_name,
        "version": _topology(cluster).get("version"),
        "bootstrap": {"configRef": api.object_ref(bootstrap_copy, v1beta2)},
        "infrastructureRef": api.object_ref(infra_copy, v1beta2),
    }
    spec: dict[str, Any] = {"clusterName": cluster_name}
    if chosen("failureDomain") is not None:
        machine_spec["failureDomain"] = chosen("failureDomain")
    timeouts = {**_deletion_fields(md_class), **_deletion_fields(md_topology)}
    if v1beta2:
        if timeouts:
            machine_spec["deletion"] = timeouts
        for key in ("readinessGates", "taints", "minReadySeconds"):
            if chosen(key) is not None:
                machine_spec[key] = clone(chosen(key))
        if chosen("rollout") is not None:
            spec["rollout"] = clone(chosen("rollout"))
        order = _map(md_topology.get("deletion")).get("order") or _map(md_class.get("deletion")).get("order")
        if order:
            spec["deletion"] = {"order": order}
    else:
        machine_spec.update(timeouts)
        if chosen("readinessGates") is not None:
            machine_spec["readinessGates"] = clone(chosen("readinessGates"))
        for key in ("minReadySeconds", "strategy"):
            if chosen(key) is not None:
                spec[key] = clone(chosen(key))
    selector = {api.CLUSTER_NAME_LABEL: cluster_name, api.TOPOLOGY_OWNED_LABEL: "", api.DEPLOYMENT_NAME_LABEL: topology_name}
    spec["selector"] = {"matchLabels": selector}
    template_meta: dict[str, Any] = {"labels": dict(labels)}
    if annotations:
        template_meta["annotations"] = dict(annotations)
    spec["template"] = {"metadata": template_meta, "spec": machine_spec}
    if md_topology.get("replicas") is not None:
        spec["replicas"] = md_topology["replicas"]
    md_meta: dict[str, Any] = {"name": name, "namespace": namespace, "labels": labels}
    if annotations:
        md_meta["annotations"] = dict(annotations)
    machine_deployment = {"apiVersion": cluster.get("apiVersion"), "kind": "MachineDeployment", "metadata": md_meta, "spec": spec}
    state = MachineDeploymentState(md_topology, machine_deployment, bootstrap_copy, infra_copy)
    check = _health_check_class(md_class, md_topology)
    if check is not None:
        selector = {"matchLabels": {api.TOPOLOGY_OWNED_LABEL: "", api.DEPLOYMENT_NAME_LABEL: topology_name}}
        state.health_check = _health_check_object(machine_deployment, selector, cluster, check, v1beta2)
    return state


def compute_desired_state(blueprint: Blueprint, cluster: dict[str, Any]) -> DesiredState:
    """Return every object before patches (Generate, for a Cluster that is created now)."""
    infrastructure_cluster = compute_infrastructure_cluster(blueprint, cluster)
    machine_template = compute_control_plane_machine_template(blueprint, cluster)
    control_plane = compute_control_plane(blueprint, cluster, machine_template)
    cp_check = None
    if machine_template is not None:
        check = _health_check_class(_map(blueprint.spec.get("controlPlane")), _map(_topology(cluster).get("controlPlane")))
        if check is not None:
            selector = {"matchLabels": {api.TOPOLOGY_OWNED_LABEL: "", api.CONTROL_PLANE_LABEL: ""}}
            cp_check = _health_check_object(control_plane, selector, cluster, check, api.is_v1beta2(cluster.get("apiVersion")))
    desired = DesiredState(compute_cluster(cluster, infrastructure_cluster, control_plane), infrastructure_cluster, control_plane, machine_template, cp_check)
    workers = _map(_topology(cluster).get("workers"))
    for index, md_topology in enumerate(workers.get("machineDeployments") or ()):
        if isinstance(md_topology, dict):
            desired.machine_deployments.append(compute_machine_deployment(blueprint, cluster, md_topology, index))
    return desired
