"""Problems in user input, reported as ``path:line: reason`` and collected, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where it is and what is wrong."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        """Format like a compiler: ``path:line: reason`` (the line only when known)."""
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}:{self.line}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as plain JSON data (the build caches keep warnings so)."""
        return {"path": self.path, "line": self.line, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        """Return the problem ``to_dict`` gave."""
        return cls(data["path"], data["line"], data["reason"])


class InputError(Exception):
    """Raised by loaders once all problems of one run are collected; adapters print them and exit."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
