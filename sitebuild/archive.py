"""The Python archive the editor's worker imports: the generator package and pure-Python PyYAML, as one deterministic zip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

# Only what the worker needs of the generator: the CLI and its commands are left out.
ARCHIVE_SKIP = ("commands/", "cli.py", "__main__.py")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date zip stores: archives are byte-identical across builds


def _archive_files(repo_root: Path) -> dict[str, bytes]:
    """Collect the generator package and PyYAML's pure-Python package, by archive path."""
    import yaml

    files: dict[str, bytes] = {}
    generator_dir = repo_root / "generator"
    for path in generator_dir.rglob("*.py"):
        relative = path.relative_to(generator_dir).as_posix()
        if "__pycache__" in relative or relative.startswith(ARCHIVE_SKIP):
            continue
        files[f"generator/{relative}"] = path.read_bytes()
    yaml_dir = Path(yaml.__file__).parent
    # Only the .py files: the C extension (_yaml.*.so) is built for CPython on this machine, not for WebAssembly.
    for path in yaml_dir.rglob("*.py"):
        relative = path.relative_to(yaml_dir).as_posix()
        if "__pycache__" not in relative:
            files[f"yaml/{relative}"] = path.read_bytes()
    return files


def python_archive(repo_root: Path) -> bytes:
    """Return a deterministic zip of ``generator`` and pure-Python ``yaml`` (sorted entries, fixed dates).

    Entries are stored, not deflated: the editor's worker imports straight from the zip (zipimport),
    so each import is a plain read; the site's gzip copy (sitebuild/compress.py) compresses the
    archive for transfer.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in sorted(_archive_files(repo_root).items()):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
