"""The build's precompressed copies: deterministic gzip beside every compressible file, nothing else."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from sitebuild.compress import gzip_bytes, precompress, should_compress

TEXT = b"apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\n" * 100


def test_gzip_bytes_round_trips() -> None:
    assert gzip.decompress(gzip_bytes(TEXT)) == TEXT


def test_gzip_header_carries_no_time_and_no_name() -> None:
    header = gzip_bytes(TEXT)[:10]
    # ID1 ID2, deflate, FLG=0 (no FNAME), MTIME=0, XFL=2 (best compression), OS byte.
    assert header[:9] == bytes([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2])


def test_compressing_twice_gives_the_same_bytes() -> None:
    assert gzip_bytes(TEXT) == gzip_bytes(bytes(TEXT))


@pytest.mark.parametrize(
    ("name", "size", "expected"),
    [
        ("index.html", 4096, True),
        ("main.57a0d79d.min.css", 4096, True),
        ("pyodide.asm.mjs", 4096, True),
        ("pyodide.asm.wasm", 4096, True),
        ("python_stdlib.zip", 4096, True),
        ("search_index.json", 4096, True),
        ("favicon.png", 4096, False),
        ("sitemap.xml.gz", 4096, False),
        ("tiny.js", 100, False),
    ],
    ids=[
        "compresses HTML",
        "compresses stylesheets",
        "compresses JavaScript modules",
        "compresses WebAssembly",
        "tries zip archives (stored ones shrink)",
        "compresses JSON",
        "leaves PNG images alone",
        "leaves gzip files alone",
        "leaves files too small to gain alone",
    ],
)
def test_should_compress(tmp_path: Path, name: str, size: int, expected: bool) -> None:
    path = tmp_path / name
    path.write_bytes(b"a" * size)
    assert should_compress(path) is expected


def test_precompress_writes_copies_only_where_they_save(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(TEXT)
    (tmp_path / "assets" / "app-0123abcd.js").write_bytes(TEXT)
    # Hash output stands in for an already-deflated archive: it does not compress.
    (tmp_path / "assets" / "deflated.zip").write_bytes(b"".join(hashlib.sha256(str(i).encode()).digest() for i in range(512)))
    (tmp_path / "logo.png").write_bytes(TEXT)
    written = precompress(tmp_path)
    assert [path.relative_to(tmp_path).as_posix() for path in written] == ["assets/app-0123abcd.js.gz", "index.html.gz"]
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == TEXT


def test_the_built_site_has_a_gzip_copy_of_every_runtime_file_that_shrinks(built_site: Path) -> None:
    runtime = next(built_site.glob("assets/pyodide-*/"))
    copies = sorted(path.name for path in runtime.glob("*.gz"))
    assert {"pyodide.asm.wasm.gz", "pyodide.asm.mjs.gz", "pyodide.mjs.gz", "pyodide-lock.json.gz"} <= set(copies)


def test_every_copy_in_the_built_site_matches_its_file(built_site: Path) -> None:
    mismatched = []
    for copy in sorted(built_site.rglob("*.gz")):
        original = copy.with_suffix("")
        if original.name == "sitemap.xml":
            continue  # the site engine's own sitemap.xml.gz is a separate file, not a copy for nginx
        if gzip.decompress(copy.read_bytes()) != original.read_bytes() or gzip_bytes(original.read_bytes()) != copy.read_bytes():
            mismatched.append(copy.relative_to(built_site).as_posix())
    assert mismatched == []


def _site(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_the_cache_gives_the_same_copies_and_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    runtime, page = b"wasm " * 4000, b"<html>" + b"page " * 500
    cache = tmp_path / "cache"
    plain = _site(tmp_path / "plain", {"a.wasm": runtime, "index.html": page})
    cached = _site(tmp_path / "cached", {"a.wasm": runtime, "index.html": page})
    precompress(plain)
    precompress(cached, cache_dir=cache)
    assert (cached / "a.wasm.gz").read_bytes() == (plain / "a.wasm.gz").read_bytes()
    assert len(list(cache.glob("*.gz"))) == 2
    rebuilt = _site(tmp_path / "rebuilt", {"a.wasm": runtime, "index.html": page + b"changed"})
    precompress(rebuilt, cache_dir=cache)
    assert gzip.decompress((rebuilt / "index.html.gz").read_bytes()) == page + b"changed"
    kept = {entry.name for entry in cache.glob("*.gz")}
    assert kept == {hashlib.sha256(runtime).hexdigest() + ".gz", hashlib.sha256(page + b"changed").hexdigest() + ".gz"}
