"""upgrade --plan: what Cluster API changes and which machines it replaces, from both versions' real templates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.manifests import default_cluster_form, generate_cluster, parse_cluster
from generator.manifests.yamlreader import load_documents
from generator.rollout import plan_upgrade
from generator.stacks import load_stack_versions
from generator.stacks.files import read_stacks
from generator.topology.stack import source_versions
from generator.upgrade import migrate_cluster

REPO_ROOT = Path(__file__).resolve().parents[2]
STACKS = REPO_ROOT / "stacks"
SOURCE = "openstack-scs-1-32-v3"  # the working state of 1.32: its templates are in stacks/


@pytest.fixture(scope="module")
def sources() -> dict[str, Any]:
    found, problems = source_versions(read_stacks(STACKS), str(STACKS))
    assert problems == []
    return found


def cluster_of(text: str) -> dict[str, Any]:
    return next(d.data for d in load_documents(text)[0] if isinstance(d.data, dict))


def next_release(objects: list[dict[str, Any]], **defaults: Any) -> list[dict[str, Any]]:
    """The same templates as a new version v9 would ship them (every name follows the class), with variable defaults changed."""
    renamed = json.loads(json.dumps(objects).replace(SOURCE, "openstack-scs-1-32-v9"))
    for obj in renamed:
        if obj.get("kind") == "ClusterClass":
            for definition in obj["spec"]["variables"]:
                if definition["name"] in defaults:
                    definition["schema"]["openAPIV3Schema"]["default"] = defaults[definition["name"]]
    return renamed


def plan_to(sources: dict[str, Any], target_objects: list[dict[str, Any]]) -> Any:
    """Plan the move of the default cluster of SOURCE onto the target objects' class."""
    versions = {v.class_name: v for v in load_stack_versions(STACKS)}
    text = generate_cluster(versions[SOURCE], default_cluster_form(versions[SOURCE])).text
    after = cluster_of(text.replace(f"class: {SOURCE}", "class: openstack-scs-1-32-v9"))
    plan, problems = plan_upgrade(cluster_of(text), sources[SOURCE].objects, after, target_objects)
    assert problems == []
    return plan


def replaced(plan: Any) -> dict[str, bool]:
    return {r.machines: r.replaced for r in plan.rollouts}


def test_a_version_that_only_changes_addons_replaces_no_machine(sources: dict[str, Any]) -> None:
    plan = plan_to(sources, next_release(sources[SOURCE].objects))
    assert replaced(plan) == {"control plane": False, "machine deployment md-0": False}
    assert [o.role for o in plan.objects] == ["Cluster"], "only the class name changes, in place"


def test_a_new_node_image_replaces_the_control_plane_and_the_workers(sources: dict[str, Any]) -> None:
    plan = plan_to(sources, next_release(sources[SOURCE].objects, node_image="ubuntu-capi-image-v1.32.10"))
    assert replaced(plan) == {"control plane": True, "machine deployment md-0": True}
    assert plan.rollouts[0].reasons == ("its machine template changes (spec.template.spec.image.filter.name)",)


def test_a_new_worker_flavor_default_replaces_only_the_workers(sources: dict[str, Any]) -> None:
    plan = plan_to(sources, next_release(sources[SOURCE].objects, worker_flavor="SCS-4V-8"))
    assert replaced(plan) == {"control plane": False, "machine deployment md-0": True}


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)


def test_the_cli_plans_a_kubernetes_minor_upgrade_of_the_shipped_stacks(tmp_path: Path) -> None:
    cluster = tmp_path / "cluster.yaml"
    cluster.write_text(generator("cluster", SOURCE, "--set", "worker_flavor=SCS-4V-8").stdout, encoding="utf-8")
    result = generator("upgrade", str(cluster), "--to", "openstack-scs-1-33-v2", "--plan")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("control plane: machines are replaced (rollout): Kubernetes v1.32.9 → v1.33.5")
    assert lines[1].startswith("machine deployment md-0: machines are replaced (rollout): Kubernetes v1.32.9 → v1.33.5")
    assert "addon openstack-cinder-csi: 2.32.2 → 2.33.1 (the Cluster Stack Operator updates it in place)" in lines
    assert "apiVersion:" not in result.stdout, "--plan prints the plan, not the manifest"
    data = json.loads(generator("upgrade", str(cluster), "--to", "openstack-scs-1-33-v2", "--plan", "--json").stdout)
    assert data["plan"]["replacesMachines"] is True and data["valid"] is True


def test_the_cli_says_which_version_has_no_templates(tmp_path: Path) -> None:
    cluster = tmp_path / "cluster.yaml"
    cluster.write_text(generator("cluster", "openstack-scs-1-32-v1").stdout, encoding="utf-8")
    result = generator("upgrade", str(cluster), "--to", "openstack-scs-1-33-v2", "--plan")
    assert result.returncode == 1
    assert "openstack-scs-1-32-v1: its templates are not in stacks (a release whose source moved on keeps only its ClusterClass)" in result.stderr


def test_the_migrated_cluster_still_parses_on_the_target() -> None:
    versions = {v.class_name: v for v in load_stack_versions(STACKS)}
    text = generate_cluster(versions[SOURCE], default_cluster_form(versions[SOURCE])).text
    migration = migrate_cluster(text, versions, "openstack-scs-1-33-v2")
    assert parse_cluster(migration.text, versions).valid


def test_the_migration_carries_both_clusters_the_plan_compares() -> None:
    # --plan takes its two Clusters from the migration, which read one and wrote the other,
    # so they are the texts' objects without a second parse.
    versions = {v.class_name: v for v in load_stack_versions(STACKS)}
    text = generate_cluster(versions[SOURCE], default_cluster_form(versions[SOURCE])).text
    migration = migrate_cluster(text, versions, "openstack-scs-1-33-v2")
    assert migration.source_object == cluster_of(text)
    assert [obj.get("kind") for obj in migration.objects] == ["Cluster"]
    assert migration.objects[0] == cluster_of(migration.text)


def test_the_cli_refuses_to_plan_a_clusterstack(tmp_path: Path) -> None:
    stack = tmp_path / "clusterstack.yaml"
    stack.write_text(generator("clusterstack", SOURCE, "--namespace", "team").stdout, encoding="utf-8")
    result = generator("upgrade", str(stack), "--to", "openstack-scs-1-33-v2", "--plan")
    assert result.returncode == 1
    assert "--plan takes a cluster.yaml: a ClusterStack's machines are its clusters'" in result.stderr
