"""Predict what Cluster API does to a cluster's machines when its desired objects change (pure).

Given the desired objects of a cluster before and after a change (as ``generator.topology``
computes them), say which objects change and whether the control plane's and each machine
deployment's machines are replaced (a rollout) or only updated in place. The rules are
Cluster API's:

- the topology controller *rotates* a referenced template (creates a new one and points the
  owner at it) only when the template's ``spec`` changes; metadata is updated in place;
- KubeadmControlPlane replaces its machines when its ``version``, its machine
  infrastructure template or its ``kubeadmConfigSpec`` changes; its replicas only scale and
  ``machineTemplate.metadata`` and timeouts are propagated in place;
- a MachineDeployment replaces its machines when ``spec.template.spec`` changes (version,
  a rotated bootstrap or infrastructure template, failure domain), except the node
  timeouts that are propagated in place; replicas only scale, template labels and
  annotations are propagated in place;
- everything else (the Cluster, the infrastructure cluster) is updated in place.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

# MachineDeployment/KCP fields Cluster API propagates to existing machines without replacing them (since v1.4).
_IN_PLACE_MACHINE_FIELDS = ("nodeDrainTimeout", "nodeVolumeDetachTimeout", "nodeDeletionTimeout")
# Annotations that name the class template an object was cloned from: they follow the class, not the content.
_CLONED_FROM = ("cluster.x-k8s.io/cloned-from-name", "cluster.x-k8s.io/cloned-from-groupkind")
_DEPLOYMENT_LABEL = "topology.cluster.x-k8s.io/deployment-name"


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its path in the object, the value before and after (None where absent)."""

    path: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"path": self.path, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class ObjectChange:
    """An object of the topology that is added, removed or changed, by its role in the cluster."""

    role: str  # "Cluster", "infrastructure cluster", "control plane", "control plane machine template", "machine deployment md-0", …
    kind: str
    change: str  # CHANGED | ADDED | REMOVED
    fields: tuple[FieldChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"role": self.role, "kind": self.kind, "change": self.change, "fields": [f.to_dict() for f in self.fields]}


@dataclass(frozen=True)
class Rollout:
    """Whether the machines of the control plane or of one machine deployment are replaced, and why."""

    machines: str  # "control plane" or "machine deployment md-0"
    replaced: bool
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"machines": self.machines, "replaced": self.replaced, "reasons": list(self.reasons)}

    def __str__(self) -> str:
        if self.replaced:
            return f"{self.machines}: machines are replaced (rollout): {'; '.join(self.reasons)}"
        return f"{self.machines}: no rollout" + (f" ({'; '.join(self.reasons)})" if self.reasons else "")


@dataclass(frozen=True)
class Plan:
    """What changes between two desired states of one cluster."""

    objects: tuple[ObjectChange, ...] = ()
    rollouts: tuple[Rollout, ...] = ()

    @property
    def replaces_machines(self) -> bool:
        """Say whether any machine is replaced."""
        return any(r.replaced for r in self.rollouts)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"objects": [o.to_dict() for o in self.objects], "rollouts": [r.to_dict() for r in self.rollouts], "replacesMachines": self.replaces_machines}


@dataclass
class _Roles:
    """The objects of one desired state by role (templates found through the refs that name them)."""

    cluster: dict[str, Any] | None = None
    infrastructure: dict[str, Any] | None = None
    control_plane: dict[str, Any] | None = None
    control_plane_template: dict[str, Any] | None = None
    deployments: dict[str, dict[str, Any]] = field(default_factory=dict)  # topology name → MachineDeployment
    bootstrap: dict[str, dict[str, Any]] = field(default_factory=dict)
    machines: dict[str, dict[str, Any]] = field(default_factory=dict)

    def pairs(self) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """Yield every role with its object, in the order a person reads a cluster."""
        yield "Cluster", self.cluster
        yield "infrastructure cluster", self.infrastructure
        yield "control plane", self.control_plane
        yield "control plane machine template", self.control_plane_template
        for name in self.deployments:
            yield f"machine deployment {name}", self.deployments[name]
            yield f"machine deployment {name} bootstrap template", self.bootstrap.get(name)
            yield f"machine deployment {name} machine template", self.machines.get(name)


