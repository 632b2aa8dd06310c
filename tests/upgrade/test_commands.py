"""``python -m generator compare`` and ``upgrade`` as a user runs them: text, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.changes import compare_versions
from tests.pages.samples import openstack_history, stack_version

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
# v1 → v3 of the sample history: a Kubernetes patch, a default, added and removed variables, components and a worker class.
PAIR = ("openstack-scs-1-32-v1", "openstack-scs-1-32-v3")


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator ARGS`` as a user would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def versions_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample history plus a 1.33 version, as the JSON file ``--stacks`` accepts."""
    items = [*openstack_history(), stack_version(kubernetes="1.33.1", version="v1")]
    path = tmp_path_factory.mktemp("stacks") / "versions.json"
    path.write_text(json.dumps([v.to_dict() for v in items]), encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["txt", "json"])
def test_compare_output_for_a_pair_with_known_changes_is_pinned(versions_file: Path, form: str) -> None:
    result = generator("compare", *PAIR, "--stacks", str(versions_file), *(["--json"] if form == "json" else []))
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"compare-{PAIR[0]}-{PAIR[1]}.{form}"
    assert result.stdout == golden.read_text(encoding="utf-8"), f"{golden} differs: review the change, then rewrite it from this output"


def test_compare_json_is_the_changes_record(versions_file: Path) -> None:
    v1, _, v3 = openstack_history()
    result = generator("compare", *PAIR, "--stacks", str(versions_file), "--json")
    assert json.loads(result.stdout) == compare_versions(v1, v3).to_dict()


def test_compare_across_kubernetes_minors_and_back(versions_file: Path) -> None:
    result = generator("compare", "openstack-scs-1-33-v1", "openstack-scs-1-32-v1", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["openstack-scs-1-33-v1 → openstack-scs-1-32-v1", "Kubernetes: 1.33.1 → 1.32.5"]


def test_compare_a_version_with_itself_says_nothing_changed(versions_file: Path) -> None:
    result = generator("compare", PAIR[0], PAIR[0], "--stacks", str(versions_file))
    assert result.stdout == f"{PAIR[0]} → {PAIR[0]}\nno visible change\n"


def test_compare_an_unknown_class_names_the_known_ones(versions_file: Path) -> None:
    result = generator("compare", PAIR[0], "openstack-scs-1-99-v1", "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stderr.startswith("openstack-scs-1-99-v1: unknown ClusterClass; known: openstack-scs-1-32-v1, ")


@pytest.fixture()
def cluster_file(versions_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cluster.yaml"
    result = generator("cluster", PAIR[0], "--name", "prod", "--set", "controller_root_disk=80", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_upgrade_prints_the_migrated_cluster_and_its_notes(versions_file: Path, cluster_file: Path) -> None:
    result = generator("upgrade", str(cluster_file), "--to", PAIR[1], "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert f"    class: {PAIR[1]}\n    version: v1.32.7\n" in result.stdout
    assert "- name: controller_root_disk\n      value: 80\n" in result.stdout
    assert result.stderr.splitlines()[:2] == [f"note: class {PAIR[0]} → {PAIR[1]}, Kubernetes v1.32.5 → v1.32.7", "note: kept 2 variables: controller_flavor, controller_root_disk"]


def test_upgrade_json_carries_text_notes_and_verdict(versions_file: Path, cluster_file: Path) -> None:
    result = generator("upgrade", str(cluster_file), "--to", PAIR[1], "--stacks", str(versions_file), "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["valid"] is True
    assert data["source"] == PAIR[0] and data["target"] == PAIR[1]
    assert {"kind": "kept", "subject": "controller_root_disk", "message": "kept"} in data["notes"]


def test_upgrade_that_cannot_validate_exits_1_with_the_reasons_and_no_yaml(versions_file: Path, cluster_file: Path) -> None:
    # the 1.33 sample version has no controller_root_disk and its worker class is the same: the value is dropped, the rest holds
    text = cluster_file.read_text(encoding="utf-8").replace("replicas: 3", "replicas: -1")
    cluster_file.write_text(text, encoding="utf-8")
    result = generator("upgrade", str(cluster_file), "--to", "openstack-scs-1-33-v1", "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "warning: controller_root_disk: dropped: openstack-scs-1-33-v1 has no such variable (the value was 80)" in result.stderr.splitlines()
    assert any(line.startswith(f"{cluster_file} (as openstack-scs-1-33-v1):") and "spec.topology.controlPlane.replicas" in line for line in result.stderr.splitlines()), result.stderr


def test_upgrade_reads_the_target_stacks_declared_renames(tmp_path: Path) -> None:
    from tests.commands.stacks_support import run_generator  # noqa: PLC0415  (a stacks folder on disk, as a maintainer has it)

    stacks = REPO_ROOT / "stacks"
    work = tmp_path / "stacks"
    subprocess.run(["cp", "-r", str(stacks), str(work)], check=True)
    before = run_generator("list", "--stacks", str(work), cwd=tmp_path).stdout
    (work / "openstack" / "scs" / "renames.yaml").write_text("- from: worker_flavor\n  to: default_worker_flavor\n", encoding="utf-8")
    assert run_generator("list", "--stacks", str(work), cwd=tmp_path).stdout == before, "a rename declaration is no new stack version"
    cluster = run_generator("cluster", "openstack-scs-1-32-v1", "--stacks", str(work), cwd=tmp_path)
    (tmp_path / "c.yaml").write_text(cluster.stdout, encoding="utf-8")
    good = run_generator("upgrade", "c.yaml", "--to", "openstack-scs-1-33-v2", "--stacks", str(work), cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    (work / "openstack" / "scs" / "renames.yaml").write_text("- from: worker_flavor\n  values: 3\n", encoding="utf-8")
    bad = run_generator("upgrade", "c.yaml", "--to", "openstack-scs-1-33-v2", "--stacks", str(work), cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr == f"{work}/openstack/scs/renames.yaml: entry 1: needs 'from' and 'to', the old and the new variable name\n"


def test_upgrade_clusterstack_keeps_the_running_version_and_adds_the_target(versions_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "clusterstack.yaml"
    path.write_text(generator("clusterstack", PAIR[0], "--namespace", "tenant", "--stacks", str(versions_file)).stdout, encoding="utf-8")
    result = generator("upgrade", str(path), "--to", "openstack-scs-1-32-v2", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert "  versions:\n  - v1\n  - v2\n" in result.stdout
    assert "  namespace: tenant\n" in result.stdout
    other = generator("upgrade", str(path), "--to", "openstack-scs-1-33-v1", "--stacks", str(versions_file))
    assert other.returncode == 0, other.stderr
    assert other.stdout.count("kind: ClusterStack\n") == 2
    assert "  name: openstack-scs-1-32\n" in other.stdout and "  name: openstack-scs-1-33\n" in other.stdout
