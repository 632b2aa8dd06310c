"""Cluster API's tests of patch variables, ported as the specification.

Sources: kubernetes-sigs/cluster-api release-1.10,
internal/controllers/topology/cluster/patches/variables/variables_test.go (TestGlobal,
TestControlPlane, TestMachineDeployment) and value_test.go (TestParsePathSegment);
main (v1beta2) for the builtin ``classRef`` and the network written only when set.
"""

from __future__ import annotations

import json

import pytest

from generator.topology.variables import VariableError, _segment, control_plane_variables, global_variables, machine_deployment_variables

UID = "8a35f406-6b9b-4b78-8c93-a7f878d90623"
DEFINED = {"location", "cpu"}
USER = [{"name": "location", "value": "us-central"}, {"name": "cpu", "value": 8}]
TOPOLOGY = {"name": "cluster1", "namespace": "default", "uid": UID, "topology": {"version": "v1.21.1", "class": "clusterClass1", "classNamespace": "default"}}


def _cluster(variables: list, network: dict | None, labels: bool = False) -> dict:
    metadata = {"name": "cluster1", "namespace": "default", "uid": UID}
    if labels:
        metadata.update(labels={"foo": "bar"}, annotations={"fizz": "buzz"})
    spec: dict = {"topology": {"class": "clusterClass1", "version": "v1.21.1", "variables": variables}}
    if network is not None:
        spec["clusterNetwork"] = network
    return {"apiVersion": "cluster.x-k8s.io/v1beta1", "kind": "Cluster", "metadata": metadata, "spec": spec}


NETWORK = {"services": {"cidrBlocks": ["10.10.10.1/24"]}, "pods": {"cidrBlocks": ["11.10.10.1/24"]}, "serviceDomain": "cluster.local"}
GLOBAL = [
    ("Should calculate global variables", _cluster([*USER, {"name": "builtin", "value": 8}], NETWORK, labels=True),
     {"location": "us-central", "cpu": 8, "builtin": {"cluster": {**TOPOLOGY, "metadata": {"labels": {"foo": "bar"}, "annotations": {"fizz": "buzz"}}, "network": {"serviceDomain": "cluster.local", "services": ["10.10.10.1/24"], "pods": ["11.10.10.1/24"], "ipFamily": "IPv4"}}}}),
    ("Should calculate global variables based on the variables defined for the patch", _cluster([USER[0], {"name": "https-proxy", "value": "internal.proxy.com"}, USER[1]], NETWORK),
     {"location": "us-central", "cpu": 8, "builtin": {"cluster": {**TOPOLOGY, "network": {"serviceDomain": "cluster.local", "services": ["10.10.10.1/24"], "pods": ["11.10.10.1/24"], "ipFamily": "IPv4"}}}}),
    ("Should calculate when serviceDomain is not set", _cluster([*USER, {"name": "builtin", "value": 8}], {"services": {"cidrBlocks": ["10.10.10.1/24"]}, "pods": {"cidrBlocks": ["11.10.10.1/24"]}}),
     {"location": "us-central", "cpu": 8, "builtin": {"cluster": {**TOPOLOGY, "network": {"services": ["10.10.10.1/24"], "pods": ["11.10.10.1/24"], "ipFamily": "IPv4"}}}}),
    ("Should calculate where some variables are nil", _cluster([*USER, {"name": "builtin", "value": 8}], {"pods": {}, "serviceDomain": "cluster.local"}),
     {"location": "us-central", "cpu": 8, "builtin": {"cluster": {**TOPOLOGY, "network": {"serviceDomain": "cluster.local", "ipFamily": "IPv4"}}}}),
    ("Should calculate where ClusterNetwork is nil", _cluster([*USER, {"name": "builtin", "value": 8}], None),
     {"location": "us-central", "cpu": 8, "builtin": {"cluster": TOPOLOGY}}),
]


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True)


@pytest.mark.parametrize(("name", "cluster", "want"), GLOBAL, ids=[c[0] for c in GLOBAL])
def test_global(name: str, cluster: dict, want: dict) -> None:
    assert _canonical(global_variables(cluster, DEFINED, v1beta2=False)) == _canonical(want)


