"""Cluster API's tests of the inline JSON patch generator's values, ported as the specification.

Source: kubernetes-sigs/cluster-api release-1.10,
internal/controllers/topology/cluster/patches/inline/json_patch_generator_test.go
(TestPatchIsEnabled, TestCalculateValue, TestRenderValueTemplate). Inputs and
expected outputs are Cluster API's; each case keeps its Go name.
"""

from __future__ import annotations

import json

import pytest

from generator.topology.inline import PatchValueError, calculate_value, patch_is_enabled, render_value_template
from tests.topology.capi import raw, raw_map

BUILTIN_CLUSTER = '{"cluster":{"name":"cluster-name","namespace":"default","topology":{"class":"clusterClass1","version":"v1.21.1"}}}'
ERR = object()

PATCH_IS_ENABLED = [
    ("Enabled if enabledIf is not set", None, {}, True),
    ("Fail if template is invalid", "{{ variable }}", {}, ERR),
    ("Enabled if template is true ", "true", {}, True),
    ("Enabled if template is true (even with leading and trailing new line)", "\ntrue\n", {}, True),
    ("Disabled if template is false", "false", {}, False),
    ("Enabled if simple template with boolean variable evaluates to true", "{{ .httpProxyEnabled }}", {"httpProxyEnabled": "true"}, True),
    ("Enabled if simple template with boolean variable evaluates to true (even with leading and trailing new line", "\n{{ .httpProxyEnabled }}\n", {"httpProxyEnabled": "true"}, True),
    ("Disabled if simple template with boolean variable evaluates to false", "{{ .httpProxyEnabled }}", {"httpProxyEnabled": "false"}, False),
    ("Enabled if template with if evaluates to true", '{{ if eq "v1.21.1" .builtin.cluster.topology.version }}true{{end}}', {"builtin": BUILTIN_CLUSTER}, True),
    ("Disabled if template with if evaluates to false", '{{ if eq "v1.21.2" .builtin.cluster.topology.version }}true{{end}}', {"builtin": BUILTIN_CLUSTER}, False),
    ("Enabled if template with if/else evaluates to true", '{{ if eq "v1.21.1" .builtin.cluster.topology.version }}true{{else}}false{{end}}', {"builtin": BUILTIN_CLUSTER}, True),
    ("Disabled if template with if/else evaluates to false", '{{ if eq "v1.21.2" .builtin.cluster.topology.version }}true{{else}}false{{end}}', {"builtin": BUILTIN_CLUSTER}, False),
    ("Enabled if template which checks if variable is set evaluates to true", "{{ if .variableA }}true{{end}}", {"variableA": '"abc"'}, True),
    ("Disabled if template which checks if variable is set evaluates to false (variable empty)", "{{ if .variableA }}true{{end}}", {"variableA": ""}, False),
    ("Disabled if template which checks if variable is set evaluates to false (variable empty string)", "{{ if .variableA }}true{{end}}", {"variableA": '""'}, False),
    ("Disabled if template which checks if variable is set evaluates to false (variable does not exist)", "{{ if .variableA }}true{{end}}", {"variableB": ""}, False),
    ("Enabled if template with complex variable evaluates to true", "{{ if .httpProxy.enabled }}true{{end}}", {"httpProxy": '{"enabled": true, "url": "localhost:3128", "noProxy": "internal.example.com"}'}, True),
    ("Disabled if template with complex variable evaluates to false", "{{ if .httpProxy.enabled }}true{{end}}", {"httpProxy": '{"enabled": false, "url": "localhost:3128", "noProxy": "internal.example.com"}'}, False),
]


@pytest.mark.parametrize(("name", "enabled_if", "variables", "want"), PATCH_IS_ENABLED, ids=[c[0] for c in PATCH_IS_ENABLED])
def test_patch_is_enabled(name: str, enabled_if: str | None, variables: dict[str, str], want: object) -> None:
    if want is ERR:
        with pytest.raises(PatchValueError):
            patch_is_enabled(enabled_if, raw_map(variables))
        return
    assert patch_is_enabled(enabled_if, raw_map(variables)) is want


OBJ = '{"boolProperty":true,"integerProperty":1,"enumProperty":"enumValue2"}'
NESTED = '{"firstLevel":{"secondLevel":{"leaf":"value"}}}'
ARRAY_OF_OBJECTS = '{"firstLevel":[{"secondLevel":"firstElement"},{"secondLevel":"secondElement"}]}'
ONE_ELEMENT = '{"firstLevel":[{"secondLevel":"firstElement"}]}'


def _var(path: str) -> dict:
    return {"valueFrom": {"variable": path}}


