"""Compile the editor's Python archive to bytecode: run inside the Pyodide runtime the browser runs.

editor/compile.mjs loads the pinned Pyodide in Node and calls ``compile_archive``; the
build (sitebuild/bytecode.py) ships the result. A browser's cold boot then unmarshals
each module instead of compiling its source, which was most of importing the
generator. Only the standard library and ``zipfile`` are used, so this also runs
under CPython (the tests do), where it makes bytecode for that interpreter instead.

Each ``name.py`` becomes ``name.pyc`` beside where the source was: zipimport finds
sourceless modules there. The files are unchecked hash-based pycs (PEP 552), which
nothing revalidates and which carry no timestamp, so the same sources give the same
bytes.
"""

from __future__ import annotations

import importlib.util
import marshal
import zipfile

UNCHECKED_HASH_BASED = (0b01).to_bytes(4, "little")  # PEP 552 flags: hash-based, do not check the source
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # sitebuild.editor.ZIP_DATE's value: this file runs alone in Pyodide, importing nothing of ours


def pyc_bytes(source: bytes, filename: str) -> bytes:
    """Return the .pyc file of one module's source; filename is what tracebacks name."""
    code = compile(source, filename, "exec", dont_inherit=True)
    return importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_BASED + importlib.util.source_hash(source) + marshal.dumps(code)


def compile_archive(source_path: str, target_path: str, origin: str) -> list[str]:
    """Write target_path: every .py of the zip at source_path as a .pyc, other files as they are.

    ``origin`` is the path the archive will have in the browser's file system, so a traceback
    names ``/lib/cs-editor.zip/generator/browser.py`` as an unpacked module would. Returns the
    problems as ``name:line: reason`` lines; target_path is written only when there are none.
    """
    entries: list[tuple[str, bytes]] = []
    problems: list[str] = []
    with zipfile.ZipFile(source_path) as source:
        for name in sorted(source.namelist()):
            data = source.read(name)
            if name.endswith(".py"):
                try:
                    data = pyc_bytes(data, f"{origin}/{name}")
                except SyntaxError as error:
                    problems.append(f"{name}:{error.lineno or 1}: {error.msg}")
                    continue
                name += "c"
            entries.append((name, data))
    if not problems:
        with zipfile.ZipFile(target_path, "w", compression=zipfile.ZIP_STORED) as target:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.external_attr = 0o644 << 16
                target.writestr(info, data)
    return problems
