"""Hand-built stack versions for the editor's tests: the editor must work for any version, so it is tested on these."""

from __future__ import annotations

import copy
from typing import Any

from generator.model import Stack, StackVersion


def _variable(name: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "required": required, "schema": {"openAPIV3Schema": schema}}


VARIABLES = [
    _variable("controller_flavor", {"type": "string", "default": "SCS-2V-4-20s", "description": "OpenStack flavor of the control plane machines.", "minLength": 1}),
    _variable("worker_count_hint", {"type": "integer", "minimum": 1, "maximum": 10, "default": 3, "description": "How many workers to expect."}),
    _variable("external_id", {"type": "string", "format": "uuid", "description": "ID of the external network."}),
    _variable("ssh_keypair", {"type": "string", "description": "Name of the SSH key pair."}),
    _variable("network_mtu", {"type": "integer", "minimum": 1280, "maximum": 9000, "description": "MTU of the cluster network."}),
    _variable("disable_api_lb", {"type": "boolean", "default": False, "description": "Do not create a load balancer for the API."}),
    _variable("dns_provider", {"type": "string", "enum": ["none", "designate"], "default": "none", "description": "Who manages DNS."}),
    _variable("restrict_kubeapi", {"type": "array", "items": {"type": "string"}, "default": [], "description": "CIDRs allowed to reach the API."}),
    _variable(
        "oidc_config",
        {
            "type": "object",
            "description": "OIDC settings of the API server.",
            "properties": {
                "issuer_url": {"type": "string", "description": "The issuer URL."},
                "client_id": {"type": "string", "default": "kubectl", "description": "The client ID."},
            },
        },
    ),
]

OTHER_VARIABLES = [v for v in VARIABLES if v["name"] not in ("ssh_keypair", "network_mtu")] + [
    _variable("node_cidr", {"type": "string", "default": "10.8.0.0/20", "description": "CIDR of the node network."}),
]


def cluster_class(name: str, variables: list[dict[str, Any]], workers: list[str]) -> dict[str, Any]:
    """Return a minimal v1beta1 ClusterClass with these variables and worker classes."""
    return {
        "apiVersion": "cluster.x-k8s.io/v1beta1",
        "kind": "ClusterClass",
        "metadata": {"name": name},
        "spec": {
            "variables": copy.deepcopy(variables),
            "workers": {"machineDeployments": [{"class": w, "template": {}} for w in workers]},
        },
    }


def version(provider: str, minor: str, patch: str, number: str, variables: list[dict[str, Any]], workers: list[str], released: str | None = "2025-01-01") -> StackVersion:
    """Return a StackVersion of the "scs" stack."""
    class_name = f"{provider}-scs-{minor.replace('.', '-')}-{number}"
    return StackVersion(
        provider=provider,
        stack="scs",
        kubernetes_version=f"{minor}.{patch}",
        version=number,
        released=released,
        content_hash="0" * 12,
        components=(),
        addon_stages=(),
        cluster_class=cluster_class(class_name, variables, workers),
    )


NEWEST = version("openstack", "1.32", "5", "v2", VARIABLES, ["default-worker", "big-worker"])
OLDER = version("openstack", "1.31", "9", "v1", OTHER_VARIABLES, ["default-worker"])
DOCKER = version("docker", "1.32", "3", "v1", [VARIABLES[0], VARIABLES[5]], ["default-worker"])
WORKING = version("openstack", "1.32", "5", "v3", VARIABLES, ["default-worker", "big-worker"], released=None)  # the unreleased working state


def stacks() -> list[Stack]:
    """Return two stacks: openstack/scs with two released versions and the unreleased working state, docker/scs with one."""
    return [
        Stack(provider="openstack", name="scs", path="openstack/scs", readme=None, versions=(OLDER, NEWEST, WORKING)),
        Stack(provider="docker", name="scs", path="docker/scs", readme=None, versions=(DOCKER,)),
    ]
