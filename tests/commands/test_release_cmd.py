"""``python -m generator release``: bump vN only when the content changed, record it in the ledger."""

from __future__ import annotations

import json

import yaml

from tests.commands.stacks_support import released_ledger, run_generator, tiny_stack, write_stack
from tests.stacks.support import requires_engine


def _versions(tmp_path):
    result = run_generator("list", "--stacks", "stacks", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return [(r["className"], r["released"]) for r in json.loads(result.stdout)]


def test_an_unchanged_stack_releases_nothing(tmp_path):
    files = tiny_stack()
    files["releases.yaml"] = released_ledger(files, ("1.32", "1.33"))
    folder = write_stack(tmp_path / "stacks", files)
    result = run_generator("release", "--stacks", "stacks", "--date", "2025-10-06", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "nothing to release: every stack version is unchanged\n")
    assert (folder / "releases.yaml").read_text() == files["releases.yaml"]


@requires_engine
def test_releases_v1_then_bumps_only_the_changed_minor(tmp_path):
    folder = write_stack(tmp_path / "stacks", tiny_stack())
    first = run_generator("release", "--stacks", "stacks", "--date", "2025-07-01", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert _versions(tmp_path) == [("docker-tiny-1-32-v1", "2025-07-01"), ("docker-tiny-1-33-v1", "2025-07-01")]
    ledger_v1 = (folder / "releases.yaml").read_text()

    # Releasing again without a change writes the same bytes.
    again = run_generator("release", "--stacks", "stacks", "--date", "2025-08-01", cwd=tmp_path)
    assert again.returncode == 0 and (folder / "releases.yaml").read_text() == ledger_v1

    (folder / "versions.yaml").write_text("- kubernetes: 1.32.8\n  cilium: 1.17.9\n- kubernetes: 1.33.4\n  cilium: 1.18.2\n")
    assert _versions(tmp_path)[:2] == [("docker-tiny-1-32-v1", "2025-07-01"), ("docker-tiny-1-32-v2", None)]
    second = run_generator("release", "--stacks", "stacks", "--date", "2025-10-06", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert _versions(tmp_path) == [
        ("docker-tiny-1-32-v1", "2025-07-01"),
        ("docker-tiny-1-32-v2", "2025-10-06"),
        ("docker-tiny-1-33-v1", "2025-07-01"),
    ]
    ledger = yaml.safe_load((folder / "releases.yaml").read_text())
    v2 = ledger["releases"]["1.32"][1]
    assert v2["clusterClass"]["metadata"]["name"] == "docker-tiny-1-32-v2"
    assert {"name": "cilium", "version": "1.17.9", "kind": "addon"} in v2["components"]


def test_rejects_a_malformed_date(tmp_path):
    write_stack(tmp_path / "stacks", tiny_stack())
    result = run_generator("release", "--stacks", "stacks", "--date", "06.10.2025", cwd=tmp_path)
    assert result.returncode == 2
    assert "'06.10.2025' is not a date like 2025-10-06" in result.stderr


def test_bad_input_leaves_the_ledger_alone(tmp_path):
    files = tiny_stack(**{"cluster-class__values.yaml": "nodeImage: [\n"})
    files["releases.yaml"] = "releases: {}\n"
    folder = write_stack(tmp_path / "stacks", files)
    result = run_generator("release", "--stacks", "stacks", "--date", "2025-10-06", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("stacks/docker/tiny/cluster-class/values.yaml:2: invalid YAML:")
    assert (folder / "releases.yaml").read_text() == "releases: {}\n"
