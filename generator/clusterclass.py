"""What a ClusterClass says that stacks, pages, records and manifests need: its templates and Kubernetes versions.

How v1beta1 and v1beta2 write a class (``ref`` or ``templateRef``, a worker class's
templates under ``template`` or directly) is read by ``generator.apiversions``, the
module the topology engine reads classes with too; this module only summarises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.apiversions import machine_deployment_class_refs, template_ref


@dataclass(frozen=True)
class TemplateRef:
    """One template a ClusterClass references: which part of the cluster it shapes, and its object reference."""

    role: str  # "infrastructure", "controlPlane", "controlPlane.machineInfrastructure", "<class>.bootstrap", ...
    api_version: str
    kind: str
    name: str

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form."""
        return {"role": self.role, "apiVersion": self.api_version, "kind": self.kind, "name": self.name}


def template_refs(cluster_class: dict[str, Any]) -> list[TemplateRef]:
    """Return every template the class references, in the class's order (infrastructure, control plane, workers)."""
    spec = cluster_class.get("spec") or {}
    control_plane = spec.get("controlPlane") or {}
    found: list[tuple[str, dict[str, Any] | None]] = [
        ("infrastructure", template_ref(spec.get("infrastructure"))),
        ("controlPlane", template_ref(control_plane)),
        ("controlPlane.machineInfrastructure", template_ref(control_plane.get("machineInfrastructure"))),
    ]
    workers = spec.get("workers") or {}
    for kind in ("machineDeployments", "machinePools"):
        for item in workers.get(kind) or []:
            if not isinstance(item, dict):
                continue
            bootstrap, infrastructure = machine_deployment_class_refs(item)
            found.append((f"workers.{kind}[{item.get('class')}].bootstrap", bootstrap))
            found.append((f"workers.{kind}[{item.get('class')}].infrastructure", infrastructure))
    refs = []
    for role, ref in found:
        if ref is not None:
            refs.append(TemplateRef(role, str(ref.get("apiVersion", "")), str(ref.get("kind", "")), str(ref.get("name", ""))))
    return refs


def kubernetes_versions(cluster_class: dict[str, Any]) -> list[str]:
    """Return the Kubernetes versions a v1beta2 class allows (``spec.kubernetesVersions``); empty means any."""
    versions = (cluster_class.get("spec") or {}).get("kubernetesVersions") or []
    return [str(v) for v in versions]
