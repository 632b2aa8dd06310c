"""``python -m generator expand``: one folder per stack version, byte-identical across runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.stacks_support import released_ledger, run_generator, tiny_stack, write_stack
from tests.stacks.support import STACKS_DIR, requires_engine


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_one_folder_per_version(tmp_path):
    files = tiny_stack()
    files["releases.yaml"] = released_ledger(files, ("1.32", "1.33"))
    write_stack(tmp_path / "stacks", files)
    result = run_generator("expand", "--stacks", "stacks", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["docker-tiny-1-32-v1", "docker-tiny-1-33-v1"]
    chart = (tmp_path / "out/docker-tiny-1-33-v1/cluster-class/Chart.yaml").read_text()
    assert "name: docker-tiny-1-33-cluster-class\n" in chart and "version: v1\n" in chart


@requires_engine
def test_expanding_the_shipped_stacks_twice_gives_identical_bytes(tmp_path):
    for out in ("a", "b"):
        result = run_generator("expand", "--stacks", str(STACKS_DIR), "--out", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    assert len({name.split("/")[0] for name in first}) == 11


@pytest.mark.parametrize(
    ("overrides", "stderr"),
    [
        ({"cluster-class__Chart.yaml": None}, "stacks/docker/tiny/cluster-class/Chart.yaml: missing: every chart needs a Chart.yaml\n"),
        (
            {"versions.yaml": "- kubernetes: 1.32.8\n  calico: 3.29.0\n"},
            "stacks/docker/tiny/versions.yaml:2: calico: no chart in cluster-addon/ declares a dependency 'calico' (declared: cilium)\n",
        ),
    ],
    ids=["writes nothing when a Chart.yaml is missing", "writes nothing when a pin names no dependency"],
)
def test_bad_input_writes_nothing(tmp_path, overrides, stderr):
    write_stack(tmp_path / "stacks", tiny_stack(**overrides))
    (tmp_path / "out").mkdir()
    (tmp_path / "out/keep.txt").write_text("previous output")
    result = run_generator("expand", "--stacks", "stacks", "--out", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, stderr)
    assert _tree(tmp_path / "out") == {"keep.txt": b"previous output"}
