"""Build cluster.yaml: a Cluster API Cluster whose topology uses a Cluster Stack version's ClusterClass.

The Cluster's apiVersion follows the ClusterClass's: ``v1beta1`` names the class
in ``spec.topology.class``, ``v1beta2`` in ``spec.topology.classRef``. Variables
are defaulted and validated as Cluster API's webhooks would before the object
is written.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from generator.manifests import fields, names
from generator.manifests.diagnostics import Diagnostic, Generated, duplicate, invalid, required, unsupported, warning
from generator.manifests.fieldlines import locate
from generator.manifests.fields import field_path, put
from generator.manifests.forms import ClusterForm, ClusterStackForm, merge_extra
from generator.manifests.pairing import check_namespaces
from generator.manifests.yamlwriter import emit_documents
from generator.apiversions import V1BETA1, V1BETA2
from generator.clusterclass import kubernetes_versions
from generator.model import StackVersion

log = logging.getLogger(__name__)

CLUSTER_API_VERSIONS = (V1BETA1, V1BETA2)
VARIABLES_PATH = fields.VARIABLES.text


def generate_cluster(version: StackVersion, form: ClusterForm, beside: ClusterStackForm | None = None) -> Generated:
    """Build the Cluster for the form, its YAML text and every problem with it (lines point into the text).

    ``beside`` is the ClusterStack form the Cluster goes with (the editor holds both): a namespace
    apart from it is reported on the Cluster, which would not find its ClusterClass.
    """
    diagnostics = check_cluster_form(version, form)
    if beside is not None:
        diagnostics += check_namespaces(form, version, beside)
    variables, variable_diagnostics = cluster_variables(version, form)
    diagnostics.extend(variable_diagnostics)
    diagnostics.extend(override_diagnostics(version, form))
    cluster = build_cluster(version, form, variables)
    text, documents = emit_documents([cluster])  # knows every field's line as it writes it: no parsing back
    return Generated(text=text, objects=[cluster], diagnostics=locate(diagnostics, documents))


def cluster_api_version(version: StackVersion) -> str:
    """Return the Cluster apiVersion matching the ClusterClass's (v1beta1 unless the class is v1beta2)."""
    return version.api_version if version.api_version in CLUSTER_API_VERSIONS else CLUSTER_API_VERSIONS[0]


