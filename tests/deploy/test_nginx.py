"""The real nginx with the project's rules, serving a freshly built site: types, compression,
cache rules, security headers, 404s and the health endpoint."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.deploy.http import request
from tests.support.nginx import check_config, run_nginx

pytestmark = pytest.mark.nginx

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
# A content address in a file name (name-<hash>.ext, Material's name.<hash>.min.js) or the Pyodide folder.
HASHED = re.compile(r"(^|/)assets/pyodide-[0-9a-f]{12}/|[.-][0-9a-f]{8,}\.[A-Za-z0-9.]+$")
RUNTIME = "assets/pyodide-*/"


def site_path(site: Path, pattern: str) -> str:
    """Return the URL path of the first built file matching a glob (failing if the build made none)."""
    matches = sorted(path for path in site.glob(pattern) if path.is_file() and path.suffix != ".gz")
    assert matches, f"the built site has no file matching {pattern}"
    return "/" + matches[0].relative_to(site).as_posix()


# (kind of file, glob in the built site, Content-Type)
TYPES = [
    ("HTML page", "index.html", "text/html; charset=utf-8"),
    ("stylesheet", "assets/stylesheets/main.*.min.css", "text/css; charset=utf-8"),
    ("classic script", "assets/javascripts/bundle.*.min.js", "text/javascript; charset=utf-8"),
    ("JavaScript module", RUNTIME + "pyodide.mjs", "text/javascript; charset=utf-8"),
    ("WebAssembly", RUNTIME + "pyodide.asm.wasm", "application/wasm"),
    ("JSON", "search/search_index.json", "application/json; charset=utf-8"),
    ("release record", "stacks/*/release.json", "application/json; charset=utf-8"),
    ("zip archive", RUNTIME + "python_stdlib.zip", "application/zip"),
    ("sitemap", "sitemap.xml", "application/xml; charset=utf-8"),
    ("PNG image", "assets/images/favicon.png", "image/png"),
]


@pytest.mark.parametrize(("glob", "content_type"), [t[1:] for t in TYPES], ids=[f"serves a {t[0]} as {t[2]}" for t in TYPES])
def test_content_types(nginx_url: str, built_site: Path, glob: str, content_type: str) -> None:
    response = request(nginx_url, site_path(built_site, glob))
    assert (response.status, response.header("content-type")) == (200, content_type)


def test_every_kind_of_file_the_build_makes_has_a_specific_type(nginx_url: str, built_site: Path) -> None:
    suffixes = {path.suffix for path in built_site.rglob("*") if path.is_file() and path.suffix != ".gz"}
    untyped = {}
    for suffix in sorted(suffixes):
        path = site_path(built_site, f"**/*{suffix}")
        content_type = request(nginx_url, path, method="HEAD").header("content-type")
        if content_type == "application/octet-stream":
            untyped[suffix] = path
    assert untyped == {}


COMPRESSED = [
    ("the Pyodide WebAssembly", RUNTIME + "pyodide.asm.wasm"),
    ("the Pyodide JavaScript module", RUNTIME + "pyodide.asm.mjs"),
    ("an HTML page", "index.html"),
    ("the theme's script", "assets/javascripts/bundle.*.min.js"),
    ("the search index", "search/search_index.json"),
]


@pytest.mark.parametrize("glob", [c[1] for c in COMPRESSED], ids=[f"serves the precompressed copy of {c[0]} to gzip clients" for c in COMPRESSED])
def test_serves_the_precompressed_copy(nginx_url: str, built_site: Path, glob: str) -> None:
    path = site_path(built_site, glob)
    response = request(nginx_url, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert response.status == 200
    assert response.header("content-encoding") == "gzip"
    assert response.header("vary") == "Accept-Encoding"
    # Byte-identical to the build's .gz: nginx sent the file, it did not compress on the fly.
    assert response.body == (built_site / (path[1:] + ".gz")).read_bytes()
    assert gzip.decompress(response.body) == (built_site / path[1:]).read_bytes()


@pytest.mark.parametrize(
    "accept_encoding",
    [None, "identity", "br"],
    ids=["sends the plain file when the client names no encoding", "sends the plain file to an identity-only client", "sends the plain file to a Brotli-only client"],
)
def test_sends_the_plain_file_to_clients_without_gzip(nginx_url: str, built_site: Path, accept_encoding: str | None) -> None:
    path = site_path(built_site, RUNTIME + "pyodide.asm.wasm")
    response = request(nginx_url, path, {"Accept-Encoding": accept_encoding} if accept_encoding else {})
    assert response.status == 200
    assert response.header("content-encoding") is None
    assert response.body == (built_site / path[1:]).read_bytes()


CACHE = [
    ("the home page", "/", NO_CACHE),
    ("a content page", "/stacks/", NO_CACHE),
    ("a page's index.html by name", "/index.html", NO_CACHE),
    ("the service worker", "/sw.js", NO_CACHE),
    ("the search index", "/search/search_index.json", NO_CACHE),
    ("the release index", "/stacks/index.json", NO_CACHE),
    ("a version's release record", "stacks/*/release.json", NO_CACHE),
    ("the sitemap", "/sitemap.xml", NO_CACHE),
    ("an unhashed theme script", "/assets/javascripts/theme-bootstrap.js", NO_CACHE),
    ("an unhashed image", "/assets/images/favicon.png", NO_CACHE),
    ("a hashed theme script", "assets/javascripts/bundle.*.min.js", IMMUTABLE),
    ("a hashed stylesheet", "assets/stylesheets/main.*.min.css", IMMUTABLE),
    ("a hashed editor asset", "assets/editor/*-*.*", IMMUTABLE),
    ("the Pyodide WebAssembly", RUNTIME + "pyodide.asm.wasm", IMMUTABLE),
    ("the Pyodide lock file", RUNTIME + "pyodide-lock.json", IMMUTABLE),
]


@pytest.mark.parametrize(("path", "cache_control"), [c[1:] for c in CACHE], ids=[f"{'revalidates' if c[2] == NO_CACHE else 'caches forever'} {c[0]}" for c in CACHE])
def test_cache_control(nginx_url: str, built_site: Path, path: str, cache_control: str) -> None:
    if not path.startswith("/"):
        path = site_path(built_site, path)
    response = request(nginx_url, path)
    assert (response.status, response.header("cache-control")) == (200, cache_control)


def test_only_content_addressed_files_are_cached_forever(nginx_url: str, built_site: Path) -> None:
    wrong = {}
    for file in sorted(built_site.rglob("*")):
        if not file.is_file():
            continue
        path = file.relative_to(built_site).as_posix()
        expected = IMMUTABLE if HASHED.search(path) and file.suffix != ".html" else NO_CACHE
        got = request(nginx_url, "/" + path, method="HEAD").header("cache-control")
        if got != expected:
            wrong[path] = got
    assert wrong == {}


def test_a_revalidation_of_an_unchanged_page_is_a_304(nginx_url: str) -> None:
    etag = request(nginx_url, "/").header("etag")
    assert etag
    assert request(nginx_url, "/", {"If-None-Match": etag}).status == 304


SECURED = [
    ("a page", "/"),
    ("a script", "/assets/javascripts/theme-bootstrap.js"),
    ("a missing page", "/no/such/page/"),
    ("the health endpoint", "/healthz"),
    ("a redirect", "/stacks"),
]


@pytest.mark.parametrize("path", [s[1] for s in SECURED], ids=[f"sends every security header with {s[0]}" for s in SECURED])
def test_security_headers(nginx_url: str, path: str) -> None:
    response = request(nginx_url, path)
    assert {name: response.header(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    policy = response.header("permissions-policy") or ""
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy.split(", ")


@pytest.mark.parametrize("path", ["/", "/no/such/page/"], ids=["hides the version on a page", "hides the version on a 404"])
def test_no_server_version(nginx_url: str, path: str) -> None:
    response = request(nginx_url, path)
    assert response.header("server") == "nginx"
    assert b"nginx/" not in response.body


@pytest.mark.parametrize(
    "path",
    ["/no/such/page/", "/no-such-file.js", "/assets/pyodide-000000000000/pyodide.asm.wasm", "/stacks/openstack/"],
    ids=[
        "answers a missing page with the site's 404 page",
        "answers a missing file with the site's 404 page",
        "answers an old runtime folder with the site's 404 page",
        "answers a folder without a page with the site's 404 page",
    ],
)
def test_missing_paths_get_the_sites_404_page(nginx_url: str, built_site: Path, path: str) -> None:
    response = request(nginx_url, path)
    assert response.status == 404
    assert response.header("content-type") == "text/html; charset=utf-8"
    assert response.header("cache-control") == NO_CACHE
    assert response.body == (built_site / "404.html").read_bytes()


def test_a_folder_without_its_slash_redirects_relative_to_the_client(nginx_url: str) -> None:
    response = request(nginx_url, "/stacks")
    # A relative Location keeps whatever scheme, host and port the client (or the ingress) used.
    assert (response.status, response.header("location")) == (301, "/stacks/")


def test_a_folder_is_its_page_or_the_sites_404_page(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_text("<p>not here</p>\n", encoding="utf-8")
    (tmp_path / "stacks" / "openstack" / "scs").mkdir(parents=True)
    (tmp_path / "stacks" / "openstack" / "scs" / "index.html").write_text("<p>scs</p>\n", encoding="utf-8")
    with run_nginx(tmp_path) as url:
        bare = request(url, "/stacks/openstack/")
        assert (bare.status, bare.body) == (404, b"<p>not here</p>\n")
        assert bare.header("content-security-policy"), "the 404 carries the site's headers"
        assert (request(url, "/stacks/openstack").status, request(url, "/stacks/openstack").header("location")) == (301, "/stacks/openstack/")
        assert (request(url, "/stacks/openstack/scs/").status, request(url, "/stacks/openstack/scs/").body) == (200, b"<p>scs</p>\n")
        assert request(url, "/stacks/openstack/", method="POST").status in (403, 405)
        assert request(url, "/.git/").status == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"], ids=["refuses POST", "refuses PUT", "refuses DELETE"])
def test_refuses_methods_other_than_get_and_head(nginx_url: str, method: str) -> None:
    assert request(nginx_url, "/", method=method).status in (403, 405)


def test_health_endpoint(nginx_url: str) -> None:
    response = request(nginx_url, "/healthz")
    assert (response.status, response.body, response.header("content-type"), response.header("cache-control")) == (200, b"ok\n", "text/plain; charset=utf-8", "no-store")


def test_health_endpoint_answers_without_a_site_on_disk(tmp_path: Path) -> None:
    with run_nginx(tmp_path / "not-there") as url:
        assert (request(url, "/healthz").status, request(url, "/").status) == (200, 404)


def test_hidden_files_are_never_served(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (tmp_path / ".env").write_text("SECRET=1\n", encoding="utf-8")
    with run_nginx(tmp_path) as url:
        assert (request(url, "/.git/config").status, request(url, "/.env").status) == (404, 404)


def test_the_rules_parse_with_nginx_t(tmp_path: Path) -> None:
    result = check_config(tmp_path)
    assert result.returncode == 0, result.stderr
