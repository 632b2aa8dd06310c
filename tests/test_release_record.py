"""release.json and index.json: the machine-readable record of every stack version."""

from __future__ import annotations

import json

from generator.release_record import release_index, release_record, to_json
from generator.stacks import load_stacks
from tests.stacks.layouts_support import per_minor, single_source, write_files
from tests.stacks.support import requires_engine

pytestmark = requires_engine


def test_a_record_names_the_version_its_components_images_and_api_versions(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", single_source())
    (stack,) = load_stacks(tmp_path / "stacks")
    record = release_record(stack.versions[1])
    assert record["className"] == "docker-tiny-1-33-v1"
    assert (record["provider"], record["stack"], record["kubernetesVersion"], record["channel"], record["released"]) == (
        "docker", "tiny", "1.33.4", "stable", None
    )
    assert record["components"] == [{"name": "cilium", "version": "1.18.2", "kind": "addon"}]
    # Only the image of this exact patch version, with its URL and checksum.
    assert record["nodeImages"] == [
        {"name": "ubuntu-capi-image-v1.33.4", "url": "https://images.example/ubuntu-2404-kube-v1.33.4.qcow2", "checksum": "sha256:bb22"}
    ]
    assert record["apiVersions"]["clusterClass"] == "cluster.x-k8s.io/v1beta1"
    assert [(t["role"], t["apiVersion"], t["kind"]) for t in record["apiVersions"]["templates"]] == [
        ("infrastructure", "infrastructure.cluster.x-k8s.io/v1beta1", "DockerClusterTemplate"),
        ("controlPlane", "controlplane.cluster.x-k8s.io/v1beta1", "KubeadmControlPlaneTemplate"),
        ("workers.machineDeployments[default-worker].bootstrap", "bootstrap.cluster.x-k8s.io/v1beta1", "KubeadmConfigTemplate"),
        ("workers.machineDeployments[default-worker].infrastructure", "infrastructure.cluster.x-k8s.io/v1beta1", "DockerMachineTemplate"),
    ]


def test_the_index_lists_every_version_with_where_its_record_is(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", single_source())
    write_files(tmp_path / "stacks/docker/old", {k: v.replace("tiny", "old") for k, v in per_minor().items()})
    index = release_index(load_stacks(tmp_path / "stacks"))
    assert [(v["className"], v["record"]) for v in index["versions"]] == [
        ("docker-old-1-28-v1", "/stacks/docker-old-1-28-v1/release.json"),
        ("docker-old-1-29-v1", "/stacks/docker-old-1-29-v1/release.json"),
        ("docker-tiny-1-32-v1", "/stacks/docker-tiny-1-32-v1/release.json"),
        ("docker-tiny-1-33-v1", "/stacks/docker-tiny-1-33-v1/release.json"),
    ]


def test_the_json_text_is_deterministic(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", single_source())
    first = [to_json(release_record(v)) for v in load_stacks(tmp_path / "stacks")[0].versions]
    second = [to_json(release_record(v)) for v in load_stacks(tmp_path / "stacks")[0].versions]
    assert first == second
    assert json.loads(first[0])["schemaVersion"] == 1
