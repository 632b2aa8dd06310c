"""Helm's own template functions: YAML/JSON conversion, required, lookup; include and tpl are bound per template set."""

from __future__ import annotations

from typing import Any

import yaml

from .encoding import dump_json, dump_yaml, load_first_yaml, to_json_values
from .errors import FuncError
from .exec import Func
from .goyaml_errors import goyaml_message


def to_yaml(value: Any) -> str:
    """Encode like Helm's toYaml: go-yaml through JSON, without the final newline; "" when impossible."""
    try:
        return dump_yaml(value).removesuffix("\n")
    except ValueError:
        return ""


def _must_to_yaml(value: Any) -> str:
    try:
        return dump_yaml(value).removesuffix("\n")
    except ValueError as err:
        raise FuncError(str(err)) from None


def _yaml_error(err: yaml.YAMLError, text: str) -> str:
    return f"error converting YAML to JSON: yaml: {goyaml_message(err, text)}"


def from_yaml(text: str) -> dict[str, Any]:
    """Decode a YAML mapping like Helm's fromYaml (the first document only); on failure the map holds the message under "Error"."""
    try:
        value = load_first_yaml(text)
    except yaml.YAMLError as err:
        return {"Error": _yaml_error(err, text)}
    if value is None:
        return {}
    if type(value) is not dict:
        return {"Error": f"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {_json_kind(value)} into Go value of type map[string]interface {{}}"}
    return to_json_values(value)


def _from_yaml_array(text: str) -> list[Any]:
    # Like fromYaml, go-yaml's Unmarshal reads the first document only: what follows it is never parsed.
    try:
        value = load_first_yaml(text)
    except yaml.YAMLError as err:
        return [_yaml_error(err, text)]
    if value is None:
        return []
    if type(value) is not list:
        return [f"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {_json_kind(value)} into Go value of type []interface {{}}"]
    return to_json_values(value)


def _json_kind(value: Any) -> str:
    if type(value) is dict:
        return "object"
    if type(value) is list:
        return "array"
    if type(value) is str:
        return "string"
    if type(value) is bool:
        return "bool"
    return "number"


def to_json(value: Any) -> str:
    """Encode like Helm's toJson (encoding/json, HTML characters escaped); "" when impossible."""
    try:
        return dump_json(value)
    except ValueError:
        return ""


def _must_to_json(value: Any) -> str:
    try:
        return dump_json(value)
    except ValueError as err:
        raise FuncError(str(err)) from None


def _to_pretty_json(value: Any) -> str:
    try:
        return dump_json(value, "  ")
    except ValueError:
        return ""


def _to_raw_json(value: Any) -> str:
    text = to_json(value)
    return text.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")


def _from_json(text: str) -> dict[str, Any]:
    import json

    try:
        value = json.loads(text, parse_int=float)
    except ValueError as err:
        return {"Error": str(err)}
    if type(value) is not dict:
        return {"Error": f"json: cannot unmarshal {_json_kind(value)} into Go value of type map[string]interface {{}}"}
    return value


def _from_json_array(text: str) -> list[Any]:
    import json

    try:
        value = json.loads(text, parse_int=float)
    except ValueError as err:
        return [str(err)]
    if type(value) is not list:
        return [f"json: cannot unmarshal {_json_kind(value)} into Go value of type []interface {{}}"]
    return value


def _required(warning: str, value: Any) -> Any:
    if value is None or (type(value) is str and value == ""):
        raise FuncError(warning)
    return value


def _lookup(api_version: str, kind: str, namespace: str, name: str) -> dict[str, Any]:
    # Rendering is offline (like `helm template`), so there is never a live object to find.
    return {}


