"""generator.browser: the worker's seam answers every message with JSON text, never with an exception."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import browser, manifests
from tests.editor.stackdata import DOCKER, NEWEST, OLDER, WORKING


def ask(session: browser.Session, message_type: str, payload: Any) -> dict[str, Any]:
    """Send one message the way the worker does (JSON text both ways) and decode the answer."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    answer = browser.dispatch(message_type, text, session)
    assert isinstance(answer, str)
    return json.loads(answer)


@pytest.fixture()
def session() -> browser.Session:
    """Return a session that holds the four hand-built versions."""
    session = browser.Session()
    for version in (NEWEST, OLDER, DOCKER, WORKING):
        assert ask(session, "load_version", version.to_dict()) == {"result": {"className": version.class_name}}
    return session


def cluster_form(**variables: Any) -> dict[str, Any]:
    form = manifests.default_cluster_form(NEWEST).to_dict()
    form["variables"] = variables
    return form


@pytest.mark.parametrize(
    ("variables", "want_valid", "want"),
    [
        ({}, True, []),
        ({"network_mtu": 1500}, True, []),
        ({"network_mtu": 100}, False, [("spec.topology.variables[network_mtu].value", "should be greater than or equal to 1280")]),
        ({"dns_provider": "route53"}, False, [("spec.topology.variables[dns_provider].value", "Unsupported value")]),
        ({"oidc_config": {"issuer_url": 5}}, False, [("spec.topology.variables[oidc_config].value.issuer_url", "")]),
    ],
    ids=[
        "generates the defaults without a diagnostic",
        "accepts a value inside the bounds",
        "rejects a value below the minimum with Cluster API's message",
        "rejects a value outside the enum",
        "points a nested error at the nested field",
    ],
)
def test_generate_validates_like_cluster_api(session: browser.Session, variables: dict[str, Any], want_valid: bool, want: list[tuple[str, str]]) -> None:
    result = ask(session, "generate", {"kind": "cluster", "form": cluster_form(**variables)})["result"]
    assert result["valid"] is want_valid
    errors = [(d["field"], d["message"]) for d in result["diagnostics"] if d["severity"] == "error"]
    assert len(errors) == len(want), errors
    for (field, message), (want_field, want_message) in zip(errors, want):
        assert field == want_field and want_message in message
    assert result["text"].startswith("apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\n")


def test_generate_gives_the_same_text_as_the_generator(session: browser.Session) -> None:
    form = manifests.ClusterForm.from_dict(cluster_form(network_mtu=1500))
    result = ask(session, "generate", {"kind": "cluster", "form": form.to_dict()})["result"]
    assert result["text"] == manifests.generate_cluster(NEWEST, form).text
    stack_form = manifests.default_clusterstack_form(NEWEST)
    stack = ask(session, "generate", {"kind": "clusterstack", "form": stack_form.to_dict()})["result"]
    assert stack["text"] == manifests.generate_clusterstack(NEWEST, stack_form).text


@pytest.mark.parametrize(
    ("message_type", "payload", "error"),
    [
        ("compile", {}, "unknown message type 'compile'"),
        ("generate", "not json", "Expecting value: line 1 column 1 (char 0)"),
        ("generate", "[1, 2]", "the payload must be a JSON object"),
        ("generate", {"kind": "pod", "form": {}}, "kind must be one of cluster, clusterstack, not 'pod'"),
        ("generate", {"kind": "cluster", "form": "x"}, "form must be an object"),
        ("generate", {"kind": "cluster", "form": {"className": "nowhere-1-2-v1"}}, "Cluster Stack 'nowhere-1-2-v1' is not loaded in the generator"),
        ("parse", {"kind": "cluster"}, "parse needs the manifest text"),
        ("switch_version", {"to": 3, "cluster": {}, "clusterstack": {}}, "to must be a string"),
    ],
    ids=[
        "names an unknown message type",
        "reports a payload that is not JSON",
        "rejects a payload that is not an object",
        "rejects an unknown manifest kind",
        "rejects a form that is not an object",
        "names a version the worker has not loaded",
        "asks for the text to parse",
        "rejects a version switch without a class name",
    ],
)
def test_bad_messages_get_an_error_answer(session: browser.Session, message_type: str, payload: Any, error: str) -> None:
    assert ask(session, message_type, payload) == {"error": error}


