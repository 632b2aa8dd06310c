"""The editor's Python archive as the browser gets it: bytecode compiled by the pinned Pyodide, cached by its inputs."""

from __future__ import annotations

import importlib.util
import io
import marshal
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from types import CodeType, ModuleType

import pytest

from generator.errors import InputError
from sitebuild import bytecode
from sitebuild.archive import python_archive


def _compiler(repo_root: Path) -> ModuleType:
    """Load editor/python/compile_archive.py (it runs in Pyodide, and here under CPython)."""
    path = repo_root / "editor" / "python" / "compile_archive.py"
    spec = importlib.util.spec_from_file_location("compile_archive", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def compiled_here(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive compiled by this interpreter, the way Pyodide compiles it in the build."""
    folder = tmp_path_factory.mktemp("bytecode")
    (folder / "sources.zip").write_bytes(python_archive(repo_root))
    assert _compiler(repo_root).compile_archive(str(folder / "sources.zip"), str(folder / "compiled.zip"), bytecode.ORIGIN) == []
    return folder / "compiled.zip"


def test_every_module_becomes_an_unchecked_hash_based_pyc_beside_where_its_source_was(repo_root: Path, compiled_here: Path) -> None:
    sources = zipfile.ZipFile(io.BytesIO(python_archive(repo_root)))
    archive = zipfile.ZipFile(compiled_here)
    assert archive.namelist() == sorted(name + "c" for name in sources.namelist())
    for name in ("generator/browser.py", "yaml/__init__.py"):
        pyc = archive.read(name + "c")
        assert pyc[:4] == importlib.util.MAGIC_NUMBER
        assert int.from_bytes(pyc[4:8], "little") == 0b01  # PEP 552: hash-based, source not checked
        assert pyc[8:16] == importlib.util.source_hash(sources.read(name))
        code = marshal.loads(pyc[16:])
        assert isinstance(code, CodeType) and code.co_filename == f"{bytecode.ORIGIN}/{name}"
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}  # imports read, never inflate


def test_the_generator_imports_from_the_compiled_archive_alone(compiled_here: Path, tmp_path: Path) -> None:
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import generator.browser, generator.variables, yaml;"
        "print(generator.browser.__file__); print(yaml.safe_load('a: [1, 2]'))"
    )
    result = subprocess.run([sys.executable, "-I", "-c", probe, str(compiled_here)], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [f"{compiled_here}/generator/browser.pyc", "{'a': [1, 2]}"]


def test_compiling_the_same_sources_twice_gives_the_same_bytes(repo_root: Path, compiled_here: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    (tmp_path / "sources.zip").write_bytes(python_archive(repo_root))
    _compiler(repo_root).compile_archive(str(tmp_path / "sources.zip"), str(again), bytecode.ORIGIN)
    assert again.read_bytes() == compiled_here.read_bytes()


def test_the_built_archive_is_bytecode_of_the_pinned_runtime_reused_while_its_inputs_are_unchanged(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    sources = python_archive(repo_root)
    first = bytecode.compiled_archive(repo_root, sources, cache)
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names and all(name.endswith(".pyc") for name in names)
    magics = {zipfile.ZipFile(io.BytesIO(first)).read(name)[:4] for name in names}
    assert len(magics) == 1 and magics != {importlib.util.MAGIC_NUMBER}  # Pyodide's interpreter, not the build's
    assert [p.name for p in cache.iterdir()] == [f"{bytecode.cache_key(repo_root, sources)}.zip"]
    monkeypatch.setenv("PATH", str(tmp_path / "no-node-here"))  # a cache hit must not need Node at all
    assert bytecode.compiled_archive(repo_root, sources, cache) == first
    with pytest.raises(InputError, match="node is not installed"):
        bytecode.compiled_archive(repo_root, sources + b"\0")  # other sources: compiled again, which needs Node


def test_a_syntax_error_fails_the_build_naming_the_module(repo_root: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("generator/broken.py", "def broken(:\n")
    with pytest.raises(InputError) as raised:
        bytecode.compiled_archive(repo_root, buffer.getvalue())
    assert str(raised.value) == "generator/broken.py:1: does not compile for the editor: invalid syntax"


def test_the_worker_writes_the_archive_where_its_bytecode_says_it_lives(repo_root: Path) -> None:
    worker = (repo_root / "editor" / "worker.js").read_text(encoding="utf-8")
    assert re.search(r'const ARCHIVE_PATH = "([^"]+)"', worker).group(1) == bytecode.ORIGIN
