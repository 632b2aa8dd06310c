"""The form state behind cluster.yaml and clusterstack.yaml: what a person chooses, nothing derived.

The editor keeps this state in the URL fragment (``to_dict`` is JSON-safe with
camelCase keys), the CLI builds it from options, and parsing a manifest gives
it back. Fields the form has no input for travel in ``extra`` verbatim, so
nothing a user wrote is lost on the way through the editor.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from generator import providers
from generator.clusterclass import kubernetes_versions
from generator.manifests import fields
from generator.model import CHANNEL_STABLE, CHANNELS, StackVersion

DEFAULT_POD_CIDRS = ("192.168.0.0/16",)
DEFAULT_SERVICE_CIDRS = ("10.96.0.0/12",)
DEFAULT_SERVICE_DOMAIN = "cluster.local"


@dataclass
class MachineDeploymentSpec:
    """One worker pool of the Cluster's topology: its name, its ClusterClass machine deployment class, how many machines, where."""

    name: str
    class_name: str
    replicas: int | None = 1  # None leaves the count to an autoscaler
    failure_domain: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # fields of this item the form cannot represent
    variables: dict[str, Any] = field(default_factory=dict)  # this pool's variable overrides, by name

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        data: dict[str, Any] = {"name": self.name, "class": self.class_name, "replicas": self.replicas}
        if self.failure_domain is not None:
            data["failureDomain"] = self.failure_domain
        if self.variables:  # only when set: older links and states stay as they were
            data["variables"] = copy.deepcopy(self.variables)
        if self.extra:
            data["extra"] = copy.deepcopy(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MachineDeploymentSpec":
        """Build from the JSON form."""
        return cls(
            name=str(data.get("name", "")),
            class_name=str(data.get("class", "")),
            replicas=data.get("replicas", 1),
            failure_domain=data.get("failureDomain"),
            extra=dict(data.get("extra") or {}),
            variables=copy.deepcopy(dict(data.get("variables") or {})),
        )


@dataclass
class ClusterForm:
    """What a person chooses for a Cluster built from a Cluster Stack version's ClusterClass."""

    class_name: str
    name: str = "my-cluster"
    namespace: str = "default"
    labels: dict[str, str] = field(default_factory=dict)
    kubernetes_version: str = ""  # full version with "v", e.g. "v1.32.5"; empty means the stack version's own
    control_plane_replicas: int | None = 3  # None leaves it to the control plane provider
    machine_deployments: list[MachineDeploymentSpec] = field(default_factory=list)
    pod_cidrs: list[str] = field(default_factory=lambda: list(DEFAULT_POD_CIDRS))
    service_cidrs: list[str] = field(default_factory=lambda: list(DEFAULT_SERVICE_CIDRS))
    service_domain: str = DEFAULT_SERVICE_DOMAIN
    variables: dict[str, Any] = field(default_factory=dict)  # only the variables the user set, by name
    control_plane_variables: dict[str, Any] = field(default_factory=dict)  # the control plane's variable overrides
    all_defaults: bool = False  # also write every variable's default, as Cluster API would fill it in
    extra: dict[str, Any] = field(default_factory=dict)  # Cluster fields the form cannot represent, as a nested object

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (camelCase keys, what the editor keeps in the URL)."""
        data = {
            "className": self.class_name,
            "name": self.name,
            "namespace": self.namespace,
            "labels": dict(self.labels),
            "kubernetesVersion": self.kubernetes_version,
            "controlPlaneReplicas": self.control_plane_replicas,
            "machineDeployments": [md.to_dict() for md in self.machine_deployments],
            "podCidrs": list(self.pod_cidrs),
            "serviceCidrs": list(self.service_cidrs),
            "serviceDomain": self.service_domain,
            "variables": copy.deepcopy(self.variables),
            "allDefaults": self.all_defaults,
            "extra": copy.deepcopy(self.extra),
        }
        if self.control_plane_variables:  # only when set: older links and states stay as they were
            data["controlPlaneVariables"] = copy.deepcopy(self.control_plane_variables)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ClusterForm":
        """Build from the JSON form; a missing key takes the form's default."""
        defaults = cls(class_name="")
        return cls(
            class_name=str(data.get("className", "")),
            name=data.get("name", defaults.name),
            namespace=data.get("namespace", defaults.namespace),
            labels=dict(data.get("labels") or {}),
            kubernetes_version=data.get("kubernetesVersion", "") or "",
            control_plane_replicas=data.get("controlPlaneReplicas", defaults.control_plane_replicas),
            machine_deployments=[MachineDeploymentSpec.from_dict(md) for md in data.get("machineDeployments") or []],
            pod_cidrs=list(data.get("podCidrs", defaults.pod_cidrs) or []),
            service_cidrs=list(data.get("serviceCidrs", defaults.service_cidrs) or []),
            service_domain=data.get("serviceDomain", defaults.service_domain) or "",
            variables=copy.deepcopy(dict(data.get("variables") or {})),
            control_plane_variables=copy.deepcopy(dict(data.get("controlPlaneVariables") or {})),
            all_defaults=bool(data.get("allDefaults", False)),
            extra=copy.deepcopy(dict(data.get("extra") or {})),
        )


@dataclass
class ClusterStackForm:
    """What a person chooses for the ClusterStack object that makes a Cluster Stack version available."""

    class_name: str
    namespace: str = "default"
    channel: str = CHANNEL_STABLE
    versions: list[str] = field(default_factory=list)  # stack versions to install, e.g. ["v2"]
    auto_subscribe: bool = False
    identity_secret: str | None = None  # only for providers with a release template: the Secret with the credentials
    extra: dict[str, Any] = field(default_factory=dict)  # by kind: fields of that object the form cannot represent

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (camelCase keys)."""
        return {
            "className": self.class_name,
            "namespace": self.namespace,
            "channel": self.channel,
            "versions": list(self.versions),
            "autoSubscribe": self.auto_subscribe,
            "identitySecret": self.identity_secret,
            "extra": copy.deepcopy(self.extra),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ClusterStackForm":
        """Build from the JSON form; a missing key takes the form's default."""
        return cls(
            class_name=str(data.get("className", "")),
            namespace=data.get("namespace", "default"),
            channel=data.get("channel", CHANNEL_STABLE),
            versions=list(data.get("versions") or []),
            auto_subscribe=bool(data.get("autoSubscribe", False)),
            identity_secret=data.get("identitySecret"),
            extra=copy.deepcopy(dict(data.get("extra") or {})),
        )


def merge_extra(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``extra``'s fields added where ``base`` has none; the form's own fields always win."""
    merged = dict(base)
    for key, value in extra.items():
        if key not in merged:
            merged[key] = copy.deepcopy(value)
        elif isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = merge_extra(merged[key], value)
    return merged


NEW_POOL_NAME = "md-{n}"  # the n-th worker pool the form adds, counting from 0
NO_POOL_CLASS = "default-worker"  # a pool added to a class without machine deployment classes (validation then names the problem)


def new_machine_deployment(version: StackVersion, n: int | str) -> MachineDeploymentSpec:
    """Return a worker pool as the form adds it: ``md-<n>``, of the first machine deployment class, one machine.

    The editor's "Add machine deployment" gets it with ``n`` = ``"{n}"`` and numbers it on the page.
    """
    classes = version.machine_deployment_classes
    return MachineDeploymentSpec(name=NEW_POOL_NAME.format(n=n), class_name=classes[0] if classes else NO_POOL_CLASS, replicas=1)


def default_cluster_form(version: StackVersion) -> ClusterForm:
    """Return the form a new cluster of this stack version starts from: one worker pool of the first class."""
    workers = [new_machine_deployment(version, 0)] if version.machine_deployment_classes else []
    return ClusterForm(
        class_name=version.class_name,
        kubernetes_version=f"v{version.kubernetes_version}",
        machine_deployments=workers,
    )


def default_clusterstack_form(version: StackVersion) -> ClusterStackForm:
    """Return the ClusterStack form that installs exactly this stack version."""
    template = providers.release_template(version.provider)
    return ClusterStackForm(
        class_name=version.class_name,
        channel=version.channel,
        versions=[version.version],
        identity_secret=template.identity_secret if template else None,
    )


@dataclass(frozen=True)
class FormInput:
    """One fixed input of the editor's form: the form field it edits (and the manifest field that becomes), how it reads."""

    manifest: str  # "cluster" or "clusterstack": whose form state it edits
    field: fields.FormField
    id: str  # the input's key on the page (unique across both forms)
    label: str  # the accessible name, e.g. "Cluster name"
    help: str
    control: str = "text"  # "text" | "number" (an integer) | "list" (comma-separated) | "select" | "checkbox"
    required: bool = False
    options: tuple[str, ...] = ()  # a select's choices; machine deployment classes come from the version
    role: str = ""  # an "overrides" group's role, as its override fields' labels name it: "control plane"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form the editor's form renders from."""
        data: dict[str, Any] = {"id": self.id, "key": self.field.key, "path": self.field.text, "label": self.label, "help": self.help, "control": self.control}
        if self.required:
            data["required"] = True
        if self.options:
            data["options"] = list(self.options)
        if self.role:
            data["role"] = self.role
        return data


def form_inputs(version: StackVersion) -> dict[str, list[dict[str, Any]]]:
    """Return the fixed inputs of the editor's form for a version, in page order, as JSON.

    ``machineDeployments`` names the worker pools' list (its form key and manifest path), the inputs of
    one pool, whose paths are relative to the item and whose labels take the pool's 1-based number for
    ``{n}``, and the pool "Add machine deployment" appends (``added``, its name numbered in ``{n}``); ``variables`` names the ClusterClass variables' map and list;
    ``namespaces`` the Cluster's and the ClusterStack's namespace inputs, which the editor keeps equal. An "overrides" input is one
    role's variable overrides, a map of variable name to value in the form.
    """
    defaults = ClusterForm(class_name="")
    allowed = kubernetes_versions(version.cluster_class)  # a v1beta2 class lists them; the editor then offers exactly these
    if allowed:
        kubernetes_version = FormInput(
            "cluster", fields.KUBERNETES_VERSION, "kubernetesVersion", "Kubernetes version",
            f"The versions this ClusterClass allows (spec.kubernetesVersions); default: v{version.kubernetes_version}.", control="select", required=True, options=tuple(allowed),
        )
    else:
        kubernetes_version = FormInput(
            "cluster", fields.KUBERNETES_VERSION, "kubernetesVersion", "Kubernetes version",
            f"Patch version of Kubernetes {version.kubernetes_minor}; default: v{version.kubernetes_version}.", required=True,
        )
    cluster_namespace = FormInput("cluster", fields.NAMESPACE, "namespace", "Namespace", "The namespace of the Cluster (and of the ClusterStack it uses).", required=True)
    stack_namespace = FormInput(
        "clusterstack", fields.STACK_NAMESPACE, "cs-namespace", "ClusterStack namespace",
        "Follows the Cluster's namespace unless you set it apart: the operator creates the ClusterClass here, and the Cluster finds it only in its own namespace.",
    )
    cluster = [
        FormInput("cluster", fields.NAME, "name", "Cluster name", "metadata.name: lower-case letters, digits and '-'.", required=True),
        cluster_namespace,
        kubernetes_version,
        FormInput("cluster", fields.CONTROL_PLANE_REPLICAS, "controlPlaneReplicas", "Control plane replicas", f"An odd number keeps etcd's quorum; default: {defaults.control_plane_replicas}.", control="number"),
        _overrides(fields.CONTROL_PLANE_OVERRIDES, "controlPlaneVariables", "Control plane overrides", "control plane"),
        FormInput("cluster", fields.POD_CIDRS, "podCidrs", "Pod CIDRs", f"Comma-separated; default: {', '.join(DEFAULT_POD_CIDRS)}.", control="list"),
        FormInput("cluster", fields.SERVICE_CIDRS, "serviceCidrs", "Service CIDRs", f"Comma-separated; default: {', '.join(DEFAULT_SERVICE_CIDRS)}.", control="list"),
    ]
    machine_deployment = [
        FormInput("cluster", fields.MD_CLASS, "class", "Class of machine deployment {n}", "", control="select"),
        FormInput("cluster", fields.MD_NAME, "name", "Name of machine deployment {n}", ""),
        FormInput("cluster", fields.MD_REPLICAS, "replicas", "Replicas of machine deployment {n}", "", control="number"),
        _overrides(fields.MD_OVERRIDES, "variables", "Overrides of machine deployment {n}", "machine deployment {n}"),
    ]
    clusterstack = [
        stack_namespace,
        FormInput("clusterstack", fields.CHANNEL, "channel", "Channel", f"default: {CHANNEL_STABLE}.", control="select", options=CHANNELS),
        FormInput("clusterstack", fields.VERSIONS, "versions", "Versions", "Comma-separated stack versions the operator keeps ready, e.g. v1, v2.", control="list"),
        FormInput("clusterstack", fields.AUTO_SUBSCRIBE, "autoSubscribe", "Auto-subscribe", "Let the operator install newer versions as they are released.", control="checkbox"),
    ]
    template = providers.release_template(version.provider)
    if template:
        clusterstack.append(
            FormInput("clusterstack", fields.IDENTITY_SECRET, "identitySecret", "Identity secret", f"The Secret with the provider's credentials ({template.credentials}); default: {template.identity_secret}.")
        )
    return {
        "cluster": [i.to_dict() for i in cluster],
        "machineDeployments": {
            "key": fields.MACHINE_DEPLOYMENTS.key,
            "path": fields.MACHINE_DEPLOYMENTS.text,
            "inputs": [i.to_dict() for i in machine_deployment],
            "added": new_machine_deployment(version, "{n}").to_dict(),  # what "Add machine deployment" appends; {n} numbers it
        },
        "variables": {"key": fields.VARIABLES.key, "path": fields.VARIABLES.text},
        "clusterstack": [i.to_dict() for i in clusterstack],
        # The pair the editor keeps in one namespace while the user has not set them apart (pairing.py checks it):
        # each one's form key and input id.
        "namespaces": {i.manifest: {"key": i.field.key, "id": i.id} for i in (cluster_namespace, stack_namespace)},
    }


def _overrides(field: fields.FormField, input_id: str, title: str, role: str) -> FormInput:
    """Return the input of one role's variable overrides (the editor draws each set override as the variable's own field)."""
    return FormInput("cluster", field, input_id, title, f"Values that apply to the {role} only, instead of the variables below.", control="overrides", role=role)