def test_global_v1beta2_has_class_ref_and_no_ip_family() -> None:
    cluster = _cluster(USER, NETWORK)
    cluster["apiVersion"] = "cluster.x-k8s.io/v1beta2"
    cluster["spec"]["topology"] = {"classRef": {"name": "clusterClass1"}, "version": "v1.21.1", "variables": USER}
    builtin = global_variables(cluster, DEFINED, v1beta2=True)["builtin"]["cluster"]
    assert builtin["topology"] == {"version": "v1.21.1", "class": "clusterClass1", "classNamespace": "default", "classRef": {"name": "clusterClass1", "namespace": "default"}}
    assert builtin["network"] == {"serviceDomain": "cluster.local", "services": ["10.10.10.1/24"], "pods": ["11.10.10.1/24"]}


def _control_plane(replicas: int | None, labels: dict | None = None, annotations: dict | None = None) -> dict:
    metadata: dict = {"name": "controlPlane1", "namespace": "default"}
    if labels:
        metadata["labels"] = labels
    if annotations:
        metadata["annotations"] = annotations
    spec: dict = {"version": "v1.21.1"}
    if replicas is not None:
        spec["replicas"] = replicas
    return {"apiVersion": "controlplane.cluster.x-k8s.io/v1beta1", "kind": "ControlPlane", "metadata": metadata, "spec": spec}


OVERRIDES = {"overrides": USER}
CP_BASE = {"version": "v1.21.1", "name": "controlPlane1"}
CONTROL_PLANE = [
    ("Should calculate ControlPlane variables", {"replicas": 3, "variables": OVERRIDES}, _control_plane(3, {"foo": "bar"}, {"fizz": "buzz"}), None,
     {"location": "us-central", "cpu": 8, "builtin": {"controlPlane": {**CP_BASE, "metadata": {"labels": {"foo": "bar"}, "annotations": {"fizz": "buzz"}}, "replicas": 3}}}),
    ("Should calculate ControlPlane variables based on the variables defined for the patch", {"replicas": 3, "variables": {"overrides": [USER[0], {"name": "http-proxy", "value": "internal.proxy.com"}, USER[1]]}}, _control_plane(3, {"foo": "bar"}), None,
     {"location": "us-central", "cpu": 8, "builtin": {"controlPlane": {**CP_BASE, "metadata": {"labels": {"foo": "bar"}}, "replicas": 3}}}),
    ("Should calculate ControlPlane variables (without overrides)", {"replicas": 3}, _control_plane(3), None,
     {"builtin": {"controlPlane": {**CP_BASE, "replicas": 3}}}),
    ("Should calculate ControlPlane variables, replicas not set", {"variables": OVERRIDES}, _control_plane(None), None,
     {"location": "us-central", "cpu": 8, "builtin": {"controlPlane": CP_BASE}}),
    ("Should calculate ControlPlane variables with InfrastructureMachineTemplate", {"replicas": 3, "variables": OVERRIDES}, _control_plane(3), {"metadata": {"name": "controlPlaneInfrastructureMachineTemplate1"}},
     {"location": "us-central", "cpu": 8, "builtin": {"controlPlane": {**CP_BASE, "replicas": 3, "machineTemplate": {"infrastructureRef": {"name": "controlPlaneInfrastructureMachineTemplate1"}}}}}),
]


@pytest.mark.parametrize(("name", "topology", "control_plane", "machine_template", "want"), CONTROL_PLANE, ids=[c[0] for c in CONTROL_PLANE])
def test_control_plane(name: str, topology: dict, control_plane: dict, machine_template: dict | None, want: dict) -> None:
    assert _canonical(control_plane_variables(topology, control_plane, machine_template, DEFINED, v1beta2=False)) == _canonical(want)


def _machine_deployment(replicas: int | None, labels: bool = False) -> dict:
    metadata: dict = {"name": "md1", "namespace": "default"}
    if labels:
        metadata.update(labels={"foo": "bar"}, annotations={"fizz": "buzz"})
    spec: dict = {"template": {"spec": {"version": "v1.21.1"}}}
    if replicas is not None:
        spec["replicas"] = replicas
    return {"apiVersion": "cluster.x-k8s.io/v1beta1", "kind": "MachineDeployment", "metadata": metadata, "spec": spec}