def plan_rollout(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> Plan:
    """Return the object changes and the rollouts Cluster API performs to go from ``before`` to ``after``."""
    old, new = _roles(before), _roles(after)
    old_pairs, new_pairs = dict(old.pairs()), dict(new.pairs())
    changes: list[ObjectChange] = []
    for role in [*old_pairs, *[r for r in new_pairs if r not in old_pairs]]:
        was, now = old_pairs.get(role), new_pairs.get(role)
        if was is None and now is None:
            continue
        if was is None:
            changes.append(ObjectChange(role, str(now.get("kind")), ADDED))
        elif now is None:
            changes.append(ObjectChange(role, str(was.get("kind")), REMOVED))
        else:
            fields = tuple(diff(was, now))
            if fields:
                changes.append(ObjectChange(role, str(now.get("kind")), CHANGED, fields))
    rollouts = [_control_plane_rollout(old, new)] if old.control_plane or new.control_plane else []
    rollouts += [_deployment_rollout(name, old, new) for name in [*old.deployments, *[n for n in new.deployments if n not in old.deployments]]]
    return Plan(tuple(changes), tuple(rollouts))


def describe_plan(plan: Plan) -> str:
    """Return the plan as the CLI prints it: the rollouts first, then every changed field."""
    lines = [str(r) for r in plan.rollouts]
    for change in plan.objects:
        if change.change != CHANGED:
            lines.append(f"{change.role} ({change.kind}): {change.change}")
            continue
        lines.append(f"{change.role} ({change.kind}): changed")
        lines.extend(f"  {f.path}: {_short(f.before)} → {_short(f.after)}" for f in change.fields)
    return "\n".join(lines) + "\n" if lines else "nothing changes\n"


def _control_plane_rollout(old: _Roles, new: _Roles) -> Rollout:
    was, now = old.control_plane, new.control_plane
    if was is None or now is None:
        return Rollout("control plane", False, ("created" if was is None else "deleted",))
    reasons = []
    if _get(was, "spec", "version") != _get(now, "spec", "version"):
        reasons.append(f"Kubernetes {_get(was, 'spec', 'version')} → {_get(now, 'spec', 'version')}")
    template = _spec_paths(old.control_plane_template, new.control_plane_template)
    if template:
        reasons.append(f"its machine template changes ({', '.join(template)})")
    config = [f.path for f in diff(was, now) if f.path.startswith("spec.kubeadmConfigSpec")]
    if config:
        reasons.append(f"its kubeadm configuration changes ({', '.join(config)})")
    return Rollout("control plane", bool(reasons), tuple(reasons) or _in_place(was, now))


def _deployment_rollout(name: str, old: _Roles, new: _Roles) -> Rollout:
    machines = f"machine deployment {name}"
    was, now = old.deployments.get(name), new.deployments.get(name)
    if was is None or now is None:
        return Rollout(machines, False, ("created" if was is None else "deleted",))
    reasons = []
    if _get(was, "spec", "template", "spec", "version") != _get(now, "spec", "template", "spec", "version"):
        reasons.append(f"Kubernetes {_get(was, 'spec', 'template', 'spec', 'version')} → {_get(now, 'spec', 'template', 'spec', 'version')}")
    bootstrap = _spec_paths(old.bootstrap.get(name), new.bootstrap.get(name))
    if bootstrap:
        reasons.append(f"its bootstrap template changes ({', '.join(bootstrap)})")
    infrastructure = _spec_paths(old.machines.get(name), new.machines.get(name))
    if infrastructure:
        reasons.append(f"its machine template changes ({', '.join(infrastructure)})")
    other = [
        f.path
        for f in diff(was, now)
        if f.path.startswith("spec.template.spec.")
        and not f.path.startswith(("spec.template.spec.version", "spec.template.spec.bootstrap", "spec.template.spec.infrastructureRef"))
        and f.path.rsplit(".", 1)[-1] not in _IN_PLACE_MACHINE_FIELDS
    ]
    if other:
        reasons.append(f"its machine spec changes ({', '.join(other)})")
    return Rollout(machines, bool(reasons), tuple(reasons) or _in_place(was, now))


def _in_place(was: dict[str, Any], now: dict[str, Any]) -> tuple[str, ...]:
    """Say what changes without a rollout (replicas scale, the rest is updated in place), if anything."""
    fields = [f.path for f in diff(was, now)]
    return (f"updated in place: {', '.join(fields)}",) if fields else ()


def _spec_paths(was: dict[str, Any] | None, now: dict[str, Any] | None) -> list[str]:
    """Return the spec fields of a template that differ: what makes the topology controller rotate it."""
    if was is None or now is None:
        return ["the template is new"] if was is not now else []
    return [f.path for f in diff(was, now) if f.path == "spec" or f.path.startswith("spec.")]


def _roles(objects: list[dict[str, Any]]) -> _Roles:
    roles = _Roles()
    roles.cluster = next((o for o in objects if o.get("kind") == "Cluster"), None)
    if roles.cluster is None:
        return roles
    spec = roles.cluster.get("spec") or {}
    roles.infrastructure = _referenced(objects, spec.get("infrastructureRef"))
    roles.control_plane = _referenced(objects, spec.get("controlPlaneRef"))
    if roles.control_plane is not None:
        template = roles.control_plane.get("spec", {}).get("machineTemplate", {}) or {}
        ref = template.get("infrastructureRef") or (template.get("spec") or {}).get("infrastructureRef")
        roles.control_plane_template = _referenced(objects, ref)
    for deployment in (o for o in objects if o.get("kind") == "MachineDeployment"):
        labels = (deployment.get("metadata") or {}).get("labels") or {}
        name = str(labels.get(_DEPLOYMENT_LABEL) or (deployment.get("metadata") or {}).get("name"))
        roles.deployments[name] = deployment
        machine = _get(deployment, "spec", "template", "spec") or {}
        roles.bootstrap[name] = _referenced(objects, (machine.get("bootstrap") or {}).get("configRef"))
        roles.machines[name] = _referenced(objects, machine.get("infrastructureRef"))
    return roles


def _referenced(objects: list[dict[str, Any]], ref: Any) -> dict[str, Any] | None:
    if not isinstance(ref, dict):
        return None
    for obj in objects:
        if obj.get("kind") == ref.get("kind") and (obj.get("metadata") or {}).get("name") == ref.get("name"):
            return obj
    return None


def diff(before: Any, after: Any, path: str = "") -> Iterator[FieldChange]:
    """Yield every leaf that differs, by field path; names Cluster API generates are not compared.

    Lists of objects with a ``name`` are matched by name (``variables[node_image].value``), other
    lists by position. Object names and the names inside references carry a generated suffix, and
    the cloned-from annotations follow the class's template names: neither says anything about
    content.
    """
    if isinstance(before, dict) and isinstance(after, dict):
        is_ref = {"kind", "name"} <= (before.keys() & after.keys()) and "apiVersion" in before
        for key in [*before, *[k for k in after if k not in before]]:
            child = f"{path}.{key}" if path else str(key)
            if key == "name" and (is_ref or path == "metadata"):
                continue
            if path == "metadata.annotations" and key in _CLONED_FROM:
                continue
            yield from diff(before.get(key), after.get(key), child)
    elif isinstance(before, list) and isinstance(after, list) and _named(before) and _named(after):
        old = {item["name"]: item for item in before}
        new = {item["name"]: item for item in after}
        for name in [*old, *[n for n in new if n not in old]]:
            yield from diff(old.get(name), new.get(name), f"{path}[{name}]")
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (was, now) in enumerate(zip(before, after)):
            yield from diff(was, now, f"{path}[{i}]")
    elif before != after:
        yield FieldChange(path, before, after)


def _named(items: list[Any]) -> bool:
    names = [item.get("name") for item in items if isinstance(item, dict)]
    return len(names) == len(items) and all(isinstance(n, str) for n in names) and len(set(names)) == len(names)


def _get(obj: Any, *keys: str) -> Any:
    for key in keys:
        obj = obj.get(key) if isinstance(obj, dict) else None
    return obj


def _short(value: Any) -> str:
    """Print a value on one line, cut at 80 characters: the plan is read, the objects are in --json."""
    text = "none" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def plan_upgrade(before_cluster: dict[str, Any], before_objects: list[dict[str, Any]], after_cluster: dict[str, Any], after_objects: list[dict[str, Any]]) -> tuple[Plan, list[str]]:
    """Return the plan from a Cluster on its version to the migrated Cluster on the target, and the problems.

    ``*_objects`` are what each version's cluster-class chart renders (the ClusterClass and its
    templates); the desired objects of each side come from ``generator.topology``, exactly as the
    topology preview computes them. Problems are the topology's errors, prefixed by the side.
    """
    from generator.topology import compute_topology  # the topology engine is large; only plans need it

    before = compute_topology(before_cluster, before_objects)
    after = compute_topology(after_cluster, after_objects)
    problems = [f"as it is: {error}" for error in before.errors] + [f"after the upgrade: {error}" for error in after.errors]
    if problems:
        return Plan(), problems
    return plan_rollout(before.objects, after.objects), []
