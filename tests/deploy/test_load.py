"""A bounded wrk run against the real nginx: 200 concurrent connections, not one error."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.http_bench import parse_wrk, run_wrk, targets
from tests.deploy.http import request

WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:40000/editor/
  2 threads and 200 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.12ms    2.00ms  30.00ms   80.00%
    Req/Sec    18.61k     1.00k   25.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    6.00ms
     90%    7.50ms
     99%    1.20s
  112390 requests in 3.00s, 1.00GB read
{errors}Requests/sec:  37038.20
Transfer/sec:    341.00MB
"""


@pytest.mark.parametrize(
    ("errors", "socket_errors", "non_2xx"),
    [
        ("", {"connect": 0, "read": 0, "write": 0, "timeout": 0}, 0),
        ("  Socket errors: connect 1, read 2, write 3, timeout 4\n", {"connect": 1, "read": 2, "write": 3, "timeout": 4}, 0),
        ("  Non-2xx or 3xx responses: 17\n", {"connect": 0, "read": 0, "write": 0, "timeout": 0}, 17),
    ],
    ids=["reads a clean run", "reads socket errors", "reads error responses"],
)
def test_parse_wrk(errors: str, socket_errors: dict[str, int], non_2xx: int) -> None:
    result = parse_wrk(WRK_OUTPUT.format(errors=errors))
    assert result == {
        "requests": 112390,
        "requests_per_second": 37038.2,
        "latency_ms": {"p50": 0.812, "p75": 6.0, "p90": 7.5, "p99": 1200.0},
        "socket_errors": socket_errors,
        "non_2xx_3xx": non_2xx,
    }


@pytest.mark.nginx
@pytest.mark.parametrize("name", ["editor page", "Pyodide runtime (wasm)"], ids=["serves the editor page to 200 connections without an error", "serves the Pyodide runtime to 200 connections without an error"])
def test_no_errors_under_load(nginx_url: str, built_site: Path, name: str) -> None:
    path, headers = targets(built_site)[name]
    # wrk counts only 4xx/5xx as errors, so first make sure the target is a plain 200.
    assert request(nginx_url, path, headers).status == 200
    result = run_wrk(nginx_url + path, headers, duration="3s")
    print(f"{name}: {result['requests_per_second']:.0f} req/s, latency {result['latency_ms']}")
    assert result["requests"] > 0
    assert result["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    assert result["non_2xx_3xx"] == 0
