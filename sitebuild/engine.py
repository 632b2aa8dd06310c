"""Run the site engine (MkDocs with Material) on the staged pages, in strict mode."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from sitebuild import templatecache

# A fixed build date unless the caller sets one: two builds of a commit are byte-identical.
DEFAULT_SOURCE_DATE_EPOCH = "1735689600"  # 2025-01-01T00:00:00Z


class _Collect(logging.Handler):
    """Keep the engine's warnings so strict mode can report each one, not just a count."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(staged_config: Path, site_dir: Path, template_cache: Path | None = None) -> None:
    """Build ``site_dir`` from the staged config; every engine warning is a problem of the build.

    ``template_cache`` keeps the theme's compiled templates between builds (see ``sitebuild.templatecache``).
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(staged_config), site_dir=str(site_dir), strict=True)
        _cache_theme_templates(config.theme, template_cache)
        build(config)
    except MkDocsException as error:
        problems = [Problem(str(staged_config), None, message) for message in collector.messages]
        raise InputError(problems or [Problem(str(staged_config), None, str(error))]) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise InputError([Problem(str(staged_config), None, message) for message in collector.messages])


def _cache_theme_templates(theme: Any, cache_dir: Path | None) -> None:
    """Give every template environment the theme makes a bytecode cache (speed only: no output changes)."""
    cache = templatecache.bytecode_cache(cache_dir)
    if cache is None:
        return
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        env.bytecode_cache = cache
        return env

    theme.get_env = get_env
