"""What the project knows about each infrastructure provider, in one table: its display name and its release template.

Providers with a provider-specific part in the Cluster Stack Operator
(OpenStack) need a release template next to the ClusterStack, and that
template names the Secret with the cloud's credentials; the others set
``spec.noProvider: true``. The manifests, the parser, the CLI, the pages and
the editor's form all read it here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReleaseTemplate:
    """The provider's release template kind in the Cluster Stack Operator's provider integration."""

    api_version: str
    kind: str
    identity_secret: str  # the Secret the template names unless the user says otherwise
    credentials: str  # what that Secret holds, for messages


@dataclass(frozen=True)
class Provider:
    """One infrastructure provider of Cluster Stacks."""

    name: str  # as csctl.yaml and class names spell it, e.g. "openstack"
    title: str  # as people write it, e.g. "OpenStack"
    release_template: ReleaseTemplate | None = None


PROVIDERS: dict[str, Provider] = {
    provider.name: provider
    for provider in (
        Provider(
            "openstack",
            "OpenStack",
            ReleaseTemplate("infrastructure.clusterstack.x-k8s.io/v1alpha1", "OpenStackClusterStackReleaseTemplate", identity_secret="openstack", credentials="clouds.yaml"),
        ),
        Provider("docker", "Docker"),
        Provider("kubevirt", "KubeVirt"),
    )
}


def provider(name: str) -> Provider:
    """Return a provider by name; one this table does not know has no release template and is titled by its name."""
    return PROVIDERS.get(name) or Provider(name, name)


def release_template(name: str) -> ReleaseTemplate | None:
    """Return the release template a provider needs next to its ClusterStack, or None (``spec.noProvider``)."""
    return provider(name).release_template


def release_templates() -> list[ReleaseTemplate]:
    """Return every release template kind, in the table's order (what a clusterstack.yaml may hold besides the ClusterStack)."""
    return [p.release_template for p in PROVIDERS.values() if p.release_template is not None]
