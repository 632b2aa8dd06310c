"""Helpers the benchmarks share: copies of the repository, free ports, waiting for a server."""

from __future__ import annotations

import shutil
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SKIPPED_IN_COPY = {".git", ".venv", "node_modules", "site", ".staging", ".staging-next", "__pycache__", ".pytest_cache", "results.json"}


def copy_repo(target: Path) -> Path:
    """Copy the repository as a fresh checkout has it, linking node_modules instead of copying it."""
    shutil.copytree(REPO_ROOT, target, ignore=lambda folder, names: [n for n in names if n in SKIPPED_IN_COPY or n.endswith(".staging")])
    (target / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    return target


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    """Return the body of url, or None when the server does not answer 200 yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, contains: str = "", timeout: float = 120.0, interval: float = 0.02) -> float:
    """Poll url until it answers and contains the text; return the seconds waited (raise on timeout)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and contains in body:
            return time.perf_counter() - start
        time.sleep(interval)
    raise TimeoutError(f"{url} did not show {contains!r} within {timeout:.0f} s")
