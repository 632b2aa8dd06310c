"""generator.upgrade: a cluster.yaml moved to another stack version keeps what applies and says what does not."""

from __future__ import annotations

from typing import Any

import pytest

from generator.manifests import default_cluster_form, generate_cluster, parse_cluster
from generator.model import StackVersion
from generator.stacks import load_stack_versions
from generator.upgrade import ADDED, CLASS, DEFAULT_CHANGED, DROPPED, KEPT, MACHINE_DEPLOYMENT, RENAMED, REQUIRED, SUGGESTED, Rename, migrate_cluster, migrate_clusterstack, parse_renames
from tests.pages.samples import DISK, FLAVOR, LB, stack_version, variable

REAL = {v.class_name: v for v in load_stack_versions("stacks")}


def cluster_yaml(version: StackVersion, **values: Any) -> str:
    """Return the cluster.yaml the generator writes for a version with the given variables set."""
    form = default_cluster_form(version)
    form.name = "prod"
    form.namespace = "tenant"
    form.variables.update(values)
    generated = generate_cluster(version, form)
    assert generated.valid, generated.diagnostics
    return generated.text


def notes_of(migration: Any, kind: str) -> dict[str, str]:
    return {note.subject: note.message for note in migration.notes if note.kind == kind}


def test_the_shipped_history_migrates_to_the_newest_version_of_the_minor_and_validates() -> None:
    source = REAL["openstack-scs-1-32-v1"]
    text = cluster_yaml(source, worker_flavor="SCS-4V-16", controller_root_disk=60, dns_nameservers=["1.1.1.1"])
    migration = migrate_cluster(text, REAL, "openstack-scs-1-32-v3")
    assert migration.valid, migration.diagnostics
    assert migration.source == "openstack-scs-1-32-v1"
    assert set(notes_of(migration, KEPT)) == {"worker_flavor", "controller_root_disk", "dns_nameservers"}
    assert "network_mtu" in notes_of(migration, ADDED)
    parsed = parse_cluster(migration.text, REAL)
    assert parsed.valid, parsed.diagnostics
    assert parsed.form.class_name == "openstack-scs-1-32-v3"
    assert parsed.form.name == "prod" and parsed.form.namespace == "tenant"
    assert parsed.form.variables == {"worker_flavor": "SCS-4V-16", "controller_root_disk": 60, "dns_nameservers": ["1.1.1.1"]}


def test_a_new_kubernetes_minor_sets_its_version_and_flags_the_defaults_that_change() -> None:
    migration = migrate_cluster(cluster_yaml(REAL["openstack-scs-1-32-v3"]), REAL, "openstack-scs-1-34-v1")
    assert migration.valid, migration.diagnostics
    assert "    version: v1.34.1\n" in migration.text
    assert "    class: openstack-scs-1-34-v1\n" in migration.text
    assert notes_of(migration, DEFAULT_CHANGED) == {
        "node_image": 'not set: the cluster gets the new default "ubuntu-capi-image-v1.34.1" instead of "ubuntu-capi-image-v1.32.9"'
    }
    assert notes_of(migration, CLASS) == {"": "class openstack-scs-1-32-v3 → openstack-scs-1-34-v1, Kubernetes v1.32.9 → v1.34.1"}


def test_fields_the_form_does_not_know_travel_with_the_cluster() -> None:
    text = cluster_yaml(REAL["openstack-scs-1-32-v1"]).replace("  namespace: tenant\n", "  namespace: tenant\n  annotations:\n    team: blue\n")
    migration = migrate_cluster(text, REAL, "openstack-scs-1-33-v2")
    assert migration.valid, migration.diagnostics
    assert "  annotations:\n    team: blue\n" in migration.text


BEFORE = stack_version(version="v1", variables=[FLAVOR, DISK, variable("worker_flavour", {"type": "string", "default": "SCS-2V-4"}), variable("lb_kind", {"type": "string"})])
RENAMING = stack_version(version="v2", variables=[FLAVOR, DISK, variable("worker_flavor", {"type": "string", "default": "SCS-2V-4"}), LB])


def versions(*items: StackVersion) -> dict[str, StackVersion]:
    return {v.class_name: v for v in items}


def test_a_variable_the_target_lacks_is_dropped_and_reported_with_its_value() -> None:
    migration = migrate_cluster(cluster_yaml(BEFORE, lb_kind="ovn"), versions(BEFORE, RENAMING), RENAMING.class_name)
    assert migration.valid, migration.diagnostics
    assert notes_of(migration, DROPPED) == {"lb_kind": f'dropped: {RENAMING.class_name} has no such variable (the value was "ovn")'}
    assert "lb_kind" not in migration.text


