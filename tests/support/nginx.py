"""Run the real nginx (Debian's /usr/sbin/nginx) with the project's own site rules on loopback.

The test configuration differs from deploy/nginx.conf only in what a test must
change: the listen address (a free 127.0.0.1 port), the root (the site under
test) and where nginx writes its pid, temporary files and logs (a temporary
folder). The rules themselves are the project's files, included unchanged:
deploy/nginx/http.conf and deploy/nginx/server.conf.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
NGINX_DIR = REPO_ROOT / "deploy" / "nginx"
STARTUP_TIMEOUT = 10.0  # seconds to wait for /healthz before giving up


def nginx_binary() -> str:
    """Return the nginx binary: $NGINX or Debian's /usr/sbin/nginx."""
    path = os.environ.get("NGINX", "/usr/sbin/nginx")
    if not Path(path).exists():
        raise RuntimeError(f"nginx not found at {path}: install Debian's nginx or set NGINX")
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def loopback_config(site_dir: Path, port: int, state_dir: Path, workers: int = 2) -> str:
    """Return the nginx.conf text for a test: the project's rules, a loopback port, state in state_dir."""
    # As root, nginx would run its workers as "nobody", which cannot read pytest's 0700 folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes {workers};
pid {state_dir}/nginx.pid;
error_log {state_dir}/error.log warn;
events {{
    worker_connections 4096;
}}
http {{
    include {NGINX_DIR}/http.conf;
    access_log off;
    client_body_temp_path {state_dir}/client_body;
    proxy_temp_path {state_dir}/proxy;
    fastcgi_temp_path {state_dir}/fastcgi;
    uwsgi_temp_path {state_dir}/uwsgi;
    scgi_temp_path {state_dir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site_dir.resolve()};
        include {NGINX_DIR}/server.conf;
    }}
}}
"""


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{_read(log)}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not answer {url}/healthz within {STARTUP_TIMEOUT}s:\n{_read(log)}")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


@contextlib.contextmanager
def run_nginx(site_dir: Path, workers: int = 2) -> Iterator[str]:
    """Start nginx serving ``site_dir`` with the project's rules on 127.0.0.1 and yield its base URL."""
    with tempfile.TemporaryDirectory(prefix="nginx-") as state:
        state_dir = Path(state)
        conf = state_dir / "nginx.conf"
        log = state_dir / "error.log"
        port = _free_port()
        conf.write_text(loopback_config(site_dir, port, state_dir, workers), encoding="utf-8")
        # -e: log startup errors to our folder, never to /var/log/nginx.
        command = [nginx_binary(), "-p", str(state_dir), "-e", str(log), "-c", str(conf)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_healthy(process, url, log)
            yield url
        finally:
            # SIGTERM: nginx's fast shutdown; the master stops its workers before it exits.
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()


def check_config(site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run ``nginx -t`` on the test configuration and return its result (the rules must parse)."""
    with tempfile.TemporaryDirectory(prefix="nginx-") as state:
        state_dir = Path(state)
        conf = state_dir / "nginx.conf"
        conf.write_text(loopback_config(site_dir, _free_port(), state_dir), encoding="utf-8")
        log = state_dir / "error.log"
        return subprocess.run([nginx_binary(), "-t", "-p", str(state_dir), "-e", str(log), "-c", str(conf)], capture_output=True, text=True, timeout=30)
