"""Fill the staging folder: hand-written pages, then generated ones, then the engine's configuration."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, Problem
from sitebuild.config import BuildConfig

NavEntry = dict[str, Any]


def reset_staging(config: BuildConfig) -> None:
    """Empty the staging folder and copy ``site_src/`` into its docs folder."""
    if config.staging_dir.exists():
        shutil.rmtree(config.staging_dir)
    shutil.copytree(config.site_src, config.docs_dir, ignore=_theme_overrides(config.site_src))


def _theme_overrides(site_src: Path) -> Any:
    """Leave site_src/overrides/ out of the docs: it is the theme's custom_dir, not content."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        return ["overrides"] if Path(folder) == site_src else []

    return ignore


def load_site_config(config: BuildConfig) -> dict[str, Any]:
    """Read the project's mkdocs.yml, reporting a syntax error with its line."""
    path = config.repo_root / "mkdocs.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise InputError([Problem(str(path), line, f"YAML syntax error: {error.problem}")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), 1, "expected a mapping of settings")])
    return data


def merge_nav(nav: list[Any], sections: dict[str, list[NavEntry] | str]) -> list[Any]:
    """Replace entries titled like a generated section with it; append sections the nav lacks, in order."""
    merged: list[Any] = []
    used: set[str] = set()
    for entry in nav:
        title = next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else None
        if title in sections:
            merged.append({title: sections[title]})
            used.add(title)
        else:
            merged.append(entry)
    merged.extend({title: section} for title, section in sections.items() if title not in used)
    return merged


def write_staged_config(config: BuildConfig, site_config: dict[str, Any], sections: dict[str, Any]) -> Path:
    """Write the staged mkdocs.yml that both MkDocs and Zensical read."""
    staged = dict(site_config)
    staged["docs_dir"] = "docs"
    staged["site_dir"] = str(config.out_dir)
    staged["nav"] = merge_nav(site_config.get("nav", []), sections)
    theme = dict(staged.get("theme", {}))
    if "custom_dir" in theme:
        # The staged config lives in the staging folder; keep the overrides path pointing at the repository.
        theme["custom_dir"] = str((config.repo_root / theme["custom_dir"]).resolve())
        staged["theme"] = theme
    text = yaml.safe_dump(staged, sort_keys=False, allow_unicode=True, width=1000)
    config.staged_config.write_text(text, encoding="utf-8")
    return config.staged_config


def write_page(docs_dir: Path, relative: str, text: str) -> None:
    """Write one generated page, creating its folder."""
    target = docs_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def relative_to_docs(path: Path, docs_dir: Path) -> str:
    """Return a staged file's docs-relative POSIX path (what mkdocs' nav takes)."""
    return Path(path).relative_to(docs_dir).as_posix()
