"""Expansion for one Kubernetes version: names, pins, substituted versions, metadata.yaml."""

from __future__ import annotations

import yaml

from generator.stacks.expand import expand_version
from generator.stacks.layout import parse_stack
from tests.stacks.support import tiny_stack


def _expand(version="v3", index=1, **overrides):
    files = tiny_stack(**overrides)
    files["cluster-addon/cni/Chart.lock"] = "dependencies: []\n"
    files["cluster-addon/cni/charts/cilium/Chart.yaml"] = "apiVersion: v2\nname: cilium\nversion: 1.17.8\n"
    source, problems = parse_stack("docker/tiny", files, "stacks/docker/tiny")
    assert problems == []
    return expand_version(source, source.entries[index], version)


def test_writes_exactly_the_files_of_a_stack_version():
    assert sorted(_expand()) == [
        "cluster-addon/cni/Chart.yaml",
        "cluster-addon/cni/values.yaml",
        "cluster-class/Chart.yaml",
        "cluster-class/templates/cluster-class.yaml",
        "cluster-class/values.yaml",
        "clusteraddon.yaml",
        "csctl.yaml",
        "metadata.yaml",
    ]


def test_names_the_charts_and_sets_the_stack_version():
    out = _expand()
    assert yaml.safe_load(out["cluster-class/Chart.yaml"]) == {
        "apiVersion": "v2",
        "name": "docker-tiny-1-33-cluster-class",
        "version": "v3",
    }
    addon = yaml.safe_load(out["cluster-addon/cni/Chart.yaml"])
    assert (addon["name"], addon["version"]) == ("docker-tiny-1-33-cluster-addon", "v3")


def test_pins_the_dependency_versions_of_that_kubernetes_version():
    deps = yaml.safe_load(_expand(index=0)["cluster-addon/cni/Chart.yaml"])["dependencies"]
    assert deps == [{"name": "cilium", "repository": "https://helm.cilium.io/", "version": "1.17.8"}]
    deps = yaml.safe_load(_expand(index=1)["cluster-addon/cni/Chart.yaml"])["dependencies"]
    assert deps[0]["version"] == "1.18.2"


def test_substitutes_the_kubernetes_version_where_the_source_carries_it():
    out = _expand()
    assert out["cluster-class/values.yaml"] == "nodeImage: kindest/node:v1.33.4\n"
    assert yaml.safe_load(out["csctl.yaml"])["config"]["kubernetesVersion"] == "v1.33.4"


def test_does_not_touch_longer_versions_that_merely_contain_the_source_version():
    out = _expand(**{"cluster-class__values.yaml": "a: v1.32.8\nb: v1.32.80\nc: 11.32.8\nd: 1.32.8-rc.1\n"})
    assert out["cluster-class/values.yaml"] == "a: v1.33.4\nb: v1.32.80\nc: 11.32.8\nd: 1.33.4-rc.1\n"


def test_leaves_templates_alone():
    assert _expand()["cluster-class/templates/cluster-class.yaml"] == tiny_stack()["cluster-class/templates/cluster-class.yaml"]


def test_writes_csctl_metadata():
    assert _expand()["metadata.yaml"] == (
        "apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1\n"
        "versions:\n"
        "  clusterStack: v3\n"
        "  kubernetes: v1.33.4\n"
        "  components:\n"
        "    clusterAddon: v3\n"
        "    nodeImage: v3\n"
    )


def test_is_deterministic():
    assert _expand() == _expand()
