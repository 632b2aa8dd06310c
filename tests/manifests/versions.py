"""Hand-made Cluster Stack versions for the manifest tests: small ClusterClasses with the variables under test."""

from __future__ import annotations

import copy
from typing import Any

from generator.model import StackVersion

VARIABLES: list[dict[str, Any]] = [
    {
        "name": "controller_flavor",
        "required": True,
        "schema": {"openAPIV3Schema": {"type": "string", "default": "SCS-2V-4-20s", "example": "SCS-4V-8"}},
    },
    {
        "name": "worker_flavor",
        "required": False,
        "schema": {"openAPIV3Schema": {"type": "string", "default": "SCS-2V-4"}},
    },
    {
        "name": "ssh_keypair",
        "required": False,
        "schema": {"openAPIV3Schema": {"type": "string", "minLength": 1}},
    },
    {
        "name": "worker_root_disk",
        "required": False,
        "schema": {"openAPIV3Schema": {"type": "integer", "minimum": 20, "default": 50}},
    },
    {
        "name": "oidc_config",
        "required": False,
        "schema": {
            "openAPIV3Schema": {
                "type": "object",
                "properties": {
                    "issuer_url": {"type": "string"},
                    "client_id": {"type": "string", "default": "kubectl"},
                },
            }
        },
    },
]


def cluster_class(api_version: str = "cluster.x-k8s.io/v1beta1", variables: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Return a ClusterClass with two machine deployment classes and the given variables."""
    return {
        "apiVersion": api_version,
        "kind": "ClusterClass",
        "metadata": {"name": "openstack-scs-1-32-v2"},
        "spec": {
            "variables": copy.deepcopy(VARIABLES if variables is None else variables),
            "workers": {"machineDeployments": [{"class": "default-worker"}, {"class": "large-worker"}]},
        },
    }


def stack_version(
    provider: str = "openstack",
    stack: str = "scs",
    kubernetes_version: str = "1.32.5",
    version: str = "v2",
    api_version: str = "cluster.x-k8s.io/v1beta1",
    variables: list[dict[str, Any]] | None = None,
) -> StackVersion:
    """Return a released StackVersion around ``cluster_class``."""
    return StackVersion(
        provider=provider,
        stack=stack,
        kubernetes_version=kubernetes_version,
        version=version,
        released="2025-06-01",
        content_hash="0" * 12,
        components=(),
        addon_stages=(),
        cluster_class=cluster_class(api_version, variables),
    )


OPENSTACK = stack_version()
OPENSTACK_V1BETA2 = stack_version(api_version="cluster.x-k8s.io/v1beta2", version="v3")
DOCKER = stack_version(provider="docker", kubernetes_version="1.31.9", version="v1")
KUBEVIRT = stack_version(provider="kubevirt", kubernetes_version="1.33.1", version="v1")
ALL = (OPENSTACK, OPENSTACK_V1BETA2, DOCKER, KUBEVIRT)
BY_CLASS = {v.class_name: v for v in ALL}
