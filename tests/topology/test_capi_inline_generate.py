"""Cluster API's TestGenerate for the inline JSON patch generator, ported as the specification.

Source: kubernetes-sigs/cluster-api release-1.10,
internal/controllers/topology/cluster/patches/inline/json_patch_generator_test.go.
"""

from __future__ import annotations

import json

from generator.topology.inline import RequestItem, generate
from tests.topology.capi import raw_map

GLOBAL_BUILTIN = '{"cluster":{"name":"cluster-name","namespace":"default","topology":{"class":"clusterClass1","version":"v1.21.1"}}}'
CP_SELECTOR = {"apiVersion": "controlplane.cluster.x-k8s.io/v1beta1", "kind": "ControlPlaneTemplate", "matchResources": {"controlPlane": True}}


def _ops(text: str) -> list:
    return json.loads(text)


def test_should_generate_json_results_with_correct_variable_values() -> None:
    patch = {
        "name": "clusterName",
        "definitions": [{
            "selector": CP_SELECTOR,
            "jsonPatches": [
                {"op": "replace", "path": "/spec/value", "value": 1},
                {"op": "replace", "path": "/spec/valueFrom/variable", "valueFrom": {"variable": "variableA"}},
                {"op": "replace", "path": "/spec/valueFrom/template", "valueFrom": {"template": "template {{ .variableB | lower | repeat 5 }}"}},
                {"op": "replace", "path": "/spec/templatePrecedent", "valueFrom": {"variable": "variableC"}},
                {"op": "replace", "path": "/spec/builtinClusterName", "valueFrom": {"variable": "builtin.cluster.name"}},
                {"op": "replace", "path": "/spec/builtinControlPlaneReplicas", "valueFrom": {"variable": "builtin.controlPlane.replicas"}},
                {"op": "replace", "path": "/spec/template/spec/files", "valueFrom": {"template": '[{"contentFrom":{"secret":{"key":"control-plane-azure.json","name":"{{ .builtin.controlPlane.machineTemplate.infrastructureRef.name }}-azure-json"}}}]'}},
            ],
        }],
    }
    global_variables = raw_map({"builtin": GLOBAL_BUILTIN, "variableA": '"A"', "variableB": '"B"', "variableC": '"C"'})
    item = RequestItem("1", "Cluster", "my-cluster", "spec.controlPlaneRef", {"apiVersion": "controlplane.cluster.x-k8s.io/v1beta1", "kind": "ControlPlaneTemplate"},
                       raw_map({"builtin": '{"controlPlane":{"replicas":3,"machineTemplate":{"infrastructureRef":{"name":"controlPlaneInfrastructureMachineTemplate1"}}}}', "variableC": '"C-template"'}))
    generated = generate(patch, "spec.patches[0]", [item], global_variables)
    assert generated.errors == []
    assert [(uid, ops) for uid, ops, _ in generated.patches] == [("1", _ops("""[
{"op":"replace","path":"/spec/value","value":1},
{"op":"replace","path":"/spec/valueFrom/variable","value":"A"},
{"op":"replace","path":"/spec/valueFrom/template","value":"template bbbbb"},
{"op":"replace","path":"/spec/templatePrecedent","value":"C-template"},
{"op":"replace","path":"/spec/builtinClusterName","value":"cluster-name"},
{"op":"replace","path":"/spec/builtinControlPlaneReplicas","value":3},
{"op":"replace","path":"/spec/template/spec/files","value":[{"contentFrom":{"secret":{"key":"control-plane-azure.json","name":"controlPlaneInfrastructureMachineTemplate1-azure-json"}}}]}]"""))]


def test_should_generate_json_results_multiple_patch_definitions() -> None:
    worker_files = '\n[{\n\t"contentFrom":{\n\t\t"secret":{\n\t\t\t"key":"worker-node-azure.json",\n\t\t\t"name":"{{ .builtin.cluster.name }}-%s-azure-json"\n\t\t}\n\t},\n\t"owner":"root:root"\n}]'
    worker_ops = lambda suffix: [  # noqa: E731 - two identical definitions but for the name
        {"op": "replace", "path": "/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/cluster-name", "valueFrom": {"variable": "builtin.cluster.name"}},
        {"op": "replace", "path": "/spec/template/spec/files", "valueFrom": {"template": worker_files % suffix}},
    ]
    bootstrap = {"apiVersion": "bootstrap.cluster.x-k8s.io/v1beta1", "kind": "BootstrapTemplate"}
    patch = {
        "name": "clusterName",
        "definitions": [
            {"selector": CP_SELECTOR, "jsonPatches": [
                {"op": "replace", "path": "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/controllerManager/extraArgs/cluster-name", "valueFrom": {"variable": "builtin.cluster.name"}},
                {"op": "replace", "path": "/spec/template/spec/kubeadmConfigSpec/files", "valueFrom": {"template": '\n- contentFrom:\n    secret:\n      key: control-plane-azure.json\n      name: "{{ .builtin.cluster.name }}-control-plane-azure-json"\n  owner: root:root\n'}},
                {"op": "remove", "path": "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs"},
            ]},
            {"selector": {**bootstrap, "matchResources": {"machineDeploymentClass": {"names": ["default-worker"]}}}, "jsonPatches": worker_ops("md-0")},
            {"selector": {**bootstrap, "matchResources": {"machinePoolClass": {"names": ["default-mp-worker"]}}}, "jsonPatches": worker_ops("mp-0")},
        ],
    }
    items = [
        RequestItem("1", "Cluster", "my-cluster", "spec.controlPlaneRef", {"apiVersion": "controlplane.cluster.x-k8s.io/v1beta1", "kind": "ControlPlaneTemplate"}),
        RequestItem("2", "MachineDeployment", "my-md-0", "spec.template.spec.bootstrap.configRef", dict(bootstrap), raw_map({"builtin": '{"machineDeployment":{"class":"default-worker"}}'})),
        RequestItem("3", "MachinePool", "my-mp-0", "spec.template.spec.bootstrap.configRef", dict(bootstrap), raw_map({"builtin": '{"machinePool":{"class":"default-mp-worker"}}'})),
    ]
    generated = generate(patch, "spec.patches[0]", items, raw_map({"builtin": GLOBAL_BUILTIN}))
    assert generated.errors == []
    assert [(uid, ops) for uid, ops, _ in generated.patches] == [
        ("1", _ops("""[
{"op":"replace","path":"/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/controllerManager/extraArgs/cluster-name","value":"cluster-name"},
{"op":"replace","path":"/spec/template/spec/kubeadmConfigSpec/files","value":[{"contentFrom":{"secret":{"key":"control-plane-azure.json","name":"cluster-name-control-plane-azure-json"}},"owner":"root:root"}]},
{"op":"remove","path":"/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs"}]""")),
        ("2", _ops("""[
{"op":"replace","path":"/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/cluster-name","value":"cluster-name"},
{"op":"replace","path":"/spec/template/spec/files","value":[{"contentFrom":{"secret":{"key":"worker-node-azure.json","name":"cluster-name-md-0-azure-json"}},"owner":"root:root"}]}]""")),
        ("3", _ops("""[
{"op":"replace","path":"/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/cluster-name","value":"cluster-name"},
{"op":"replace","path":"/spec/template/spec/files","value":[{"contentFrom":{"secret":{"key":"worker-node-azure.json","name":"cluster-name-mp-0-azure-json"}},"owner":"root:root"}]}]""")),
    ]
