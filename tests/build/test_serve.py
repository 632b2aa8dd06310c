"""`python build.py serve` as a user first meets it: it says where it serves, and a bad or busy address is one line."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.common import copy_repo, fetch, free_port
from sitebuild.serve import ServeError, parse_address, url_of
from tests.conftest import run_build


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("127.0.0.1:8000", ("127.0.0.1", 8000), id="reads HOST:PORT"),
        pytest.param("8080", ("127.0.0.1", 8080), id="reads a bare port as one on 127.0.0.1"),
        pytest.param("0.0.0.0:8080", ("0.0.0.0", 8080), id="reads every IPv4 interface"),
        pytest.param("[::1]:8000", ("::1", 8000), id="reads an IPv6 address in brackets"),
        pytest.param("localhost:9000", ("localhost", 9000), id="reads localhost"),
    ],
)
def test_addresses_are_read(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("127.0.0.1:http", "serve: --address 127.0.0.1:http: the port must be a number from 1 to 65535 (HOST:PORT or PORT)", id="refuses a port that is not a number"),
        pytest.param("127.0.0.1:70000", "serve: --address 127.0.0.1:70000: the port must be a number from 1 to 65535 (HOST:PORT or PORT)", id="refuses a port out of range"),
        pytest.param("example.org:80", "serve: --address example.org:80: example.org is not an IP address or localhost (HOST:PORT or PORT)", id="refuses a host name"),
    ],
)
def test_bad_addresses_are_one_line(text: str, message: str) -> None:
    with pytest.raises(ServeError) as error:
        parse_address(text)
    assert str(error.value) == message


def test_urls_bracket_ipv6_hosts() -> None:
    assert (url_of("127.0.0.1", 8000), url_of("::1", 8000)) == ("http://127.0.0.1:8000/", "http://[::1]:8000/")


def test_a_busy_port_is_one_line_before_any_build(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = run_build("serve", "--address", f"127.0.0.1:{port}", "--out", str(tmp_path / "out"))
        took = time.monotonic() - started
    assert result.returncode == 1
    assert result.stderr == f"serve: cannot listen on http://127.0.0.1:{port}/: the port is already in use; choose another with --address HOST:PORT (make serve ADDRESS=HOST:PORT)\n"
    assert not (tmp_path / "out").exists(), "nothing was built for a server that cannot start"
    assert took < 30, f"the busy port was reported after {took:.0f} s"


def test_a_bad_address_is_one_line(tmp_path: Path) -> None:
    result = run_build("serve", "--address", "nowhere", "--out", str(tmp_path / "out"))
    assert (result.returncode, result.stderr) == (1, "serve: --address nowhere: the port must be a number from 1 to 65535 (HOST:PORT or PORT)\n")


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


@pytest.mark.slow
def test_serve_prints_the_url_once_it_answers_there(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "build.py", "serve", "--address", f"127.0.0.1:{port}"], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(server.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 600  # two builds of the whole site on a shared machine
        while f"serve: Serving on {url}\n" not in seen:
            assert server.poll() is None, "".join(seen)
            assert time.monotonic() < deadline, "".join(seen)
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                continue
        # The URL is printed once the server listens there, not before.
        assert fetch(url) is not None
        assert seen[0] == f"serve: building the site, then serving it on {url} (Ctrl+C stops)\n"
        assert not any("Traceback" in line for line in seen), "".join(seen)
    finally:
        server.terminate()
        server.wait(timeout=30)
