"""Small stacks built in memory for the tests, and helpers to change one file of them."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
STACKS_DIR = REPO_ROOT / "stacks"


def _has_engine() -> bool:
    try:
        helm = importlib.import_module("generator.helm")
        importlib.import_module("generator.gotemplate").TemplateError  # noqa: B018 - presence check
    except (ImportError, AttributeError):
        return False
    return hasattr(helm, "render_chart")


requires_engine = pytest.mark.skipif(not _has_engine(), reason="the Helm engine (generator.helm) has not landed")

CLUSTER_CLASS = """\
apiVersion: cluster.x-k8s.io/v1beta1
kind: ClusterClass
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Version }}
spec:
  controlPlane:
    ref:
      apiVersion: controlplane.cluster.x-k8s.io/v1beta1
      kind: KubeadmControlPlaneTemplate
      name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
  infrastructure:
    ref:
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
      kind: DockerClusterTemplate
      name: {{ .Release.Name }}-{{ .Chart.Version }}-cluster
  workers:
    machineDeployments:
      - class: default-worker
        template:
          bootstrap:
            ref:
              apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
              kind: KubeadmConfigTemplate
              name: {{ .Release.Name }}-{{ .Chart.Version }}-worker
          infrastructure:
            ref:
              apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
              kind: DockerMachineTemplate
              name: {{ .Release.Name }}-{{ .Chart.Version }}-worker
  variables:
    - name: node_image
      required: false
      schema:
        openAPIV3Schema:
          type: string
          default: {{ .Values.nodeImage }}
"""


def tiny_stack(**overrides: str | None) -> dict[str, str]:
    """Return the files of a small valid docker stack; ``overrides`` replace (or, with None, delete) files."""
    files = {
        "csctl.yaml": (
            "apiVersion: csctl.clusterstack.x-k8s.io/v1alpha1\n"
            "config:\n"
            "  clusterStackName: tiny\n"
            "  kubernetesVersion: v1.32.8\n"
            "  provider:\n"
            "    type: docker\n"
        ),
        "versions.yaml": (
            "- kubernetes: 1.32.8\n"
            "  cilium: 1.17.8\n"
            "- kubernetes: 1.33.4\n"
            "  cilium: 1.18.2\n"
        ),
        "clusteraddon.yaml": (
            "apiVersion: clusteraddonconfig.x-k8s.io/v1alpha1\n"
            "addonStages:\n"
            "  AfterControlPlaneInitialized:\n"
            "    - name: cni\n"
            "      action: apply\n"
        ),
        "README.md": "# tiny\n",
        "cluster-class/Chart.yaml": "apiVersion: v2\nname: tiny-cluster-class\nversion: v0\n",
        "cluster-class/values.yaml": "nodeImage: kindest/node:v1.32.8\n",
        "cluster-class/templates/cluster-class.yaml": CLUSTER_CLASS,
        "cluster-addon/cni/Chart.yaml": (
            "apiVersion: v2\n"
            "name: tiny-cluster-addon\n"
            "version: v0\n"
            "dependencies:\n"
            "  - name: cilium\n"
            "    repository: https://helm.cilium.io/\n"
            "    version: 1.17.8\n"
        ),
        "cluster-addon/cni/values.yaml": "cilium:\n  ipam:\n    mode: kubernetes\n",
    }
    for path, text in overrides.items():
        path = path.replace("__", "/")
        if text is None:
            files.pop(path, None)
        else:
            files[path] = text
    return files
