"""The seam's "upgrade" says which machines roll, from both versions' topology inputs, as `generator upgrade --plan` does."""

from __future__ import annotations

import json
from typing import Any

from generator import browser, manifests
from generator.rollout import plan_upgrade
from generator.topology.stack import topology_inputs
from tests.topology.stacks_support import versions, working

SOURCE = "openstack-scs-1-32-v3"
TARGET = "openstack-scs-1-33-v2"


def _ask(session: browser.Session, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return json.loads(browser.dispatch(kind, json.dumps(payload), session))


def _upgrade(session: browser.Session, form: manifests.ClusterForm) -> dict[str, Any]:
    stack = manifests.default_clusterstack_form(versions()[SOURCE])
    return _ask(session, "upgrade", {"to": TARGET, "cluster": form.to_dict(), "clusterstack": stack.to_dict(), "renames": []})["result"]


def test_the_plan_of_an_upgrade_across_a_minor_replaces_the_control_plane_machines() -> None:
    session = browser.Session()
    for name in (SOURCE, TARGET):
        _ask(session, "load_version", versions()[name].to_dict())
        _ask(session, "load_topology", {"className": name, "inputs": topology_inputs(working(name))})
    form = manifests.default_cluster_form(versions()[SOURCE])
    form.variables = {"worker_flavor": "SCS-4V-8"}
    result = _upgrade(session, form)
    # What the CLI's --plan computes for the same two Clusters.
    before = manifests.generate_cluster(versions()[SOURCE], form).objects[0]
    after = manifests.generate_cluster(versions()[TARGET], manifests.ClusterForm.from_dict(result["cluster"])).objects[0]
    plan, problems = plan_upgrade(before, working(SOURCE).objects, after, working(TARGET).objects)
    assert result["plan"] == {
        "available": True,
        "replacesMachines": plan.replaces_machines,
        "rollouts": [str(r) for r in plan.rollouts],
        "changedObjects": len(plan.objects),
        "problems": problems,
    }
    assert problems == [] and result["plan"]["replacesMachines"] is True
    assert result["plan"]["rollouts"][0].startswith("control plane: machines are replaced (rollout): Kubernetes v1.32")


def test_without_the_templates_of_a_side_the_plan_says_which_are_missing() -> None:
    session = browser.Session()
    for name in (SOURCE, TARGET):
        _ask(session, "load_version", versions()[name].to_dict())
    _ask(session, "load_topology", {"className": TARGET, "inputs": topology_inputs(working(TARGET))})
    result = _upgrade(session, manifests.default_cluster_form(versions()[SOURCE]))
    assert result["plan"] == {"available": False, "missing": [SOURCE]}
