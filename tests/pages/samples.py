"""Hand-built Cluster Stack versions for the page and change tests (the stacks loader is tested elsewhere)."""

from __future__ import annotations

from typing import Any

from generator.model import AddonStage, AddonStep, Component, Stack, StackVersion

HOSTILE_DESCRIPTION = 'Say <script>alert("pwned")</script> and <img src=x onerror=alert(1)> | pipe {: onclick="alert(2)" } [click](javascript:alert(3))'


def variable(name: str, schema: dict[str, Any], *, required: bool = False) -> dict[str, Any]:
    """Return one ClusterClass ``spec.variables`` entry."""
    return {"name": name, "required": required, "schema": {"openAPIV3Schema": schema}}


def cluster_class(class_name: str, variables: list[dict[str, Any]], workers: tuple[str, ...] = ("default-worker",)) -> dict[str, Any]:
    """Return a small ClusterClass object with the given variables and machine deployment classes."""
    return {
        "apiVersion": "cluster.x-k8s.io/v1beta1",
        "kind": "ClusterClass",
        "metadata": {"name": class_name},
        "spec": {
            "controlPlane": {"ref": {"apiVersion": "controlplane.cluster.x-k8s.io/v1beta1", "kind": "KubeadmControlPlaneTemplate", "name": f"{class_name}-control-plane"}},
            "infrastructure": {"ref": {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "OpenStackClusterTemplate", "name": f"{class_name}-cluster"}},
            "variables": variables,
            "workers": {
                "machineDeployments": [
                    {
                        "class": worker,
                        "template": {
                            "bootstrap": {"ref": {"apiVersion": "bootstrap.cluster.x-k8s.io/v1beta1", "kind": "KubeadmConfigTemplate", "name": f"{class_name}-{worker}"}},
                            "infrastructure": {"ref": {"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "OpenStackMachineTemplate", "name": f"{class_name}-{worker}"}},
                        },
                    }
                    for worker in workers
                ]
            },
        },
    }


def stack_version(
    *,
    provider: str = "openstack",
    stack: str = "scs",
    kubernetes: str = "1.32.5",
    version: str = "v1",
    released: str | None = "2025-01-15",
    components: dict[str, str] | None = None,
    variables: list[dict[str, Any]] | None = None,
    workers: tuple[str, ...] = ("default-worker",),
) -> StackVersion:
    """Return a StackVersion built by hand; components are addon charts unless named node-image."""
    parts = components if components is not None else {"cilium": "1.16.5", "metrics-server": "3.12.2"}
    minor = "-".join(kubernetes.split(".")[:2])
    name = f"{provider}-{stack}-{minor}-{version}"
    return StackVersion(
        provider=provider,
        stack=stack,
        kubernetes_version=kubernetes,
        version=version,
        released=released,
        content_hash=f"sha256:{name}",
        components=tuple(Component(n, v, "node-image" if n == "node-image" else "addon") for n, v in parts.items()),
        addon_stages=(
            AddonStage("AfterControlPlaneInitialized", (AddonStep("cilium", "apply"), AddonStep("metrics-server", "apply"))),
            AddonStage("BeforeClusterUpgrade", (AddonStep("cilium", "apply"),)),
        ),
        cluster_class=cluster_class(name, variables if variables is not None else [], workers),
    )


FLAVOR = variable("controller_flavor", {"type": "string", "default": "SCS-2V-4", "example": "SCS-4V-8", "description": "OpenStack flavor of the **control plane** nodes."}, required=True)
DISK = variable("controller_root_disk", {"type": "integer", "default": 50, "minimum": 20, "maximum": 500, "description": "Root disk size in GiB."})
LB = variable("apiserver_loadbalancer", {"type": "string", "default": "octavia-ovn", "enum": ["none", "octavia-amphora", "octavia-ovn"], "description": "Load balancer in front of the API server."})
NAMESERVERS = variable("dns_nameservers", {"type": "array", "items": {"type": "string", "format": "ipv4"}, "default": ["9.9.9.9"], "maxItems": 3, "description": "DNS servers of the node network."})
OIDC = variable(
    "oidc_config",
    {
        "type": "object",
        "description": "OpenID Connect settings of the API server.",
        "required": ["issuer_url"],
        "properties": {
            "issuer_url": {"type": "string", "format": "uri", "description": "URL of the issuer."},
            "client_id": {"type": "string", "default": "kubectl", "description": "Client ID."},
        },
    },
)
NETWORK = variable("external_id", {"type": "string", "format": "uuid", "pattern": "^[0-9a-f-]+$", "description": "ID of the external network."})
HOSTILE = variable("hostile", {"type": "string", "default": "<b>bold</b>", "description": HOSTILE_DESCRIPTION})


def openstack_history() -> list[StackVersion]:
    """Return openstack-scs 1.32 v1, v2 (a variable added, a default changed, a component bumped) and unreleased v3."""
    v1 = stack_version(version="v1", released="2025-01-15", components={"cilium": "1.16.5", "metrics-server": "3.12.2", "node-image": "ubuntu-2204-kube-v1.32.5"}, variables=[FLAVOR, DISK, LB, OIDC, NETWORK])
    disk_v2 = variable("controller_root_disk", {**DISK["schema"]["openAPIV3Schema"], "default": 100})
    v2 = stack_version(version="v2", released="2025-03-02", components={"cilium": "1.17.2", "metrics-server": "3.12.2", "node-image": "ubuntu-2204-kube-v1.32.5"}, variables=[FLAVOR, disk_v2, LB, OIDC, NETWORK, NAMESERVERS])
    v3 = stack_version(version="v3", released=None, kubernetes="1.32.7", components={"cilium": "1.17.2", "metrics-server": "3.12.2", "node-image": "ubuntu-2204-kube-v1.32.7"}, variables=[FLAVOR, disk_v2, LB, OIDC, NAMESERVERS, HOSTILE], workers=("default-worker", "gpu-worker"))
    return [v1, v2, v3]


def sample_stacks() -> list[Stack]:
    """Return two stacks: openstack/scs with history on 1.32 and a 1.33 version, docker/scs with one version."""
    openstack = openstack_history() + [stack_version(kubernetes="1.33.1", version="v1", released="2025-04-01", variables=[FLAVOR, LB])]
    docker = [stack_version(provider="docker", kubernetes="1.32.5", version="v1", released="2025-02-01", variables=[DISK], components={"cilium": "1.16.5"})]
    return [
        Stack("docker", "scs", "docker/scs", None, tuple(docker)),
        Stack("openstack", "scs", "openstack/scs", "# OpenStack SCS\n\nThe **SCS** stack for OpenStack.\n\n<script>alert('readme')</script>\n", tuple(openstack)),
    ]
