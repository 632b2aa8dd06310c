"""Switch the editor's forms to another stack version without losing what the user typed.

What the new version has a place for is carried over; what it lacks (a variable it does not
define, a worker class it does not offer, a Kubernetes patch version of another minor, an
identity secret its provider takes none of) is parked, and comes back when a version that has a
place for it is chosen again. The page keeps the parked store for as long as it lives.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from generator.manifests.forms import ClusterForm, ClusterStackForm, MachineDeploymentSpec, default_cluster_form, default_clusterstack_form
from generator.model import StackVersion


@dataclass
class Parked:
    """Values the user set that the chosen version has no place for, kept for as long as the page lives.

    Switching v2 → v1 → v2 must give back what v1 lacked: the page sends this store with every
    switch and keeps the one it gets back.
    """

    variables: dict[str, Any] = field(default_factory=dict)
    machine_deployments: list[MachineDeploymentSpec] = field(default_factory=list)
    kubernetes_versions: dict[str, str] = field(default_factory=dict)  # by Kubernetes minor, e.g. {"1.32": "v1.32.7"}
    identity_secret: str | None = None

    def describe(self) -> list[str]:
        """Name every parked value, as the editor's notice lists them."""
        items = [f"variable {name}" for name in sorted(self.variables)]
        items += [f"machine deployment {md.name} (class {md.class_name})" for md in self.machine_deployments]
        items += [f"Kubernetes version {version}" for _, version in sorted(self.kubernetes_versions.items())]
        if self.identity_secret is not None:
            items.append(f"identity secret {self.identity_secret}")
        return items

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form the page keeps."""
        return {
            "variables": copy.deepcopy(self.variables),
            "machineDeployments": [md.to_dict() for md in self.machine_deployments],
            "kubernetesVersions": dict(self.kubernetes_versions),
            "identitySecret": self.identity_secret,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Parked":
        """Build from the JSON form (anything malformed counts as nothing parked)."""
        variables = data.get("variables")
        deployments = data.get("machineDeployments")
        versions = data.get("kubernetesVersions")
        secret = data.get("identitySecret")
        return cls(
            variables=copy.deepcopy(variables) if isinstance(variables, dict) else {},
            machine_deployments=[MachineDeploymentSpec.from_dict(md) for md in deployments if isinstance(md, dict)] if isinstance(deployments, list) else [],
            kubernetes_versions={k: v for k, v in versions.items() if isinstance(v, str)} if isinstance(versions, dict) else {},
            identity_secret=secret if isinstance(secret, str) else None,
        )


def carry_cluster_form(old: ClusterForm, target: StackVersion, parked: Parked, source: StackVersion | None = None) -> tuple[ClusterForm, list[str], list[str]]:
    """Return the target's default form with every value of ``old`` that still applies, what was parked and what restored.

    ``parked`` is updated in place: what the target lacks goes in, what it offers again comes out
    (unless the user set the same thing anew meanwhile, which wins). ``source`` is the version ``old``
    was made for: its own Kubernetes version is a default, not a choice worth parking.
    """
    form = default_cluster_form(target)
    defined = {definition["name"] for definition in target.variables}
    classes = set(target.machine_deployment_classes)
    dropped, restored = [], []
    variables = {}
    for name, value in old.variables.items():
        if name in defined:
            variables[name] = value
            parked.variables.pop(name, None)  # set anew: the parked value is stale
        else:
            parked.variables[name] = value
            dropped.append(f"variable {name} (not defined by {target.class_name})")
    for name in sorted(parked.variables):
        if name in defined and name not in variables:
            variables[name] = parked.variables.pop(name)
            restored.append(f"variable {name}")
    deployments = []
    for md in old.machine_deployments:
        if md.class_name in classes:
            deployments.append(md)
        else:
            parked.machine_deployments.append(md)
            dropped.append(f"machine deployment {md.name} (class {md.class_name} is not offered by {target.class_name})")
    taken_names = {md.name for md in deployments}
    for md in list(parked.machine_deployments):
        if md.class_name in classes and md.name not in taken_names:
            parked.machine_deployments.remove(md)
            deployments.append(md)
            taken_names.add(md.name)
            restored.append(f"machine deployment {md.name}")
    form.name = old.name
    form.namespace = old.namespace
    form.labels = dict(old.labels)
    form.control_plane_replicas = old.control_plane_replicas
    form.machine_deployments = deployments or form.machine_deployments
    form.pod_cidrs = list(old.pod_cidrs)
    form.service_cidrs = list(old.service_cidrs)
    form.service_domain = old.service_domain
    form.variables = variables
    form.all_defaults = old.all_defaults
    form.extra = dict(old.extra)
    _carry_kubernetes_version(old, form, target, parked, source, dropped, restored)
    return form, dropped, restored


def _carry_kubernetes_version(
    old: ClusterForm, form: ClusterForm, target: StackVersion, parked: Parked, source: StackVersion | None, dropped: list[str], restored: list[str]
) -> None:
    """Keep the patch version within one Kubernetes minor; park a chosen one across minors, bring it back on return."""
    old_minor = old.kubernetes_version.lstrip("v").rsplit(".", 1)[0]
    if old_minor == target.kubernetes_minor:
        form.kubernetes_version = old.kubernetes_version
        parked.kubernetes_versions.pop(old_minor, None)
        return
    chosen = old.kubernetes_version and (source is None or old.kubernetes_version != f"v{source.kubernetes_version}")
    if chosen:
        parked.kubernetes_versions[old_minor] = old.kubernetes_version
        dropped.append(f"Kubernetes version {old.kubernetes_version} ({target.class_name} provides Kubernetes {target.kubernetes_minor})")
    back = parked.kubernetes_versions.pop(target.kubernetes_minor, None)
    if back is not None:
        form.kubernetes_version = back
        restored.append(f"Kubernetes version {back}")


def carry_clusterstack_form(old: ClusterStackForm, target: StackVersion, parked: Parked) -> tuple[ClusterStackForm, list[str], list[str]]:
    """Return the target's default ClusterStack form with the old namespace, channel and choices kept; park or restore the identity secret."""
    form = default_clusterstack_form(target)
    dropped, restored = [], []
    form.namespace = old.namespace
    form.channel = old.channel
    form.auto_subscribe = old.auto_subscribe
    form.extra = dict(old.extra)
    if form.identity_secret is not None and old.identity_secret is not None:
        form.identity_secret = old.identity_secret
        parked.identity_secret = None
    elif old.identity_secret is not None:
        parked.identity_secret = old.identity_secret
        dropped.append(f"identity secret {old.identity_secret} ({target.provider} takes none)")
    elif form.identity_secret is not None and parked.identity_secret is not None:
        form.identity_secret = parked.identity_secret
        parked.identity_secret = None
        restored.append(f"identity secret {form.identity_secret}")
    return form, dropped, restored
