"""Check the labels and annotations a ClusterClass variable adds to objects (``metadata``, ``x-metadata``).

Cluster API validates them with apimachinery's ValidateLabels and ValidateAnnotations;
the keys are qualified names (an optional DNS subdomain prefix, then a name part) and
label values are at most 63 characters of the same alphabet.
"""

from __future__ import annotations

import re
from typing import Any

from generator.openapi.errors import FieldError, child, invalid, key, too_long

_QUALIFIED = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_QUALIFIED_RE = re.compile(_QUALIFIED)
_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
_SUBDOMAIN_RE = re.compile(_SUBDOMAIN)
_NAME_MESSAGE = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    f"alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '{_QUALIFIED}')"
)
_PREFIX_MESSAGE = (
    "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    f"and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{_SUBDOMAIN}')"
)
_VALUE_MESSAGE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    f"and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '{_QUALIFIED}')"
)
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
    # apimachinery's IsQualifiedName: the bad value is the key as written, one error per broken rule.
    bad = shown if shown is not None else name
    parts = name.split("/")
    if len(parts) == 1:
        prefix, base = "", parts[0]
    elif len(parts) == 2:
        prefix, base = parts
        if not prefix:
            return [invalid(path, bad, "prefix part must be non-empty")]
    else:
        return [
            invalid(
                path,
                bad,
                "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                f"validation is '{_QUALIFIED}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            )
        ]
    errors = []
    if prefix:
        if len(prefix) > 253:
            errors.append(invalid(path, bad, "prefix part must be no more than 253 characters"))
        if not _SUBDOMAIN_RE.fullmatch(prefix):
            errors.append(invalid(path, bad, _PREFIX_MESSAGE))
    if not base:
        errors.append(invalid(path, bad, "name part must be non-empty"))
    elif len(base) > 63:
        errors.append(invalid(path, bad, "name part must be no more than 63 characters"))
    if base and not _QUALIFIED_RE.fullmatch(base):
        errors.append(invalid(path, bad, _NAME_MESSAGE))
    return errors


def _label_value(path: str, value: Any) -> list[FieldError]:
    text = value if isinstance(value, str) else str(value)
    errors = []
    if len(text) > 63:
        errors.append(invalid(path, text, "must be no more than 63 characters"))
    if text and not _QUALIFIED_RE.fullmatch(text):
        errors.append(invalid(path, text, _VALUE_MESSAGE))
    return errors
