"""OpenAPI v3 structural schemas as Kubernetes applies them: validation, formats, patterns, defaulting, CEL."""

from generator.openapi.defaulting import apply_defaults
from generator.openapi.errors import FieldError
from generator.openapi.validation import json_type, unknown_field_paths, validate

__all__ = ["FieldError", "apply_defaults", "json_type", "unknown_field_paths", "validate"]