CALCULATE_VALUE = [
    ("Fails if neither .value nor .valueFrom are set", {}, {}, ERR),
    ("Fails if both .value and .valueFrom are set", {"value": "value", "valueFrom": {"variable": "variableA"}}, {}, ERR),
    ("Fails if .valueFrom.variable and .valueFrom.template are set", {"valueFrom": {"variable": "variableA", "template": "template"}}, {}, ERR),
    ("Fails if .valueFrom is set, but .valueFrom.variable and .valueFrom.template are both not set", {"valueFrom": {}}, {}, ERR),
    ("Should return .value if set", {"value": "value"}, {}, '"value"'),
    ("Should return .valueFrom.variable if set", _var("variableA"), {"variableA": '"value"'}, '"value"'),
    ("Fails if .valueFrom.variable is set but variable does not exist", _var("variableA"), {"variableB": '"value"'}, ERR),
    ("Should return .valueFrom.variable if set: builtinVariable int", _var("builtin.controlPlane.replicas"), {"builtin": '{"controlPlane":{"replicas":3}}'}, "3"),
    ("Should return .valueFrom.variable if set: builtinVariable string", _var("builtin.cluster.topology.version"), {"builtin": BUILTIN_CLUSTER}, '"v1.21.1"'),
    ("Should return .valueFrom.variable if set: variable 'builtin'", _var("builtin"), {"builtin": BUILTIN_CLUSTER}, BUILTIN_CLUSTER),
    ("Should return .valueFrom.variable if set: variable 'builtin.cluster'", _var("builtin.cluster"), {"builtin": BUILTIN_CLUSTER}, '{"name":"cluster-name","namespace":"default","topology":{"class":"clusterClass1","version":"v1.21.1"}}'),
    ("Should return .valueFrom.variable if set: variable 'builtin.cluster.topology'", _var("builtin.cluster.topology"), {"builtin": BUILTIN_CLUSTER}, '{"class":"clusterClass1","version":"v1.21.1"}'),
    ("Should return rendered .valueFrom.template if set", {"valueFrom": {"template": "{{ .variableA }}"}}, {"variableA": '"value"'}, '"value"'),
    ("Should return .valueFrom.variable if set: whole object", _var("variableObject"), {"variableObject": '{"requiredProperty":false,"boolProperty":true,"integerProperty":1,"enumProperty":"enumValue2"}'}, '{"requiredProperty":false,"boolProperty":true,"integerProperty":1,"enumProperty":"enumValue2"}'),
    ("Should return .valueFrom.variable if set: nested bool property", _var("variableObject.boolProperty"), {"variableObject": OBJ}, "true"),
    ("Should return .valueFrom.variable if set: nested integer property", _var("variableObject.integerProperty"), {"variableObject": OBJ}, "1"),
    ("Should return .valueFrom.variable if set: nested string property", _var("variableObject.enumProperty"), {"variableObject": OBJ}, '"enumValue2"'),
    ("Fails if .valueFrom.variable object variable does not exist", _var("variableObject.enumProperty"), {"anotherObject": OBJ}, ERR),
    ("Fails if .valueFrom.variable nested object property does not exist", _var("variableObject.nonExistingProperty"), {"anotherObject": '{"boolProperty":true,"integerProperty":1}'}, ERR),
    ("Fails if .valueFrom.variable nested object property is an array instead", _var("variableObject.nonExistingProperty"), {"anotherObject": '[{"boolProperty":true,"integerProperty":1}]'}, ERR),
    ("Should return .valueFrom.variable if set: nested object property top-level", _var("variableObject"), {"variableObject": NESTED}, NESTED),
    ("Should return .valueFrom.variable if set: nested object property firstLevel", _var("variableObject.firstLevel"), {"variableObject": NESTED}, '{"secondLevel":{"leaf":"value"}}'),
    ("Should return .valueFrom.variable if set: nested object property secondLevel", _var("variableObject.firstLevel.secondLevel"), {"variableObject": NESTED}, '{"leaf":"value"}'),
    ("Should return .valueFrom.variable if set: nested object property leaf", _var("variableObject.firstLevel.secondLevel.leaf"), {"variableObject": NESTED}, '"value"'),
    ("Should return .valueFrom.variable if set: array", _var("variableArray"), {"variableArray": '["abc","def"]'}, '["abc","def"]'),
    ("Should return .valueFrom.variable if set: array element", _var("variableArray[0]"), {"variableArray": '["abc","def"]'}, '"abc"'),
    ("Should return .valueFrom.variable if set: nested array", _var("variableArray.firstLevel"), {"variableArray": '{"firstLevel":["abc","def"]}'}, '["abc","def"]'),
    ("Should return .valueFrom.variable if set: nested array element", _var("variableArray.firstLevel[1]"), {"variableArray": ARRAY_OF_OBJECTS}, '{"secondLevel":"secondElement"}'),
    ("Should return .valueFrom.variable if set: nested field of nested array element", _var("variableArray.firstLevel[1].secondLevel"), {"variableArray": ARRAY_OF_OBJECTS}, '"secondElement"'),
    ("Fails if .valueFrom.variable array path is invalid: only left delimiter", _var("variableArray.firstLevel["), {"variableArray": ONE_ELEMENT}, ERR),
    ("Fails if .valueFrom.variable array path is invalid: only right delimiter", _var("variableArray.firstLevel]"), {"variableArray": ONE_ELEMENT}, ERR),
    ("Fails if .valueFrom.variable array path is invalid: no index", _var("variableArray.firstLevel[]"), {"variableArray": ONE_ELEMENT}, ERR),
    ("Fails if .valueFrom.variable array path is invalid: text index", _var("variableArray.firstLevel[someText]"), {"variableArray": ONE_ELEMENT}, ERR),
    ("Fails if .valueFrom.variable array path is invalid: negative index", _var("variableArray.firstLevel[-1]"), {"variableArray": ONE_ELEMENT}, ERR),
    ("Fails if .valueFrom.variable array path is invalid: index out of bounds", _var("variableArray.firstLevel[1]"), {"variableArray": ONE_ELEMENT}, ERR),
    ("Fails if .valueFrom.variable array path is invalid: variable is an object instead", _var("variableArray.firstLevel[1]"), {"variableArray": '{"firstLevel":{"secondLevel":"firstElement"}}'}, ERR),
]