def test_without_a_declaration_a_likely_rename_is_only_suggested() -> None:
    migration = migrate_cluster(cluster_yaml(BEFORE, worker_flavour="SCS-8V-32"), versions(BEFORE, RENAMING), RENAMING.class_name)
    assert "worker_flavour" in notes_of(migration, DROPPED)
    assert notes_of(migration, SUGGESTED)["worker_flavour"].startswith("perhaps renamed to worker_flavor:")
    assert "SCS-8V-32" not in migration.text


def test_a_declared_rename_carries_the_value_and_maps_it() -> None:
    renames, problems = parse_renames([{"from": "worker_flavour", "to": "worker_flavor", "values": {"SCS-8V-32": "SCS-8V-32-50"}}])
    assert problems == []
    migration = migrate_cluster(cluster_yaml(BEFORE, worker_flavour="SCS-8V-32"), versions(BEFORE, RENAMING), RENAMING.class_name, renames)
    assert migration.valid, migration.diagnostics
    assert notes_of(migration, RENAMED) == {"worker_flavour": 'renamed to worker_flavor (value "SCS-8V-32" → "SCS-8V-32-50"), as the stack declares'}
    assert SUGGESTED not in {n.kind for n in migration.notes}
    assert "    - name: worker_flavor\n      value: SCS-8V-32-50\n" in migration.text


def test_a_rename_applies_only_where_the_target_no_longer_has_the_old_name() -> None:
    both = stack_version(version="v2", variables=[FLAVOR, variable("worker_flavour", {"type": "string"}), variable("worker_flavor", {"type": "string"})])
    migration = migrate_cluster(cluster_yaml(BEFORE, worker_flavour="x"), versions(BEFORE, both), both.class_name, [Rename("worker_flavour", "worker_flavor")])
    assert notes_of(migration, KEPT)["worker_flavour"] == "kept"
    assert RENAMED not in {n.kind for n in migration.notes}


def test_a_new_required_variable_is_flagged_and_the_result_does_not_validate() -> None:
    target = stack_version(version="v2", variables=[FLAVOR, DISK, variable("project_id", {"type": "string"}, required=True)])
    migration = migrate_cluster(cluster_yaml(BEFORE), versions(BEFORE, target), target.class_name)
    assert notes_of(migration, REQUIRED) == {"project_id": f"new in {target.class_name} and required: set it"}
    assert not migration.valid
    assert any(d.field.startswith("spec.topology.variables") and "project_id" in str(d) for d in migration.diagnostics), migration.diagnostics


def test_a_worker_class_the_target_lacks_is_named_with_the_choices() -> None:
    target = stack_version(version="v2", variables=[FLAVOR, DISK], workers=("small", "large"))
    migration = migrate_cluster(cluster_yaml(BEFORE), versions(BEFORE, target), target.class_name)
    assert notes_of(migration, MACHINE_DEPLOYMENT) == {"md-0": f"class default-worker is not in {target.class_name}; choose one of small, large"}
    assert not migration.valid


def test_an_unknown_target_or_unreadable_file_is_an_error_not_a_traceback() -> None:
    unknown = migrate_cluster(cluster_yaml(BEFORE), versions(BEFORE), "nope-1-32-v9")
    assert not unknown.valid and unknown.diagnostics[0].message.startswith('unknown ClusterClass "nope-1-32-v9"; known: ')
    broken = migrate_cluster("kind: [Cluster", versions(BEFORE, RENAMING), RENAMING.class_name)
    assert not broken.valid and broken.text == "" and broken.diagnostics


@pytest.mark.parametrize("migrate", [migrate_cluster, migrate_clusterstack], ids=["cluster.yaml", "clusterstack.yaml"])
def test_both_manifests_refuse_an_unknown_target_and_an_unreadable_text_alike(migrate: Any) -> None:
    unknown = migrate("kind: [Cluster", versions(BEFORE), "nope-1-32-v9")
    assert (unknown.source, unknown.text, unknown.valid) == (None, "", False)
    assert [d.message for d in unknown.diagnostics] == [f'unknown ClusterClass "nope-1-32-v9"; known: {BEFORE.class_name}']
    broken = migrate("kind: [Cluster", versions(BEFORE), BEFORE.class_name)
    assert (broken.source, broken.text, broken.valid, broken.source_object) == (None, "", False, None)
    assert broken.diagnostics and any(d.severity == "error" for d in broken.diagnostics)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"from": "a"}, "expected a list of renames ({from: old_name, to: new_name})"),
        ([{"from": "a"}], "entry 1: needs 'from' and 'to', the old and the new variable name"),
        ([{"from": "a", "to": "b", "values": ["x"]}], "entry 1: 'values' maps old values to new ones"),
        ([{"from": "a", "to": "b", "since": "v2"}], "entry 1: unknown keys since (known: from, to, values)"),
    ],
)
def test_a_malformed_rename_declaration_says_what_is_wrong(data: Any, problem: str) -> None:
    assert parse_renames(data)[1] == [problem]
