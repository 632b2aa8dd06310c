"""Helm's own template functions: YAML/JSON conversion, required, lookup; include and tpl are bound per template set."""

from __future__ import annotations

from typing import Any

import yaml

from .encoding import dump_json, dump_yaml, load_yaml, to_json_values
from .errors import FuncError
from .exec import Func


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


def _yaml_error(err: yaml.YAMLError) -> str:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    if mark is not None:
        return f"error converting YAML to JSON: yaml: line {mark.line + 1}: {problem}"
    return f"error converting YAML to JSON: yaml: {problem}"


def from_yaml(text: str) -> dict[str, Any]:
    """Decode a YAML mapping like Helm's fromYaml; on failure the map holds the message under "Error"."""
    try:
        value = load_yaml(text)
    except yaml.YAMLError as err:
        return {"Error": _yaml_error(err)}
    if value is None:
        return {}
    if type(value) is not dict:
        return {"Error": f"error unmarshaling JSON: json: cannot unmarshal {_json_kind(value)} into Go value of type map[string]interface {{}}"}
    return to_json_values(value)


def _from_yaml_array(text: str) -> list[Any]:
    try:
        value = load_yaml(text)
    except yaml.YAMLError as err:
        return [_yaml_error(err)]
    if value is None:
        return []
    if type(value) is not list:
        return [f"error unmarshaling JSON: json: cannot unmarshal {_json_kind(value)} into Go value of type []interface {{}}"]
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
