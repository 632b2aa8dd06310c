"""`python build.py`: the pages it must produce, byte-identical rebuilds, and bad input that leaves the old site alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.common import copy_repo
from tests.conftest import run_build

pytestmark = pytest.mark.slow

EXPECTED_PAGES = (
    "index.html",
    "404.html",
    "stacks/index.html",
    "stacks/openstack-scs-1-32-v1/index.html",
    "stacks/openstack/scs/index.html",
    "guides/getting-started/index.html",
    "editor/index.html",
    "sitemap.xml",
    "search/search_index.json",
)


def tree_digest(root: Path) -> dict[str, str]:
    """Return the sha256 of every file under root, by relative path."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture()
def repo_copy(tmp_path: Path) -> Path:
    """Copy the repository as a fresh checkout would have it (node_modules linked, not copied)."""
    return copy_repo(tmp_path / "repo")


@pytest.fixture()
def first_build(repo_copy: Path, tmp_path: Path) -> Path:
    """Build the copy once into a temporary output folder."""
    out = tmp_path / "out"
    result = run_build("--out", str(out), cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    return out


def test_builds_the_expected_pages(first_build: Path) -> None:
    missing = [page for page in EXPECTED_PAGES if not (first_build / page).is_file()]
    assert missing == []
    runtime = sorted(first_build.glob("assets/pyodide-*/pyodide.asm.wasm"))
    assert len(runtime) == 1, "the Pyodide runtime is bundled exactly once"


def test_a_second_build_is_byte_identical(repo_copy: Path, first_build: Path, tmp_path: Path) -> None:
    before = tree_digest(first_build)
    again = run_build("--out", str(first_build), cwd=repo_copy)
    assert again.returncode == 0, again.stderr
    assert tree_digest(first_build) == before
    elsewhere = tmp_path / "elsewhere"
    assert run_build("--out", str(elsewhere), cwd=repo_copy).returncode == 0
    assert tree_digest(elsewhere) == before


def test_a_broken_stack_file_fails_with_its_line_and_keeps_the_old_site(repo_copy: Path, first_build: Path) -> None:
    before = tree_digest(first_build)
    broken = sorted((repo_copy / "stacks").rglob("csctl.yaml"))[0]
    broken.write_text(broken.read_text() + "\nbroken: [unclosed\n", encoding="utf-8")
    result = run_build("--out", str(first_build), cwd=repo_copy)
    assert result.returncode == 1
    relative = broken.relative_to(repo_copy).as_posix()
    assert any(relative in line and line.split(relative, 1)[1].startswith(":") for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(first_build) == before
    assert not list(first_build.parent.glob(".out.new-*")), "the half-built folder is removed"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--stacks", "no-such-folder"], "no-such-folder: stacks folder does not exist", id="reports a stacks folder that does not exist"),
        pytest.param(["--no-such-option"], "unrecognized arguments: --no-such-option", id="reports an unknown option"),
    ],
)
def test_bad_invocations_get_one_clear_line(args: list[str], expected: str, tmp_path: Path) -> None:
    result = run_build(*args, "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
