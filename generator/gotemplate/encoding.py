"""YAML and JSON as Helm reads and writes them: sigs.k8s.io/yaml (go-yaml v2 through JSON) and encoding/json."""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from generator.yamlscalars import scalar_string, parse_go_int

from .values import GoObject, Int64, format_float

# --- reading -----------------------------------------------------------------------------


class _GoYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader with go-yaml v2's scalar rules: timestamps stay strings, ``1e3`` is a float."""


# Drop timestamp (go-yaml v2 keeps timestamp-like text as a string when decoding into interface{}),
# the ``=`` value tag and YAML 1.1 base-60 numbers, which go-yaml does not read.
_GoYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_GO_FLOAT = re.compile(
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_GO_INT = re.compile(r"^(?:[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
for _first in list("-+0123456789."):
    _resolvers = [(t, r) for t, r in _GoYamlLoader.yaml_implicit_resolvers.get(_first, []) if t not in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int")]
    _resolvers.insert(0, ("tag:yaml.org,2002:float", _GO_FLOAT))
    _resolvers.insert(0, ("tag:yaml.org,2002:int", _GO_INT))
    _GoYamlLoader.yaml_implicit_resolvers[_first] = _resolvers


# go-yaml v2 reads YAML 1.1 booleans, y/Y/n/N among them (PyYAML's 1.1 set lacks those four).
_GO_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")
_GO_BOOL_VALUES = {"y": True, "yes": True, "true": True, "on": True, "n": False, "no": False, "false": False, "off": False}
for _first in list("yYnNtTfFoO"):
    _resolvers = [(t, r) for t, r in _GoYamlLoader.yaml_implicit_resolvers.get(_first, []) if t != "tag:yaml.org,2002:bool"]
    _resolvers.insert(0, ("tag:yaml.org,2002:bool", _GO_BOOL))
    _GoYamlLoader.yaml_implicit_resolvers[_first] = _resolvers


def _construct_go_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return _GO_BOOL_VALUES[str(loader.construct_scalar(node)).lower()]


def _construct_go_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    value = parse_go_int(str(text).replace("_", ""))
    if value is None:
        return float(str(text).replace("_", ""))
    return value


def _construct_go_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    lower = text.lower()
    if lower in (".inf", "+.inf"):
        return math.inf
    if lower == "-.inf":
        return -math.inf
    if lower == ".nan":
        return math.nan
    return float(text)


_GoYamlLoader.add_constructor("tag:yaml.org,2002:bool", _construct_go_bool)
_GoYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_go_int)
_GoYamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_go_float)


def load_yaml(text: str) -> Any:
    """Parse one YAML document the way go-yaml v2 does (raises yaml.YAMLError on bad YAML)."""
    return yaml.load(text, Loader=_GoYamlLoader)  # noqa: S506 - a SafeLoader subclass


def load_first_yaml(text: str) -> Any:
    """Parse the first document of a YAML stream, as go-yaml v2's Unmarshal does (later ones are not read)."""
    for document in yaml.load_all(text, Loader=_GoYamlLoader):  # noqa: S506 - a SafeLoader subclass
        return document
    return None


def to_json_values(value: Any) -> Any:
    """Convert parsed YAML to what Helm sees after sigs.k8s.io/yaml's JSON round trip: float64 numbers, string keys."""
    t = type(value)
    if t is dict:
        return {_json_key(k): to_json_values(v) for k, v in value.items()}
    if t is list:
        return [to_json_values(v) for v in value]
    if t is int:
        return float(value)
    return value


def _json_key(key: Any) -> str:
    if type(key) is str:
        return key
    if key is None:
        return "null"
    if type(key) is bool:
        return "true" if key else "false"
    if type(key) is float:
        return format_float(key, "g")
    return str(key)


# --- JSON writing --------------------------------------------------------------------------

_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_SPECIAL = re.compile('["\\\\\x00-\x1f<>&\u2028\u2029]')


def json_string(text: str) -> str:
    """Encode a string like Go's encoding/json (HTML characters escaped)."""
    return '"' + _JSON_SPECIAL.sub(lambda m: _JSON_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + '"'


def json_float(value: float) -> str:
    """Format a float64 like encoding/json: plain digits from 1e-6 to 1e21, otherwise exponent form."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"json: unsupported value: {format_float(value)}")
    if value != 0 and (abs(value) < 1e-6 or abs(value) >= 1e21):
        text = format_float(value, "e")
        return re.sub(r"e([+-])0(\d)$", r"e\1\2", text)
    return format_float(value, "f")


def dump_json(value: Any, indent: str | None = None, level: int = 0) -> str:
    """Encode a value like Go's json.Marshal (or MarshalIndent with ``indent``): sorted keys, no spaces."""
    t = type(value)
    if value is None:
        return "null"
    if t is str:
        return json_string(value)
    if t is bool:
        return "true" if value else "false"
    if t is int or t is Int64:
        return str(int(value))
    if t is float:
        return json_float(value)
    if t is list or t is tuple:
        if not value:
            return "[]"
        if indent is None:
            return "[" + ",".join(dump_json(v) for v in value) + "]"
        inner = "\n" + indent * (level + 1)
        return "[" + inner + ("," + inner).join(dump_json(v, indent, level + 1) for v in value) + "\n" + indent * level + "]"
    if t is dict:
        if not value:
            return "{}"
        keys = sorted(value, key=str)
        if indent is None:
            return "{" + ",".join(json_string(str(k)) + ":" + dump_json(value[k]) for k in keys) + "}"
        inner = "\n" + indent * (level + 1)
        return "{" + inner + ("," + inner).join(json_string(str(k)) + ": " + dump_json(value[k], indent, level + 1) for k in keys) + "\n" + indent * level + "}"
    if isinstance(value, GoObject):
        to_json = getattr(value, "to_json", None)
        if to_json is not None:
            return dump_json(to_json(), indent, level)
        return dump_json({f: getattr(value, f) for f in value._go_fields}, indent, level)
    if t is bytes:
        import base64

        return json_string(base64.b64encode(value).decode())
    raise ValueError(f"json: unsupported type: {type(value).__name__}")


def _scalar(value: Any, simple_key: bool, indent: int) -> str:
    """Render a scalar after the JSON round trip Helm's toYaml makes."""
    t = type(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is int or t is Int64:
        return str(int(value))
    if t is float:
        text = json_float(value)
        # go-yaml reads the JSON number back: integers stay integers, the rest become float64 again.
        as_int = parse_go_int(text)
        if as_int is not None:
            return str(as_int)
        return format_float(float(text), "g")
    if t is str:
        return scalar_string(value, simple_key, indent)
    raise ValueError(f"cannot marshal type {type(value).__name__}")


def _plain_value(value: Any) -> Any:
    """Reduce objects to JSON-like data, as json.Marshal would."""
    if isinstance(value, GoObject):
        to_json = getattr(value, "to_json", None)
        return to_json() if to_json is not None else {f: getattr(value, f) for f in value._go_fields}
    if type(value) is tuple:
        return list(value)
    if type(value) is bytes:
        import base64

        return base64.b64encode(value).decode()
    return value


def _emit(value: Any, indent: int, out: list[str], seq_indent: int = 0) -> None:
    """Append a block node that starts on a fresh line at column ``indent``."""
    value = _plain_value(value)
    t = type(value)
    pad = " " * indent
    if t is dict and value:
        for key in sorted(value, key=str):
            out.append(pad + scalar_string(str(key), True, indent) + ":")
            _emit_value(value[key], indent, out, True, seq_indent)
    elif t is list and value:
        for item in value:
            out.append(pad + "-")
            _emit_value(item, indent, out, False, seq_indent)
    else:
        out.append(pad + _folded(value, _emit_flow_or_scalar(value, indent + 2), indent, indent + 2))


def _emit_flow_or_scalar(value: Any, indent: int) -> str:
    t = type(value)
    if t is dict:
        return "{}"
    if t is list:
        return "[]"
    return _scalar(value, False, indent)


# libyaml's emitter breaks plain scalars at a space once the line is past this column (go-yaml's best_width).
_BEST_WIDTH = 80


def _folded(value: Any, text: str, column: int, indent: int) -> str:
    """Fold a plain string scalar starting at ``column`` as libyaml does; continuation lines start at ``indent``."""
    if type(value) is not str or text != value or column + len(text) <= _BEST_WIDTH or " " not in text:
        return text
    out: list[str] = []
    col = column
    previous_space = False
    for i, ch in enumerate(text):
        if ch == " ":
            if not previous_space and col > _BEST_WIDTH and i + 1 < len(text) and text[i + 1] != " ":
                out.append("\n" + " " * indent)
                col = indent
            else:
                out.append(ch)
                col += 1
            previous_space = True
        else:
            out.append(ch)
            col += 1
            previous_space = False
    return "".join(out)


def _emit_value(value: Any, indent: int, out: list[str], in_mapping: bool, seq_indent: int = 0) -> None:
    """Finish the line ``out[-1]`` (a ``key:`` or ``-``) with a value, continuing below it when it is a block."""
    value = _plain_value(value)
    t = type(value)
    if t is dict and value:
        if in_mapping:
            _emit(value, indent + 2, out, seq_indent)
        else:
            # First key on the dash line: "- key: value", the rest aligned under it.
            sub: list[str] = []
            _emit(value, indent + 2, sub, seq_indent)
            out[-1] += " " + sub[0][indent + 2:]
            out.extend(sub[1:])
    elif t is list and value:
        if in_mapping:
            # go-yaml v2 does not indent a sequence inside a mapping (v3, for toYamlPretty, does).
            _emit(value, indent + seq_indent, out, seq_indent)
        else:
            sub = []
            _emit(value, indent + 2, sub, seq_indent)
            out[-1] += " " + sub[0][indent + 2:]
            out.extend(sub[1:])
    else:
        column = len(out[-1]) + 1
        out[-1] += " " + _folded(value, _emit_flow_or_scalar(value, indent + 2), column, indent + 2)


def dump_yaml(value: Any, indent_sequences: bool = False) -> str:
    """Encode like Helm's toYaml before trimming: go-yaml v2 block style, sorted keys, a final newline.

    ``indent_sequences`` indents a sequence under its mapping key, as go-yaml v3 does.
    """
    value = _plain_value(value)
    t = type(value)
    if t is dict and value or t is list and value:
        out: list[str] = []
        _emit(value, 0, out, 2 if indent_sequences else 0)
        return "\n".join(out) + "\n"
    text = _folded(value, _emit_flow_or_scalar(value, 2), 0, 2)
    return text + "\n" if not text.endswith("\n") else text
