"""ClusterClass variable definitions shaped like the ones this project's stacks ship."""

from __future__ import annotations

from typing import Any


def definition(name: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    """Build one ClusterClass spec.variables entry."""
    return {"name": name, "required": required, "schema": {"openAPIV3Schema": schema}}


DEFINITIONS: list[dict[str, Any]] = [
    definition("external_network_id", {"type": "string", "format": "uuid", "example": "ebfe5546-f09f-4f42-ab54-094e457d42ec"}),
    definition("node_cidr", {"type": "string", "format": "cidr", "default": "10.8.0.0/20"}),
    definition("dns_nameservers", {"type": "array", "default": ["9.9.9.9"], "minItems": 1, "items": {"type": "string", "format": "ipv4"}}),
    definition("worker_root_disk", {"type": "integer", "default": 50, "minimum": 0}),
    definition("apiserver_loadbalancer", {"type": "string", "enum": ["none", "octavia-amphora", "octavia-ovn"], "default": "octavia-amphora"}),
    definition("disable_api_server_floating_ip", {"type": "boolean", "default": False}),
    definition(
        "oidc_config",
        {
            "type": "object",
            "properties": {
                "issuerURL": {"type": "string", "format": "uri"},
                "clientID": {"type": "string", "minLength": 1},
                "usernameClaim": {"type": "string", "default": "preferred_username"},
                "groupsClaim": {"type": "string", "default": "groups"},
            },
            "required": ["issuerURL", "clientID"],
            "x-kubernetes-validations": [
                {"rule": "self.issuerURL.startsWith('https://')", "message": "issuerURL must use https"}
            ],
        },
    ),
    definition("control_plane_flavor", {"type": "string", "minLength": 1}, required=True),
]
