"""Cluster variable validation: the verdicts Cluster API's webhook gives for spec.topology.variables."""

from __future__ import annotations

from typing import Any

import pytest

from generator.variables import FieldError, default_variables, validate_cluster_variables
from tests.openapi.matchers import assert_errors
from tests.variables.fixtures import DEFINITIONS, definition

V = "spec.topology.variables"
REQUIRED = [{"name": "control_plane_flavor", "value": "SCS-4V-8"}]

CASES: list[tuple[str, list[dict[str, Any]], list[tuple[str, str]]]] = [
    ("accepts only the required variable", REQUIRED, []),
    ("accepts every variable set to a valid value", REQUIRED + [
        {"name": "external_network_id", "value": "ebfe5546-f09f-4f42-ab54-094e457d42ec"},
        {"name": "node_cidr", "value": "10.10.0.0/16"},
        {"name": "dns_nameservers", "value": ["1.1.1.1", "8.8.8.8"]},
        {"name": "worker_root_disk", "value": 0},
        {"name": "apiserver_loadbalancer", "value": "octavia-ovn"},
        {"name": "disable_api_server_floating_ip", "value": True},
        {"name": "oidc_config", "value": {"issuerURL": "https://id.example.com", "clientID": "k8s"}},
    ], []),
    ("reports a missing required variable", [], [(V, 'Required value: required variable "control_plane_flavor" must be set')]),
    ("reports a variable the ClusterClass does not define", REQUIRED + [{"name": "colour", "value": "blue"}],
     [(f"{V}[colour]", 'Invalid value: "\\"blue\\"": variable is not defined')]),
    ("reports a variable set twice", REQUIRED + [{"name": "worker_root_disk", "value": 1}, {"name": "worker_root_disk", "value": 2}],
     [(f"{V}[worker_root_disk]", 'Invalid value: "2": variable "worker_root_disk" is set more than once')]),
    ("reports an entry without a name", REQUIRED + [{"value": 1}], [(f"{V}[1].name", "Required value: variable name must be set")]),
    ("reports an entry that is not an object", REQUIRED + ["worker_root_disk=1"], [(f"{V}[1]", "must be an object with name and value")]),
    ("rejects a number below the minimum", REQUIRED + [{"name": "worker_root_disk", "value": -1}],
     [(f"{V}[worker_root_disk].value", 'Invalid value: "-1": should be greater than or equal to 0')]),
    ("rejects a string for an integer", REQUIRED + [{"name": "worker_root_disk", "value": "50"}],
     [(f"{V}[worker_root_disk].value", 'Invalid value: "\\"50\\"": must be of type integer: "string"')]),
    ("rejects a float for an integer", REQUIRED + [{"name": "worker_root_disk", "value": 50.5}],
     [(f"{V}[worker_root_disk].value", 'must be of type integer: "number"')]),
    ("rejects null for a non-nullable variable", REQUIRED + [{"name": "worker_root_disk", "value": None}],
     [(f"{V}[worker_root_disk].value", 'must be of type integer: "null"')]),
    ("treats a missing value as null", REQUIRED + [{"name": "worker_root_disk"}], [(f"{V}[worker_root_disk].value", 'must be of type integer: "null"')]),
    ("rejects a value outside the enum", REQUIRED + [{"name": "apiserver_loadbalancer", "value": "haproxy"}],
     [(f"{V}[apiserver_loadbalancer].value", 'Unsupported value: "\\"haproxy\\"": supported values: "none", "octavia-amphora", "octavia-ovn"')]),
    ("rejects a malformed CIDR", REQUIRED + [{"name": "node_cidr", "value": "10.8.0.0/40"}],
     [(f"{V}[node_cidr].value", 'Invalid value: "\\"10.8.0.0/40\\"": must be of type cidr: "10.8.0.0/40"')]),
    ("rejects a malformed UUID", REQUIRED + [{"name": "external_network_id", "value": "public"}],
     [(f"{V}[external_network_id].value", 'must be of type uuid: "public"')]),
    ("rejects an empty list under minItems", REQUIRED + [{"name": "dns_nameservers", "value": []}],
     [(f"{V}[dns_nameservers].value", 'Invalid value: "[]": should have at least 1 items')]),
    ("names the bad list item by index", REQUIRED + [{"name": "dns_nameservers", "value": ["1.1.1.1", "dns.example"]}],
     [(f"{V}[dns_nameservers].value.[1]", '[1] in body must be of type ipv4: "dns.example"')]),
    ("rejects an empty required string", [{"name": "control_plane_flavor", "value": ""}],
     [(f"{V}[control_plane_flavor].value", 'Invalid value: "\\"\\"": should be at least 1 chars long')]),
    ("names a missing nested property", REQUIRED + [{"name": "oidc_config", "value": {"issuerURL": "https://a"}}],
     [(f"{V}[oidc_config].value.clientID", "Required value")]),
    ("names a bad nested property", REQUIRED + [{"name": "oidc_config", "value": {"issuerURL": "id.example.com", "clientID": "k"}}],
     [(f"{V}[oidc_config].value.issuerURL", 'must be of type uri: "id.example.com"')]),
    ("reports fields the variable schema does not specify, as Cluster API does",
     REQUIRED + [{"name": "oidc_config", "value": {"issuerURL": "https://a", "clientID": "k", "scopes": ["a"]}}],
     [(f"{V}[oidc_config]", 'failed validation: "scopes" field(s) are not specified in the variable schema of variable "oidc_config"')]),
    ("reports a failing CEL rule with its message", REQUIRED + [{"name": "oidc_config", "value": {"issuerURL": "http://a", "clientID": "k"}}],
     [(f"{V}[oidc_config].value", 'Invalid value: "{\\"issuerURL\\":\\"http://a\\",\\"clientID\\":\\"k\\"}": issuerURL must use https')]),
    ("checks CEL only once the schema is satisfied", REQUIRED + [{"name": "oidc_config", "value": {"issuerURL": "http://a"}}],
     [(f"{V}[oidc_config].value.clientID", "Required value")]),
    ("collects every error instead of stopping at the first", [
        {"name": "worker_root_disk", "value": -5},
        {"name": "colour", "value": 1},
        {"name": "apiserver_loadbalancer", "value": "x"},
    ], [
        (V, 'required variable "control_plane_flavor" must be set'),
        (f"{V}[worker_root_disk].value", "should be greater than or equal to 0"),
        (f"{V}[colour]", "variable is not defined"),
        (f"{V}[apiserver_loadbalancer].value", "Unsupported value"),
    ]),
]


