"""Addon values and charts as the Cluster Stack Operator renders them (facts from its clusteraddon controller)."""

from __future__ import annotations

from generator.topology.addons import compute_addons

CLUSTER = {"apiVersion": "cluster.x-k8s.io/v1beta1", "kind": "Cluster", "metadata": {"name": "c1", "namespace": "ns"}, "spec": {"topology": {"variables": [{"name": "size", "value": 3}]}}}
CHART = "apiVersion: v2\nname: x\nversion: v0\n"
TEMPLATE = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n  namespace: {{ .Release.Namespace }}\ndata:\n  size: {{ .Values.size | quote }}\n"


def _files(overwrite: str | None, legacy: str | None = None) -> dict[str, str]:
    files = {"cluster-addon/a/Chart.yaml": CHART, "cluster-addon/a/values.yaml": "size: 1\n", "cluster-addon/a/templates/cm.yaml": TEMPLATE}
    if overwrite is not None:
        files["cluster-addon/a/overwrite.yaml"] = overwrite
    if legacy is not None:
        files["cluster-addon-values.yaml"] = legacy
    return files


def _addon(files: dict[str, str]):
    (addon,) = compute_addons(files, "1.32.9", CLUSTER, None, None, ["a"])
    return addon


def test_the_values_key_holds_the_values_and_the_release_is_cluster_addon_in_kube_system() -> None:
    addon = _addon(_files("values: |\n  size: {{ (index .Cluster.spec.topology.variables 0).value }}\n"))
    assert addon.rendered and addon.values == {"size": 3}
    (config_map,) = addon.objects
    assert config_map["metadata"] == {"name": "cluster-addon-cm", "namespace": "kube-system"} and config_map["data"] == {"size": "3"}


def test_without_a_values_string_the_whole_file_is_the_values() -> None:
    assert _addon(_files("size: 7\nvalues: {nested: true}\n")).values == {"size": 7, "values": {"nested": True}}


def test_an_addon_chart_without_overwrite_gets_no_values_even_beside_a_legacy_file() -> None:
    addon = _addon(_files(None, legacy="size: 9\n"))
    assert addon.values == {} and addon.objects[0]["data"] == {"size": "1"}


def test_a_single_cluster_addon_chart_takes_cluster_addon_values() -> None:
    files = {"cluster-addon/Chart.yaml": CHART, "cluster-addon/templates/cm.yaml": TEMPLATE, "cluster-addon-values.yaml": "size: {{ .Cluster.metadata.name }}\n"}
    (addon,) = compute_addons(files, "1.32.9", CLUSTER, None, None, [])
    assert (addon.name, addon.values, addon.objects[0]["data"]) == ("cluster-addon", {"size": "c1"}, {"size": "c1"})


def test_a_failing_values_template_names_the_file_and_the_operators_template() -> None:
    addon = _addon(_files("size: {{ fail \"no size\" }}\n"))
    assert not addon.rendered
    assert addon.error.startswith("cluster-addon/a/overwrite.yaml: template: cluster-addon-values-c1:1:")