HELM: dict[str, Func] = {
    f.name: f
    for f in (
        Func("toYaml", to_yaml, ("any",)),
        Func("mustToYaml", _must_to_yaml, ("any",)),
        Func("fromYaml", from_yaml, ("string",)),
        Func("fromYamlArray", _from_yaml_array, ("string",)),
        Func("toJson", to_json, ("any",)),
        Func("mustToJson", _must_to_json, ("any",)),
        Func("toPrettyJson", _to_pretty_json, ("any",)),
        Func("toRawJson", _to_raw_json, ("any",)),
        Func("fromJson", _from_json, ("string",)),
        Func("fromJsonArray", _from_json_array, ("string",)),
        Func("required", _required, ("string", "any")),
        Func("lookup", _lookup, ("string", "string", "string", "string")),
    )
}


# --- TOML (BurntSushi/toml, as Helm uses) -----------------------------------------------------------

def _toml_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: Any) -> str:
    from .values import Int64, format_float

    t = type(value)
    if t is bool:
        return "true" if value else "false"
    if t is int or t is Int64:
        return str(int(value))
    if t is float:
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        text = format_float(value, "g")
        return text if any(c in text for c in ".en") else text + ".0"
    if t is str:
        return _toml_string(value)
    if t is list:
        return "[" + ", ".join(_toml_value(v) for v in value if v is not None) + "]"
    if t is dict:
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in sorted(value.items()) if v is not None) + "}"
    raise ValueError(f"toml: cannot encode type {t.__name__}")


def _toml_table(value: dict[str, Any], path: list[str], out: list[str]) -> None:
    scalars = [(k, v) for k, v in sorted(value.items()) if v is not None and type(v) is not dict]
    tables = [(k, v) for k, v in sorted(value.items()) if type(v) is dict]
    indent = "  " * max(0, len(path) - 1)
    if path:
        if out:
            out.append("")
        out.append(indent + "[" + ".".join(_toml_key(p) for p in path) + "]")
    for key, item in scalars:
        out.append(f"{indent}{'  ' if path else ''}{_toml_key(key)} = {_toml_value(item)}")
    for key, item in tables:
        _toml_table(item, [*path, key], out)


def to_toml(value: Any) -> str:
    """Encode like Helm's toToml (BurntSushi/toml's encoder); the error text when impossible."""
    try:
        return _must_to_toml(value)
    except FuncError as err:
        return str(err)


def _must_to_toml(value: Any) -> str:
    if type(value) is not dict:
        raise FuncError("toml: top-level values must be Go maps or structs")
    out: list[str] = []
    try:
        _toml_table(value, [], out)
    except ValueError as err:
        raise FuncError(str(err)) from None
    return "\n".join(out) + "\n" if out else ""


def _from_toml(text: str) -> dict[str, Any]:
    import tomllib

    from .values import Int64

    def convert(value: Any) -> Any:
        if type(value) is dict:
            return {k: convert(v) for k, v in value.items()}
        if type(value) is list:
            return [convert(v) for v in value]
        if type(value) is int:
            return Int64(value)
        return value

    try:
        return convert(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        return {"Error": f"toml: {err}"}


def _to_yaml_pretty(value: Any) -> str:
    """Helm's toYamlPretty: go-yaml v3 with two-space indentation, which indents sequences in mappings."""
    try:
        return dump_yaml(value, indent_sequences=True).removesuffix("\n")
    except ValueError:
        return ""


def _must_from_json(text: str) -> Any:
    import json

    try:
        return json.loads(text, parse_int=float)
    except ValueError as err:
        raise FuncError(str(err)) from None


def _must(fn: Any) -> Any:
    def call(value: Any) -> str:
        text = fn(value)
        if text == "" and value is not None:
            raise FuncError("json: unsupported value")
        return text

    return call


HELM.update(
    {
        f.name: f
        for f in (
            Func("toToml", to_toml, ("any",)),
            Func("mustToToml", _must_to_toml, ("any",)),
            Func("fromToml", _from_toml, ("string",)),
            Func("toYamlPretty", _to_yaml_pretty, ("any",)),
            Func("mustFromJson", _must_from_json, ("string",)),
            Func("mustToPrettyJson", _must(_to_pretty_json), ("any",)),
            Func("mustToRawJson", _must(_to_raw_json), ("any",)),
        )
    }
)