def test_parse_reads_an_edited_manifest_back_into_the_form(session: browser.Session) -> None:
    text = manifests.generate_cluster(NEWEST, manifests.ClusterForm.from_dict(cluster_form(network_mtu=1500))).text.replace("name: my-cluster", "name: edited")
    result = ask(session, "parse", {"kind": "cluster", "text": text})["result"]
    assert result["diagnostics"] == []
    assert result["form"]["name"] == "edited"
    assert result["form"]["variables"] == {"network_mtu": 1500}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("kind: Cluster\nmetadata: [\n", 3, "YAML syntax error"),
        ("a: &a [1, 2]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)), None, "more than 10000 nodes"),
        ("x: " + "[" * 200 + "]" * 200 + "\n", 1, "nested more than 64 levels deep"),
        ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n", None, "Pod"),
        ("\x00\x01\x02\xff garbage", None, "unacceptable character"),
    ],
    ids=["marks a syntax error at its line", "stops an alias bomb", "stops deep nesting", "rejects a manifest of another kind", "rejects binary garbage"],
)
def test_parse_reports_bad_input_without_a_form(session: browser.Session, text: str, line: int | None, message: str) -> None:
    result = ask(session, "parse", {"kind": "cluster", "text": text})["result"]
    assert result["form"] is None
    errors = [d for d in result["diagnostics"] if d["severity"] == "error"]
    assert errors and any(message in d["message"] for d in errors), errors
    if line is not None:
        assert errors[0]["line"] == line


