"""The Cluster Stack version: what every page, manifest and editor entry is generated from.

A ``StackVersion`` is plain data so that it can be written into the release
ledger, emitted as JSON for the browser and read back there unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import kubeversion, naming

CHANNEL_STABLE = "stable"
CHANNEL_CUSTOM = "custom"  # csctl hash mode: versions named v0-sha-<hash>, outside the vN sequence
CHANNELS = (CHANNEL_STABLE, CHANNEL_CUSTOM)  # a ClusterStack's spec.channel: stable versions, or custom builds


@dataclass(frozen=True)
class Component:
    """A versioned part of a stack version: an addon chart, the node image, a pinned image."""

    name: str
    version: str
    kind: str  # "addon" | "node-image" | "image"

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form."""
        return {"name": self.name, "version": self.version, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Component":
        """Build from the JSON form."""
        return cls(name=data["name"], version=data["version"], kind=data["kind"])


@dataclass(frozen=True)
class NodeImage:
    """A node image a stack version names: what operators upload and pipelines pin."""

    name: str
    url: str
    checksum: str | None  # "sha256:<hex>" where the stack gives one

    def to_dict(self) -> dict[str, str | None]:
        """Return the JSON form."""
        return {"name": self.name, "url": self.url, "checksum": self.checksum}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "NodeImage":
        """Build from the JSON form."""
        return cls(name=data["name"], url=data["url"], checksum=data.get("checksum"))


@dataclass(frozen=True)
class AddonStep:
    """One addon chart applied at a lifecycle hook (from ``clusteraddon.yaml``)."""

    name: str
    action: str  # "apply" | "delete"


@dataclass(frozen=True)
class AddonStage:
    """The addons applied at one Cluster API lifecycle hook, in order."""

    hook: str
    steps: tuple[AddonStep, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"hook": self.hook, "steps": [{"name": s.name, "action": s.action} for s in self.steps]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AddonStage":
        """Build from the JSON form."""
        return cls(hook=data["hook"], steps=tuple(AddonStep(s["name"], s["action"]) for s in data["steps"]))


@dataclass(frozen=True)
class StackVersion:
    """One Cluster Stack version, e.g. ``openstack-scs-1-32-v2``: released (from the ledger) or the working state."""

    provider: str  # "openstack", "docker", "kubevirt"
    stack: str  # the stack's name, e.g. "scs"
    kubernetes_version: str  # full patch version without "v", e.g. "1.32.5"
    version: str  # stack version, "v1", "v2", ...
    released: str | None  # ISO date of the release, None for the unreleased working state
    content_hash: str  # hash of the expanded content; the ledger bumps the version when it changes
    components: tuple[Component, ...]
    addon_stages: tuple[AddonStage, ...]
    cluster_class: dict[str, Any] = field(repr=False)  # the rendered ClusterClass object
    channel: str = CHANNEL_STABLE
    node_images: tuple[NodeImage, ...] = ()  # the images the stack names for this exact Kubernetes version

    @property
    def kubernetes_minor(self) -> str:
        """Return ``major.minor``, e.g. ``1.32`` (what a ClusterStack's kubernetesVersion takes)."""
        return kubeversion.kubernetes_minor(self.kubernetes_version)

    @property
    def class_name(self) -> str:
        """Return the csctl stable-mode name, e.g. ``openstack-scs-1-32-v1``."""
        return naming.class_name(self.provider, self.stack, self.kubernetes_version, self.version)

    @property
    def release_name(self) -> str:
        """Return csctl's release name, e.g. ``openstack-scs-1-32`` (one per stack and Kubernetes minor)."""
        return naming.release_name(self.provider, self.stack, self.kubernetes_version)

    @property
    def order(self) -> tuple[tuple[int, ...], int, str]:
        """Return the key versions sort by: Kubernetes minor, then stack version (see ``naming.version_order``)."""
        return naming.version_order(self.kubernetes_version, self.version)

    @property
    def is_released(self) -> bool:
        """Say whether the ledger records this version."""
        return self.released is not None

    @property
    def api_version(self) -> str:
        """Return the ClusterClass apiVersion, e.g. ``cluster.x-k8s.io/v1beta1``."""
        return str(self.cluster_class.get("apiVersion", "cluster.x-k8s.io/v1beta1"))

    @property
    def variables(self) -> list[dict[str, Any]]:
        """Return the ClusterClass ``spec.variables`` definitions."""
        return list(self.cluster_class.get("spec", {}).get("variables", []) or [])

    @property
    def machine_deployment_classes(self) -> list[str]:
        """Return the machine deployment class names the ClusterClass offers, in its order."""
        workers = self.cluster_class.get("spec", {}).get("workers", {}) or {}
        return [md["class"] for md in workers.get("machineDeployments", []) or []]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (used by the ledger and the browser bundle)."""
        return {
            "provider": self.provider,
            "stack": self.stack,
            "kubernetesVersion": self.kubernetes_version,
            "version": self.version,
            "released": self.released,
            "contentHash": self.content_hash,
            "channel": self.channel,
            "components": [c.to_dict() for c in self.components],
            "addonStages": [s.to_dict() for s in self.addon_stages],
            "clusterClass": self.cluster_class,
            "nodeImages": [i.to_dict() for i in self.node_images],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "StackVersion":
        """Build from the JSON form."""
        return cls(
            provider=data["provider"],
            stack=data["stack"],
            kubernetes_version=data["kubernetesVersion"],
            version=data["version"],
            released=data.get("released"),
            content_hash=data["contentHash"],
            channel=data.get("channel", CHANNEL_STABLE),
            components=tuple(Component.from_dict(c) for c in data.get("components", [])),
            addon_stages=tuple(AddonStage.from_dict(s) for s in data.get("addonStages", [])),
            cluster_class=data["clusterClass"],
            node_images=tuple(NodeImage.from_dict(i) for i in data.get("nodeImages", [])),
        )


@dataclass(frozen=True)
class Stack:
    """One single-source stack (``stacks/<provider>/<name>/``) with every version known for it."""

    provider: str
    name: str
    path: str  # the source folder, relative to the stacks folder, e.g. "openstack/scs"
    readme: str | None  # the stack's README.md text, if it has one
    versions: tuple[StackVersion, ...]  # released and unreleased, by Kubernetes minor then stack version

    def __repr__(self) -> str:
        names = ", ".join(v.class_name for v in self.versions)
        return f"Stack({self.provider}/{self.name}: {names})"
