"""One small stack in every layout the upstream cluster-stacks repository has used, written for the tests.

Each function returns ``{path under the stack folder: text}``; ``write_files`` puts it on disk
(binary content as bytes, like a vendored chart archive).
"""

from __future__ import annotations

from pathlib import Path

from tests.stacks.support import CLUSTER_CLASS

CNI_CHART = (
    "apiVersion: v2\nname: cni\nversion: v1\n"
    "dependencies:\n  - name: cilium\n    alias: cilium\n    repository: https://helm.cilium.io/\n    version: {cilium}\n"
)
CSI_CHART = (
    "apiVersion: v2\nname: csi\nversion: v1\n"
    "dependencies:\n  - name: openstack-cinder-csi\n    repository: https://kubernetes.github.io/cloud-provider-openstack\n"
    "    version: {csi}\n"
)
STAGES = (
    "apiVersion: clusteraddonconfig.x-k8s.io/v1alpha1\n"
    "clusterAddonVersion: clusteraddons.clusterstack.x-k8s.io/v1alpha1\n"
    "addonStages:\n"
    "  AfterControlPlaneInitialized:\n    - name: cni\n      action: apply\n"
    "  BeforeClusterUpgrade:\n    - name: cni\n      action: apply\n"
)
# A gzip header and NULs: what a vendored chart archive under charts/ looks like to the reader.
ARCHIVE = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x00\x00"


def csctl(kubernetes: str, name: str = "tiny", provider: str = "docker", extra: str = "") -> str:
    """Return a csctl.yaml."""
    return (
        "apiVersion: csctl.clusterstack.x-k8s.io/v1alpha1\n"
        f"config:\n  clusterStackName: {name}\n  kubernetesVersion: {kubernetes}\n"
        f"  provider:\n    type: {provider}\n    apiVersion: {provider}.csctl.clusterstack.x-k8s.io/v1alpha1\n{extra}"
    )


def single_source() -> dict[str, str | bytes]:
    """Today's upstream main: one source, versions.yaml as a list, node images listed, a vendored chart."""
    return {
        "csctl.yaml": csctl("v1.33.4"),
        "versions.yaml": "- kubernetes: 1.32.8\n  cilium: 1.17.8\n- kubernetes: 1.33.4\n  cilium: 1.18.2\n",
        "kubernetes.yaml": (
            "---\nimages:\n  - name: ubuntu-capi-image\n    versions:\n"
            "      - version: 'v1.32.8'\n        url: https://images.example/ubuntu-2204-kube-v1.32.8.qcow2\n"
            "        checksum: \"sha256:aa11\"\n"
            "      - version: 'v1.33.4'\n        url: https://images.example/ubuntu-2404-kube-v1.33.4.qcow2\n"
            "        checksum: \"sha256:bb22\"\n"
        ),
        "clusteraddon.yaml": STAGES,
        "cluster-addon-values.yaml": "values: |\n  cilium:\n    cluster:\n      name: {{ .Cluster.metadata.name }}\n",
        "clusterstack.yaml": "apiVersion: clusterstack.x-k8s.io/v1alpha1\nkind: ClusterStack\nmetadata:\n  name: tiny\n",
        "cluster-class/Chart.yaml": "apiVersion: v2\nname: tiny-cluster-class\nversion: v1\n",
        "cluster-class/values.yaml": "nodeImage: kindest/node:v1.33.4\n",
        "cluster-class/templates/cluster-class.yaml": CLUSTER_CLASS,
        "cluster-addon/cni/Chart.yaml": CNI_CHART.format(cilium="1.18.2"),
        "cluster-addon/cni/Chart.lock": "dependencies: []\n",
        "cluster-addon/cni/charts/cilium-1.18.2.tgz": ARCHIVE,
        "cluster-addon/cni/values.yaml": "cilium:\n  ipam:\n    mode: kubernetes\n",
    }