def test_parse_refuses_huge_text_before_parsing(session: browser.Session) -> None:
    text = "a: b\n" * (browser.MAX_TEXT_BYTES // 5 + 1)
    result = ask(session, "parse", {"kind": "cluster", "text": text})["result"]
    shown = [{k: d[k] for k in ("severity", "field", "message", "line")} for d in result["diagnostics"]]
    assert result["form"] is None
    assert shown == [{"severity": "error", "field": "", "message": "the text is 2048 KiB; the editor reads manifests up to 2048 KiB", "line": 1}]


def test_switching_versions_keeps_what_applies_and_reports_what_does_not(session: browser.Session) -> None:
    cluster = cluster_form(network_mtu=1500, controller_flavor="big", ssh_keypair="me")
    cluster["name"] = "kept"
    cluster["machineDeployments"].append({"name": "md-big", "class": "big-worker", "replicas": 2})
    clusterstack = manifests.default_clusterstack_form(NEWEST).to_dict()
    clusterstack["namespace"] = "tenant"
    result = ask(session, "switch_version", {"to": OLDER.class_name, "cluster": cluster, "clusterstack": clusterstack})["result"]
    assert result["dropped"] == [
        "variable network_mtu (not defined by openstack-scs-1-31-v1)",
        "variable ssh_keypair (not defined by openstack-scs-1-31-v1)",
        "machine deployment md-big (class big-worker is not offered by openstack-scs-1-31-v1)",
    ]
    assert result["cluster"]["className"] == OLDER.class_name
    assert result["cluster"]["name"] == "kept"
    assert result["cluster"]["variables"] == {"controller_flavor": "big"}
    assert result["cluster"]["kubernetesVersion"] == "v1.31.9"
    assert [md["name"] for md in result["cluster"]["machineDeployments"]] == ["md-0"]
    assert result["clusterstack"] == {**clusterstack, "className": OLDER.class_name, "versions": ["v1"]}


def test_switching_to_a_provider_without_identity_secret_reports_it(session: browser.Session) -> None:
    clusterstack = manifests.default_clusterstack_form(NEWEST).to_dict()
    result = ask(session, "switch_version", {"to": DOCKER.class_name, "cluster": cluster_form(), "clusterstack": clusterstack})["result"]
    assert result["dropped"] == ["identity secret openstack (docker takes none)"]
    assert result["clusterstack"]["identitySecret"] is None


def switch(session: browser.Session, to: str, state: dict[str, Any], parked: dict[str, Any]) -> dict[str, Any]:
    """Switch the page's state to another version the way the page does: with its parked store."""
    return ask(session, "switch_version", {"to": to, "cluster": state["cluster"], "clusterstack": state["clusterstack"], "parked": parked})["result"]


def test_values_a_version_lacks_are_parked_and_come_back_with_a_version_that_has_them(session: browser.Session) -> None:
    cluster = cluster_form(network_mtu=1500, ssh_keypair="me", controller_flavor="big")
    cluster["kubernetesVersion"] = "v1.32.7"
    cluster["machineDeployments"].append({"name": "md-big", "class": "big-worker", "replicas": 2})
    state = {"cluster": cluster, "clusterstack": manifests.default_clusterstack_form(NEWEST).to_dict()}
    to_older = switch(session, OLDER.class_name, state, {})
    assert to_older["dropped"] == [
        "variable network_mtu (not defined by openstack-scs-1-31-v1)",
        "variable ssh_keypair (not defined by openstack-scs-1-31-v1)",
        "machine deployment md-big (class big-worker is not offered by openstack-scs-1-31-v1)",
        "Kubernetes version v1.32.7 (openstack-scs-1-31-v1 provides Kubernetes 1.31)",
    ]
    assert (to_older["restored"], to_older["stillParked"]) == ([], [])
    to_docker = switch(session, DOCKER.class_name, to_older, to_older["parked"])
    assert to_docker["dropped"] == ["identity secret openstack (docker takes none)"]
    # Docker's version is also Kubernetes 1.32: the patch version chosen for 1.32 applies again.
    assert to_docker["restored"] == ["Kubernetes version v1.32.7"] and to_docker["cluster"]["kubernetesVersion"] == "v1.32.7"
    assert to_docker["stillParked"] == ["variable network_mtu", "variable ssh_keypair", "machine deployment md-big (class big-worker)"]
    back = switch(session, NEWEST.class_name, to_docker, to_docker["parked"])
    assert back["dropped"] == []
    assert back["restored"] == ["variable network_mtu", "variable ssh_keypair", "machine deployment md-big", "identity secret openstack"]
    assert back["cluster"]["variables"] == {"controller_flavor": "big", "network_mtu": 1500, "ssh_keypair": "me"}
    assert [md["name"] for md in back["cluster"]["machineDeployments"]] == ["md-0", "md-big"]
    assert back["cluster"]["kubernetesVersion"] == "v1.32.7"
    assert back["clusterstack"]["identitySecret"] == "openstack"
    assert back["stillParked"] == [] and back["parked"] == {"variables": {}, "machineDeployments": [], "kubernetesVersions": {}, "identitySecret": None}


def test_a_value_set_anew_wins_over_the_parked_one(session: browser.Session) -> None:
    state = {"cluster": cluster_form(network_mtu=1500), "clusterstack": manifests.default_clusterstack_form(NEWEST).to_dict()}
    parked = switch(session, OLDER.class_name, state, {})["parked"]
    assert parked["variables"] == {"network_mtu": 1500}
    back = switch(session, NEWEST.class_name, {**state, "cluster": cluster_form(network_mtu=9000)}, parked)
    assert back["cluster"]["variables"] == {"network_mtu": 9000} and back["restored"] == [] and back["parked"]["variables"] == {}


def test_the_kubernetes_version_of_the_stack_itself_is_not_parked(session: browser.Session) -> None:
    state = {"cluster": cluster_form(), "clusterstack": manifests.default_clusterstack_form(NEWEST).to_dict()}
    assert switch(session, OLDER.class_name, state, {})["dropped"] == []


def test_generate_reports_a_cluster_outside_the_namespace_of_its_clusterstack(session: browser.Session) -> None:
    cluster = cluster_form()
    cluster["namespace"] = "tenant-a"
    clusterstack = manifests.default_clusterstack_form(NEWEST).to_dict()
    apart = ask(session, "generate", {"kind": "cluster", "form": cluster, "clusterstack": clusterstack})["result"]
    assert apart["valid"] is False
    assert [(d["field"], d["line"]) for d in apart["diagnostics"]] == [("metadata.namespace", 5)]
    assert apart["diagnostics"][0]["message"].startswith('Invalid value: "tenant-a": the ClusterStack is in namespace "default", where the Cluster Stack Operator creates ClusterClass openstack-scs-1-32-v2;')
    together = ask(session, "generate", {"kind": "cluster", "form": cluster, "clusterstack": {**clusterstack, "namespace": "tenant-a"}})["result"]
    assert together["valid"] is True and together["diagnostics"] == []


def test_parse_names_the_class_of_a_version_the_worker_has_not_loaded(session: browser.Session) -> None:
    text = manifests.generate_cluster(NEWEST, manifests.default_cluster_form(NEWEST)).text.replace(NEWEST.class_name, "openstack-scs-1-33-v9")
    result = ask(session, "parse", {"kind": "cluster", "text": text, "current": cluster_form()})["result"]
    assert result["className"] == "openstack-scs-1-33-v9"
    assert result["form"] is None
    assert [d["field"] for d in result["notTaken"]] == ["spec.topology.class"]


def test_an_import_takes_every_valid_field_and_lists_the_rest(session: browser.Session) -> None:
    current = cluster_form(network_mtu=1500, ssh_keypair="old")
    pasted = manifests.generate_cluster(NEWEST, manifests.ClusterForm.from_dict(cluster_form(network_mtu=1500, ssh_keypair="new", controller_flavor="big"))).text
    pasted = pasted.replace("name: my-cluster", "name: pasted").replace("value: 1500", "value: fifty").replace("      replicas: 3\n", "      replicas: many\n")
    pasted = pasted.replace("  namespace: default\n", "  namespace: default\n  colour: blue\n")
    result = ask(session, "parse", {"kind": "cluster", "text": pasted, "current": current})["result"]
    form = result["form"]
    assert (form["name"], form["variables"]) == ("pasted", {"network_mtu": 1500, "ssh_keypair": "new", "controller_flavor": "big"})
    assert form["controlPlaneReplicas"] == 3 and form["extra"] == {}
    lines = pasted.splitlines()
    not_taken = [(d["field"], lines[d["line"] - 1].strip(), d["message"]) for d in result["notTaken"]]
    assert not_taken == [
        ("metadata.colour", "colour: blue", 'unknown field "metadata.colour"'),
        ("spec.topology.controlPlane.replicas", "replicas: many", 'Invalid value: "many": must be an integer'),
        ("spec.topology.variables[network_mtu].value", "value: fifty", 'Invalid value: "\\"fifty\\"": must be of type integer: "string"'),
    ]


def test_an_import_of_a_clusterstack_keeps_the_current_value_of_a_bad_field(session: browser.Session) -> None:
    current = manifests.default_clusterstack_form(NEWEST).to_dict()
    current["namespace"] = "tenant-a"
    pasted = manifests.generate_clusterstack(NEWEST, manifests.default_clusterstack_form(NEWEST)).text.replace("channel: stable", "channel: beta").replace("autoSubscribe: false", "autoSubscribe: true")
    result = ask(session, "parse", {"kind": "clusterstack", "text": pasted, "current": current})["result"]
    assert (result["form"]["channel"], result["form"]["autoSubscribe"], result["form"]["namespace"]) == ("stable", True, "default")
    assert [d["field"] for d in result["notTaken"]] == ["spec.channel"]


# Every class name the editor's picker lists, of which the worker holds only those loaded.
LISTED = [NEWEST.class_name, OLDER.class_name, WORKING.class_name, DOCKER.class_name, "openstack-scs-1-33-v1", "openstack-scsx-1-33-v1"]


def older_cluster_text(**variables: Any) -> str:
    form = manifests.default_cluster_form(OLDER)
    form.variables = variables
    return manifests.generate_cluster(OLDER, form).text


def test_explain_says_which_variables_are_set_defaulted_unset_and_unknown(session: browser.Session) -> None:
    text = older_cluster_text(node_cidr="10.9.0.0/20").replace("    variables:\n", "    variables:\n    - name: not_in_the_class\n      value: 7\n")
    result = ask(session, "explain", {"text": text, "known": LISTED})["result"]
    assert result["className"] == OLDER.class_name and result["known"] is True
    states = {v["name"]: (v["state"], v["value"]) for v in result["variables"]}
    assert states["node_cidr"] == ("set", "10.9.0.0/20")
    assert states["controller_flavor"] == ("defaulted", "SCS-2V-4-20s")
    assert states["external_id"] == ("unset", None)
    assert states["not_in_the_class"] == ("unknown", 7)


def test_explain_of_the_form_says_what_explain_of_its_text_says(session: browser.Session) -> None:
    form = manifests.default_cluster_form(OLDER)
    form.variables = {"node_cidr": "10.9.0.0/20"}
    text = manifests.generate_cluster(OLDER, form).text
    of_text = ask(session, "explain", {"text": text, "known": LISTED})["result"]
    of_form = ask(session, "explain", {"form": form.to_dict(), "known": LISTED})["result"]
    assert of_form == of_text and of_form["variables"][0]["state"] in ("set", "defaulted", "unset")


def test_explain_finds_newer_versions_by_class_name_among_the_listed_ones(session: browser.Session) -> None:
    # openstack-scs-1-33-v1 is listed but not loaded; another stack (scsx) and another provider are not the same stack.
    result = ask(session, "explain", {"text": older_cluster_text(), "known": LISTED})["result"]
    assert result["newer"] == [NEWEST.class_name, WORKING.class_name, "openstack-scs-1-33-v1"]
    newest = manifests.generate_cluster(WORKING, manifests.default_cluster_form(WORKING)).text
    assert ask(session, "explain", {"text": newest, "known": LISTED})["result"]["newer"] == ["openstack-scs-1-33-v1"]


@pytest.mark.parametrize(
    ("payload", "error"),
    [({"text": "kind: Cluster\n"}, "known must be a list of class names"), ({"known": []}, "text must be a string")],
    ids=["without the listed versions", "without text"],
)
def test_explain_refuses_a_malformed_message(session: browser.Session, payload: dict[str, Any], error: str) -> None:
    assert ask(session, "explain", payload) == {"error": error}


def test_explain_of_an_unreadable_text_gives_its_errors(session: browser.Session) -> None:
    result = ask(session, "explain", {"text": "kind: Cluster\nmetadata: [\n", "known": LISTED})["result"]
    assert result["className"] is None and result["known"] is False
    assert [d["line"] for d in result["diagnostics"]] == [3]


def upgrade(session: browser.Session, to: str, cluster: manifests.ClusterForm, renames: Any = None) -> dict[str, Any]:
    source = session.versions[cluster.class_name]
    clusterstack = manifests.default_clusterstack_form(source)
    clusterstack.namespace = cluster.namespace
    return ask(session, "upgrade", {"to": to, "cluster": cluster.to_dict(), "clusterstack": clusterstack.to_dict(), "renames": renames})


def test_upgrade_keeps_what_applies_reports_what_is_dropped_and_adds_the_target_to_the_clusterstack(session: browser.Session) -> None:
    cluster = manifests.default_cluster_form(NEWEST)
    cluster.name, cluster.namespace = "kept", "tenant"
    cluster.variables = {"network_mtu": 1500}
    result = upgrade(session, WORKING.class_name, cluster)["result"]
    assert result["cluster"] == {**cluster.to_dict(), "className": WORKING.class_name, "kubernetesVersion": "v1.32.5"}
    assert result["clusterstack"]["className"] == WORKING.class_name
    assert result["clusterstack"]["versions"] == ["v2", "v3"]  # the running version stays for the clusters that use it
    assert result["secondClusterStack"] is False
    assert result["valid"] is True
    kinds = [(n["kind"], n["subject"]) for n in result["notes"]]
    assert kinds == [("class", ""), ("kept", "network_mtu"), ("clusterstack", "spec.versions")]


def test_upgrade_across_a_minor_drops_with_the_value_suggests_and_needs_a_second_clusterstack(session: browser.Session) -> None:
    cluster = manifests.default_cluster_form(OLDER)
    cluster.variables = {"node_cidr": "10.9.0.0/20", "controller_flavor": "big"}
    result = upgrade(session, NEWEST.class_name, cluster)["result"]
    assert result["cluster"]["variables"] == {"controller_flavor": "big"}
    notes = {(n["kind"], n["subject"]): n["message"] for n in result["notes"]}
    assert notes[("dropped", "node_cidr")] == 'dropped: openstack-scs-1-32-v2 has no such variable (the value was "10.9.0.0/20")'
    assert ("added", "network_mtu") in notes and ("kept", "controller_flavor") in notes
    assert result["secondClusterStack"] is True
    assert result["clusterstack"] == {**manifests.default_clusterstack_form(NEWEST).to_dict(), "namespace": cluster.namespace}


def test_upgrade_applies_a_declared_rename_with_its_value_mapping(session: browser.Session) -> None:
    cluster = manifests.default_cluster_form(OLDER)
    cluster.variables = {"node_cidr": "10.9.0.0/20"}
    renames = [{"from": "node_cidr", "to": "ssh_keypair", "values": [["10.9.0.0/20", "mapped"]]}]
    result = upgrade(session, NEWEST.class_name, cluster, renames)["result"]
    assert result["cluster"]["variables"] == {"ssh_keypair": "mapped"}
    assert [n["kind"] for n in result["notes"] if n["subject"] == "node_cidr"] == ["renamed"]


@pytest.mark.parametrize(
    ("to", "renames", "error"),
    [
        ("nope-1-32-v9", None, "Cluster Stack 'nope-1-32-v9' is not loaded in the generator"),
        (NEWEST.class_name, {"from": "a"}, "renames must be a list"),
        (NEWEST.class_name, [{"from": "a"}], "each rename needs 'from' and 'to', the old and the new variable name"),
        (NEWEST.class_name, [{"from": "a", "to": "b", "values": {"x": "y"}}], "a rename's values are [old, new] pairs"),
    ],
    ids=["a target not loaded", "renames not a list", "a rename without its new name", "values not pairs"],
)
def test_upgrade_refuses_a_malformed_message(session: browser.Session, to: str, renames: Any, error: str) -> None:
    assert upgrade(session, to, manifests.default_cluster_form(OLDER), renames) == {"error": error}


def test_the_seam_imports_nothing_from_the_browser() -> None:
    tree = ast.parse(Path(browser.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert imported == {"__future__", "json", "logging", "collections", "typing", "generator"}


# Runs in a fresh interpreter: this test process has imported everything long ago.
AFTER_WARM_UP = """
import json, sys
import generator.browser as browser
data = json.loads(sys.stdin.read())
browser.warm_up()
before = set(sys.modules)
session = browser.Session()
ask = lambda kind, payload: json.loads(browser.dispatch(kind, json.dumps(payload), session))
for version in data["versions"]:
    ask("load_version", version)
cluster = ask("generate", {"kind": "cluster", "form": data["cluster"], "clusterstack": data["clusterstack"]})["result"]["text"]
clusterstack = ask("generate", {"kind": "clusterstack", "form": data["clusterstack"]})["result"]["text"]
ask("parse", {"kind": "cluster", "text": cluster})
ask("parse", {"kind": "clusterstack", "text": clusterstack})
ask("parse", {"kind": "cluster", "text": "spec: [unclosed"})
ask("parse", {"kind": "cluster", "text": cluster.replace("value: 100", "value: fifty"), "current": data["cluster"]})
ask("switch_version", {"to": data["older"], "cluster": data["cluster"], "clusterstack": data["clusterstack"], "parked": {}})
assert "result" in ask("explain", {"text": cluster, "known": data["known"]})
assert "result" in ask("explain", {"form": data["cluster"], "known": data["known"]})
assert "result" in ask("upgrade", {"to": data["older"], "cluster": data["cluster"], "clusterstack": data["clusterstack"], "renames": data["renames"]})
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_after_warm_up_no_request_imports_a_module(repo_root: Path) -> None:
    # The worker snapshots the heap right after warm_up(): a module imported later is imported again on every warm start.
    cluster = cluster_form(network_mtu=100)  # an invalid value: validation runs too
    data = {
        "versions": [NEWEST.to_dict(), OLDER.to_dict()],
        "older": OLDER.class_name,
        "known": LISTED,
        "renames": [{"from": "ssh_keypair", "to": "node_cidr", "values": [["a", "b"]]}],
        "cluster": cluster,
        "clusterstack": manifests.default_clusterstack_form(NEWEST).to_dict(),
    }
    result = subprocess.run([sys.executable, "-c", AFTER_WARM_UP], input=json.dumps(data), cwd=repo_root, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
