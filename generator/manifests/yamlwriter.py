"""Write manifests as YAML: deterministic block style, and the line of every field known as it is written.

Writing runs on every keystroke in the editor, so manifests are written by a
small emitter of their own that knows each field's line as it writes it;
diagnostics get their lines without parsing the text again. It writes what
PyYAML's SafeDumper writes (block style, kubectl's list indentation; the tests
compare the two), with one stricter rule: a string is quoted when either YAML
reader that meets a manifest, PyYAML here or go-yaml v2 behind kubectl, would
take it for anything but that string. It is the only writer of manifests:
a value it cannot write is an error that names its field, not a second writer.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import yaml

from generator.manifests.fieldlines import Document
from generator.manifests.fields import Path, field_path, key_text
from generator.yamlscalars import block_string, double_quoted, go_yaml_non_string


class _Resolver(yaml.resolver.Resolver):
    """PyYAML's implicit types, plus y/n as booleans, which YAML 1.1 readers (Go's yaml.v2 behind kubectl) take for them."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))


def emit_documents(objects: list[dict[str, Any]]) -> tuple[str, list[Document]]:
    """Return the YAML text of the objects, one document each, and per object the line of every field.

    Raise ValueError, naming the field, for a value no manifest holds (a set, bytes, an object that contains itself).
    """
    out: list[str] = []
    documents = []
    for obj in objects:
        if out:
            out.append("---")
        document = Document(data=obj, start_line=len(out) + 1)
        document.lines[()] = document.start_line
        if not isinstance(obj, dict) or not obj:
            raise ValueError(f"a manifest document must be a non-empty mapping, not {obj!r:.40}")
        try:
            _emit_block(obj, 0, (), out, document.lines, False)
        except RecursionError:
            raise ValueError("the object contains itself (or is nested too deep to write)") from None
        documents.append(document)
    return "\n".join(out) + "\n" if out else "", documents


def _emit_block(value: dict[Any, Any] | list[Any], indent: int, path: Path, out: list[str], lines: dict[Path, int], inline: bool) -> None:
    """Append a non-empty mapping or sequence in block style at column ``indent``, recording each field's line.

    With ``inline`` the first entry continues the line above (``- key: value``, ``- - item``), as after a list dash.
    """
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                child = (*path, key)
                explicit = len(key) >= _MAX_SIMPLE_KEY
                head = ("? " if explicit else "") + _string(key, True, indent)
            else:  # a number, boolean or null key is written as that scalar; its path is the string Kubernetes makes of it
                child = (*path, key_text(key))
                explicit = False
                head = _key_scalar(key)
            if not explicit:
                head += ":"
            if inline:
                out[-1] += " " + head
                inline = False
            else:
                out.append(pad + head)
            lines[child] = len(out)
            if explicit:  # the value follows ": " on the next line and is laid out like a list item after "- "
                out.append(pad + ":")
            _emit_value(item, indent, child, out, lines, not explicit)
    else:
        for i, item in enumerate(value):
            if inline:
                out[-1] += " -"
                inline = False
            else:
                out.append(pad + "-")
            lines[(*path, i)] = len(out)
            _emit_value(item, indent, (*path, i), out, lines, False)


def _emit_value(value: Any, indent: int, path: Path, out: list[str], lines: dict[Path, int], in_mapping: bool) -> None:
    """Finish the line ``out[-1]`` (a ``key:`` or a ``-`` at column ``indent``) with ``value``, continuing below when it is a block."""
    t = type(value)
    if t is not dict and t not in (list, tuple) and value and isinstance(value, (dict, list, tuple)):
        t = dict if isinstance(value, dict) else list  # a subclass (an OrderedDict, a named tuple) is written as its base
    if t is dict and value:
        if in_mapping:
            _emit_block(value, indent + 2, path, out, lines, False)
        else:
            _emit_block(value, indent + 2, path, out, lines, True)
    elif t in (list, tuple) and value:
        # kubectl's (and PyYAML's) style: a sequence in a mapping is not indented; one in a sequence starts on the dash line
        _emit_block(value, indent if in_mapping else indent + 2, path, out, lines, not in_mapping)
    else:
        text = _flow_or_scalar(value, indent + 2, path)
        if "\n" in text:  # a literal block: one list entry per line keeps len(out) the line number
            first, *rest = text.split("\n")
            out[-1] += " " + first
            out.extend(rest)
        else:
            out[-1] += " " + text


# PyYAML writes a key of 128 characters or more as an explicit "? key" (YAML readers stop looking for a ":" after 1024).
_MAX_SIMPLE_KEY = 128
_FLOW_BREAKS = re.compile("[\x85\u2028\u2029]")
_STRINGS: dict[str, str] = {}
_KEYS: dict[str, str] = {}


def _flow_or_scalar(value: Any, indent: int, path: Path) -> str:
    """Return a scalar or an empty collection as it is written after ``key:`` or ``-``; ``indent`` is the column for literal block content."""
    t = type(value)
    if t is str:
        return _string(value, False, indent)
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return str(value)
    if t is float:
        return _float_text(value)
    if value is None:
        return "null"
    if t is dict:
        return "{}"
    if t in (list, tuple):
        return "[]"
    return _other_scalar(value, indent, path)


def _other_scalar(value: Any, indent: int, path: Path) -> str:
    """Write the rarer values a YAML reader hands over (``--set x=2024-01-02``), as PyYAML's safe dumper does, or refuse."""
    if isinstance(value, str):  # a str subclass
        return _string(str(value), False, indent)
    if isinstance(value, dict):  # a dict subclass, empty (a non-empty one is written as a block)
        return "{}"
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date too
        return value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise ValueError(f"{field_path(path) or 'the document'}: a {type(value).__name__} value cannot be written to a manifest")


def _string(text: str, simple_key: bool, indent: int) -> str:
    """Return a string scalar, quoted only when a YAML reader would take the plain text for something else."""
    cache = _KEYS if simple_key else _STRINGS
    found = cache.get(text)
    if found is not None:
        return found
    if _FLOW_BREAKS.search(text):
        # NEL and the Unicode line separators: a literal block or a single-quoted scalar would not read them back as written.
        rendered = double_quoted(text)
    else:
        rendered = block_string(text, simple_key, indent, non_string=_non_string, quote="'")
    if "\n" not in text:  # a literal block depends on its indentation; everything else can be reused
        if len(cache) > 20_000:
            cache.clear()
        cache[text] = rendered
    return rendered


def _non_string(text: str) -> bool:
    """Say whether PyYAML's safe loader or go-yaml v2 (behind kubectl) would read this plain text as something other than a string."""
    if go_yaml_non_string(text):
        return True
    for tag, pattern in _Resolver.yaml_implicit_resolvers.get(text[0] if text else "", ()):
        if pattern.match(text):
            return tag != "tag:yaml.org,2002:str"
    return False


def _float_text(value: float) -> str:
    """Return a float as PyYAML's SafeRepresenter writes it (``1.0e+20``, ``.inf``, ``.nan``)."""
    if value != value:
        return ".nan"
    if value in (math.inf, -math.inf):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _key_scalar(key: Any) -> str:
    """Return a key that is not a string as PyYAML writes it: numbers, booleans and null as plain scalars."""
    if key is None or type(key) in (bool, int, float):
        return _flow_or_scalar(key, 0, ())
    raise ValueError(f"a {type(key).__name__} mapping key cannot be written to a manifest")
