"""What a ClusterClass says, read the same way for Cluster API v1beta1 and v1beta2.

The v1beta2 facts that stacks, pages, records and manifests need: a class section
names its template with ``templateRef`` (v1beta1: ``ref``), a machine deployment class
holds ``bootstrap`` and ``infrastructure`` directly (v1beta1: under ``template``), and a
class may restrict ``kubernetesVersions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CLUSTER_GROUP = "cluster.x-k8s.io"
V1BETA2 = f"{CLUSTER_GROUP}/v1beta2"


def is_v1beta2(api_version: Any) -> bool:
    """Say whether an apiVersion is Cluster API's v1beta2."""
    return api_version == V1BETA2


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


def _ref(holder: Any) -> dict[str, Any] | None:
    """Return a section's template reference: v1beta2 ``templateRef``, v1beta1 ``ref``."""
    if not isinstance(holder, dict):
        return None
    ref = holder.get("templateRef", holder.get("ref"))
    return ref if isinstance(ref, dict) else None


def template_refs(cluster_class: dict[str, Any]) -> list[TemplateRef]:
    """Return every template the class references, in the class's order (infrastructure, control plane, workers)."""
    spec = cluster_class.get("spec") or {}
    control_plane = spec.get("controlPlane") or {}
    sections: list[tuple[str, Any]] = [
        ("infrastructure", spec.get("infrastructure")),
        ("controlPlane", control_plane),
        ("controlPlane.machineInfrastructure", control_plane.get("machineInfrastructure")),
    ]
    workers = spec.get("workers") or {}
    for kind in ("machineDeployments", "machinePools"):
        for item in workers.get(kind) or []:
            parts = item.get("template", item) if isinstance(item, dict) else {}
            for part in ("bootstrap", "infrastructure"):
                sections.append((f"workers.{kind}[{item.get('class')}].{part}", parts.get(part)))
    refs = []
    for role, holder in sections:
        ref = _ref(holder)
        if ref is not None:
            refs.append(TemplateRef(role, str(ref.get("apiVersion", "")), str(ref.get("kind", "")), str(ref.get("name", ""))))
    return refs


def kubernetes_versions(cluster_class: dict[str, Any]) -> list[str]:
    """Return the Kubernetes versions a v1beta2 class allows (``spec.kubernetesVersions``); empty means any."""
    versions = (cluster_class.get("spec") or {}).get("kubernetesVersions") or []
    return [str(v) for v in versions]
