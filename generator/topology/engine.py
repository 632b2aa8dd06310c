"""The ClusterClass patch engine: patches applied in order to the class's templates, then to the desired objects.

Mirrors ``patches/engine.go``. One request holds every template (InfrastructureClusterTemplate,
control plane template, its machine template, and per MachineDeployment its bootstrap and
infrastructure template); each ClusterClass patch sees the templates as the patches before it
left them. Only ``spec`` of a patched template is taken over. At the end each desired object's
spec is replaced by its patched template's ``spec.template.spec``, keeping what the topology
controller set itself on the control plane (version, replicas, machine template).

Differences from Cluster API, on purpose and reported: external (Runtime SDK) patches cannot
run offline and are listed as not applied; where Cluster API stops at the first failing patch,
this engine reports it and goes on with the others so that every problem shows at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.gotemplate.quoting import go_quote
from generator.topology.desired import Blueprint, DesiredState, control_plane_preserved_paths
from generator.topology.inline import BOOTSTRAP_FIELD, CLUSTER_CONTROL_PLANE_FIELD, CLUSTER_INFRASTRUCTURE_FIELD, INFRASTRUCTURE_FIELD, PatchError, RequestItem, generate
from generator.jsonvalue import clone
from generator.topology.jsonpatch import JSONPatchError, apply_patch
from generator.topology.variables import control_plane_variables, global_variables, machine_deployment_variables
from generator import apiversions as api


@dataclass(frozen=True)
class AppliedPatch:
    """One JSON patch operation that changed a template: which patch, where in the class, which object and path."""

    patch: str
    definition: str  # field path of the definition in the ClusterClass
    target_kind: str
    target_name: str
    op: str
    path: str  # JSON pointer in the template, e.g. /spec/template/spec/flavor

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"patch": self.patch, "definition": self.definition, "kind": self.target_kind, "name": self.target_name, "op": self.op, "path": self.path}


@dataclass
class PatchOutcome:
    """What applying the class's patches did: the operations applied, the errors, the patches not run."""

    applied: list[AppliedPatch] = field(default_factory=list)
    errors: list[PatchError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # warnings: external patches


@dataclass
class _Target:
    """A request item and the desired object its patched spec goes to."""

    item: RequestItem
    desired: dict[str, Any]
    object_spec: bool  # True: desired.spec = template.spec.template.spec; False: desired.spec.template.spec = …
    preserve: list[tuple[str, ...]] = field(default_factory=list)
    md_index: int | None = None


def _name(obj: dict[str, Any]) -> str:
    return str((obj.get("metadata") or {}).get("name", ""))


def _targets(blueprint: Blueprint, desired: DesiredState) -> list[_Target]:
    """Build the patch request: the class's templates with their holders (createRequest)."""
    cluster_name = _name(desired.cluster)
    targets = [
        _Target(RequestItem("infrastructure-cluster", "Cluster", cluster_name, CLUSTER_INFRASTRUCTURE_FIELD, clone(blueprint.infrastructure_cluster_template)), desired.infrastructure_cluster, True),
        _Target(RequestItem("control-plane", "Cluster", cluster_name, CLUSTER_CONTROL_PLANE_FIELD, clone(blueprint.control_plane_template)), desired.control_plane, True, control_plane_preserved_paths(desired.control_plane)),
    ]
    if blueprint.control_plane_machine_template is not None and desired.control_plane_machine_template is not None:
        holder_field = ".".join(api.control_plane_infrastructure_ref_path(str(desired.control_plane.get("apiVersion", ""))))
        item = RequestItem("control-plane-machine-template", str(desired.control_plane.get("kind")), _name(desired.control_plane), holder_field, clone(blueprint.control_plane_machine_template))
        targets.append(_Target(item, desired.control_plane_machine_template, False))
    for index, md in enumerate(desired.machine_deployments):
        _, bootstrap, infrastructure = blueprint.machine_deployment_classes[str(md.topology.get("class"))]
        md_name = _name(md.object)
        targets.append(_Target(RequestItem(f"md-{index}-bootstrap", "MachineDeployment", md_name, BOOTSTRAP_FIELD, clone(bootstrap)), md.bootstrap_template, False, md_index=index))
        targets.append(_Target(RequestItem(f"md-{index}-infrastructure", "MachineDeployment", md_name, INFRASTRUCTURE_FIELD, clone(infrastructure)), md.infrastructure_template, False, md_index=index))
    return targets


def _inline_variable_names(cluster_class: dict[str, Any]) -> set[str]:
    """Return the variables inline patches may read: every variable the class itself defines."""
    names = set()
    for definition in (cluster_class.get("spec") or {}).get("variables") or ():
        if isinstance(definition, dict) and isinstance(definition.get("name"), str):
            names.add(definition["name"])
    return names


def _add_variables(targets: list[_Target], desired: DesiredState, cluster: dict[str, Any], defined: set[str]) -> dict[str, Any]:
    """Set each item's role variables and return the global ones (addVariablesForPatch)."""
    v1beta2 = api.is_v1beta2(cluster.get("apiVersion"))
    topology = (cluster.get("spec") or {}).get("topology") or {}
    globals_ = global_variables(cluster, defined, v1beta2)
    cp_variables = control_plane_variables(topology.get("controlPlane") or {}, desired.control_plane, desired.control_plane_machine_template, defined, v1beta2)
    for target in targets:
        item = target.item
        if item.holder_kind == "Cluster" and item.holder_field == CLUSTER_CONTROL_PLANE_FIELD:
            item.variables = cp_variables
        elif item.uid == "control-plane-machine-template":
            item.variables = cp_variables
        elif target.md_index is not None:
            md = desired.machine_deployments[target.md_index]
            item.variables = machine_deployment_variables(md.topology, md.object, md.bootstrap_template, md.infrastructure_template, defined, v1beta2)
        else:
            item.variables = {}
    return globals_


def _copy_spec(source: dict[str, Any], destination: dict[str, Any], object_spec: bool, preserve: list[tuple[str, ...]]) -> None:
    """Put a patched template's ``spec.template.spec`` into the desired object, keeping ``preserve`` (copySpec)."""
    kept = []
    for path in preserve:
        current: Any = destination
        for part in path:
            current = current.get(part) if isinstance(current, dict) else None
        if current is not None:
            kept.append((path, clone(current)))
    spec = clone(((source.get("spec") or {}).get("template") or {}).get("spec"))
    if object_spec:
        destination["spec"] = spec if spec is not None else {}
    else:
        destination.setdefault("spec", {}).setdefault("template", {})["spec"] = spec if spec is not None else {}
    for path, value in kept:
        current = destination
        for part in path[:-1]:
            current = current.setdefault(part, {})
        current[path[-1]] = value


def apply_patches(blueprint: Blueprint, desired: DesiredState, cluster: dict[str, Any]) -> PatchOutcome:
    """Apply the ClusterClass's patches to the desired state in place; return what was applied and what failed."""
    outcome = PatchOutcome()
    patches = (blueprint.spec.get("patches") or [])
    if not patches:
        return outcome
    targets = _targets(blueprint, desired)
    by_uid = {target.item.uid: target for target in targets}
    defined = _inline_variable_names(blueprint.cluster_class)
    # Every inline patch sees the same variables (all the class defines "inline"), so they are computed once.
    globals_ = _add_variables(targets, desired, cluster, defined)
    cache: dict[object, object] = {}
    for index, patch in enumerate(patches):
        if not isinstance(patch, dict):
            continue
        name = str(patch.get("name", f"#{index}"))
        patch_field = f"spec.patches[{index}]"
        if not patch.get("definitions"):
            external = patch.get("external") or {}
            extension = external.get("generatePatchesExtension") or external.get("generateExtension") or external.get("validateTopologyExtension") or external.get("validateExtension") or "?"
            outcome.skipped.append(f"{patch_field}: patch {go_quote(name)} is an external patch (Runtime SDK extension {extension}); it cannot run offline and is not applied")
            continue
        generated = generate(patch, patch_field, [t.item for t in targets], globals_, cache)
        outcome.errors.extend(generated.errors)
        for uid, operations, definition in generated.patches:
            item = by_uid[uid].item
            try:
                patched = apply_patch(item.object, operations)
            except JSONPatchError as error:
                message = f"failed to apply patches for patch {go_quote(name)}: failed to apply patch: error applying json patch (RFC6902): {error}"
                outcome.errors.append(PatchError(name, f"{definition}.jsonPatches", item.label, message))
                continue
            if not isinstance(patched, dict) or "spec" not in patched:
                outcome.errors.append(PatchError(name, f"{definition}.jsonPatches", item.label, 'failed to apply patch to template: missing field "spec"'))
                continue
            item.object["spec"] = patched["spec"]  # only spec changes are taken over (patchTemplateSpec)
            for operation in operations:
                outcome.applied.append(AppliedPatch(name, definition, str(item.object.get("kind")), _name(by_uid[uid].desired), str(operation.get("op")), str(operation.get("path"))))
    for target in targets:
        _copy_spec(target.item.object, target.desired, target.object_spec, target.preserve)
    return outcome
