"""Cluster variable defaulting: top-level defaults for unset variables, nested defaults for set ones, nothing overwritten."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.variables import default_cluster_variables, validate_cluster_variables
from tests.variables.fixtures import DEFINITIONS, definition

ALL_DEFAULTS = [
    {"name": "node_cidr", "value": "10.8.0.0/20"},
    {"name": "dns_nameservers", "value": ["9.9.9.9"]},
    {"name": "worker_root_disk", "value": 50},
    {"name": "apiserver_loadbalancer", "value": "octavia-amphora"},
    {"name": "disable_api_server_floating_ip", "value": False},
]

CASES: list[tuple[str, list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]] = [
    ("adds every top-level default in definition order", DEFINITIONS, [], ALL_DEFAULTS),
    ("keeps the user's values first and in their order", DEFINITIONS,
     [{"name": "worker_root_disk", "value": 10}, {"name": "control_plane_flavor", "value": "f"}],
     [{"name": "worker_root_disk", "value": 10}, {"name": "control_plane_flavor", "value": "f"}]
     + [d for d in ALL_DEFAULTS if d["name"] != "worker_root_disk"]),
    ("never overwrites a value the user set, even one equal to zero", [definition("n", {"type": "integer", "default": 5})],
     [{"name": "n", "value": 0}], [{"name": "n", "value": 0}]),
    ("leaves a variable without a top-level default unset", [definition("oidc", {"type": "object", "properties": {"a": {"type": "string", "default": "x"}}})],
     [], []),
    ("fills nested defaults inside a value that is set", [d for d in DEFINITIONS if d["name"] == "oidc_config"],
     [{"name": "oidc_config", "value": {"issuerURL": "https://a", "clientID": "k", "groupsClaim": "roles"}}],
     [{"name": "oidc_config", "value": {"issuerURL": "https://a", "clientID": "k", "groupsClaim": "roles", "usernameClaim": "preferred_username"}}]),
    ("fills nested defaults inside a top-level default", [definition("tls", {
        "type": "object", "default": {}, "properties": {"verify": {"type": "boolean", "default": True}}})],
     [], [{"name": "tls", "value": {"verify": True}}]),
    ("fills nested defaults in array items", [definition("pools", {
        "type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer", "default": 3}}}})],
     [{"name": "pools", "value": [{"name": "a"}, {"name": "b", "size": 1}]}],
     [{"name": "pools", "value": [{"name": "a", "size": 3}, {"name": "b", "size": 1}]}]),
    ("gives null the default of a non-nullable variable, as structural defaulting does", [definition("n", {"type": "integer", "default": 5})],
     [{"name": "n", "value": None}], [{"name": "n", "value": 5}]),
    ("keeps null for a nullable variable", [definition("n", {"type": "integer", "nullable": True, "default": 5})],
     [{"name": "n", "value": None}], [{"name": "n", "value": None}]),
    ("passes through values the ClusterClass does not define", [definition("n", {"type": "integer"})],
     [{"name": "colour", "value": "blue"}], [{"name": "colour", "value": "blue"}]),
    ("keeps definitionFrom on the user's values", [definition("n", {"type": "integer"})],
     [{"name": "n", "value": 1, "definitionFrom": "inline"}], [{"name": "n", "value": 1, "definitionFrom": "inline"}]),
    ("does not add a default for a variable set twice", [definition("n", {"type": "integer", "default": 5})],
     [{"name": "n", "value": 1}, {"name": "n", "value": 2}], [{"name": "n", "value": 1}, {"name": "n", "value": 2}]),
]


@pytest.mark.parametrize(("definitions", "values", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_default_cluster_variables(definitions: list[dict[str, Any]], values: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    assert default_cluster_variables(definitions, values) == want


def test_returns_new_objects_and_leaves_its_inputs_alone() -> None:
    values = [{"name": "oidc_config", "value": {"issuerURL": "https://a", "clientID": "k"}}]
    before_values, before_definitions = copy.deepcopy(values), copy.deepcopy(DEFINITIONS)
    result = default_cluster_variables(DEFINITIONS, values)
    for entry in result:
        if entry["name"] == "dns_nameservers":
            entry["value"].append("1.1.1.1")
        if entry["name"] == "oidc_config":
            entry["value"]["clientID"] = "changed"
    assert values == before_values and DEFINITIONS == before_definitions


def test_defaulted_values_pass_validation() -> None:
    values = default_cluster_variables(DEFINITIONS, [{"name": "control_plane_flavor", "value": "SCS-4V-8"}])
    assert validate_cluster_variables(DEFINITIONS, values) == []


def test_defaulting_twice_changes_nothing() -> None:
    once = default_cluster_variables(DEFINITIONS, [{"name": "oidc_config", "value": {"issuerURL": "https://a", "clientID": "k"}}])
    assert default_cluster_variables(DEFINITIONS, once) == once