@pytest.mark.parametrize(("name", "patch", "variables", "want"), CALCULATE_VALUE, ids=[c[0] for c in CALCULATE_VALUE])
def test_calculate_value(name: str, patch: dict, variables: dict[str, str], want: object) -> None:
    if want is ERR:
        with pytest.raises(PatchValueError):
            calculate_value(patch, raw_map(variables))
        return
    assert calculate_value(patch, raw_map(variables)) == raw(str(want))


AZURE_JSON = '[{"contentFrom":{"secret":{"key":"control-plane-azure.json","name":"cluster1-control-plane-azure-json"}},"owner":"root:root"}]'
CLUSTER1 = '{"cluster":{"name":"cluster1"}}'
MD_BUILTIN = '{"machineDeployment":{"version":"v1.21.1","class":"mdClass2","name":"md1","topologyName":"md-topology","replicas":3}}'
MP_BUILTIN = '{"machinePool":{"version":"v1.21.1","class":"mpClass2","name":"mp1","topologyName":"mp-topology","replicas":3}}'
BY_CLASS = '{"mdClass1":{"config":"configValue1"},"mdClass2":{"config":"configValue2"}}'
BY_POOL_CLASS = '{"mpClass1":{"config":"configValue1"},"mpClass2":{"config":"configValue2"}}'
BY_VERSION = '{"v1.21.0":{"config":"configValue1"},"v1.21.1":{"config":"configValue2"}}'

