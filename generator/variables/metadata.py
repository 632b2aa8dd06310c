"""Check the labels and annotations a ClusterClass variable adds to objects (``metadata``, ``x-metadata``).

Cluster API validates them with apimachinery's ValidateLabels and ValidateAnnotations;
the keys are qualified names (an optional DNS subdomain prefix, then a name part) and
label values are at most 63 characters of the same alphabet.
"""

from __future__ import annotations

from typing import Any

from generator.kubenames import label_value_problems, qualified_name_problems
from generator.openapi.errors import FieldError, child, invalid, key, too_long

_TOTAL_ANNOTATION_BYTES = 256 * 1024


def validate_metadata(metadata: dict[str, Any], path: str) -> list[FieldError]:
    """Check ``labels`` and ``annotations`` under PATH as ValidateLabels and ValidateAnnotations do."""
    errors: list[FieldError] = []
    labels = metadata.get("labels")
    if isinstance(labels, dict):
        where = child(path, "labels")
        for name, value in labels.items():
            errors.extend(_qualified_name(where, str(name)))
            errors.extend(_label_value(key(where, str(name)), value))
    annotations = metadata.get("annotations")
    if isinstance(annotations, dict):
        where = child(path, "annotations")
        total = 0
        for name, value in annotations.items():
            errors.extend(_qualified_name(where, str(name).lower(), shown=str(name)))
            total += len(str(name)) + len(str(value))
        if total > _TOTAL_ANNOTATION_BYTES:
            errors.append(too_long(where, "", _TOTAL_ANNOTATION_BYTES))
    return errors


def _qualified_name(path: str, name: str, shown: str | None = None) -> list[FieldError]:
    # The bad value is the key as written (an annotation key is checked lower-cased), one error per broken rule.
    return [invalid(path, shown if shown is not None else name, problem) for problem in qualified_name_problems(name)]


def _label_value(path: str, value: Any) -> list[FieldError]:
    text = value if isinstance(value, str) else str(value)
    return [invalid(path, text, problem) for problem in label_value_problems(text)]
