"""Fields the CRDs do not know are errors on their lines; fields they know but the form cannot show are kept."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from generator.manifests import default_cluster_form, generate_cluster, generate_clusterstack, default_clusterstack_form, parse_cluster, parse_clusterstack
from generator.manifests.known_fields import KNOWN_FIELDS
from generator.manifests.yamlreader import load_documents
from tests.manifests.test_parsing import CLUSTER, STACK
from tests.manifests.versions import BY_CLASS, OPENSTACK, OPENSTACK_V1BETA2

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT.parent / "shared" / "schemas" / "crds"


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("known_fields_tool", ROOT / "tools" / "known_fields.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCHEMAS.is_dir(), reason="../shared/schemas is not there")
def test_the_committed_module_is_what_the_tool_writes_from_the_crds() -> None:
    committed = (ROOT / "generator" / "manifests" / "known_fields.py").read_text(encoding="utf-8")
    assert _tool().render(SCHEMAS) == committed, "regenerate with: .venv/bin/python tools/known_fields.py"


def test_every_object_of_the_manifests_has_a_tree() -> None:
    assert sorted(KNOWN_FIELDS) == [
        ("cluster.x-k8s.io/v1beta1", "Cluster"),
        ("cluster.x-k8s.io/v1beta2", "Cluster"),
        ("clusterstack.x-k8s.io/v1alpha1", "ClusterStack"),
        ("infrastructure.clusterstack.x-k8s.io/v1alpha1", "OpenStackClusterStackReleaseTemplate"),
    ]


def _unknown(field: str, line: int) -> tuple[str, str, str, int]:
    return ("error", field, f'unknown field "{field}"', line)


def _insert_after(text: str, anchor: str, added: str) -> str:
    assert anchor in text, anchor
    return text.replace(anchor, anchor + added, 1)


CLUSTER_CASES = [
    ("an unknown top-level field", _insert_after(CLUSTER, "kind: Cluster\n", "surprise: 1\n"), [_unknown("surprise", 3)]),
    ("an unknown field in spec.topology", _insert_after(CLUSTER, "    version: v1.32.5\n", "    surprise: 1\n"), [_unknown("spec.topology.surprise", 15)]),
    ("a typo of spec.topology", CLUSTER.replace("  topology:\n", "  topolgy:\n"), [_unknown("spec.topolgy", 12)]),
    (
        "an unknown field in a machine deployment item",
        _insert_after(CLUSTER, "        replicas: 3\n", "        flavour: big\n"),
        [_unknown("spec.topology.workers.machineDeployments[0].flavour", 22)],
    ),
    (
        "every unknown field, in document order, not below an unknown one",
        _insert_after(_insert_after(CLUSTER, "  name: demo\n", "  nmae: x\n"), "      replicas: 1\n", "      nested:\n        deeper: 1\n"),
        [_unknown("metadata.nmae", 5), _unknown("spec.topology.controlPlane.nested", 18)],
    ),
    ("unknown fields inside an object's status are not checked", CLUSTER + "status:\n  anything:\n    goes: 1\n", []),
    ("labels and annotations take any keys", _insert_after(CLUSTER, "    owner: me\n", "    example.com/any-thing: x\n  labels:\n    \"weird key\": y\n"), []),
    (
        "fields the CRD knows but the form has no input for",
        _insert_after(_insert_after(CLUSTER, "spec:\n", "  paused: true\n"), "      replicas: 1\n", "      metadata:\n        labels:\n          tier: cp\n"),
        [],
    ),
    (
        "variable values with any nested keys",
        _insert_after(CLUSTER, "      value: SCS-4V-8\n", "    - name: oidc_config\n      value:\n        issuer_url: https://id\n        made_up:\n          deep: [1, {x: 2}]\n"),
        [],
    ),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CLUSTER_CASES], ids=[c[0] for c in CLUSTER_CASES])
def test_cluster_unknown_fields(text: str, want: list[tuple[str, str, str, int]]) -> None:
    parsed = parse_cluster(text, BY_CLASS)
    got = [(d.severity, d.field, d.message, d.line) for d in parsed.diagnostics if d.message.startswith("unknown field")]
    assert got == want
    assert parsed.form is not None  # the form is still read; the unknown field stays in extra
    for severity, field, _, line in want:
        assert text.splitlines()[line - 1].strip().startswith(field.rsplit(".", 1)[-1].split("[")[0] + ":")


def test_an_unknown_field_is_an_error_and_still_kept() -> None:
    parsed = parse_cluster(CLUSTER.replace("  topology:\n", "  topolgy:\n"), BY_CLASS)
    assert "spec.topolgy" in [d.field for d in parsed.errors]
    assert "topolgy" in parsed.form.extra["spec"]


def test_v1beta2_knows_its_own_fields_only() -> None:
    text = generate_cluster(OPENSTACK_V1BETA2, default_cluster_form(OPENSTACK_V1BETA2)).text
    assert "classRef:" in text
    assert [d for d in parse_cluster(text, BY_CLASS).diagnostics if d.message.startswith("unknown field")] == []
    # "class" is a v1beta1 field; v1beta2 names the class in classRef
    bad = text.replace("    classRef:\n", "    class: x\n    classRef:\n", 1)
    line = bad.splitlines().index("    class: x") + 1
    assert [(d.field, d.line) for d in parse_cluster(bad, BY_CLASS).errors if d.message.startswith("unknown field")] == [("spec.topology.class", line)]


STACK_CASES = [
    ("an unknown field in ClusterStack spec", _insert_after(STACK, "  channel: stable\n", "  chanel: beta\n"), [_unknown("spec.chanel", 11)]),
    ("an unknown field in the release template", _insert_after(STACK, "        name: openstack\n", "        project: x\n"), [_unknown("spec.template.spec.identityRef.project", 30)]),
    ("annotations on both objects", STACK.replace("  namespace: default\n", "  namespace: default\n  annotations:\n    any/key: v\n"), []),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in STACK_CASES], ids=[c[0] for c in STACK_CASES])
def test_clusterstack_unknown_fields(text: str, want: list[tuple[str, str, str, int]]) -> None:
    parsed = parse_clusterstack(text, BY_CLASS)
    got = [(d.severity, d.field, d.message, d.line) for d in parsed.diagnostics if d.message.startswith("unknown field")]
    assert got == want
    assert parsed.form is not None
    for severity, field, _, line in want:
        assert text.splitlines()[line - 1].strip().startswith(field.rsplit(".", 1)[-1] + ":")


def test_known_but_unrepresented_fields_round_trip_without_errors() -> None:
    form = dataclasses.replace(
        default_cluster_form(OPENSTACK),
        extra={"spec": {"paused": True, "topology": {"controlPlane": {"metadata": {"labels": {"tier": "cp"}}}}}},
    )
    first = generate_cluster(OPENSTACK, form)
    parsed = parse_cluster(first.text, BY_CLASS)
    assert parsed.errors == []
    assert parsed.form.extra == form.extra
    assert generate_cluster(OPENSTACK, parsed.form).text == first.text
    stack_form = dataclasses.replace(default_clusterstack_form(OPENSTACK), extra={"ClusterStack": {"metadata": {"annotations": {"a": "b"}}}})
    first = generate_clusterstack(OPENSTACK, stack_form)
    parsed_stack = parse_clusterstack(first.text, BY_CLASS)
    assert parsed_stack.errors == []
    assert generate_clusterstack(OPENSTACK, parsed_stack.form).text == first.text


GARBAGE = [
    ("binary garbage on the first line", "\x00\x01\x02\xff garbage", "unacceptable character #x0000", 1),
    ("a control character on a later line", "a: 1\nb: 2\nc: x\x07y\n", "unacceptable character #x0007", 3),
    ("a syntax error", "apiVersion: v1\nkind: [Cluster\n", "YAML syntax error", 3),
]


@pytest.mark.parametrize(("text", "message", "line"), [c[1:] for c in GARBAGE], ids=[c[0] for c in GARBAGE])
def test_unreadable_text_is_reported_on_its_line(text: str, message: str, line: int) -> None:
    _, diagnostics = load_documents(text)
    assert [(message in d.message, d.line) for d in diagnostics] == [(True, line)], diagnostics
    assert [d.line for d in parse_cluster(text, BY_CLASS).errors] == [line]
