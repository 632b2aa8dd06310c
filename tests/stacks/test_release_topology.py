"""A released version keeps its topology after its source moves on: the ledger's topologyInputs, and their backfill from git.

The fixture is a real git repository made in the test: a stack with real templates is
released as v1, its cluster-class templates change, and it is released as v2. The commands
run as a user runs them (``python -m generator release``), the topology as the build computes it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.browser import version_defaults
from generator.stacks import load_stacks
from generator.stacks.files import read_stacks
from generator.stacks.ledger import Ledger, dump_ledger, parse_ledger
from generator.topology.preview import preview
from generator.topology.stack import source_versions, topology_inputs
from sitebuild.topology import version_topologies
from tests.commands.stacks_support import run_generator, tiny_stack, write_stack
from tests.stacks.support import STACKS_DIR, requires_engine

pytestmark = requires_engine

# The templates the tiny stack's ClusterClass references; the worker's image is what v2 changes.
TEMPLATES = """\
apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: DockerClusterTemplate
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Version }}-cluster
spec:
  template:
    spec: {}
---
apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlaneTemplate
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
spec:
  template:
    spec:
      kubeadmConfigSpec: {}
---
apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
kind: KubeadmConfigTemplate
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Version }}-worker
spec:
  template:
    spec: {}
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: DockerMachineTemplate
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Version }}-worker
spec:
  template:
    spec:
      customImage: IMAGE
"""
TEMPLATES_FILE = "cluster-class/templates/templates.yaml"
LEDGER = "stacks/docker/tiny/releases.yaml"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout.strip()


def _commit(repo: Path, message: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def _release(repo: Path, date: str) -> None:
    result = run_generator("release", "--stacks", "stacks", "--date", date, cwd=repo)
    assert result.returncode == 0, result.stderr


def _set_image(repo: Path, image: str) -> None:
    (repo / "stacks/docker/tiny" / TEMPLATES_FILE).write_text(TEMPLATES.replace("IMAGE", image), encoding="utf-8")


def _forget_topology(repo: Path) -> None:
    """Rewrite the ledger as a generator before topologyInputs wrote it: the same entries, without them."""
    ledger, problems = parse_ledger((repo / LEDGER).read_text(encoding="utf-8"), LEDGER, "docker", "tiny")
    assert problems == []
    (repo / LEDGER).write_text(dump_ledger(Ledger(ledger.provider, ledger.stack, ledger.releases)), encoding="utf-8")


def _topologies(repo: Path) -> dict:
    stacks = load_stacks(repo / "stacks")
    return version_topologies(repo / "stacks", stacks)


def _worker_image(topology: dict) -> str:
    """Return the image of the default Cluster's worker machine template, as the preview shows it."""
    templates = [o for o in topology["default"]["objects"] if o["kind"] == "DockerMachineTemplate"]
    assert len(templates) == 1, topology["default"]["errors"]
    return yaml.safe_load(templates[0]["yaml"])["spec"]["template"]["spec"]["customImage"]


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A git repository in which the tiny stack was released as v1 (on 1.32 and 1.33); return it and v1's source commit."""
    write_stack(tmp_path / "stacks", tiny_stack(**{TEMPLATES_FILE.replace("/", "__"): TEMPLATES.replace("IMAGE", "registry.invalid/node:one")}))
    _git(tmp_path, "init", "-q", "-b", "main")
    source = _commit(tmp_path, "tiny stack")
    _release(tmp_path, "2025-07-01")
    _commit(tmp_path, "release v1")
    return tmp_path, source


def test_a_release_records_its_templates_and_addon_files_sorted(repo: tuple[Path, str]) -> None:
    entry = yaml.safe_load((repo[0] / LEDGER).read_text())["releases"]["1.32"][0]
    inputs = entry["topologyInputs"]
    assert [(o["kind"], o["metadata"]["name"]) for o in inputs["objects"]] == [
        ("KubeadmConfigTemplate", "docker-tiny-1-32-v1-worker"),
        ("KubeadmControlPlaneTemplate", "docker-tiny-1-32-v1-control-plane"),
        ("DockerClusterTemplate", "docker-tiny-1-32-v1-cluster"),
        ("DockerMachineTemplate", "docker-tiny-1-32-v1-worker"),
    ]
    assert sorted(inputs["files"]) == ["cluster-addon/cni/Chart.yaml", "cluster-addon/cni/values.yaml"]
    assert "version: v1\n" in inputs["files"]["cluster-addon/cni/Chart.yaml"]


