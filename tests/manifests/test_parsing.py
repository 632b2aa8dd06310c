"""Reading manifests back: form state, problems on their lines, unknown fields kept, round trips, hostile text."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.manifests import (
    ClusterForm,
    MachineDeploymentSpec,
    default_cluster_form,
    default_clusterstack_form,
    generate_cluster,
    generate_clusterstack,
    parse_cluster,
    parse_clusterstack,
)
from tests.manifests.versions import ALL, BY_CLASS, DOCKER, OPENSTACK, OPENSTACK_V1BETA2

# --- round trips ---------------------------------------------------------------------------


def _cluster_forms() -> list[tuple[str, Any, ClusterForm]]:
    forms = [(f"the default Cluster of {v.class_name}", v, default_cluster_form(v)) for v in ALL]
    full = dataclasses.replace(
        default_cluster_form(OPENSTACK),
        name="prod",
        namespace="tenant-a",
        labels={"team": "a", "example.com/tier": "gold"},
        control_plane_replicas=5,
        machine_deployments=[MachineDeploymentSpec("md-0", "default-worker", 2, "az-1"), MachineDeploymentSpec("md-1", "large-worker", None, extra={"metadata": {"labels": {"gpu": "yes"}}})],
        pod_cidrs=["172.16.0.0/16", "fd00:1::/56"],
        service_cidrs=[],
        variables={"oidc_config": {"issuer_url": "https://id.example"}, "ssh_keypair": "line1\nline2\n", "worker_root_disk": 80},
        extra={"metadata": {"annotations": {"note": "kept"}}, "spec": {"paused": True}},
    )
    forms.append(("a Cluster with every field and extras", OPENSTACK, full))
    forms.append(("a v1beta2 Cluster with all defaults", OPENSTACK_V1BETA2, dataclasses.replace(default_cluster_form(OPENSTACK_V1BETA2), all_defaults=True, control_plane_replicas=None)))
    return forms


@pytest.mark.parametrize(("version", "form"), [f[1:] for f in _cluster_forms()], ids=[f"build, parse, build gives the same text for {f[0]}" for f in _cluster_forms()])
def test_cluster_round_trip(version: Any, form: ClusterForm) -> None:
    first = generate_cluster(version, form)
    parsed = parse_cluster(first.text, BY_CLASS)
    assert parsed.errors == [], parsed.errors
    assert parsed.form is not None and parsed.form.class_name == version.class_name
    second = generate_cluster(version, parsed.form)
    assert second.text == first.text
    assert parse_cluster(second.text, BY_CLASS).form == parsed.form
    assert ClusterForm.from_dict(parsed.form.to_dict()) == parsed.form


@pytest.mark.parametrize("version", ALL, ids=[f"build, parse, build gives the same clusterstack.yaml for {v.class_name}" for v in ALL])
def test_clusterstack_round_trip(version: Any) -> None:
    for form in (default_clusterstack_form(version), dataclasses.replace(default_clusterstack_form(version), namespace="t", channel="custom", versions=[version.version, "v0-sha.1a2b"], auto_subscribe=True)):
        first = generate_clusterstack(version, form)
        parsed = parse_clusterstack(first.text, BY_CLASS)
        assert parsed.errors == []
        assert parsed.form == form
        assert generate_clusterstack(version, parsed.form).text == first.text


def test_clusterstack_keeps_unknown_fields_and_other_names() -> None:
    text = generate_clusterstack(OPENSTACK, default_clusterstack_form(OPENSTACK)).text
    text = text.replace("  name: openstack-scs-1-32\n  namespace", "  name: my-stack\n  annotations:\n    a: b\n  namespace", 1)
    text = text.replace("name: openstack-scs-1-32\n  namespace: default\nspec:\n  template", "name: my-template\n  namespace: default\nspec:\n  template")
    parsed = parse_clusterstack(text, BY_CLASS)
    assert parsed.errors == []
    assert parsed.form.extra == {
        "ClusterStack": {"metadata": {"annotations": {"a": "b"}, "name": "my-stack"}},
        "OpenStackClusterStackReleaseTemplate": {"metadata": {"name": "my-template"}},
    }
    objects = generate_clusterstack(OPENSTACK, parsed.form).objects
    assert objects[0]["metadata"] == {"name": "my-stack", "namespace": "default", "annotations": {"a": "b"}}
    assert objects[0]["spec"]["providerRef"]["name"] == "my-template"
    assert objects[1]["metadata"]["name"] == "my-template"


# --- what a parsed Cluster becomes --------------------------------------------------------

CLUSTER = """\
apiVersion: cluster.x-k8s.io/v1beta1
kind: Cluster
metadata:
  name: demo
  namespace: tenant
  annotations:
    owner: me
