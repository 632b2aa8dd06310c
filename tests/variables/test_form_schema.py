"""Form descriptions: everything a form needs from the definitions, as plain, deterministic data."""

from __future__ import annotations

import json

from generator.variables import form_schema
from tests.variables.fixtures import DEFINITIONS, definition


def test_describes_a_scalar_variable_with_its_bounds() -> None:
    [entry] = form_schema([definition("worker_root_disk", {
        "type": "integer", "default": 50, "minimum": 0, "maximum": 1000, "example": 100, "description": "Root disk in GiB.",
    })])
    assert entry == {
        "name": "worker_root_disk",
        "title": "Worker root disk",
        "description": "Root disk in GiB.",
        "type": "integer",
        "required": False,
        "default": 50,
        "example": 100,
        "minimum": 0,
        "maximum": 1000,
    }


def test_describes_enums_formats_and_patterns() -> None:
    entries = {e["name"]: e for e in form_schema(DEFINITIONS)}
    assert entries["apiserver_loadbalancer"]["enum"] == ["none", "octavia-amphora", "octavia-ovn"]
    assert entries["node_cidr"]["format"] == "cidr"
    assert entries["control_plane_flavor"]["required"] is True
    assert entries["control_plane_flavor"]["minLength"] == 1


def test_nests_properties_in_definition_order_with_their_required_flags() -> None:
    entries = {e["name"]: e for e in form_schema(DEFINITIONS)}
    oidc = entries["oidc_config"]
    assert [(p["name"], p["required"]) for p in oidc["properties"]] == [
        ("issuerURL", True), ("clientID", True), ("usernameClaim", False), ("groupsClaim", False),
    ]
    assert oidc["properties"][0]["title"] == "Issuer URL"
    assert oidc["properties"][2]["default"] == "preferred_username"
    assert oidc["validations"] == [{"rule": "self.issuerURL.startsWith('https://')", "message": "issuerURL must use https"}]


def test_describes_array_items_and_list_types() -> None:
    [entry] = form_schema([definition("pools", {
        "type": "array", "minItems": 1, "maxItems": 3, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
        "items": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
    })])
    assert entry["listType"] == "map" and entry["listMapKeys"] == ["name"]
    assert entry["minItems"] == 1 and entry["maxItems"] == 3
    assert entry["items"] == {
        "title": "Item", "type": "object", "required": False,
        "properties": [{"name": "name", "title": "Name", "type": "string", "required": True}],
    }


def test_describes_maps_int_or_string_and_preserved_fields() -> None:
    entries = form_schema([
        definition("labels", {"type": "object", "additionalProperties": {"type": "string"}}),
        definition("port", {"x-kubernetes-int-or-string": True}),
        definition("extra", {"type": "object", "x-kubernetes-preserve-unknown-fields": True}),
        definition("nullable", {"type": "string", "nullable": True, "title": "Optional text"}),
    ])
    assert entries[0]["additionalProperties"] == {"title": "Value", "type": "string", "required": False}
    assert entries[1]["type"] == "integer-or-string" and entries[1]["intOrString"] is True
    assert entries[2]["preserveUnknownFields"] is True
    assert entries[3]["nullable"] is True and entries[3]["title"] == "Optional text"


def test_omits_absent_keys() -> None:
    [entry] = form_schema([definition("flag", {"type": "boolean"})])
    assert entry == {"name": "flag", "title": "Flag", "type": "boolean", "required": False}


def test_carries_v1beta2_metadata_for_forms() -> None:
    [entry] = form_schema([{
        "name": "a", "deprecatedV1Beta1Metadata": {"labels": {"z": "1", "a": "2"}},
        "schema": {"openAPIV3Schema": {"type": "string"}},
    }])
    assert list(entry["metadata"]["labels"]) == ["a", "z"]


def test_is_json_serialisable_and_deterministic() -> None:
    first = json.dumps(form_schema(DEFINITIONS))
    assert first == json.dumps(form_schema(DEFINITIONS))
    assert [e["name"] for e in json.loads(first)] == [d["name"] for d in DEFINITIONS]