MD_TOPOLOGY = {"replicas": 3, "name": "md-topology", "class": "md-class", "variables": OVERRIDES}
MD_BASE = {"version": "v1.21.1", "class": "md-class", "name": "md1", "topologyName": "md-topology"}
MACHINE_DEPLOYMENT = [
    ("Should calculate MachineDeployment variables", MD_TOPOLOGY, _machine_deployment(3, labels=True), None, None,
     {"location": "us-central", "cpu": 8, "builtin": {"machineDeployment": {**MD_BASE, "metadata": {"labels": {"foo": "bar"}, "annotations": {"fizz": "buzz"}}, "replicas": 3}}}),
    ("Should calculate MachineDeployment variables based on the variables defined for the patch", {**MD_TOPOLOGY, "variables": {"overrides": [USER[0], {"name": "https-proxy", "value": "internal.proxy.com"}, USER[1]]}}, _machine_deployment(3), None, None,
     {"location": "us-central", "cpu": 8, "builtin": {"machineDeployment": {**MD_BASE, "replicas": 3}}}),
    ("Should calculate MachineDeployment variables (without overrides)", {k: v for k, v in MD_TOPOLOGY.items() if k != "variables"}, _machine_deployment(3), None, None,
     {"builtin": {"machineDeployment": {**MD_BASE, "replicas": 3}}}),
    ("Should calculate MachineDeployment variables, replicas not set", {k: v for k, v in MD_TOPOLOGY.items() if k != "replicas"}, _machine_deployment(None), None, None,
     {"location": "us-central", "cpu": 8, "builtin": {"machineDeployment": MD_BASE}}),
    ("Should calculate MachineDeployment variables with BoostrapTemplate", MD_TOPOLOGY, _machine_deployment(3), {"metadata": {"name": "mdBT1"}}, None,
     {"location": "us-central", "cpu": 8, "builtin": {"machineDeployment": {**MD_BASE, "replicas": 3, "bootstrap": {"configRef": {"name": "mdBT1"}}}}}),
    ("Should calculate MachineDeployment variables with InfrastructureMachineTemplate", MD_TOPOLOGY, _machine_deployment(3), None, {"metadata": {"name": "mdIMT1"}},
     {"location": "us-central", "cpu": 8, "builtin": {"machineDeployment": {**MD_BASE, "replicas": 3, "infrastructureRef": {"name": "mdIMT1"}}}}),
    ("Should calculate MachineDeployment variables with BootstrapTemplate and InfrastructureMachineTemplate", MD_TOPOLOGY, _machine_deployment(3), {"metadata": {"name": "mdBT1"}}, {"metadata": {"name": "mdIMT1"}},
     {"location": "us-central", "cpu": 8, "builtin": {"machineDeployment": {**MD_BASE, "replicas": 3, "bootstrap": {"configRef": {"name": "mdBT1"}}, "infrastructureRef": {"name": "mdIMT1"}}}}),
]


@pytest.mark.parametrize(("name", "topology", "md", "bootstrap", "infrastructure", "want"), MACHINE_DEPLOYMENT, ids=[c[0] for c in MACHINE_DEPLOYMENT])
def test_machine_deployment(name: str, topology: dict, md: dict, bootstrap: dict | None, infrastructure: dict | None, want: dict) -> None:
    assert _canonical(machine_deployment_variables(topology, md, bootstrap, infrastructure, DEFINED, v1beta2=False)) == _canonical(want)


PATH_SEGMENTS = [
    ("parse basic segment", "propertyName", ("propertyName", None)),
    ("parse segment with index", "arrayProperty[5]", ("arrayProperty", 5)),
    ("fail invalid syntax: only left delimiter", "arrayProperty[", None),
    ("fail invalid syntax: only right delimiter", "arrayProperty]", None),
    ("fail invalid syntax: both delimiter but no index", "arrayProperty[]", None),
    ("fail invalid syntax: negative index", "arrayProperty[-1]", None),
]


@pytest.mark.parametrize(("name", "segment", "want"), PATH_SEGMENTS, ids=[c[0] for c in PATH_SEGMENTS])
def test_parse_path_segment(name: str, segment: str, want: tuple | None) -> None:
    if want is None:
        with pytest.raises(VariableError):
            _segment(segment)
        return
    assert _segment(segment) == want
