"""Helpers for error tables: compare errors as (field, message) pairs and print want beside got."""

from __future__ import annotations

from generator.openapi import FieldError


def pairs(errors: list[FieldError]) -> list[tuple[str, str]]:
    """Reduce errors to (field, Kubernetes-style text after the field, warnings marked) for readable comparisons."""
    return [(e.field, ("warning: " if e.severity == "warning" else "") + e.message) for e in errors]


def assert_errors(errors: list[FieldError], want: list[tuple[str, str]]) -> None:
    """Assert each wanted (field, substring) matches the error at the same position, and nothing more."""
    got = pairs(errors)
    message = "\nwant: " + "\n      ".join(map(repr, want)) + "\ngot:  " + "\n      ".join(map(repr, got))
    assert len(got) == len(want), message
    for (want_field, want_text), (got_field, got_text) in zip(want, got):
        assert want_field == got_field and want_text in got_text, message