@pytest.mark.parametrize(("values", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate_cluster_variables(values: list[dict[str, Any]], want: list[tuple[str, str]]) -> None:
    assert_errors(validate_cluster_variables(DEFINITIONS, values), want)


def test_prints_errors_like_kubernetes() -> None:
    errors = validate_cluster_variables(
        [definition("cpu", {"type": "integer", "minimum": 4})], [{"name": "cpu", "value": 3}]
    )
    assert [str(e) for e in errors] == ['spec.topology.variables[cpu].value: Invalid value: "3": should be greater than or equal to 4']
    assert isinstance(errors[0], FieldError) and errors[0].value == "3" and errors[0].severity == "error"


def test_uses_the_path_it_is_given() -> None:
    errors = validate_cluster_variables(DEFINITIONS, [], path="spec.topology.workers.machineDeployments[md-0].variables.overrides")
    assert [e.field for e in errors] == ["spec.topology.workers.machineDeployments[md-0].variables.overrides"]


def test_reports_an_uncheckable_cel_rule_as_a_warning() -> None:
    definitions = [definition("size", {"type": "string", "x-kubernetes-validations": [{"rule": "quantity(self).isGreaterThan(quantity('1Gi'))"}]})]
    errors = validate_cluster_variables(definitions, [{"name": "size", "value": "2Gi"}])
    assert [(e.severity, e.field) for e in errors] == [("warning", "spec.topology.variables[size].value")]
    assert "rule was not checked" in errors[0].message


def test_reports_a_definition_without_a_schema_as_an_internal_error() -> None:
    errors = validate_cluster_variables([{"name": "x", "required": False}], [{"name": "x", "value": 1}])
    assert [str(e) for e in errors] == ['spec.topology.variables[x]: Internal error: variable "x" has no schema; ClusterClass should be checked']


def test_accepts_v1beta2_definitions() -> None:
    definitions = [
        {
            "name": "cpu",
            "required": True,
            "deprecatedV1Beta1Metadata": {"labels": {"a": "b"}},
            "schema": {"openAPIV3Schema": {"type": "integer", "maximum": 8}},
        }
    ]
    assert_errors(validate_cluster_variables(definitions, [{"name": "cpu", "value": 9}]), [(f"{V}[cpu].value", "should be less than or equal to 8")])


def test_accepts_clusterclass_status_definitions() -> None:
    definitions = [{"name": "cpu", "definitions": [{"from": "inline", "required": True, "schema": {"openAPIV3Schema": {"type": "integer"}}}]}]
    assert_errors(validate_cluster_variables(definitions, []), [(V, 'required variable "cpu" must be set')])


def test_validates_preserved_unknown_fields_without_complaint() -> None:
    definitions = [definition("extra", {"type": "object", "x-kubernetes-preserve-unknown-fields": True})]
    assert validate_cluster_variables(definitions, [{"name": "extra", "value": {"anything": [1, {"a": 2}]}}]) == []


def test_is_deterministic() -> None:
    values = [{"name": "worker_root_disk", "value": -5}, {"name": "colour", "value": 1}, {"name": "node_cidr", "value": "x"}]
    first = [e.to_dict() for e in validate_cluster_variables(DEFINITIONS, values)]
    assert first == [e.to_dict() for e in validate_cluster_variables(DEFINITIONS, values)]


def test_does_not_mutate_its_inputs() -> None:
    import copy

    values = REQUIRED + [{"name": "oidc_config", "value": {"issuerURL": "https://a", "clientID": "k"}}]
    before_values, before_definitions = copy.deepcopy(values), copy.deepcopy(DEFINITIONS)
    validate_cluster_variables(DEFINITIONS, values)
    assert values == before_values and DEFINITIONS == before_definitions


def test_names_unknown_fields_inside_list_items_like_cluster_api() -> None:
    definitions = [definition("pools", {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}})]
    errors = validate_cluster_variables(definitions, [{"name": "pools", "value": [{"name": "a"}, {"name": "b", "size": 3}]}])
    assert [str(e) for e in errors] == [
        'spec.topology.variables[pools]: Invalid value: "[{\\"name\\":\\"a\\"},{\\"name\\":\\"b\\",\\"size\\":3}]": '
        # Pruning sees {"variableValue": [...]} and Cluster API trims only "variableValue.".
        'failed validation: "variableValue[1].size" field(s) are not specified in the variable schema of variable "pools"'
    ]


def test_skips_cel_while_unknown_fields_are_present() -> None:
    definitions = [definition("o", {"type": "object", "properties": {"a": {"type": "integer"}}, "x-kubernetes-validations": [{"rule": "self.a > 5"}]})]
    errors = validate_cluster_variables(definitions, [{"name": "o", "value": {"a": 1, "b": 2}}])
    assert [e.detail for e in errors] == ['failed validation: "b" field(s) are not specified in the variable schema of variable "o"']


def test_prints_the_raw_json_text_when_the_caller_has_it() -> None:
    """Cluster API prints the bytes it received; a value decoded from YAML prints as Go's encoding/json would."""
    from generator.variables import validate_cluster_variable

    schema = {"openAPIV3Schema": {"type": "object", "properties": {"a": {"type": "integer", "maximum": 1}}}}
    definition = {"name": "v", "schema": schema}
    path = "spec.topology.variables[v]"
    raw = validate_cluster_variable("v", {"a": 2}, definition, path, raw='{"a": 2}')
    decoded = validate_cluster_variable("v", {"a": 2}, definition, path)
    assert [str(e) for e in raw] == ['spec.topology.variables[v].value.a: Invalid value: "{\\"a\\": 2}": a in body should be less than or equal to 1']
    assert [str(e) for e in decoded] == ['spec.topology.variables[v].value.a: Invalid value: "{\\"a\\":2}": a in body should be less than or equal to 1']


def test_defaulting_and_validation_refuse_an_undefined_variable_alike():
    # Cluster API's webhook says the same of a value whose variable the class lacks, whether it defaults or validates.
    definitions = [{"name": "cpu", "required": False, "schema": {"openAPIV3Schema": {"type": "integer"}}}]
    values = [{"name": "gpu", "value": 1}]
    _, defaulting = default_variables(definitions, values)
    validation = validate_cluster_variables(definitions, values)
    assert [str(e) for e in defaulting] == [str(e) for e in validation] == ['spec.topology.variables[gpu]: Invalid value: "1": variable is not defined']
