"""``--history``: release tags are released versions, read as of their commits in whatever layout the repository had.

Every test builds its own git repository in tmp_path: several commits, tags, and a change of
layout between them (per-minor folders first, a single source later).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.stacks import load_stacks
from generator.stacks.gitrepo import GitRepository, read_history
from tests.commands.stacks_support import run_generator
from tests.stacks.layouts_support import per_minor, single_source, write_files
from tests.stacks.support import requires_engine

pytestmark = [requires_engine, pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]


def _git(repo: Path, *args: str, date: str = "2024-01-10T12:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}
    args_with_identity = ("-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "tag.gpgSign=false", "-c", "commit.gpgSign=false", *args)
    return subprocess.run(["git", "-C", str(repo), *args_with_identity], env=env, check=True, capture_output=True, text=True).stdout


def _commit(repo: Path, message: str, date: str) -> str:
    _git(repo, "add", "-A", date=date)
    _git(repo, "commit", "-q", "-m", message, date=date)
    return _git(repo, "rev-parse", "HEAD").strip()


def _replace_stack(repo: Path, files: dict) -> None:
    folder = repo / "providers/docker/tiny"
    if folder.exists():
        shutil.rmtree(folder)
    write_files(folder, files)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A repository whose stack moved from per-minor folders (2024) to a single source (2025)."""
    repo = tmp_path / "cluster-stacks"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    old = {k: v for k, v in per_minor().items() if not k.startswith("1-29/")}
    _replace_stack(repo, old)
    _commit(repo, "1.28 first", "2024-01-10T12:00:00+00:00")
    _git(repo, "tag", "docker-tiny-1-28-v1")
    _git(repo, "tag", "-a", "-m", "a custom build", "docker-tiny-1-28-v0-sha-a1b2c3d")
    # Only the ClusterClass changes: still a new version.
    template = repo / "providers/docker/tiny/1-28/cluster-class/templates/cluster-class.yaml"
    template.write_text(template.read_text().replace("required: false", "required: false\n      metadata: {}"))
    _commit(repo, "1.28: the ClusterClass only", "2024-03-05T12:00:00+00:00")
    _git(repo, "tag", "-a", "-m", "release", "docker-tiny-1-28-v2")
    _git(repo, "tag", "docker-gone-1-27-v1")  # a stack that never existed here
    # The layout changes: one source for 1.32 and 1.33.
    _replace_stack(repo, single_source())
    _commit(repo, "single source", "2025-06-01T12:00:00+00:00")
    _git(repo, "tag", "docker-tiny-1-33-v1")
    _git(repo, "tag", "docker-tiny-1-32-v1")
    # The working tree moves 1.32 on; 1.33 stays as tagged.
    versions = repo / "providers/docker/tiny/versions.yaml"
    versions.write_text(versions.read_text().replace("1.32.8", "1.32.9"))
    return repo


def _list(repo: Path, *extra: str):
    result = run_generator("list", "--json", "--history", "--stacks", "providers", *extra, cwd=repo)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_tags_are_released_versions_dated_by_their_commits(repo):
    rows, _ = _list(repo)
    assert [(r["className"], r["kubernetesVersion"], r["released"]) for r in rows] == [
        ("docker-tiny-1-28-v0-sha-a1b2c3d", "1.28.7", "2024-01-10"),
        ("docker-tiny-1-28-v1", "1.28.7", "2024-01-10"),
        ("docker-tiny-1-28-v2", "1.28.7", "2024-03-05"),
        ("docker-tiny-1-32-v1", "1.32.8", "2025-06-01"),
        ("docker-tiny-1-32-v2", "1.32.9", None),
        ("docker-tiny-1-33-v1", "1.33.4", "2025-06-01"),
    ]


def test_each_tag_is_read_in_the_layout_of_its_commit(repo):
    (stack,) = load_stacks(repo / "providers", history=True)
    by_name = {v.class_name: v for v in stack.versions}
    # 1.28 existed only as a per-minor folder: its ClusterClass is that folder's, renamed for the tag.
    assert by_name["docker-tiny-1-28-v2"].cluster_class["metadata"]["name"] == "docker-tiny-1-28-v2"
    assert by_name["docker-tiny-1-28-v1"].content_hash != by_name["docker-tiny-1-28-v2"].content_hash
    assert by_name["docker-tiny-1-28-v2"].variables[0].get("metadata") == {}


