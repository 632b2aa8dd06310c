"""``python build.py serve``: MkDocs' live-reloading server over the staged pages, re-staged on change.

The pages are generated into a side folder and then synchronised file by file
into the folder MkDocs watches, so only pages whose text changed are written
and MkDocs reloads the browser once per change.
"""

from __future__ import annotations

import dataclasses
import errno
import ipaddress
import logging
import mimetypes
import re
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.errors import InputError
from sitebuild.config import BuildConfig

log = logging.getLogger(__name__)
POLL_SECONDS = 0.3
DEFAULT_ADDRESS = "127.0.0.1:8000"
HOW_TO_CHOOSE = "choose another with --address HOST:PORT (make serve ADDRESS=HOST:PORT)"


class ServeError(Exception):
    """The site cannot be served where asked (a bad or busy address): one line for the user, no traceback."""


def parse_address(text: str) -> tuple[str, int]:
    """Read ``HOST:PORT``, ``[IPv6]:PORT`` or a bare ``PORT`` (on 127.0.0.1); HOST is an IP address or localhost."""
    host, sep, port_text = text.rpartition(":")
    if not sep:
        host = "127.0.0.1"
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ServeError(f"serve: --address {text}: the port must be a number from 1 to 65535 (HOST:PORT or PORT)")
    if host != "localhost":
        try:
            host = str(ipaddress.ip_address(host))
        except ValueError:
            raise ServeError(f"serve: --address {text}: {host or 'the host'} is not an IP address or localhost (HOST:PORT or PORT)") from None
    return host, int(port_text)


def url_of(host: str, port: int) -> str:
    """Return the URL a browser opens for a server on this host and port."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def check_address(host: str, port: int) -> None:
    """Fail with one line if nothing could listen on host:port now, before a build that takes a minute."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: a closed socket's TIME_WAIT is no obstacle
            probe.bind((host, port))
    except OSError as error:
        raise ServeError(cannot_listen(host, port, error)) from None


def cannot_listen(host: str, port: int, error: OSError) -> str:
    """Say why the server cannot listen there and how to choose another address."""
    why = "the port is already in use" if error.errno == errno.EADDRINUSE else (error.strerror or str(error)).lower()
    return f"serve: cannot listen on {url_of(host, port)}: {why}; {HOW_TO_CHOOSE}"


class _ServingLine(logging.Handler):
    """Print MkDocs' live server's own lines ("Serving on URL" once it listens, reloads after changes) on stdout."""

    def emit(self, record: logging.LogRecord) -> None:
        message = _CLOCK.sub("", record.getMessage(), count=1)  # MkDocs stamps these lines with the time of day
        print(f"serve: {message}", flush=True)


_CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")


def tree_state(*roots: Path) -> dict[str, float]:
    """Return the modification time of every file under the roots (what the watcher compares)."""
    state = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                state[str(path)] = path.stat().st_mtime_ns
    return state


def sync_tree(source: Path, target: Path) -> list[str]:
    """Make ``target`` equal to ``source``, writing only files whose bytes differ; return what changed."""
    changed = []
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for relative in sorted(wanted):
        data = (source / relative).read_bytes()
        destination = target / relative
        if not destination.exists() or destination.read_bytes() != data:
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            changed.append(relative.as_posix())
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            relative = path.relative_to(target)
            if path.is_file() and relative not in wanted:
                path.unlink()
                changed.append(relative.as_posix())
    return changed


def _restage(config: BuildConfig, work: BuildConfig, stage: Callable[[BuildConfig], Path]) -> None:
    try:
        stage(work)
    except InputError as error:
        for problem in error.problems:
            print(problem, flush=True)
        print("serve: keeping the previous pages until the problems are fixed", flush=True)
        return
    changed = sync_tree(work.staging_dir, config.staging_dir)
    if changed:
        print(f"serve: regenerated {len(changed)} file(s): {', '.join(changed[:5])}", flush=True)


def _watch(config: BuildConfig, work: BuildConfig, stage: Callable[[BuildConfig], Path]) -> None:
    roots = (config.stacks_dir, config.site_src)
    seen = tree_state(*roots)
    while True:
        time.sleep(POLL_SECONDS)
        now = tree_state(*roots)
        if now != seen:
            seen = now
            _restage(config, work, stage)


def serve_with_reload(config: BuildConfig, stage: Callable[[BuildConfig], Path], host: str, port: int) -> None:
    """Serve the staged site on host:port until interrupted, regenerating pages when sources change."""
    from mkdocs.commands.serve import serve

    mimetypes.add_type("application/wasm", ".wasm")
    mimetypes.add_type("text/javascript", ".mjs")
    work = dataclasses.replace(config, staging=config.staging_dir.parent / (config.staging_dir.name + "-next"))
    _restage(config, work, stage)
    threading.Thread(target=_watch, args=(config, work, stage), daemon=True).start()
    server_log = logging.getLogger("mkdocs.livereload")
    server_log.setLevel(logging.INFO)
    server_log.addHandler(_ServingLine(logging.INFO))
    dev_addr = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        serve(config_file=str(config.staged_config), livereload=True, dev_addr=dev_addr, strict=False)
    except OSError as error:  # taken between check_address and now
        raise ServeError(cannot_listen(host, port, error)) from None
