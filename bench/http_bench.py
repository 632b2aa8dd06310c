"""Load the site's nginx with wrk on loopback: requests per second and latency percentiles.

Two targets: the editor page (small, revalidated HTML) and the Pyodide
WebAssembly runtime (the largest file, sent as its precompressed copy), each at
200 concurrent connections for a bounded time. The figures describe this
machine's loopback, not a cluster; they exist to catch a configuration that
errors or collapses under concurrency (the test in tests/deploy asserts zero
errors) and to compare runs of the same machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT
from bench.figures import Figure

DURATION = "5s"
CONNECTIONS = 200
THREADS = 2
TIMEOUT = "10s"  # per request: a 3.5 MB body shared by 200 connections may take longer than wrk's default 2 s
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}  # → milliseconds
_LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
_TOTAL = re.compile(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m),", re.M)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_STATUS = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def wrk_binary() -> str:
    """Return the wrk binary (Debian's package)."""
    path = shutil.which("wrk")
    if not path:
        raise RuntimeError("wrk is not installed: apt-get install wrk (.ci/run does it)")
    return path


def parse_wrk(output: str) -> dict[str, Any]:
    """Turn wrk --latency output into numbers: requests, req/s, latency percentiles in ms, errors."""
    total = _TOTAL.search(output)
    rate = _RATE.search(output)
    if not total or not rate:
        raise ValueError(f"unexpected wrk output:\n{output}")
    socket = _SOCKET.search(output)
    status = _STATUS.search(output)
    errors = dict(zip(("connect", "read", "write", "timeout"), (int(n) for n in socket.groups()))) if socket else dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    return {
        "requests": int(total.group(1)),
        "requests_per_second": float(rate.group(1)),
        "latency_ms": {f"p{pct}": float(value) * UNITS[unit] for pct, value, unit in _LATENCY.findall(output)},
        "socket_errors": errors,
        "non_2xx_3xx": int(status.group(1)) if status else 0,
    }


def run_wrk(url: str, headers: dict[str, str] | None = None, duration: str = DURATION, connections: int = CONNECTIONS, threads: int = THREADS) -> dict[str, Any]:
    """Load one URL with wrk for a bounded time and return the parsed result."""
    command = [wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{duration}", f"--timeout={TIMEOUT}", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    # wrk stops by itself after the duration; the timeout only guards against a hung process.
    result = subprocess.run([*command, url], capture_output=True, text=True, timeout=120, check=True)
    return parse_wrk(result.stdout)


def targets(site_dir: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Return the measured paths by name: the editor page and the Pyodide runtime as a browser asks for them."""
    runtime = next(site_dir.glob("assets/pyodide-*/pyodide.asm.wasm")).relative_to(site_dir).as_posix()
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    return {"editor page": ("/editor/", browser), "Pyodide runtime (wasm)": ("/" + runtime, browser)}


def measure(site_dir: Path, duration: str = DURATION) -> dict[str, dict[str, Any]]:
    """Serve site_dir with the project's nginx and load each target once; return wrk's numbers per target."""
    sys.path.insert(0, str(REPO_ROOT))
    from tests.support.nginx import run_nginx

    results = {}
    with run_nginx(site_dir) as url:
        for name, (path, headers) in targets(site_dir).items():
            results[name] = {"path": path, **run_wrk(url + path, headers, duration)}
    return results


def run(repeat: int = 5) -> list[Figure]:
    """Build the site once, then measure each target ``repeat`` times; figures are req/s and p50/p99 latency."""
    with tempfile.TemporaryDirectory(prefix="http-bench-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "build.py", "--out", str(site)], cwd=REPO_ROOT, check=True, capture_output=True)
        runs = [measure(site) for _ in range(repeat)]
    figures = []
    note = f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}, nginx on 127.0.0.1, gzip accepted"
    for name in runs[0]:
        errors = sum(sum(r[name]["socket_errors"].values()) + r[name]["non_2xx_3xx"] for r in runs)
        extra = {"errors": errors}
        figures.append(Figure("http", f"{name}: requests/s", "req/s", [r[name]["requests_per_second"] for r in runs], note=note, extra=extra))
        for pct in ("p50", "p99"):
            figures.append(Figure("http", f"{name}: latency {pct}", "ms", [r[name]["latency_ms"][pct] for r in runs], note=note, extra=extra))
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(measure(Path(sys.argv[1])), indent=2, sort_keys=True))
