"""Where a build reads from and writes to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildConfig:
    """The folders of one build; staging sits beside the output so parallel builds never share it."""

    repo_root: Path  # the project: mkdocs.yml, site_src/, node_modules/
    stacks_dir: Path  # the single-source stacks to document
    out_dir: Path  # the finished site, replaced atomically
    staging: Path | None = None  # override the staging folder (serve stages beside the served copy)
    history: bool = False  # also read the release tags of the stacks folder's git repository (--history)

    @property
    def cache_dir(self) -> Path:
        """Return the folder of caches kept between builds (gzip, bundles, compiled templates); safe to delete."""
        return self.repo_root / ".cache"

    @property
    def site_src(self) -> Path:
        """Return the folder of hand-written pages and assets."""
        return self.repo_root / "site_src"

    @property
    def staging_dir(self) -> Path:
        """Return the staging folder: ``.staging`` for the default output, else beside the output."""
        if self.staging is not None:
            return self.staging
        if self.out_dir == self.repo_root / "site":
            return self.repo_root / ".staging"
        return self.out_dir.parent / f".{self.out_dir.name}.staging"

    @property
    def docs_dir(self) -> Path:
        """Return the staged docs folder the site engine reads."""
        return self.staging_dir / "docs"

    @property
    def staged_config(self) -> Path:
        """Return the staged site configuration (mkdocs.yml plus the generated navigation)."""
        return self.staging_dir / "mkdocs.yml"
