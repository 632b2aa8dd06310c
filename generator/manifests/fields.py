"""Where the form's fixed fields live in the manifests: one table for building, checking, parsing and the editor.

Each :class:`FormField` pairs a key of the form's JSON (``ClusterForm.to_dict``,
``ClusterStackForm.to_dict``) with the path of the manifest field it becomes,
so the builder writes there, the checks report there, the parser reads from
there and the editor's form puts a problem next to the input it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Path = tuple[str | int, ...]


def field_path(path: Path) -> str:
    """Return a data path as Kubernetes prints a field path: ``spec.topology.variables[0].value``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text = f"{text}.{part}" if text else part
    return text


def key_text(key: Any) -> str:
    """Return a mapping key as the string Kubernetes' YAML-to-JSON conversion makes of it."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


@dataclass(frozen=True)
class FormField:
    """A form input and the manifest field it becomes."""

    key: str  # the form's JSON key
    path: Path  # within the object (the Cluster, the ClusterStack or the release template)

    @property
    def text(self) -> str:
        """Return the field path as Kubernetes prints it."""
        return field_path(self.path)


# --- the Cluster ---------------------------------------------------------------------------------

NAME = FormField("name", ("metadata", "name"))
NAMESPACE = FormField("namespace", ("metadata", "namespace"))
LABELS = FormField("labels", ("metadata", "labels"))
POD_CIDRS = FormField("podCidrs", ("spec", "clusterNetwork", "pods", "cidrBlocks"))
SERVICE_CIDRS = FormField("serviceCidrs", ("spec", "clusterNetwork", "services", "cidrBlocks"))
SERVICE_DOMAIN = FormField("serviceDomain", ("spec", "clusterNetwork", "serviceDomain"))
KUBERNETES_VERSION = FormField("kubernetesVersion", ("spec", "topology", "version"))
CONTROL_PLANE_REPLICAS = FormField("controlPlaneReplicas", ("spec", "topology", "controlPlane", "replicas"))
CONTROL_PLANE_OVERRIDES = FormField("controlPlaneVariables", ("spec", "topology", "controlPlane", "variables", "overrides"))  # by name in the form
MACHINE_DEPLOYMENTS = FormField("machineDeployments", ("spec", "topology", "workers", "machineDeployments"))
VARIABLES = FormField("variables", ("spec", "topology", "variables"))
# v1beta1 names the ClusterClass in spec.topology.class, v1beta2 in spec.topology.classRef.name.
CLASS_V1BETA1 = FormField("className", ("spec", "topology", "class"))
CLASS_V1BETA2 = FormField("className", ("spec", "topology", "classRef", "name"))

# Within one item of MACHINE_DEPLOYMENTS.
MD_NAME = FormField("name", ("name",))
MD_CLASS = FormField("class", ("class",))
MD_REPLICAS = FormField("replicas", ("replicas",))
MD_FAILURE_DOMAIN = FormField("failureDomain", ("failureDomain",))
MD_OVERRIDES = FormField("variables", ("variables", "overrides"))  # the pool's variable overrides, by name in the form


def class_field(api_version: str) -> FormField:
    """Return where a Cluster of this apiVersion names its ClusterClass."""
    return CLASS_V1BETA2 if api_version.endswith("/v1beta2") else CLASS_V1BETA1


def machine_deployment(index: int, item: FormField | None = None) -> Path:
    """Return the path of a machine deployment (or of one of its fields) in the Cluster."""
    return (*MACHINE_DEPLOYMENTS.path, index, *(item.path if item else ()))


def variable(name: str) -> str:
    """Return the field path of a variable by name, as Cluster API prints it: ``spec.topology.variables[cpu]``."""
    return f"{VARIABLES.text}[{name}]"


# --- the ClusterStack and its release template ------------------------------------------------------

STACK_NAMESPACE = FormField("namespace", ("metadata", "namespace"))
CHANNEL = FormField("channel", ("spec", "channel"))
VERSIONS = FormField("versions", ("spec", "versions"))
AUTO_SUBSCRIBE = FormField("autoSubscribe", ("spec", "autoSubscribe"))
IDENTITY_SECRET = FormField("identitySecret", ("spec", "template", "spec", "identityRef", "name"))  # in the release template


def put(obj: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``value`` at ``path`` in a nested object, creating the mappings on the way in the order they are first needed."""
    node = obj
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