def test_hash_mode_tags_are_custom_channel_versions(repo):
    (stack,) = load_stacks(repo / "providers", history=True)
    assert {v.class_name: v.channel for v in stack.versions if v.kubernetes_minor == "1.28"} == {
        "docker-tiny-1-28-v0-sha-a1b2c3d": "custom",
        "docker-tiny-1-28-v1": "stable",
        "docker-tiny-1-28-v2": "stable",
    }


def test_a_tag_matching_no_stack_at_its_commit_is_a_warning(repo):
    _, stderr = _list(repo)
    assert "warning: providers@" in stderr
    assert "tag docker-gone-1-27-v1: no stack docker-gone for Kubernetes 1.27 at commit" in stderr


def test_the_working_tree_is_the_next_version_only_where_it_differs(repo):
    (stack,) = load_stacks(repo / "providers", history=True)
    unreleased = [v.class_name for v in stack.versions if not v.is_released]
    assert unreleased == ["docker-tiny-1-32-v2"]


def test_without_history_the_tags_are_not_read(repo):
    result = run_generator("list", "--json", "--stacks", "providers", cwd=repo)
    assert [r["className"] for r in json.loads(result.stdout)] == ["docker-tiny-1-32-v1", "docker-tiny-1-33-v1"]


def test_a_tag_wins_over_a_ledger_entry_of_the_same_name(repo):
    ledger_from_tags = run_generator("release", "--stacks", "providers", "--date", "2030-01-01", cwd=repo)
    assert ledger_from_tags.returncode == 0, ledger_from_tags.stderr
    rows, _ = _list(repo)
    # The ledger (written without --history) says v1 of both minors was released in 2030; the tags say 2025.
    assert {r["className"]: r["released"] for r in rows if r["className"].startswith("docker-tiny-1-3")} == {
        "docker-tiny-1-32-v1": "2025-06-01",
        "docker-tiny-1-32-v2": None,
        "docker-tiny-1-33-v1": "2025-06-01",
    }


def test_release_with_history_continues_after_the_tags(repo):
    result = run_generator("release", "--history", "--stacks", "providers", "--date", "2030-01-01", cwd=repo)
    assert result.returncode == 0, result.stderr
    ledger = (repo / "providers/docker/tiny/releases.yaml").read_text()
    assert "version: v2" in ledger and "version: v1" not in ledger  # tags are not copied into the ledger


def test_each_tree_is_read_once(repo, monkeypatch):
    _git(repo, "tag", "docker-tiny-1-32-v9")  # a third tag on the single-source commit
    reads: list[str] = []
    original = GitRepository.read_tree
    monkeypatch.setattr(GitRepository, "read_tree", lambda self, tree: reads.append(tree) or original(self, tree))
    history = read_history(repo / "providers", "providers")
    assert len(history.tags) == 7
    assert sorted(reads) == sorted(set(reads)) and len(reads) == 3


