#!/usr/bin/env python3
"""Build the Cluster Stacks site: stacks → generated pages + editor bundle → site engine → site/.

    python build.py [--stacks DIR] [--out DIR] [--history]   build once (default: stacks/ → site/)
    python build.py serve [--stacks DIR] [--address HOST:PORT]
                                                    build, serve on 127.0.0.1:8000, rebuild on change

This file only orchestrates; every stage lives in ``sitebuild`` or ``generator``.
Bad input is reported as ``path:line: reason`` lines and exit code 1; the
previous output is left untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO_ROOT))

import generator.stacks  # noqa: E402
from generator.errors import InputError, Problem  # noqa: E402
from generator.model import Stack  # noqa: E402
from sitebuild import compare, compress, editor, engine, output, pages, pyodide, records, staging, topology, versiondata  # noqa: E402
from sitebuild.config import BuildConfig  # noqa: E402
from sitebuild.serve import DEFAULT_ADDRESS, ServeError  # noqa: E402


def get_config(args: argparse.Namespace) -> BuildConfig:
    """Resolve the folders of this build and check the stacks folder exists."""
    stacks_dir = Path(args.stacks).resolve()
    if not stacks_dir.is_dir():
        raise InputError([Problem(args.stacks, None, "stacks folder does not exist")])
    return BuildConfig(repo_root=REPO_ROOT, stacks_dir=stacks_dir, out_dir=Path(args.out).resolve(), history=args.history)


def load_stacks(config: BuildConfig) -> list[Stack]:
    """Load every stack with its released and unreleased versions."""
    return generator.stacks.load_stacks(_as_given(config.stacks_dir), history=config.history, cache_dir=config.cache_dir)


def _as_given(path: Path) -> Path:
    """Return path relative to the working directory when inside it, so problems read ``stacks/…:line:``."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def stage_site(config: BuildConfig) -> Path:
    """Fill the staging folder with every page and asset; return the staged engine config."""
    site_config = staging.load_site_config(config)
    stacks = load_stacks(config)
    staging.reset_staging(config)
    runtime_url = pyodide.copy_runtime(config.repo_root, config.docs_dir)
    defaults = versiondata.get_version_defaults(stacks)  # once, for the topologies, the version pages and the editor
    topologies = topology.version_topologies(_as_given(config.stacks_dir), stacks, cache_dir=config.cache_dir / "topology", defaults=defaults)
    sections: dict[str, Any] = {"Stacks": pages.write_pages(stacks, config.docs_dir, cache_dir=config.cache_dir / "jinja", topologies=topologies, defaults=defaults)}
    records.write_records(stacks, config.docs_dir)
    sections["Editor"] = editor.write_editor(
        stacks, config.docs_dir, runtime_url, config.repo_root, cache_dir=config.cache_dir, topology=topologies, stacks_dir=config.stacks_dir, defaults=defaults
    )
    sections["Compare"] = compare.write_compare(stacks, config.docs_dir, cache_dir=config.cache_dir / "compare")
    return staging.write_staged_config(config, site_config, sections)


def build(config: BuildConfig) -> None:
    """Build the site into a fresh folder and swap it in only when everything succeeded."""
    staged_config = stage_site(config)
    fresh = output.new_output_dir(config.out_dir)
    try:
        engine.run_mkdocs(staged_config, fresh, template_cache=config.cache_dir / "jinja")
        compress.precompress(fresh, cache_dir=config.cache_dir / "gzip")
    except BaseException:
        output.discard(fresh)
        raise
    output.replace_output(fresh, config.out_dir)


def serve(config: BuildConfig, address: str) -> None:
    """Build, then serve with live reload, re-staging whenever stacks/ or site_src/ change."""
    from sitebuild.serve import check_address, parse_address, serve_with_reload, url_of

    host, port = parse_address(address)
    check_address(host, port)  # a busy port is reported now, not after the build
    print(f"serve: building the site, then serving it on {url_of(host, port)} (Ctrl+C stops)", flush=True)
    build(config)
    serve_with_reload(config, stage_site, host, port)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line; unknown options end with a usage message, not a traceback."""
    parser = argparse.ArgumentParser(prog="python build.py", description="Build the Cluster Stacks site.")
    parser.add_argument("command", nargs="?", choices=("build", "serve"), default="build", help="build once (default) or serve with live reload")
    parser.add_argument("--stacks", default=str(REPO_ROOT / "stacks"), help="stacks folder (default: stacks/)")
    parser.add_argument("--out", default=str(REPO_ROOT / "site"), help="output folder (default: site/)")
    parser.add_argument("--history", action="store_true", help="also document the releases named by the git tags of the stacks folder's repository")
    parser.add_argument("--address", default=DEFAULT_ADDRESS, metavar="HOST:PORT", help=f"where serve listens: HOST:PORT, [IPv6]:PORT or a PORT on 127.0.0.1 (default: {DEFAULT_ADDRESS})")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the build (or serve) and turn input problems into one line each."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        config = get_config(args)
        if args.command == "serve":
            serve(config, args.address)
        else:
            build(config)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"build failed: {len(error.problems)} problem(s); the previous output is unchanged", file=sys.stderr)
        return 1
    except ServeError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
