"""``python -m generator release --backfill-topology``: complete old ledger entries from the stacks' git history.

The loading half of ``generator.stacks.backfill``: it offers the working tree, then the stacks
folder as of each commit that changed it (newest first, each git tree read once, through
``generator.stacks.gitrepo``), and writes the ledgers that gained topology inputs. Entries
whose source no commit holds are reported, one line each, and make the command exit 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.errors import InputError, Problem
from generator.stacks.backfill import Folders, backfill_topology
from generator.stacks.files import read_stacks


def _git(stacks_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(stacks_dir), *args], capture_output=True, text=True)


def _check_repository(stacks_dir: Path, shown_as: str) -> None:
    """Raise InputError, in words, when git or the repository around the stacks folder is missing."""
    if shutil.which("git") is None:
        raise InputError([Problem(shown_as, None, "--backfill-topology reads the stacks' git history, and git is not installed (no 'git' on PATH)")])
    if _git(stacks_dir, "rev-parse", "--show-toplevel").returncode != 0:
        raise InputError([Problem(shown_as, None, "--backfill-topology reads the stacks' git history, and the stacks folder does not lie in a git repository")])


def history_candidates(stacks_dir: Path, shown_as: str) -> Iterator[tuple[str, Folders]]:
    """Yield ``("commit <id>", folders)`` for each commit that changed the stacks folder, newest first, each tree read once."""
    from generator.stacks.gitrepo import GitRepository  # runs git: only loaded when the history is asked for

    repository = GitRepository(stacks_dir, shown_as)
    log = _git(stacks_dir, "log", "--format=%H", "--", ".")
    if log.returncode != 0:
        message = log.stderr.strip().splitlines()
        raise InputError([Problem(shown_as, None, f"git log failed: {message[-1] if message else log.returncode}")])
    commits = log.stdout.split()
    specs = "".join(f"{commit}:{repository.prefix}\n" if repository.prefix != "." else f"{commit}^{{tree}}\n" for commit in commits)
    answers = subprocess.run(
        ["git", "-C", str(stacks_dir), "cat-file", "--batch-check=%(objectname) %(objecttype)"], input=specs, capture_output=True, text=True
    ).stdout.splitlines()
    seen: set[str] = set()
    for commit, answer in zip(commits, answers):
        tree, _, kind = answer.partition(" ")
        if kind != "tree" or tree in seen:
            continue
        seen.add(tree)
        yield f"commit {commit[:12]}", repository.read_tree(tree)


def _is_shallow(stacks_dir: Path) -> bool:
    return _git(stacks_dir, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"


def run_backfill(stacks: str) -> int:
    """Write the ledgers completed from the history; print what was found where, and each entry still missing."""
    stacks_dir = Path(stacks)
    _check_repository(stacks_dir, stacks)
    folders = read_stacks(stacks_dir)

    def candidates() -> Iterator[tuple[str, Folders]]:
        yield "the working tree", folders
        yield from history_candidates(stacks_dir, stacks)

    result = backfill_topology(folders, stacks, candidates())
    for path, text in sorted(result.ledgers.items()):
        Path(stacks, path).write_text(text, encoding="utf-8", newline="\n")
        print(f"updated {Path(stacks, path)}")
    for class_name, label in sorted(result.found.items()):
        print(f"{class_name}: topology inputs from {label}")
    if not result.ledgers and not result.missing:
        print("nothing to backfill: every release in the ledgers keeps its topology inputs")
    shallow = " (this is a shallow clone: fetch the full history and try again)" if result.missing and _is_shallow(stacks_dir) else ""
    for problem in result.missing:
        print(f"{problem}{shallow}", file=sys.stderr)
    return 1 if result.missing else 0
