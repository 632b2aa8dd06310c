"""The machine-readable record of a stack version: ``/stacks/<class-name>/release.json`` and ``/stacks/index.json``.

Operators derive allow-lists from it (the permitted Kubernetes patch versions, node image
checksums) and pipelines pin releases by it, so its shape is a contract (README): keys are
never renamed, only added. Pure: a dictionary in, a dictionary out; same input, same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from generator.clusterclass import kubernetes_versions, template_refs
from generator.model import Stack, StackVersion

RECORD_SCHEMA = 1


def release_record(version: StackVersion) -> dict[str, Any]:
    """Return the record of one stack version."""
    return {
        "schemaVersion": RECORD_SCHEMA,
        "className": version.class_name,
        "provider": version.provider,
        "stack": version.stack,
        "version": version.version,
        "channel": version.channel,
        "released": version.released,
        "kubernetesVersion": version.kubernetes_version,
        "contentHash": version.content_hash,
        "components": [c.to_dict() for c in version.components],
        "nodeImages": [i.to_dict() for i in version.node_images],
        "apiVersions": {
            "clusterClass": version.api_version,
            "templates": [ref.to_dict() for ref in template_refs(version.cluster_class)],
        },
        "kubernetesVersions": kubernetes_versions(version.cluster_class),
        "page": f"/stacks/{version.class_name}/",
    }


def release_index(stacks: list[Stack]) -> dict[str, Any]:
    """Return the index of every version: its record's summary and where the full record is."""
    versions = []
    for stack in stacks:
        for version in stack.versions:
            record = release_record(version)
            versions.append(
                {key: record[key] for key in ("className", "provider", "stack", "version", "channel", "released", "kubernetesVersion")}
                | {"record": f"/stacks/{version.class_name}/release.json"}
            )
    return {"schemaVersion": RECORD_SCHEMA, "versions": versions}


def to_json(data: dict[str, Any]) -> str:
    """Return the JSON text written to the site: keys in the order above (the reading order), newline-terminated."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
