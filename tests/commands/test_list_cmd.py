"""``python -m generator list``: every stack version, as a table or JSON."""

from __future__ import annotations

import json

from tests.commands.stacks_support import released_ledger, run_generator, tiny_stack, write_stack
from tests.stacks.support import requires_engine


def test_lists_released_versions_as_json(tmp_path):
    files = tiny_stack()
    files["releases.yaml"] = released_ledger(files, ("1.32", "1.33"))
    write_stack(tmp_path / "stacks", files)
    result = run_generator("list", "--stacks", "stacks", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"provider": "docker", "stack": "tiny", "kubernetesVersion": "1.32.8", "version": "v1", "className": "docker-tiny-1-32-v1", "released": "2025-07-01"},
        {"provider": "docker", "stack": "tiny", "kubernetesVersion": "1.33.4", "version": "v1", "className": "docker-tiny-1-33-v1", "released": "2025-07-01"},
    ]


def test_prints_a_table(tmp_path):
    files = tiny_stack()
    files["releases.yaml"] = released_ledger(files, ("1.32", "1.33"))
    write_stack(tmp_path / "stacks", files)
    result = run_generator("list", "--stacks", "stacks", cwd=tmp_path)
    assert result.stdout == (
        "PROVIDER  STACK  KUBERNETES  VERSION  CLASS NAME           RELEASED\n"
        "docker    tiny   1.32.8      v1       docker-tiny-1-32-v1  2025-07-01\n"
        "docker    tiny   1.33.4      v1       docker-tiny-1-33-v1  2025-07-01\n"
    )


@requires_engine
def test_lists_the_changed_working_state_as_the_next_unreleased_version(tmp_path):
    files = tiny_stack()
    files["releases.yaml"] = released_ledger(files, ("1.32", "1.33"))
    files["cluster-class/values.yaml"] = "nodeImage: kindest/node:v1.32.8\nunused: true\n"
    write_stack(tmp_path / "stacks", files)
    result = run_generator("list", "--stacks", "stacks", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [(r["className"], r["released"]) for r in json.loads(result.stdout)] == [
        ("docker-tiny-1-32-v1", "2025-07-01"),
        ("docker-tiny-1-32-v2", None),
        ("docker-tiny-1-33-v1", "2025-07-01"),
        ("docker-tiny-1-33-v2", None),
    ]


def test_reports_bad_input_as_path_line_reason(tmp_path):
    write_stack(tmp_path / "stacks", tiny_stack(**{"versions.yaml": "- kubernetes: 1.32\n"}))
    result = run_generator("list", "--stacks", "stacks", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "stacks/docker/tiny/versions.yaml:1: kubernetes: '1.32' is not a Kubernetes version like 1.32.5\n"
    assert result.stdout == ""