def build_cluster(version: StackVersion, form: ClusterForm, variables: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the Cluster object, keys in the order a person reads a manifest, then the form's extra fields."""
    api_version = cluster_api_version(version)
    cluster: dict[str, Any] = {"apiVersion": api_version, "kind": "Cluster"}
    put(cluster, fields.NAME.path, form.name)
    put(cluster, fields.NAMESPACE.path, form.namespace)
    if form.labels:
        put(cluster, fields.LABELS.path, {key: form.labels[key] for key in sorted(form.labels)})
    # v1beta2 requires at least one block wherever cidrBlocks is written, so empty lists are left out.
    if form.pod_cidrs:
        put(cluster, fields.POD_CIDRS.path, list(form.pod_cidrs))
    if form.service_cidrs:
        put(cluster, fields.SERVICE_CIDRS.path, list(form.service_cidrs))
    if form.service_domain:
        put(cluster, fields.SERVICE_DOMAIN.path, form.service_domain)
    put(cluster, fields.class_field(api_version).path, form.class_name or version.class_name)
    put(cluster, fields.KUBERNETES_VERSION.path, form.kubernetes_version or f"v{version.kubernetes_version}")
    if form.control_plane_replicas is not None:  # None leaves the count to the control plane provider's default
        put(cluster, fields.CONTROL_PLANE_REPLICAS.path, form.control_plane_replicas)
    if form.control_plane_variables:
        put(cluster, fields.CONTROL_PLANE_OVERRIDES.path, overrides(version, form.control_plane_variables))
    if form.machine_deployments:
        deployments = []
        for md in form.machine_deployments:
            item: dict[str, Any] = {}
            put(item, fields.MD_CLASS.path, md.class_name)
            put(item, fields.MD_NAME.path, md.name)
            if md.replicas is not None:
                put(item, fields.MD_REPLICAS.path, md.replicas)
            if md.failure_domain:
                put(item, fields.MD_FAILURE_DOMAIN.path, md.failure_domain)
            if md.variables:
                put(item, fields.MD_OVERRIDES.path, overrides(version, md.variables))
            deployments.append(merge_extra(item, md.extra))
        put(cluster, fields.MACHINE_DEPLOYMENTS.path, deployments)
    if variables:
        put(cluster, fields.VARIABLES.path, variables)
    return merge_extra(cluster, form.extra)


def check_cluster_form(version: StackVersion, form: ClusterForm) -> list[Diagnostic]:
    """Check everything in the form except the variables: names, labels, version, network, replicas, worker classes."""
    found: list[Diagnostic] = []
    class_field = fields.class_field(cluster_api_version(version)).text
    if form.class_name and form.class_name != version.class_name:
        found.append(invalid(class_field, form.class_name, f'the variables and classes given are those of ClusterClass "{version.class_name}"'))
    found += names.check_cluster_name(fields.NAME.text, form.name)
    found += names.check_dns1123_label(fields.NAMESPACE.text, form.namespace)
    found += names.check_labels(fields.LABELS.text, form.labels)
    found += _check_version(version, form.kubernetes_version or f"v{version.kubernetes_version}")
    found += names.check_cidr_blocks(fields.POD_CIDRS.text, form.pod_cidrs)
    found += names.check_cidr_blocks(fields.SERVICE_CIDRS.text, form.service_cidrs)
    if isinstance(form.pod_cidrs, list) and isinstance(form.service_cidrs, list):
        found += names.overlapping_cidrs(field_path(fields.POD_CIDRS.path[:2]), form.pod_cidrs, form.service_cidrs)
    if form.service_domain:
        found += names.check_dns1123_subdomain(fields.SERVICE_DOMAIN.text, form.service_domain)
    if form.control_plane_replicas is not None:
        found += names.check_replicas(fields.CONTROL_PLANE_REPLICAS.text, form.control_plane_replicas, control_plane=True)
    found += _check_machine_deployments(version, form)
    return found


def _check_version(version: StackVersion, kubernetes_version: str) -> list[Diagnostic]:
    path = fields.KUBERNETES_VERSION.text
    found = names.check_kubernetes_version(path, kubernetes_version)
    wanted = names.parse_kubernetes_version(f"v{version.kubernetes_version}")
    given = names.parse_kubernetes_version(kubernetes_version)
    if found or wanted is None or given is None:
        return found
    allowed = kubernetes_versions(version.cluster_class)
    if allowed and kubernetes_version not in allowed:
        found.append(invalid(path, kubernetes_version, f"ClusterClass {version.class_name} allows only {', '.join(allowed)} (spec.kubernetesVersions)"))
        return found
    if given[:2] != wanted[:2]:
        found.append(invalid(path, kubernetes_version, f"Cluster Stack {version.class_name} provides Kubernetes v{version.kubernetes_version}; its node images do not run {given[0]}.{given[1]}"))
    elif given != wanted:
        found.append(warning(path, f"Cluster Stack {version.class_name} was built and tested with Kubernetes v{version.kubernetes_version}, not {kubernetes_version}"))
    return found


def _check_machine_deployments(version: StackVersion, form: ClusterForm) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    classes = version.machine_deployment_classes
    seen: set[str] = set()
    for i, md in enumerate(form.machine_deployments):
        name_path, class_path = field_path(fields.machine_deployment(i, fields.MD_NAME)), field_path(fields.machine_deployment(i, fields.MD_CLASS))
        found += names.check_dns1123_subdomain(name_path, md.name, max_length=63)
        if md.name in seen:
            found.append(duplicate(name_path, md.name))
        seen.add(md.name)
        if not md.class_name:
            found.append(required(class_path))
        elif md.class_name not in classes:
            found.append(unsupported(class_path, md.class_name, classes))
        if md.replicas is not None:
            found += names.check_replicas(field_path(fields.machine_deployment(i, fields.MD_REPLICAS)), md.replicas)
        if md.failure_domain is not None and not (isinstance(md.failure_domain, str) and 0 < len(md.failure_domain) <= 256):
            found.append(invalid(field_path(fields.machine_deployment(i, fields.MD_FAILURE_DOMAIN)), md.failure_domain, "must be a string of 1 to 256 characters"))
    return found


def cluster_variables(version: StackVersion, form: ClusterForm) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Return the variables to write (those set, the required ones, or all defaults) and what is wrong with them."""
    definitions = version.variables
    values = [{"name": name, "value": copy.deepcopy(value)} for name, value in form.variables.items()]
    # Deferred: the editor's worker says "ready" before it imports the variable rules (see browser.warm_up).
    from generator import variables as cluster_api

    defaulted = cluster_api.default_cluster_variables(definitions, values)
    # Check the values as they are written (keys sorted): kubectl sends that JSON, so Cluster API prints a bad value so.
    written = [{**v, "value": sorted_value(v["value"])} if isinstance(v, dict) and "value" in v else v for v in defaulted]
    problems = cluster_api.validate_cluster_variables(definitions, written, path=VARIABLES_PATH)
    return _written_variables(definitions, values, defaulted, form.all_defaults), list(problems)


def overrides(version: StackVersion, values: dict[str, Any]) -> list[dict[str, Any]]:
    """Return one role's variable overrides as written: in the ClusterClass's order, undefined ones last by name."""
    order = {d.get("name"): i for i, d in enumerate(version.variables)}
    names_in_order = sorted(values, key=lambda name: (name not in order, order.get(name, 0), name))
    return [{"name": name, "value": sorted_value(values[name])} for name in names_in_order]


def override_diagnostics(version: StackVersion, form: ClusterForm) -> list[Diagnostic]:
    """Check the per-role overrides like Cluster API: each against its definition, none required, none undefined."""
    roles = [(fields.CONTROL_PLANE_OVERRIDES.text, form.control_plane_variables)]
    roles += [(field_path(fields.machine_deployment(i, fields.MD_OVERRIDES)), md.variables) for i, md in enumerate(form.machine_deployments)]
    try:
        from generator import variables as cluster_api
    except ImportError:
        return []
    found: list[Diagnostic] = []
    for path, values in roles:
        if not values:
            continue
        # As written (keys sorted), like the Cluster's own variables: kubectl sends that JSON.
        entries = [{"name": name, "value": sorted_value(value)} for name, value in values.items()]
        # Overrides replace single values: a required variable is the Cluster's to give, not each role's.
        problems = cluster_api.validate_cluster_variables(version.variables, entries, path=path)
        found.extend(p for p in problems if p.type != "Required value" or not p.message.startswith("required variable"))
    return found


def _written_variables(
    definitions: list[dict[str, Any]], values: list[dict[str, Any]], defaulted: list[dict[str, Any]], all_defaults: bool
) -> list[dict[str, Any]]:
    """Order the written variables like the ClusterClass defines them; variables it does not define come last, by name."""
    set_names = {v["name"] for v in values}
    by_name = {v["name"]: v.get("value") for v in defaulted if isinstance(v, dict) and "name" in v}
    user = {v["name"]: v["value"] for v in values}
    written = []
    for definition in definitions:
        name = definition.get("name")
        if name in set_names:
            # what the user set, unless all defaults are asked for (then nested defaults are filled in too)
            value = by_name.get(name, user[name]) if all_defaults else user[name]
        elif name in by_name and (all_defaults or definition.get("required")):
            value = by_name[name]
        else:
            continue
        written.append({"name": name, "value": sorted_value(value)})
    defined = {d.get("name") for d in definitions}
    for name in sorted(set_names - defined):
        written.append({"name": name, "value": sorted_value(user[name])})
    return written


def sorted_value(value: Any) -> Any:
    """Return a variable value with object keys sorted, so the same value always prints the same."""
    if isinstance(value, dict):
        return {key: sorted_value(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_value(item) for item in value]
    return value