spec:
  controlPlaneEndpoint:
    host: 10.0.0.1
    port: 6443
  topology:
    class: openstack-scs-1-32-v2
    version: v1.32.5
    controlPlane:
      replicas: 1
    workers:
      machineDeployments:
      - class: default-worker
        name: md-0
        replicas: 3
        metadata:
          labels:
            pool: a
      machinePools:
      - class: mp
        name: mp-0
    variables:
    - name: worker_flavor
      value: SCS-4V-8
"""


def test_cluster_fields_go_to_the_form_and_the_rest_to_extra() -> None:
    parsed = parse_cluster(CLUSTER, BY_CLASS)
    assert parsed.errors == []
    form = parsed.form
    assert (form.name, form.namespace, form.kubernetes_version, form.control_plane_replicas) == ("demo", "tenant", "v1.32.5", 1)
    assert form.pod_cidrs == [] and form.service_cidrs == [] and form.service_domain == ""
    assert form.variables == {"worker_flavor": "SCS-4V-8"}
    assert form.machine_deployments == [MachineDeploymentSpec("md-0", "default-worker", 3, None, {"metadata": {"labels": {"pool": "a"}}})]
    assert form.extra == {
        "metadata": {"annotations": {"owner": "me"}},
        "spec": {"controlPlaneEndpoint": {"host": "10.0.0.1", "port": 6443}, "topology": {"workers": {"machinePools": [{"class": "mp", "name": "mp-0"}]}}},
    }
    rebuilt = generate_cluster(OPENSTACK, form).objects[0]
    assert rebuilt["spec"]["controlPlaneEndpoint"] == {"host": "10.0.0.1", "port": 6443}
    assert rebuilt["spec"]["topology"]["workers"]["machinePools"] == [{"class": "mp", "name": "mp-0"}]
    assert rebuilt["metadata"]["annotations"] == {"owner": "me"}


def test_a_cluster_without_namespace_gets_the_default_one() -> None:
    parsed = parse_cluster(CLUSTER.replace("  namespace: tenant\n", ""), BY_CLASS)
    assert parsed.form.namespace == "default"


# --- problems, each on its line -----------------------------------------------------------

ERROR_CASES = [
    ("reports YAML syntax errors with their line", "apiVersion: v1\nkind: [Cluster\n", [("error", "", "YAML syntax error", 3)]),
    ("reports empty text", "", [("error", "", "the text holds no Cluster", 1)]),
    ("reports a document that is not a mapping", "- a\n- b\n", [("error", "", "a document must be a Kubernetes object (a mapping), not list", 1)]),
    ("rejects the wrong kind", CLUSTER.replace("kind: Cluster", "kind: Machine"), [("error", "kind", 'Unsupported value: "Machine": supported values: "Cluster"', 2)]),
    ("rejects the wrong apiVersion", CLUSTER.replace("cluster.x-k8s.io/v1beta1", "cluster.x-k8s.io/v1alpha4"), [("error", "apiVersion", 'Unsupported value: "cluster.x-k8s.io/v1alpha4": supported values: "cluster.x-k8s.io/v1beta1", "cluster.x-k8s.io/v1beta2"', 1)]),
    ("rejects an unknown class", CLUSTER.replace("openstack-scs-1-32-v2", "openstack-scs-1-29-v9"), [("error", "spec.topology.class", 'Invalid value: "openstack-scs-1-29-v9": no known Cluster Stack version provides this ClusterClass', 13)]),
    ("requires a class", CLUSTER.replace("    class: openstack-scs-1-32-v2\n", ""), [("error", "spec.topology.class", "Required value: the ClusterClass of a Cluster Stack version", 12)]),
    ("reports a second document", CLUSTER + "---\nkind: Cluster\n", [("error", "", "cluster.yaml holds one Cluster; this is a second document", 32)]),
    ("reports a variable set twice", CLUSTER + "    - name: worker_flavor\n      value: SCS-2V-4\n", [("error", "spec.topology.variables[worker_flavor].name", 'Duplicate value: "worker_flavor"', 31)]),
    ("reports a variable without a value", CLUSTER + "    - name: ssh_keypair\n", [("error", "spec.topology.variables[ssh_keypair].value", "Required value", 31)]),
    ("reports a duplicate key", CLUSTER.replace("  name: demo\n", "  name: demo\n  name: again\n"), [("error", "metadata.name", 'duplicate key "name"', 5)]),
    ("reports replicas of the wrong type and keeps the value", CLUSTER.replace("replicas: 1", "replicas: one"), [("error", "spec.topology.controlPlane.replicas", 'Invalid value: "one": must be an integer', 16)]),
    ("validates variables on their line", CLUSTER.replace("value: SCS-4V-8", "value: 8"), [("error", "spec.topology.variables[worker_flavor].value", "must be of type string", 30)]),
    ("validates names on their line", CLUSTER.replace("name: demo", "name: Demo"), [("error", "metadata.name", 'Invalid value: "Demo"', 4)]),
    ("reports an unknown machine deployment class on its line", CLUSTER.replace("class: default-worker", "class: gpu"), [("error", "spec.topology.workers.machineDeployments[0].class", 'Unsupported value: "gpu"', 19)]),
    ("warns about definitionFrom, which is left out", CLUSTER + "    - name: ssh_keypair\n      value: k\n      definitionFrom: inline\n", [("warning", "spec.topology.variables[ssh_keypair].definitionFrom", "definitionFrom is not supported by the generator and is left out", 33)]),
    ("warns when the Cluster's apiVersion differs from the ClusterClass's", CLUSTER.replace("cluster.x-k8s.io/v1beta1", "cluster.x-k8s.io/v1beta2").replace("    class: openstack-scs-1-32-v2\n", "    classRef:\n      name: openstack-scs-1-32-v2\n"), [("warning", "apiVersion", "ClusterClass openstack-scs-1-32-v2 is cluster.x-k8s.io/v1beta1; the Cluster is written in that version", 1)]),
]


def _check(parsed: Any, expected: list[tuple[str, str, str, int]]) -> None:
    got = [(d.severity, d.field, d.message, d.line) for d in parsed.diagnostics]
    assert len(got) == len(expected), f"want {expected}\ngot  {got}"
    for (severity, field, message, line), found in zip(expected, got):
        assert (found[0], found[1], found[3]) == (severity, field, line), f"want {expected}\ngot  {got}"
        assert message in found[2], f"want {message!r} in {found[2]!r}"


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_cluster_problems(text: str, expected: list[tuple[str, str, str, int]]) -> None:
    _check(parse_cluster(text, BY_CLASS), expected)


STACK = generate_clusterstack(OPENSTACK, default_clusterstack_form(OPENSTACK)).text
DOCKER_STACK = generate_clusterstack(DOCKER, default_clusterstack_form(DOCKER)).text

STACK_CASES = [
    ("rejects the wrong apiVersion", STACK.replace("clusterstack.x-k8s.io/v1alpha1", "clusterstack.x-k8s.io/v1beta1"), [("error", "apiVersion", 'Unsupported value: "clusterstack.x-k8s.io/v1beta1"', 1)]),
    ("rejects a document of another kind", STACK + "---\napiVersion: v1\nkind: Secret\n", [("error", "kind", 'Unsupported value: "Secret": supported values: "ClusterStack", "OpenStackClusterStackReleaseTemplate"', 32)]),
    ("reports text without a ClusterStack", "apiVersion: v1\nkind: Secret\n", [("error", "kind", 'Unsupported value: "Secret"', 2), ("error", "", "the text holds no ClusterStack", 1)]),
    ("rejects an unknown stack", STACK.replace("name: scs", "name: other"), [("error", "spec.name", 'Invalid value: "other": no known Cluster Stack openstack-other for Kubernetes 1.32', 8)]),
    ("rejects an unquoted kubernetesVersion", STACK.replace("'1.32'", "1.32"), [("error", "spec.kubernetesVersion", 'Invalid value: 1.32: must be a string like "1.32" (quote it: unquoted, YAML reads a number)', 9), ("error", "spec.name", "no known Cluster Stack openstack-scs for Kubernetes ", 8)]),
    ("rejects an unknown channel on its line", STACK.replace("channel: stable", "channel: beta"), [("error", "spec.channel", 'Unsupported value: "beta"', 10)]),
    ("rejects a badly formed version on its line", STACK.replace("  - v2\n", "  - v2\n  - 2\n"), [("error", "spec.versions[1]", "Invalid value: 2: must be a stable-channel stack version", 18)]),
    ("rejects a template in another namespace", STACK.replace("  namespace: default\nspec:\n  template", "  namespace: other\nspec:\n  template"), [("error", "metadata.namespace", 'Invalid value: "other": must be the ClusterStack\'s namespace "default"', 23)]),
    ("rejects an identity that is not a Secret", STACK.replace("kind: Secret", "kind: ConfigMap"), [("error", "spec.template.spec.identityRef.kind", 'Unsupported value: "ConfigMap": supported values: "Secret"', 28)]),
    ("warns when the openstack release template is missing and requires its secret", STACK.split("---")[0], [("warning", "spec.providerRef", "the OpenStackClusterStackReleaseTemplate is missing", 6), ("error", "spec.template.spec.identityRef.name", "Required value", 6)]),
    ("warns about a release template for a provider without one", DOCKER_STACK + "---\n" + STACK.split("---\n")[1], [("warning", "kind", "provider docker has no release template; this document is left out", 17)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in STACK_CASES], ids=[c[0] for c in STACK_CASES])
def test_clusterstack_problems(text: str, expected: list[tuple[str, str, str, int]]) -> None:
    _check(parse_clusterstack(text, BY_CLASS), expected)


def test_clusterstack_without_auto_subscribe_takes_the_crd_default() -> None:
    parsed = parse_clusterstack(STACK.replace("  autoSubscribe: false\n", ""), BY_CLASS)
    assert parsed.form.auto_subscribe is True


def test_clusterstack_picks_the_listed_version() -> None:
    v1 = dataclasses.replace(OPENSTACK, version="v1")
    versions = {**BY_CLASS, v1.class_name: v1}
    assert parse_clusterstack(STACK.replace("  - v2\n", "  - v1\n"), versions).form.class_name == "openstack-scs-1-32-v1"
    # none listed is known: the newest known version of that stack and Kubernetes minor
    assert parse_clusterstack(STACK.replace("  - v2\n", "  - v9\n"), versions).form.class_name == "openstack-scs-1-32-v3"


# --- hostile text ------------------------------------------------------------------------

def amplified_string(times: int, size: int = 100_000) -> str:
    """Return a ~100 KB string aliased ``times`` times: few nodes, but megabytes of values once expanded."""
    return f'big: &s "{"x" * size}"\nvalues: [' + ", ".join(["*s"] * times) + "]\n"


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))

HOSTILE = [
    ("rejects text over 1 MiB", "a: " + "x" * (1024 * 1024) + "\n", "the text is larger than 1024 KiB; this is not a manifest", 1),
    ("rejects nesting deeper than 64 levels", "[" * 65 + "]" * 65, "the YAML is nested more than 64 levels deep", 1),
    ("rejects an alias bomb", LAUGHS, "the YAML expands to more than 10000 nodes (through aliases); this is not a manifest", 4),
    ("rejects a 100 KB string aliased 300 times", amplified_string(300), "the YAML expands to more than 1024 KiB of values (through aliases); this is not a manifest", 2),
    ("rejects a 100 KB string aliased 4000 times", amplified_string(4000), "the YAML expands to more than 1024 KiB of values (through aliases); this is not a manifest", 2),
    ("rejects long keys aliased as merge keys", "m: &m {" + ", ".join(f"k{i}: {'v' * 1000}" for i in range(100)) + "}\n" + "".join(f"c{i}: {{<<: *m}}\n" for i in range(20)), "the YAML expands to more than 1024 KiB of values (through aliases); this is not a manifest", 1),
    ("rejects a recursive anchor", "a: &x [1, *x]\n", "an alias refers to the node that contains it (a recursive YAML anchor)", 1),
    ("rejects deep nesting built from aliases", "a0: &a0 [1]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 70)), "the YAML is nested more than 64 levels deep (through aliases)", 65),
    ("rejects more than 10000 nodes", "a: [" + ", ".join(["1"] * 10001) + "]\n", "the YAML has more than 10000 nodes; this is not a manifest", 1),
    ("rejects an unknown tag", "apiVersion: !!python/object:os.system x\n", "unsupported YAML tag tag:yaml.org,2002:python/object:os.system", 1),
]


@pytest.mark.parametrize(("text", "message", "line"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_text_is_refused_with_a_clear_message(text: str, message: str, line: int) -> None:
    for parse in (parse_cluster, parse_clusterstack):
        parsed = parse(text, BY_CLASS)
        assert parsed.form is None
        assert [(d.message, d.line) for d in parsed.errors][:1] == [(message, line)]


def test_a_large_string_used_once_or_aliased_a_few_times_is_read() -> None:
    # the byte bound only refuses amplification: the same bytes written out, or aliased within the bound, are read
    for text in (f'big: "{"x" * 1_000_000}"\n', amplified_string(9)):
        parsed = parse_cluster(text, BY_CLASS)
        assert not any("expands" in d.message for d in parsed.errors), parsed.errors


def test_small_aliases_and_merge_keys_are_read() -> None:
    text = CLUSTER.replace("  annotations:\n    owner: me\n", "  annotations: &ann\n    owner: me\n  labels:\n    <<: *ann\n")
    parsed = parse_cluster(text, BY_CLASS)
    assert parsed.errors == []
    assert parsed.form.labels == {"owner": "me"}


def test_timestamps_stay_strings() -> None:
    parsed = parse_cluster(CLUSTER.replace("value: SCS-4V-8", "value: 2025-01-01"), BY_CLASS)
    assert parsed.form.variables["worker_flavor"] == "2025-01-01"
