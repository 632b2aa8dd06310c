"""generator.changes: what changed between two Cluster Stack versions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.changes import ADDED, BUMPED, CHANGED, REMOVED, AspectChange, ComponentChange, VariableChange, compare_variables, compare_versions
from tests.pages.samples import DISK, FLAVOR, LB, NAMESERVERS, OIDC, openstack_history, stack_version, variable


def schema(definition: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Return a copy of a variable definition with its schema keywords changed (None removes one)."""
    node = dict(definition["schema"]["openAPIV3Schema"])
    for key, value in changes.items():
        if value is None:
            node.pop(key, None)
        else:
            node[key] = value
    return variable(definition["name"], node, required=definition["required"])


@pytest.mark.parametrize(
    ("before", "after", "want"),
    [
        pytest.param([FLAVOR], [FLAVOR], [], id="reports nothing for identical variables"),
        pytest.param([FLAVOR], [FLAVOR, DISK], [VariableChange("controller_root_disk", ADDED)], id="reports an added variable"),
        pytest.param([FLAVOR, DISK], [FLAVOR], [VariableChange("controller_root_disk", REMOVED)], id="reports a removed variable"),
        pytest.param([DISK], [schema(DISK, default=100)], [VariableChange("controller_root_disk", CHANGED, (AspectChange("default", 50, 100),))], id="reports a changed default"),
        pytest.param([DISK], [schema(DISK, default=None)], [VariableChange("controller_root_disk", CHANGED, (AspectChange("default", 50, None),))], id="reports a default that was dropped"),
        pytest.param([DISK], [schema(DISK, type="number")], [VariableChange("controller_root_disk", CHANGED, (AspectChange("type", "integer", "number"),))], id="reports a changed type"),
        pytest.param(
            [DISK],
            [schema(DISK, minimum=30, maximum=None)],
            [VariableChange("controller_root_disk", CHANGED, (AspectChange("minimum", 20, 30), AspectChange("maximum", 500, None)))],
            id="reports changed bounds in a fixed order",
        ),
        pytest.param(
            [LB],
            [schema(LB, enum=["none", "octavia-ovn"])],
            [VariableChange("apiserver_loadbalancer", CHANGED, (AspectChange("enum", ["none", "octavia-amphora", "octavia-ovn"], ["none", "octavia-ovn"]),))],
            id="reports a narrowed enum",
        ),
        pytest.param(
            [FLAVOR],
            [variable("controller_flavor", FLAVOR["schema"]["openAPIV3Schema"], required=False)],
            [VariableChange("controller_flavor", CHANGED, (AspectChange("required", True, False),))],
            id="reports a variable that is no longer required",
        ),
        pytest.param([FLAVOR], [schema(FLAVOR, description="Other words.", example="SCS-8V-16")], [], id="ignores a changed description or example"),
        pytest.param(
            [DISK],
            [schema(DISK, **{"x-kubernetes-validations": [{"rule": "self % 10 == 0"}]})],
            [VariableChange("controller_root_disk", CHANGED, (AspectChange("x-kubernetes-validations", None, [{"rule": "self % 10 == 0"}]),))],
            id="reports a new CEL rule",
        ),
        pytest.param(
            [OIDC],
            [schema(OIDC, properties={**OIDC["schema"]["openAPIV3Schema"]["properties"], "username_claim": {"type": "string", "default": "email"}})],
            [VariableChange("oidc_config.username_claim", ADDED)],
            id="reports a nested property added to an existing variable",
        ),
        pytest.param(
            [OIDC],
            [schema(OIDC, properties={"issuer_url": {"type": "string", "format": "uri"}, "client_id": {"type": "string", "default": "kube"}})],
            [VariableChange("oidc_config.client_id", CHANGED, (AspectChange("default", "kubectl", "kube"),))],
            id="reports a changed nested default",
        ),
        pytest.param(
            [OIDC],
            [schema(OIDC, required=None)],
            [VariableChange("oidc_config.issuer_url", CHANGED, (AspectChange("required", True, False),))],
            id="reports a nested property that is no longer required",
        ),
        pytest.param(
            [NAMESERVERS],
            [schema(NAMESERVERS, items={"type": "string", "format": "ipv6"})],
            [VariableChange("dns_nameservers[]", CHANGED, (AspectChange("format", "ipv4", "ipv6"),))],
            id="reports a changed array item type",
        ),
        pytest.param([], [OIDC], [VariableChange("oidc_config", ADDED)], id="reports an added object variable once, not per property"),
        pytest.param([OIDC, NAMESERVERS], [], [VariableChange("dns_nameservers", REMOVED), VariableChange("oidc_config", REMOVED)], id="reports removed variables once each, sorted by name"),
    ],
)
def test_compare_variables(before: list[dict[str, Any]], after: list[dict[str, Any]], want: list[VariableChange]) -> None:
    assert compare_variables(before, after) == want


def test_compare_versions_reports_the_shipped_history_of_one_minor() -> None:
    v1, v2, v3 = openstack_history()
    assert repr(compare_versions(v1, v2)) == "\n".join(
        [
            "VersionChanges(openstack-scs-1-32-v1 -> openstack-scs-1-32-v2)",
            "  changed variable controller_root_disk (default: 50 -> 100)",
            "  added variable dns_nameservers",
            "  bumped addon cilium: 1.16.5 -> 1.17.2",
        ]
    )
    assert repr(compare_versions(v2, v3)) == "\n".join(
        [
            "VersionChanges(openstack-scs-1-32-v2 -> openstack-scs-1-32-v3)",
            "  kubernetes 1.32.5 -> 1.32.7",
            "  removed variable external_id",
            "  added variable hostile",
            "  bumped node-image node-image: ubuntu-2204-kube-v1.32.5 -> ubuntu-2204-kube-v1.32.7",
            "  added machine deployment class gpu-worker",
        ]
    )


@pytest.mark.parametrize(
    ("before", "after", "want"),
    [
        pytest.param({"cilium": "1.16.5"}, {"cilium": "1.17.2"}, [ComponentChange("cilium", "addon", BUMPED, "1.16.5", "1.17.2")], id="reports a bumped component"),
        pytest.param({"cilium": "1.16.5"}, {"cilium": "1.16.5", "csi": "2.31.0"}, [ComponentChange("csi", "addon", ADDED, None, "2.31.0")], id="reports an added component"),
        pytest.param({"cilium": "1.16.5", "csi": "2.31.0"}, {"cilium": "1.16.5"}, [ComponentChange("csi", "addon", REMOVED, "2.31.0", None)], id="reports a removed component"),
        pytest.param({"cilium": "1.16.5"}, {"cilium": "1.16.5"}, [], id="reports nothing for the same components"),
    ],
)
def test_compare_versions_components(before: dict[str, str], after: dict[str, str], want: list[ComponentChange]) -> None:
    changes = compare_versions(stack_version(version="v1", components=before), stack_version(version="v2", components=after))
    assert list(changes.components) == want
    assert changes.is_empty is (want == [])


def test_changes_are_json_safe_for_the_editor() -> None:
    v1, v2, _ = openstack_history()
    data = compare_versions(v1, v2).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["variables"][0] == {"path": "controller_root_disk", "kind": "changed", "aspects": [{"field": "default", "before": 50, "after": 100}]}