def keyed_by_chart() -> dict[str, str | bytes]:
    """PR #255's variant: versions.yaml keyed by chart names plus ``ubuntu``, defaults under ``variables:``."""
    files = single_source()
    files.update(
        {
            "versions.yaml": (
                "- kubernetes: 1.32.8\n  ubuntu: \"2204\"\n  cilium: 1.17.8\n"
                "- kubernetes: 1.33.4\n  ubuntu: \"2404\"\n  cilium: 1.18.2\n"
            ),
            "clusteraddon.yaml": STAGES + "  AfterClusterUpgrade:\n    - name: cni\n      action: apply\n",
            "cluster-class/values.yaml": "variables:\n  nodeImage: kindest/node:v1.33.4\n",
            "cluster-class/templates/cluster-class.yaml": CLUSTER_CLASS.replace(".Values.nodeImage", ".Values.variables.nodeImage"),
        }
    )
    return files


def _minor_folder(minor: str, kubernetes: str, cilium: str, version_file: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "cluster-class/Chart.yaml": f"apiVersion: v2\nname: docker-tiny-{minor}-cluster-class\nversion: v1\n",
        "cluster-class/values.yaml": f"nodeImage: kindest/node:v{kubernetes}\n",
        "cluster-class/templates/cluster-class.yaml": CLUSTER_CLASS,
        "cluster-addon/Chart.yaml": (
            f"apiVersion: v2\nname: docker-tiny-{minor}-cluster-addon\nversion: v1\n"
            f"dependencies:\n- name: cilium\n  repository: https://helm.cilium.io/\n  version: {cilium}\n"
        ),
        "cluster-addon/values.yaml": "cilium: {}\n",
    }
    if version_file == "csctl":
        files["csctl.yaml"] = csctl(f"v{kubernetes}")
        files["node-images/config.yaml"] = f"image: kindest/node:v{kubernetes}\n"
    else:
        files["metadata.yaml"] = (
            "apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1\n"
            f"versions:\n  clusterStack: v1\n  kubernetes: v{kubernetes}\n  components:\n    clusterAddon: v1\n    nodeImage: v1\n"
        )
    return {f"{minor}/{path}": text for path, text in files.items()}


def per_minor() -> dict[str, str | bytes]:
    """The 2023–2024 layout: one folder per minor; the older one with metadata.yaml only."""
    return {"README.md": "# tiny\n", **_minor_folder("1-28", "1.28.7", "1.15.1", "metadata"), **_minor_folder("1-29", "1.29.3", "1.15.3", "csctl")}


def per_minor_stack_yaml() -> dict[str, str | bytes]:
    """PR #259: 1-XX/stack.yaml, addon versions as ranges; 1-35 names only its minor."""
    files: dict[str, str | bytes] = {}
    for minor, kubernetes, cilium, stack_version in (("1-34", "1.34.6", "1.18.2", "1.34.6"), ("1-35", "1.35.3", "1.19.1", "1.35")):
        folder = {
            "stack.yaml": f"provider: docker\nclusterStackName: tiny\nkubernetesVersion: {stack_version}\naddons:\n  cni: 1.x\n",
            "csctl.yaml": csctl(f"v{minor.replace('-', '.')}"),
            "clusteraddon.yaml": STAGES,
            "cluster-class/Chart.yaml": f"apiVersion: v2\nname: docker-tiny-{minor}-cluster-class\nversion: v1\n",
            "cluster-class/values.yaml": f"nodeImage: kindest/node:v{kubernetes}\n",
            "cluster-class/templates/cluster-class.yaml": CLUSTER_CLASS,
            "cluster-addon/cni/Chart.yaml": CNI_CHART.format(cilium=cilium),
            "cluster-addon/cni/values.yaml": "cilium: {}\n",
        }
        files.update({f"{minor}/{path}": text for path, text in folder.items()})
    return files


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write a stack's files under ``folder`` (text as UTF-8, bytes as they are) and return it."""
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder
