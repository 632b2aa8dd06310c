"""Kubernetes' rules for object names, label keys and label values: apimachinery's ``util/validation``.

One home for the rules and their words, as ``kubectl`` and the API server print them: the
manifest checks (``generator.manifests.names``) and the ClusterClass variable checks
(``generator.variables.metadata``) wrap each problem in their field error. Each function
returns the problems' messages, empty when the value is fine; all of them, like apimachinery.
"""

from __future__ import annotations

import re

DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_SUBDOMAIN = DNS1123_LABEL + r"(\." + DNS1123_LABEL + ")*"
QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
LABEL_RE = re.compile(DNS1123_LABEL)
SUBDOMAIN_RE = re.compile(DNS1123_SUBDOMAIN)
_QUALIFIED_NAME_RE = re.compile(QUALIFIED_NAME)
MAX_LABEL_LENGTH = 63
MAX_SUBDOMAIN_LENGTH = 253

LABEL_MESSAGE = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', "
    f"regex used for validation is '{DNS1123_LABEL}')"
)
SUBDOMAIN_MESSAGE = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', "
    f"regex used for validation is '{DNS1123_SUBDOMAIN}')"
)
# apimachinery's RegexError joins its examples as "'a',  or 'b'" (two spaces): the messages are kept as it prints them.
QUALIFIED_NAME_MESSAGE = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    f"alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '{QUALIFIED_NAME}')"
)
LABEL_VALUE_MESSAGE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    f"and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '{QUALIFIED_NAME}')"
)
_TOO_MANY_SLASHES = (
    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    f"validation is '{QUALIFIED_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
)


def qualified_name_problems(name: str) -> list[str]:
    """Return why ``name`` is no qualified name (a label or annotation key): apimachinery's IsQualifiedName."""
    parts = name.split("/")
    if len(parts) == 1:
        prefix, base = "", parts[0]
    elif len(parts) == 2:
        prefix, base = parts
        if not prefix:
            return ["prefix part must be non-empty"]
    else:
        return [_TOO_MANY_SLASHES]
    problems = []
    if prefix:
        if len(prefix) > MAX_SUBDOMAIN_LENGTH:
            problems.append(f"prefix part must be no more than {MAX_SUBDOMAIN_LENGTH} characters")
        if not SUBDOMAIN_RE.fullmatch(prefix):
            problems.append("prefix part " + SUBDOMAIN_MESSAGE)
    if not base:
        problems.append("name part must be non-empty")
    elif len(base) > MAX_LABEL_LENGTH:
        problems.append(f"name part must be no more than {MAX_LABEL_LENGTH} characters")
    if base and not _QUALIFIED_NAME_RE.fullmatch(base):
        problems.append(QUALIFIED_NAME_MESSAGE)
    return problems


def label_value_problems(value: str) -> list[str]:
    """Return why ``value`` is no label value (at most 63 characters, may be empty): apimachinery's IsValidLabelValue."""
    problems = []
    if len(value) > MAX_LABEL_LENGTH:
        problems.append(f"must be no more than {MAX_LABEL_LENGTH} characters")
    if value and not _QUALIFIED_NAME_RE.fullmatch(value):
        problems.append(LABEL_VALUE_MESSAGE)
    return problems
