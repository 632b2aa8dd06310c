"""``python -m generator release --backfill-topology``: complete old ledger entries from the stacks' git history.

The loading half of ``generator.stacks.backfill``: it offers the working tree, then the stacks
folder as of each commit that changed it (newest first, each git tree read once, through
``generator.stacks.gitrepo``), and writes the ledgers that gained topology inputs. Entries
whose source no commit holds are reported, one line each, and make the command exit 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from generator.stacks.backfill import Folders, backfill_topology
from generator.stacks.files import read_stacks

if TYPE_CHECKING:
    from generator.stacks.gitrepo import GitRepository

# What this command says when git, or the repository around the stacks folder, is missing.
BACKFILL_NEEDS = (
    "--backfill-topology reads the stacks' git history, and git is not installed (no 'git' on PATH)",
    "--backfill-topology reads the stacks' git history, and the stacks folder does not lie in a git repository",
)


def history_candidates(repository: GitRepository) -> Iterator[tuple[str, Folders]]:
    """Yield ``("commit <id>", folders)`` for each commit that changed the stacks folder, newest first, each tree read once."""
    commits = repository.folder_commits()
    trees = repository.folder_trees(commits)
    seen: set[str] = set()
    for commit in commits:
        tree = trees[commit]
        if tree is None or tree in seen:
            continue
        seen.add(tree)
        yield f"commit {commit[:12]}", repository.read_tree(tree)


def run_backfill(stacks: str) -> int:
    """Write the ledgers completed from the history; print what was found where, and each entry still missing."""
    from generator.stacks.gitrepo import GitRepository  # runs git: only loaded when the history is asked for

    stacks_dir = Path(stacks)
    repository = GitRepository(stacks_dir, stacks, needs=BACKFILL_NEEDS)
    folders = read_stacks(stacks_dir)

    def candidates() -> Iterator[tuple[str, Folders]]:
        yield "the working tree", folders
        yield from history_candidates(repository)

    result = backfill_topology(folders, stacks, candidates())
    for path, text in sorted(result.ledgers.items()):
        Path(stacks, path).write_text(text, encoding="utf-8", newline="\n")
        print(f"updated {Path(stacks, path)}")
    for class_name, label in sorted(result.found.items()):
        print(f"{class_name}: topology inputs from {label}")
    if not result.ledgers and not result.missing:
        print("nothing to backfill: every release in the ledgers keeps its topology inputs")
    shallow = " (this is a shallow clone: fetch the full history and try again)" if result.missing and repository.is_shallow() else ""
    for problem in result.missing:
        print(f"{problem}{shallow}", file=sys.stderr)
    return 1 if result.missing else 0