def test_a_folder_outside_git_is_a_clear_error(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", single_source())
    result = run_generator("list", "--history", "--stacks", "stacks", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "stacks: --history needs the stacks folder to lie in a git repository, and it does not\n")


def test_missing_git_is_a_clear_error(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(repo))  # no git there
    with pytest.raises(InputError, match="--history needs git, and git is not installed"):
        load_stacks(repo / "providers", history=True)


def test_build_py_takes_history_and_fails_clearly_outside_git(tmp_path):
    from tests.conftest import run_build

    write_files(tmp_path / "stacks/docker/tiny", single_source())
    result = run_build("--stacks", str(tmp_path / "stacks"), "--out", str(tmp_path / "site"), "--history")
    assert result.returncode == 1
    assert "--history needs the stacks folder to lie in a git repository, and it does not" in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_build_cache_gives_the_same_releases_without_reading_git_trees_again(repo, tmp_path, monkeypatch):
    from generator.stacks.loader import load_tagged

    cache = tmp_path / "cache"
    first = load_tagged(repo / "providers", cache)
    reads: list[str] = []
    original = GitRepository.read_tree
    monkeypatch.setattr(GitRepository, "read_tree", lambda self, tree: reads.append(tree) or original(self, tree))
    assert load_tagged(repo / "providers", cache) == first
    assert reads == []
    # A new tag is a new history: read and rendered again, and the old entry is dropped.
    _git(repo, "tag", "docker-tiny-1-33-v7", "docker-tiny-1-33-v1")
    again = load_tagged(repo / "providers", cache)
    assert reads and "docker-tiny-1-33-v7" in [v.class_name for v in again.released["docker/tiny"]]
    assert len(list(cache.glob("*.json"))) == 1


def _as_written(versions) -> list[str]:
    """Return each version as JSON in its own key order: the order forms and pages show properties in."""
    return [json.dumps(v.to_dict()) for v in versions]


def test_a_cached_history_keeps_the_order_the_clusterclass_was_written_in(repo, tmp_path):
    template = repo / "providers/docker/tiny/cluster-class/templates/cluster-class.yaml"
    # Properties out of alphabetical order: a page or form lists them as the stack wrote them.
    template.write_text(template.read_text().replace("required: false", "required: false\n      metadata: {labels: {zone: a}, annotations: {region: b}}", 1))
    _commit(repo, "metadata in written order", "2025-07-01T12:00:00+00:00")
    _git(repo, "tag", "docker-tiny-1-33-v2")
    from generator.stacks.loader import load_tagged

    cold = load_tagged(repo / "providers", tmp_path / "cache")
    warm = load_tagged(repo / "providers", tmp_path / "cache")
    assert list(cold.released["docker/tiny"][-1].variables[0]["metadata"]) == ["labels", "annotations"]
    assert _as_written(warm.released["docker/tiny"]) == _as_written(cold.released["docker/tiny"])
    assert _as_written(load_tagged(repo / "providers").released["docker/tiny"]) == _as_written(cold.released["docker/tiny"])


def test_a_cached_load_gives_the_same_stacks_and_warnings(repo, tmp_path, capsys):
    cache = tmp_path / "cache"
    first = load_stacks(repo / "providers", history=True, cache_dir=cache)
    first_warnings = capsys.readouterr().err
    assert "docker-gone-1-27-v1" in first_warnings
    assert len(list((cache / "stacks").glob("*.json"))) == 1
    again = load_stacks(repo / "providers", history=True, cache_dir=cache)
    assert capsys.readouterr().err == first_warnings
    assert again == first
    assert [_as_written(s.versions) for s in again] == [_as_written(s.versions) for s in first]
    # A changed working tree is a new load: the change shows, the old entry is dropped.
    versions = repo / "providers/docker/tiny/versions.yaml"
    versions.write_text(versions.read_text().replace("1.32.9", "1.32.10"))
    (changed,) = load_stacks(repo / "providers", history=True, cache_dir=cache)
    assert "1.32.10" in [v.kubernetes_version for v in changed.versions]
    (entry,) = (cache / "stacks").glob("*.json")
    # A damaged entry is loaded again, never trusted.
    entry.write_text('{"stacks": [{"provider"', encoding="utf-8")
    assert load_stacks(repo / "providers", history=True, cache_dir=cache) == [changed]
    capsys.readouterr()


def test_topology_with_history_names_why_a_tag_only_version_has_no_topology(repo):
    (repo / "cluster.yaml").write_text(
        "apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: c\n  namespace: default\n"
        "spec:\n  topology:\n    class: docker-tiny-1-28-v2\n    version: v1.28.7\n"
    )
    result = run_generator("topology", "cluster.yaml", "--history", "--stacks", "providers", cwd=repo)
    assert result.returncode == 1
    assert "docker-tiny-1-28-v2: released by a git tag, but its templates are not in the working tree" in result.stderr
