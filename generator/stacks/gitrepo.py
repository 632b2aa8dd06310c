"""Read a stacks folder's release history from git: the only module of the project that runs git.

``read_history(stacks_dir)`` lists the release tags of the repository the folder lies in
and reads the folder as of each tag's commit, each git tree once (commits that leave the
folder unchanged share its tree) and each file once (by blob id), with one ``git cat-file
--batch`` per tree. What comes back is plain data for ``generator.stacks.tags``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.errors import InputError, Problem
from generator.stacks.tags import History, ReleaseTag, is_release_tag

_FIELD = "\x1f"


# What --history says when git, or the repository around the stacks folder, is missing; each command
# that reads the history says it in its own words (release --backfill-topology: commands/release_backfill.py).
HISTORY_NEEDS = (
    "--history needs git, and git is not installed (no 'git' on PATH)",
    "--history needs the stacks folder to lie in a git repository, and it does not",
)


class GitRepository:
    """The git repository a stacks folder lies in, and the folder's path inside it."""

    def __init__(self, stacks_dir: Path, shown_as: str, needs: tuple[str, str] = HISTORY_NEEDS) -> None:
        """``needs``: the problems to report when git is not installed, and when no repository holds the folder."""
        if shutil.which("git") is None:
            raise InputError([Problem(shown_as, None, needs[0])])
        self.stacks_dir = Path(stacks_dir).resolve()
        self.shown_as = shown_as
        result = self._git("rev-parse", "--show-toplevel", check=False)
        if result.returncode != 0:
            raise InputError([Problem(shown_as, None, needs[1])])
        self.toplevel = Path(result.stdout.decode().strip()).resolve()
        self.prefix = self.stacks_dir.relative_to(self.toplevel).as_posix()
        self._blobs: dict[str, str | None] = {}

    def _git(self, *args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        result = subprocess.run(["git", "-C", str(self.stacks_dir), *args], input=stdin, capture_output=True)
        if check and result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip().splitlines()
            raise InputError([Problem(self.shown_as, None, f"git {args[0]} failed: {message[-1] if message else result.returncode}")])
        return result

    def release_tags(self) -> list[ReleaseTag]:
        """Return every tag named like a release, with its commit, the commit's date and the folder's tree there."""
        fmt = _FIELD.join(("%(refname:strip=2)", "%(objecttype)", "%(objectname)", "%(*objectname)"))
        lines = self._git("for-each-ref", f"--format={fmt}", "refs/tags").stdout.decode().splitlines()
        commits: dict[str, str] = {}
        for line in lines:
            name, kind, target, peeled = line.split(_FIELD)
            if is_release_tag(name):
                commits[name] = peeled if kind == "tag" else target
        if not commits:
            return []
        unique = sorted(set(commits.values()))
        # One call for every commit's date and one for the folder's tree at each: never one per tag.
        dates = self._git("show", "-s", "--format=%H %cs", *unique).stdout.decode().split()
        date_of = dict(zip(dates[0::2], dates[1::2]))
        tree_of = self.folder_trees(unique)
        return [ReleaseTag(name, commit, date_of.get(commit, ""), tree_of[commit]) for name, commit in sorted(commits.items())]

    def folder_trees(self, commits: list[str]) -> dict[str, str | None]:
        """Return the stacks folder's tree id at each commit (None where the folder did not exist), in one git call."""
        specs = "".join(f"{commit}:{self.prefix}\n" if self.prefix != "." else f"{commit}^{{tree}}\n" for commit in commits)
        answers = self._git("cat-file", "--batch-check=%(objectname) %(objecttype)", stdin=specs.encode()).stdout.decode().splitlines()
        trees: dict[str, str | None] = {}
        for commit, answer in zip(commits, answers):
            object_id, _, kind = answer.partition(" ")
            trees[commit] = object_id if kind == "tree" else None
        return trees

    def folder_commits(self) -> list[str]:
        """Return every commit that changed the stacks folder, newest first."""
        return self._git("log", "--format=%H", "--", ".").stdout.decode().split()

    def is_shallow(self) -> bool:
        """Is this a shallow clone (its history cut short, so older commits are not there to read)?"""
        return self._git("rev-parse", "--is-shallow-repository", check=False).stdout.decode().strip() == "true"

    def read_tree(self, tree: str) -> dict[str, dict[str, str]]:
        """Return the stacks folder at ``tree`` as ``{"provider/name": {path: text}}`` (binary files skipped)."""
        listing = self._git("ls-tree", "-r", "-z", "--full-tree", tree).stdout.decode().split("\0")
        entries = []
        for item in filter(None, listing):
            meta, _, path = item.partition("\t")
            _, kind, blob = meta.split(" ")
            parts = path.split("/")
            if kind == "blob" and len(parts) >= 3:
                entries.append((blob, parts))
        self._read_blobs(sorted({blob for blob, _ in entries} - self._blobs.keys()))
        folders: dict[str, dict[str, str]] = {}
        for blob, parts in entries:
            text = self._blobs[blob]
            if text is not None:
                folders.setdefault(f"{parts[0]}/{parts[1]}", {})["/".join(parts[2:])] = text
        return {name: dict(sorted(files.items())) for name, files in sorted(folders.items())}

    def _read_blobs(self, blobs: list[str]) -> None:
        if not blobs:
            return
        out = self._git("cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode()).stdout
        position = 0
        for blob in blobs:
            header_end = out.index(b"\n", position)
            size = int(out[position:header_end].split(b" ")[2])
            data = out[header_end + 1 : header_end + 1 + size]
            position = header_end + 1 + size + 1
            self._blobs[blob] = _text(data)


def _text(data: bytes) -> str | None:
    """Return a file's text, or None for binary content (vendored chart archives), as the file reader skips it."""
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_history(stacks_dir: Path, shown_as: str) -> History:
    """Return every release tag of the repository around ``stacks_dir`` and the folder at each (one read per tree)."""
    repository = GitRepository(stacks_dir, shown_as)
    return read_trees(repository, repository.release_tags())


def read_trees(repository: GitRepository, tags: list[ReleaseTag]) -> History:
    """Return the history of these tags: the stacks folder of each distinct tree, read once."""
    trees = {tree: repository.read_tree(tree) for tree in sorted({tag.tree for tag in tags if tag.tree is not None})}
    return History(tuple(tags), trees)
