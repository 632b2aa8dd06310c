"""Importing a pasted manifest: every valid field is taken, a field with an error keeps the form's value, unknown fields are left out."""

from __future__ import annotations

import dataclasses

import pytest

from generator.manifests import (
    MachineDeploymentSpec,
    default_cluster_form,
    default_clusterstack_form,
    generate_cluster,
    generate_clusterstack,
    import_form,
    parse_cluster,
    parse_clusterstack,
)
from tests.manifests.versions import BY_CLASS, OPENSTACK

CURRENT = dataclasses.replace(
    default_cluster_form(OPENSTACK),
    name="current",
    variables={"worker_root_disk": 80},
    machine_deployments=[MachineDeploymentSpec("md-0", "default-worker", 2), MachineDeploymentSpec("md-1", "large-worker", 1)],
)
PASTED = dataclasses.replace(
    default_cluster_form(OPENSTACK),
    name="pasted",
    variables={"worker_root_disk": 90, "ssh_keypair": "key"},
    machine_deployments=[MachineDeploymentSpec("md-a", "default-worker", 3), MachineDeploymentSpec("md-b", "large-worker", 4), MachineDeploymentSpec("md-c", "default-worker", 5)],
)


def _pasted(*edits: tuple[str, str]) -> str:
    text = generate_cluster(OPENSTACK, PASTED).text
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    ("edits", "want", "not_taken"),
    [
        ((), {"name": "pasted", "worker_root_disk": 90, "deployments": ["md-a", "md-b", "md-c"]}, []),
        (
            (("value: 90", "value: ninety"),),
            {"name": "pasted", "worker_root_disk": 80, "deployments": ["md-a", "md-b", "md-c"]},
            [("spec.topology.variables[worker_root_disk].value", 'Invalid value: "\\"ninety\\"": must be of type integer: "string"')],
        ),
        (
            (("value: key", "value: ''"),),
            {"name": "pasted", "worker_root_disk": 90, "ssh_keypair": None, "deployments": ["md-a", "md-b", "md-c"]},
            [("spec.topology.variables[ssh_keypair].value", 'Invalid value: "\\"\\"": should be at least 1 chars long')],
        ),
        (
            (("  name: pasted\n", "  name: Not_A_Name\n"),),
            {"name": "current", "worker_root_disk": 90, "deployments": ["md-a", "md-b", "md-c"]},
            [("metadata.name", 'Invalid value: "Not_A_Name"')],
        ),
        (
            (("replicas: 4", "replicas: -4"), ("replicas: 5", "replicas: five")),
            {"name": "pasted", "worker_root_disk": 90, "deployments": ["md-a", "md-1"]},
            [("spec.topology.workers.machineDeployments[1].replicas", "Invalid value: -4"), ("spec.topology.workers.machineDeployments[2].replicas", 'Invalid value: "five"')],
        ),
        (
            (("        name: md-a\n", "        name: md-a\n        colour: blue\n"),),
            {"name": "pasted", "worker_root_disk": 90, "deployments": ["md-a", "md-b", "md-c"], "md-a extra": {}},
            [("spec.topology.workers.machineDeployments[0].colour", 'unknown field "spec.topology.workers.machineDeployments[0].colour"')],
        ),
    ],
    ids=[
        "takes a valid file whole",
        "keeps the current value of a variable of the wrong type",
        "leaves out a variable the form had no value for",
        "keeps the current name when the pasted one is invalid",
        "puts the current machine deployment in a bad one's place, or leaves it out",
        "leaves out an unknown field of a machine deployment",
    ],
)
def test_an_import_takes_what_is_valid(edits: tuple[tuple[str, str], ...], want: dict, not_taken: list[tuple[str, str]]) -> None:
    imported = import_form(parse_cluster(_pasted(*edits), BY_CLASS), CURRENT)
    form = imported.form
    assert form is not None
    assert form.name == want["name"]
    assert form.variables.get("worker_root_disk") == want["worker_root_disk"]
    if "ssh_keypair" in want:
        assert form.variables.get("ssh_keypair") == want["ssh_keypair"]
    assert [md.name for md in form.machine_deployments] == want["deployments"]
    if "md-a extra" in want:
        assert form.machine_deployments[0].extra == want["md-a extra"]
    got = [(d.field, d.message) for d in imported.not_taken]
    assert len(got) == len(not_taken), got
    for (field, message), (want_field, want_message) in zip(got, not_taken):
        assert field == want_field and message.startswith(want_message), (field, message)
    assert all(d.line for d in imported.not_taken)


def test_a_file_of_an_unknown_version_imports_nothing() -> None:
    imported = import_form(parse_cluster(_pasted((OPENSTACK.class_name, "openstack-scs-9-99-v1")), BY_CLASS), CURRENT)
    assert imported.form is None
    assert [d.field for d in imported.not_taken] == ["spec.topology.class"]


def test_an_unreadable_text_imports_nothing() -> None:
    imported = import_form(parse_cluster("kind: [Cluster\n", BY_CLASS), CURRENT)
    assert imported.form is None and imported.not_taken and imported.not_taken[0].message.startswith("YAML syntax error")


def test_a_clusterstack_import_keeps_the_current_value_of_a_bad_field_and_takes_the_rest() -> None:
    current = dataclasses.replace(default_clusterstack_form(OPENSTACK), namespace="tenant-a", identity_secret="mine")
    text = generate_clusterstack(OPENSTACK, default_clusterstack_form(OPENSTACK)).text
    text = text.replace("channel: stable", "channel: beta").replace("autoSubscribe: false", "autoSubscribe: true")
    imported = import_form(parse_clusterstack(text, BY_CLASS), current)
    assert imported.form is not None
    assert (imported.form.channel, imported.form.auto_subscribe, imported.form.namespace, imported.form.identity_secret) == ("stable", True, "default", "openstack")
    assert [d.field for d in imported.not_taken] == ["spec.channel"]
