"""What generating or parsing a manifest found wrong, shaped like Kubernetes' field errors.

Messages read like the API server's (``Invalid value: "x": must be ...``), so a
person who later meets the same rule in ``kubectl apply`` recognises it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from generator.manifests.forms import ClusterForm, ClusterStackForm

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding: its severity, the Kubernetes field path, the message and (when parsed from text) the 1-based line."""

    severity: Severity
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        """Format like Kubernetes: ``field: message`` (just the message for problems with the text itself)."""
        return f"{self.field}: {self.message}" if self.field else self.message

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (the browser worker sends it to the editor)."""
        return {"severity": self.severity, "field": self.field, "message": self.message, "line": self.line}


class _Verdict:
    """Errors and warnings among a result's diagnostics; errors make it invalid, warnings do not."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        """Return the diagnostics that make the result invalid."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Return the diagnostics that do not make the result invalid."""
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def valid(self) -> bool:
        """Say whether there are no errors (warnings allowed)."""
        return not self.errors


@dataclass(frozen=True)
class Generated(_Verdict):
    """A generated manifest: the YAML text a user applies, its objects and what is wrong with it."""

    text: str
    objects: list[dict[str, Any]]
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Parsed(_Verdict):
    """The form state a manifest's text represents (None when it cannot be read) and what is wrong with the text."""

    form: "ClusterForm | ClusterStackForm | None"
    diagnostics: list[Diagnostic] = field(default_factory=list)


def quote(value: Any) -> str:
    """Render a bad value the way Kubernetes prints it: strings quoted, numbers bare, composites as JSON."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def invalid(path: str, value: Any, detail: str, line: int | None = None) -> Diagnostic:
    """Report a value that breaks a rule."""
    return Diagnostic("error", path, f"Invalid value: {quote(value)}: {detail}", line)


def required(path: str, detail: str = "", line: int | None = None) -> Diagnostic:
    """Report a missing value."""
    return Diagnostic("error", path, f"Required value: {detail}" if detail else "Required value", line)


def unsupported(path: str, value: Any, supported: list[str], line: int | None = None) -> Diagnostic:
    """Report a value outside a fixed set, listing the set like Kubernetes."""
    listed = ", ".join(quote(s) for s in supported)
    return Diagnostic("error", path, f"Unsupported value: {quote(value)}: supported values: {listed}", line)


def duplicate(path: str, value: Any, line: int | None = None) -> Diagnostic:
    """Report a value that must be unique but appears twice."""
    return Diagnostic("error", path, f"Duplicate value: {quote(value)}", line)


def warning(path: str, detail: str, line: int | None = None) -> Diagnostic:
    """Report something that works but is probably not what the user wants."""
    return Diagnostic("warning", path, detail, line)
