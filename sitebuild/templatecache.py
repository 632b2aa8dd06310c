"""A compiled-template cache shared by our page templates and the theme's, kept between builds.

Compiling Jinja templates is a fixed cost of every build: Material's theme alone
is some forty templates, compiled afresh by each MkDocs run. Jinja can store the
compiled code and reuse it while a template's source is unchanged (it checks a
checksum of the source), so a cached entry can never serve a stale template.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def bytecode_cache(cache_dir: Path | None) -> jinja2.BytecodeCache | None:
    """Return a bytecode cache in ``cache_dir`` (created if missing), or None to compile every time."""
    if cache_dir is None:
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(cache_dir))
