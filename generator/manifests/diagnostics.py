"""What generating or parsing a manifest found wrong, shaped like Kubernetes' field errors.

Findings are ``generator.openapi.errors.FieldError`` records (named ``Diagnostic``
here); this module adds the results that carry them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.openapi.errors import (
    FieldError,
    Severity,
    duplicate,
    forbidden,
    invalid,
    plain,
    required,
    warning,
)
from generator.openapi.errors import not_supported as unsupported

if TYPE_CHECKING:
    from generator.manifests.forms import ClusterForm, ClusterStackForm

# One record for every finding in the core: a manifest problem is the same field error the
# variable and schema checks return, so all of them print, serialise and locate alike.
Diagnostic = FieldError


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
    """The form state a manifest's text represents (None when it cannot be read) and what is wrong with the text.

    ``source`` is the object the form is read from, as the text has it (also when its kind
    or class is wrong; None when the text holds no mapping): a caller that needs more than
    the form, such as ``upgrade --plan``, takes it from here instead of parsing again.
    """

    form: "ClusterForm | ClusterStackForm | None"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: dict[str, Any] | None = None


__all__ = [
    "Diagnostic",
    "Generated",
    "Parsed",
    "Severity",
    "duplicate",
    "forbidden",
    "invalid",
    "plain",
    "required",
    "unsupported",
    "warning",
]