RENDER_VALUE_TEMPLATE = [
    ("Should render a string variable", "{{ .stringVariable }}", {"stringVariable": '"bar"'}, '"bar"'),
    ("Should render an integer variable", "{{ .integerVariable }}", {"integerVariable": "3"}, "3"),
    ("Should render a number variable", "{{ .numberVariable }}", {"numberVariable": "2.5"}, "2.5"),
    ("Should render a boolean variable", "{{ .booleanVariable }}", {"booleanVariable": "true"}, "true"),
    ("Fails if the template is invalid", "{{ booleanVariable }}", {"booleanVariable": "true"}, ERR),
    ("Should render depending on variable existence: variable is set", "{{ if .vnetName }}{{.vnetName}}{{else}}{{.builtin.cluster.name}}-vnet{{end}}", {"builtin": CLUSTER1, "vnetName": '"custom-network"'}, '"custom-network"'),
    ("Should render depending on variable existence: variable is not set", "{{ if .vnetName }}{{.vnetName}}{{else}}{{.builtin.cluster.name}}-vnet{{end}}", {"builtin": CLUSTER1}, '"cluster1-vnet"'),
    ("Should render a YAML array", '\n- contentFrom:\n    secret:\n      key: control-plane-azure.json\n      name: "{{ .builtin.cluster.name }}-control-plane-azure-json"\n  owner: root:root\n', {"builtin": CLUSTER1}, AZURE_JSON),
    ("Should render a YAML object", '\ncontentFrom:\n  secret:\n    key: control-plane-azure.json\n    name: "{{ .builtin.cluster.name }}-control-plane-azure-json"\nowner: root:root\n', {"builtin": CLUSTER1}, AZURE_JSON[1:-1]),
    ("Should render a JSON array", '\n[{\n\t"contentFrom":{\n\t\t"secret":{\n\t\t\t"key":"control-plane-azure.json",\n\t\t\t"name":"{{ .builtin.cluster.name }}-control-plane-azure-json"\n\t\t}\n\t},\n\t"owner":"root:root"\n}]', {"builtin": CLUSTER1}, AZURE_JSON),
    ("Should render a JSON object", '\n{\n\t"contentFrom":{\n\t\t"secret":{\n\t\t\t"key":"control-plane-azure.json",\n\t\t\t"name":"{{ .builtin.cluster.name }}-control-plane-azure-json"\n\t\t}\n\t},\n\t"owner":"root:root"\n}', {"builtin": CLUSTER1}, AZURE_JSON[1:-1]),
    ("Should render a object property top-level", "{{ .variableObject }}", {"variableObject": NESTED}, '"map[firstLevel:map[secondLevel:map[leaf:value]]]"'),
    ("Should render a object property firstLevel", "{{ .variableObject.firstLevel }}", {"variableObject": NESTED}, '"map[secondLevel:map[leaf:value]]"'),
    ("Should render a object property secondLevel", "{{ .variableObject.firstLevel.secondLevel }}", {"variableObject": NESTED}, '"map[leaf:value]"'),
    ("Should render a object property leaf", "{{ .variableObject.firstLevel.secondLevel.leaf }}", {"variableObject": NESTED}, '"value"'),
    ("Should render even if object property leaf does not exist", "{{ .variableObject.firstLevel.secondLevel.anotherLeaf }}", {"variableObject": NESTED}, '"\\u003cno value\\u003e"'),
    ("Should render a object with range", '\n{\n{{ range $key, $value := .variableObject }}\n "{{$key}}-modified": "{{$value}}",\n{{end}}\n}\n', {"variableObject": '{"key1":"value1","key2":"value2"}'}, '{"key1-modified":"value1","key2-modified":"value2"}'),
    ("Should render an array property", "{{ .variableArray }}", {"variableArray": '["string1","string2","string3"]'}, '["string1 string2 string3"]'),
    ("Should render an array property with range", '\n{\n{{ range .variableArray }}\n "{{.}}-modified": "value",\n{{end}}\n}\n', {"variableArray": '["string1","string2","string3"]'}, '{"string1-modified":"value","string2-modified":"value","string3-modified":"value"}'),
    ("Should render an array property: array element", "{{ index .variableArray 1 }}", {"variableArray": '["string1","string2","string3"]'}, '"string2"'),
    ("Should render an array property: array object element field", "{{ (index .variableArray 1).propertyA }}", {"variableArray": '[{"propertyA":"A0","propertyB":"B0"},{"propertyA":"A1","propertyB":"B1"}]'}, '"A1"'),
    ("Should render a object property with a lookup based on a builtin variable (class)", "{{ (index .mdConfig .builtin.machineDeployment.class).config }}", {"mdConfig": BY_CLASS, "builtin": MD_BUILTIN}, '"configValue2"'),
    ("Should render a object property with a lookup based on a builtin variable (class) of a MachinePool", "{{ (index .mpConfig .builtin.machinePool.class).config }}", {"mpConfig": BY_POOL_CLASS, "builtin": MP_BUILTIN}, '"configValue2"'),
    ("Should render a object property with a lookup based on a builtin variable (version)", "{{ (index .mdConfig .builtin.machineDeployment.version).config }}", {"mdConfig": BY_VERSION, "builtin": MD_BUILTIN}, '"configValue2"'),
    ("Should render a object property with a lookup based on a builtin variable (version) of a MachinePool", "{{ (index .mpConfig .builtin.machinePool.version).config }}", {"mpConfig": BY_VERSION, "builtin": MP_BUILTIN}, '"configValue2"'),
]


@pytest.mark.parametrize(("name", "template", "variables", "want"), RENDER_VALUE_TEMPLATE, ids=[c[0] for c in RENDER_VALUE_TEMPLATE])
def test_render_value_template(name: str, template: str, variables: dict[str, str], want: object) -> None:
    if want is ERR:
        with pytest.raises(PatchValueError):
            render_value_template(template, raw_map(variables))
        return
    got = render_value_template(template, raw_map(variables))
    # Cluster API compares the compact JSON texts: same value, same JSON type (3 is not 3.0 there either).
    assert json.dumps(got, separators=(",", ":")) == json.dumps(raw(str(want)), separators=(",", ":"))
