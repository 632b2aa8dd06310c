"""Write small stacks folders to disk and run ``python -m generator`` on them like a user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.model import StackVersion
from generator.stacks.expand import version_hash
from generator.stacks.layout import parse_stack
from generator.stacks.ledger import dump_ledger, empty_ledger
from tests.stacks.support import REPO_ROOT, tiny_stack


def write_stack(stacks: Path, files: dict[str, str], path: str = "docker/tiny") -> Path:
    """Write one stack's files under ``stacks/path`` and return that folder."""
    folder = stacks / path
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def released_ledger(files: dict[str, str], minors: tuple[str, ...], version: str = "v1", date: str = "2025-07-01") -> str:
    """Return a ledger that records the current state of ``minors`` as released (no rendering needed)."""
    source, problems = parse_stack("docker/tiny", files, "stacks/docker/tiny")
    assert problems == []
    ledger = empty_ledger("docker", "tiny")
    for entry in source.entries:
        if entry.minor not in minors:
            continue
        name = f"docker-tiny-{entry.minor.replace('.', '-')}-{version}"
        ledger = ledger.with_release(
            StackVersion(
                provider="docker",
                stack="tiny",
                kubernetes_version=entry.kubernetes,
                version=version,
                released=date,
                content_hash=version_hash(source, entry),
                components=(),
                addon_stages=(),
                cluster_class={"apiVersion": "cluster.x-k8s.io/v1beta1", "kind": "ClusterClass", "metadata": {"name": name}},
            )
        )
    return dump_ledger(ledger)


def run_generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator ARGS`` in ``cwd`` with this repository importable."""
    env = {"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


__all__ = ["released_ledger", "run_generator", "tiny_stack", "write_stack"]