def test_both_versions_have_a_topology_and_v1_keeps_v1s_templates(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _set_image(path, "registry.invalid/node:two")
    _release(path, "2025-10-06")
    topologies = _topologies(path)
    assert _worker_image(topologies["docker-tiny-1-32-v1"]) == "registry.invalid/node:one"
    assert _worker_image(topologies["docker-tiny-1-32-v2"]) == "registry.invalid/node:two"
    assert topologies["docker-tiny-1-32-v1"]["default"]["errors"] == []


def test_the_ledger_and_the_source_give_the_same_preview_for_a_version_still_in_source(repo: tuple[Path, str]) -> None:
    path, _ = repo
    stacks = load_stacks(path / "stacks")
    version = next(v for s in stacks for v in s.versions if v.class_name == "docker-tiny-1-32-v1")
    ledger, _ = parse_ledger((path / LEDGER).read_text(), LEDGER, "docker", "tiny")
    sources, problems = source_versions(read_stacks(path / "stacks"), "stacks")
    assert problems == []
    cluster = version_defaults(version).cluster.objects[0]
    from_ledger = preview(cluster, ledger.topology_inputs(version))
    from_source = preview(cluster, topology_inputs(sources["docker-tiny-1-32-v1"]))
    assert from_ledger == from_source
    assert from_ledger["objects"] and from_ledger["addons"]


def test_the_shipped_ledgers_give_the_sources_preview_for_their_current_releases() -> None:
    stacks = load_stacks(STACKS_DIR)
    sources, _ = source_versions(read_stacks(STACKS_DIR), "stacks")
    ledgers = {}
    for stack in stacks:
        text = (STACKS_DIR / stack.path / "releases.yaml").read_text(encoding="utf-8")
        ledgers[stack.path] = parse_ledger(text, stack.path, stack.provider, stack.name)[0]
    compared = 0
    for stack in stacks:
        for version in stack.versions:
            inputs = ledgers[stack.path].topology_inputs(version) if version.is_released else None
            if inputs is None or version.class_name not in sources:
                continue
            cluster = version_defaults(version).cluster.objects[0]
            assert preview(cluster, inputs) == preview(cluster, topology_inputs(sources[version.class_name])), version.class_name
            compared += 1
    assert compared >= 5


def test_an_entry_without_inputs_still_loads_and_has_no_topology_once_its_source_moved_on(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _forget_topology(path)
    _commit(path, "a ledger as older generators wrote it")
    _set_image(path, "registry.invalid/node:two")
    _release(path, "2025-10-06")
    names = [v.class_name for s in load_stacks(path / "stacks") for v in s.versions]
    assert names == ["docker-tiny-1-32-v1", "docker-tiny-1-32-v2", "docker-tiny-1-33-v1", "docker-tiny-1-33-v2"]
    topologies = _topologies(path)
    assert "docker-tiny-1-32-v1" not in topologies
    assert _worker_image(topologies["docker-tiny-1-32-v2"]) == "registry.invalid/node:two"


def test_the_backfill_finds_v1s_commit_and_gives_v1_its_topology(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _forget_topology(path)
    v1_source = _commit(path, "a ledger as older generators wrote it")  # the newest commit with v1's source
    _set_image(path, "registry.invalid/node:two")
    _release(path, "2025-10-06")
    _commit(path, "release v2")
    result = run_generator("release", "--stacks", "stacks", "--backfill-topology", cwd=path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"updated {LEDGER}\n"
        f"docker-tiny-1-32-v1: topology inputs from commit {v1_source[:12]}\n"
        f"docker-tiny-1-33-v1: topology inputs from commit {v1_source[:12]}\n"
    )
    assert _worker_image(_topologies(path)["docker-tiny-1-32-v1"]) == "registry.invalid/node:one"
    # What the backfill records is what releasing v1 recorded.
    released_v1 = yaml.safe_load(_git(path, "show", f"HEAD~2:{LEDGER}"))["releases"]["1.32"][0]["topologyInputs"]
    assert yaml.safe_load((path / LEDGER).read_text())["releases"]["1.32"][0]["topologyInputs"] == released_v1
    again = run_generator("release", "--stacks", "stacks", "--backfill-topology", cwd=path)
    assert again.stdout == "nothing to backfill: every release in the ledgers keeps its topology inputs\n"


def test_the_backfill_names_each_release_whose_source_no_commit_holds(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _forget_topology(path)
    _git(path, "checkout", "-q", "--orphan", "fresh")  # a history without v1's source: only what follows
    _set_image(path, "registry.invalid/node:two")
    _commit(path, "v1's source is gone")
    before = (path / LEDGER).read_text()
    result = run_generator("release", "--stacks", "stacks", "--backfill-topology", cwd=path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{LEDGER}: docker-tiny-1-3") for line in lines)
    assert "docker-tiny-1-32-v1: neither the working tree nor a commit of the git history has its source (contentHash sha256:" in lines[0]
    assert (path / LEDGER).read_text() == before


def test_the_backfill_says_what_it_needs_without_a_repository_or_git(tmp_path: Path) -> None:
    write_stack(tmp_path / "stacks", tiny_stack())
    outside = run_generator("release", "--stacks", "stacks", "--backfill-topology", cwd=tmp_path)
    assert (outside.returncode, outside.stderr) == (1, "stacks: --backfill-topology reads the stacks' git history, and the stacks folder does not lie in a git repository\n")
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PATH": str(tmp_path / "no-bin")}
    no_git = subprocess.run([sys.executable, "-m", "generator", "release", "--stacks", "stacks", "--backfill-topology"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (no_git.returncode, no_git.stderr) == (1, "stacks: --backfill-topology reads the stacks' git history, and git is not installed (no 'git' on PATH)\n")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ("[1]", "releases.1.32[0].topologyInputs: must map objects and files"),
        ("{objects: [{kind: X}], files: {}}", "releases.1.32[0].topologyInputs.objects: must list Kubernetes objects (each with apiVersion and kind)"),
        ("{objects: [], files: {a: 1}}", "releases.1.32[0].topologyInputs.files: must map file paths to their text"),
    ],
    ids=["not a mapping", "an object without apiVersion", "a file that is not text"],
)
def test_a_bad_record_is_reported_and_the_release_still_loads(repo: tuple[Path, str], record: str, reason: str) -> None:
    text = (repo[0] / LEDGER).read_text()
    data = yaml.safe_load(text)
    data["releases"]["1.32"][0]["topologyInputs"] = yaml.safe_load(record)
    ledger, problems = parse_ledger(yaml.safe_dump(data), LEDGER, "docker", "tiny")
    assert [p.reason for p in problems] == [reason]
    assert [v.class_name for v in ledger.all_versions()][0] == "docker-tiny-1-32-v1"
    assert "docker-tiny-1-32-v1" not in ledger.topology


def test_the_backfill_refuses_a_source_that_renders_another_cluster_class_than_the_ledgers(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _forget_topology(path)
    ledger, _ = parse_ledger((path / LEDGER).read_text(), LEDGER, "docker", "tiny")
    v1 = ledger.releases["1.32"][0]
    changed = type(v1)(**{**v1.__dict__, "cluster_class": {**v1.cluster_class, "metadata": {"name": v1.class_name, "labels": {"edited": "yes"}}}})
    (path / LEDGER).write_text(dump_ledger(Ledger("docker", "tiny", {**ledger.releases, "1.32": (changed,)})), encoding="utf-8")
    _commit(path, "a ledger whose ClusterClass no source renders")
    result = run_generator("release", "--stacks", "stacks", "--backfill-topology", cwd=path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{LEDGER}: docker-tiny-1-32-v1: the working tree has its source but it renders a ClusterClass that differs from the ledger's"
        " (the generator renders it differently now)\n"
    )
    assert "docker-tiny-1-33-v1: topology inputs from the working tree\n" in result.stdout
    assert "docker-tiny-1-32-v1" not in parse_ledger((path / LEDGER).read_text(), LEDGER, "docker", "tiny")[0].topology


def _cluster_file(repo: Path, class_name: str) -> Path:
    """Write the default cluster.yaml of a version, as ``python -m generator cluster`` writes it."""
    result = run_generator("cluster", class_name, "--stacks", "stacks", cwd=repo)
    assert result.returncode == 0, result.stderr
    path = repo / f"{class_name}.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_the_topology_command_reads_a_moved_on_release_from_its_ledger(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _set_image(path, "registry.invalid/node:two")
    _release(path, "2025-10-06")
    cluster = _cluster_file(path, "docker-tiny-1-32-v1")
    result = run_generator("topology", str(cluster), "--stacks", "stacks", "--json", cwd=path)
    assert result.returncode == 0, result.stderr
    objects = json.loads(result.stdout)["objects"]
    machines = [o for o in objects if o["kind"] == "DockerMachineTemplate"]
    assert [o["spec"]["template"]["spec"]["customImage"] for o in machines] == ["registry.invalid/node:one"]


def test_a_release_without_recorded_inputs_is_refused_by_the_topology_command_with_the_reason(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _forget_topology(path)
    _set_image(path, "registry.invalid/node:two")
    _release(path, "2025-10-06")
    cluster = _cluster_file(path, "docker-tiny-1-32-v1")
    result = run_generator("topology", str(cluster), "--stacks", "stacks", cwd=path)
    assert result.returncode == 1
    assert "docker-tiny-1-32-v1: its templates are not in stacks (a release whose source moved on keeps only its ClusterClass); its ledger entry has no topologyInputs" in result.stderr


def test_an_upgrade_plan_from_a_moved_on_release_compares_its_recorded_templates(repo: tuple[Path, str]) -> None:
    path, _ = repo
    _set_image(path, "registry.invalid/node:two")
    _release(path, "2025-10-06")
    cluster = _cluster_file(path, "docker-tiny-1-32-v1")
    result = run_generator("upgrade", str(cluster), "--to", "docker-tiny-1-32-v2", "--stacks", "stacks", "--plan", "--json", cwd=path)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)["plan"]
    # v2 changed only the worker's image: its machine template is new and the workers roll, the control plane does not.
    assert plan["replacesMachines"] is True
    assert any("DockerMachineTemplate" in str(change) for change in plan["objects"]), plan
