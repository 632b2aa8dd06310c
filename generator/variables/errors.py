"""Field errors for variables: the same FieldError the schema validator returns, re-exported for callers."""

from generator.openapi.errors import FieldError

__all__ = ["FieldError"]
