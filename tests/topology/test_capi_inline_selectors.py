"""Cluster API's TestMatchesSelector, ported as the specification of definition selectors.

Source: kubernetes-sigs/cluster-api release-1.10,
internal/controllers/topology/cluster/patches/inline/json_patch_generator_test.go.
Each row: Go case name; template apiVersion and kind; holder kind and field path;
the template's builtin variable (raw JSON, or None); selector apiVersion, kind and
matchResources; whether it matches.
"""

from __future__ import annotations

import pytest

from generator.topology.inline import RequestItem, matches_selector
from tests.topology.capi import raw_map

CASES = [
    ("Don't match: apiVersion mismatch", 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', '', '', None, 'infrastructure.cluster.x-k8s.io/v1alpha4', 'AzureMachineTemplate', {}, False),
    ("Don't match: kind mismatch", 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', '', '', None, 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', {}, False),
    ('Match InfrastructureClusterTemplate', 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', 'Cluster', 'spec.infrastructureRef', None, 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', {'infrastructureCluster': True}, True),
    ("Don't match InfrastructureClusterTemplate, .matchResources.infrastructureCluster not set", 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', 'Cluster', 'spec.infrastructureRef', None, 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', {}, False),
    ("Don't match InfrastructureClusterTemplate, .matchResources.infrastructureCluster false", 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', 'Cluster', 'spec.infrastructureRef', None, 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureClusterTemplate', {'infrastructureCluster': False}, False),
    ('Match ControlPlaneTemplate', 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', 'Cluster', 'spec.controlPlaneRef', None, 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', {'controlPlane': True}, True),
    ("Don't match ControlPlaneTemplate, .matchResources.controlPlane not set", 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', 'Cluster', 'spec.controlPlaneRef', None, 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', {}, False),
    ("Don't match ControlPlaneTemplate, .matchResources.controlPlane false", 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', 'Cluster', 'spec.controlPlaneRef', None, 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', {'controlPlane': False}, False),
    ('Match ControlPlane InfrastructureMachineTemplate', 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', 'KubeadmControlPlane', 'spec.machineTemplate.infrastructureRef', None, 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', {'controlPlane': True}, True),
    ('Match MD BootstrapTemplate', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': {'names': ['classA']}}, True),
    ('Match MP BootstrapTemplate', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': {'names': ['classA']}}, True),
    ('Match all MD BootstrapTemplate', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': {'names': ['*']}}, True),
    ('Match all MP BootstrapTemplate', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': {'names': ['*']}}, True),
    ('Glob match MD BootstrapTemplate with <string>-*', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"class-A"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': {'names': ['class-*']}}, True),
    ('Glob match MP BootstrapTemplate with <string>-*', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"class-A"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': {'names': ['class-*']}}, True),
    ('Glob match MD BootstrapTemplate with *-<string>', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"class-A"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': {'names': ['*-A']}}, True),
    ('Glob match MP BootstrapTemplate with *-<string>', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"class-A"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': {'names': ['*-A']}}, True),
    ("Don't match BootstrapTemplate, .matchResources.machineDeploymentClass.names is empty", 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': {'names': []}}, False),
    ("Don't match BootstrapTemplate, .matchResources.machinePoolClass.names is empty", 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': {'names': []}}, False),
    ('Do not match BootstrapTemplate, .matchResources.machineDeploymentClass is set to nil', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': None}, False),
    ('Do not match BootstrapTemplate, .matchResources.machinePoolClass is set to nil', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': None}, False),
    ("Don't match BootstrapTemplate, .matchResources.machineDeploymentClass not set", 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {}, False),
    ("Don't match BootstrapTemplate, .matchResources.machinePoolClass not set", 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {}, False),
    ("Don't match BootstrapTemplate, .matchResources.machineDeploymentClass does not match", 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachineDeployment', 'spec.template.spec.bootstrap.configRef', '{"machineDeployment":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machineDeploymentClass': {'names': ['classB']}}, False),
    ("Don't match BootstrapTemplate, .matchResources.machinePoolClass does not match", 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', 'MachinePool', 'spec.template.spec.bootstrap.configRef', '{"machinePool":{"class":"classA"}}', 'bootstrap.cluster.x-k8s.io/v1beta1', 'BootstrapTemplate', {'machinePoolClass': {'names': ['classB']}}, False),
    ('Match MD InfrastructureMachineTemplate', 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', 'MachineDeployment', 'spec.template.spec.infrastructureRef', '{"machineDeployment":{"class":"classA"}}', 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachineTemplate', {'machineDeploymentClass': {'names': ['classA']}}, True),
    ('Match MP InfrastructureMachinePoolTemplate', 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachinePoolTemplate', 'MachinePool', 'spec.template.spec.infrastructureRef', '{"machinePool":{"class":"classA"}}', 'infrastructure.cluster.x-k8s.io/v1beta1', 'AzureMachinePoolTemplate', {'machinePoolClass': {'names': ['classA']}}, True),
    ("Don't match: unknown field path", 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', 'Custom', 'spec.machineTemplate.unknown.infrastructureRef', None, 'controlplane.cluster.x-k8s.io/v1beta1', 'ControlPlaneTemplate', {'controlPlane': True}, False),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_matches_selector(case: tuple) -> None:
    _, api_version, kind, holder_kind, holder_field, builtin, selector_api_version, selector_kind, match_resources, want = case
    item = RequestItem("uid", holder_kind, "holder", holder_field, {"apiVersion": api_version, "kind": kind})
    variables = raw_map({"builtin": builtin} if builtin is not None else {})
    selector = {"apiVersion": selector_api_version, "kind": selector_kind, "matchResources": match_resources}
    assert matches_selector(item, variables, selector) is want
