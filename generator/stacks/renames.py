"""Read a stack's declared variable renames (``renames.yaml`` in its source folder) for upgrades.

The CLI's ``upgrade`` applies them to a file, the build puts them into each version's editor
data so the editor's "Upgrade to…" applies the same ones. File access lives here, in the
loading layer; what a rename means is :class:`generator.upgrade.Rename`'s.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import InputError, Problem
from generator.stacks.layout import RENAMES_FILE
from generator.upgrade import Rename, parse_renames


def read_renames(folder: Path) -> list[Rename]:
    """Return the renames declared in ``folder/renames.yaml``, none when there is no such file; fail with ``path:line: reason``."""
    path = folder / RENAMES_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), None, f"cannot read: {getattr(error, 'strerror', None) or error}")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError([Problem(str(path), mark.line + 1 if mark else None, f"not valid YAML: {getattr(error, 'problem', error)}")]) from None
    renames, problems = parse_renames(data)
    if problems:
        raise InputError([Problem(str(path), None, problem) for problem in problems])
    return renames
