"""Inline ClusterClass patches (``definitions``) turned into JSON patches, as Cluster API's inline generator does.

Mirrors ``patches/inline/json_patch_generator.go``: a definition applies to a template when its
selector matches (apiVersion, kind and one of ``matchResources``); the patch applies when
``enabledIf`` renders to ``true``; each JSON patch's value comes from ``value``,
``valueFrom.variable`` or ``valueFrom.template``. Error texts are Cluster API's, with the field
path of the failing part of the ClusterClass added so a person can find it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.gotemplate import TemplateError, TemplateSyntaxError, load_yaml
from generator.gotemplate.quoting import go_quote
from generator.topology.gotpl import render_patch_template, template_data
from generator.jsonvalue import clone
from generator.topology.variables import VariableError, get_variable_value, merge_variable_maps

# Rendered values repeat for every object and keystroke; YAML parsing is the slow part, so results are kept.
_PARSED: dict[str, Any] = {}
_PARSED_SIZE = 1024
_UNSET = object()

CLUSTER_INFRASTRUCTURE_FIELD = "spec.infrastructureRef"
CLUSTER_CONTROL_PLANE_FIELD = "spec.controlPlaneRef"
BOOTSTRAP_FIELD = "spec.template.spec.bootstrap.configRef"
INFRASTRUCTURE_FIELD = "spec.template.spec.infrastructureRef"
CONTROL_PLANE_MACHINE_FIELDS = ("spec.machineTemplate.infrastructureRef", "spec.machineTemplate.spec.infrastructureRef")


@dataclass
class RequestItem:
    """One template to patch, with what holds it (GeneratePatchesRequestItem)."""

    uid: str
    holder_kind: str
    holder_name: str
    holder_field: str
    object: dict[str, Any]
    variables: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Name the template for people: ``Kind name``."""
        return f"{self.object.get('kind')} {(self.object.get('metadata') or {}).get('name', '')}".strip()


@dataclass(frozen=True)
class PatchError:
    """A patch that cannot be generated or applied: the patch, the field of the class, the template and the reason."""

    patch: str
    field: str  # e.g. spec.patches[3].definitions[0].jsonPatches[1].valueFrom.template
    target: str  # the template it was generated for, "Kind name"
    message: str  # Cluster API's message
    line: int | None = None  # the line in the Go template, when a template failed

    def __str__(self) -> str:
        where = f"{self.field}" + (f" (template line {self.line})" if self.line else "")
        return f"{where}: patch {go_quote(self.patch)} for {self.target}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"patch": self.patch, "field": self.field, "target": self.target, "message": self.message, "line": self.line}


class PatchValueError(Exception):
    """A value that cannot be computed; carries the sub-field and the template line."""

    def __init__(self, message: str, sub_field: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.sub_field = sub_field
        self.line = line


def _class_matches(names: Any, class_value: Any) -> bool:
    """Match a class against ``names`` with Cluster API's wildcards: ``*``, ``*suffix``, ``prefix*``."""
    if not isinstance(class_value, str):
        return False
    for name in names or ():
        if not isinstance(name, str):
            continue
        if name == "*" or name == class_value:
            return True
        if name.startswith("*") and class_value.endswith(name[1:]):
            return True
        if name.endswith("*") and class_value.startswith(name[:-1]):
            return True
    return False


def matches_selector(item: RequestItem, template_variables: dict[str, Any], selector: dict[str, Any]) -> bool:
    """Say whether a definition's selector picks this template (matchesSelector)."""
    if item.object.get("apiVersion") != selector.get("apiVersion") or item.object.get("kind") != selector.get("kind"):
        return False
    match = selector.get("matchResources") or {}
    if match.get("infrastructureCluster") and item.holder_kind == "Cluster" and item.holder_field == CLUSTER_INFRASTRUCTURE_FIELD:
        return True
    if match.get("controlPlane"):
        if item.holder_kind == "Cluster" and item.holder_field == CLUSTER_CONTROL_PLANE_FIELD:
            return True
        if item.holder_field in CONTROL_PLANE_MACHINE_FIELDS:
            return True
    for role, kind in (("machineDeploymentClass", "MachineDeployment"), ("machinePoolClass", "MachinePool")):
        selected = match.get(role)
        if selected is None or item.holder_kind != kind or item.holder_field not in (BOOTSTRAP_FIELD, INFRASTRUCTURE_FIELD):
            continue
        builtin_key = "machineDeployment" if kind == "MachineDeployment" else "machinePool"
        try:
            class_value = get_variable_value(template_variables, f"builtin.{builtin_key}.class")
        except VariableError:
            continue
        if _class_matches((selected or {}).get("names"), class_value):
            return True
    return False


def render_value_template(text: str, variables: dict[str, Any], data: dict[str, Any] | None = None) -> Any:
    """Render a value template and read the result as YAML or JSON (renderValueTemplate).

    ``data`` is ``template_data(variables)`` when the caller has it already.
    """
    try:
        rendered = render_patch_template(text, template_data(variables) if data is None else data)
    except TemplateSyntaxError as error:
        raise PatchValueError(f"failed to parse template: {go_quote(text)}: {error}", line=error.line) from None
    except TemplateError as error:
        raise PatchValueError(f"failed to render template: {go_quote(text)}: {error}", line=error.line) from None
    stripped = rendered.strip()
    if stripped[:1] in ("{", "["):
        # JSON is YAML to go-yaml, tabs included; PyYAML refuses tabs in flow collections, so JSON is read as JSON.
        try:
            return json.loads(stripped)
        except ValueError:
            pass
    cached = _PARSED.get(rendered, _UNSET)
    if cached is not _UNSET:
        return clone(cached)
    try:
        value = load_yaml(rendered)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = f"yaml: line {mark.line + 1}: {getattr(error, 'problem', error)}" if mark else str(error)
        raise PatchValueError(f"failed to unmarshal rendered template: {go_quote(rendered)}: {reason}", line=mark.line + 1 if mark else None) from None
    if len(_PARSED) >= _PARSED_SIZE:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[rendered] = value
    return clone(value)


def patch_is_enabled(enabled_if: Any, variables: dict[str, Any], data: dict[str, Any] | None = None) -> bool:
    """Say whether a patch applies: no ``enabledIf``, or one that renders to the boolean true (patchIsEnabled)."""
    if enabled_if is None:
        return True
    try:
        value = render_value_template(str(enabled_if), variables, data)
    except PatchValueError as error:
        raise PatchValueError(f"failed to calculate value for enabledIf: {error}", "enabledIf", error.line) from None
    return value is True


def calculate_value(operation: dict[str, Any], variables: dict[str, Any], data: dict[str, Any] | None = None) -> Any:
    """Return the value of one JSON patch (calculateValue); raise PatchValueError with Cluster API's message."""
    value_set = operation.get("value") is not None
    value_from = operation.get("valueFrom")
    if not value_set and value_from is None:
        raise PatchValueError("failed to calculate value: neither .value nor .valueFrom are set")
    if value_set and value_from is not None:
        raise PatchValueError("failed to calculate value: both .value and .valueFrom are set")
    if value_set:
        return operation["value"]
    value_from = value_from if isinstance(value_from, dict) else {}
    variable, template = value_from.get("variable"), value_from.get("template")
    if variable is None and template is None:
        raise PatchValueError("failed to calculate value: .valueFrom is set, but neither .valueFrom.variable nor .valueFrom.template are set", "valueFrom")
    if variable is not None and template is not None:
        raise PatchValueError("failed to calculate value: .valueFrom is set, but both .valueFrom.variable and .valueFrom.template are set", "valueFrom")
    if variable is not None:
        try:
            return get_variable_value(variables, str(variable))
        except VariableError as error:
            raise PatchValueError(f"failed to calculate value: {error}", "valueFrom.variable") from None
    try:
        return render_value_template(str(template), variables, data)
    except PatchValueError as error:
        raise PatchValueError(f"failed to calculate value for template: {error}", "valueFrom.template", error.line) from None


def generate_json_patches(operations: list[dict[str, Any]], variables: dict[str, Any], data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Return RFC 6902 operations with their values computed; raise PatchValueError naming the failing index."""
    result = []
    for index, operation in enumerate(operations or ()):
        op = operation.get("op")
        out: dict[str, Any] = {"op": op, "path": operation.get("path")}
        if op in ("add", "replace"):
            try:
                out["value"] = calculate_value(operation, variables, data)
            except PatchValueError as error:
                sub = f"jsonPatches[{index}]" + (f".{error.sub_field}" if error.sub_field else "")
                raise PatchValueError(str(error), sub, error.line) from None
        result.append(out)
    return result


@dataclass
class Generated:
    """What one inline patch produced: JSON patches per template uid, in order, and its errors."""

    patches: list[tuple[str, list[dict[str, Any]], str]] = field(default_factory=list)  # (uid, operations, definition field)
    errors: list[PatchError] = field(default_factory=list)


def generate(patch: dict[str, Any], patch_field: str, items: list[RequestItem], global_variables: dict[str, Any], cache: dict[Any, Any] | None = None) -> Generated:
    """Generate the JSON patches of one inline ClusterClass patch for every matching template (Generate).

    ``cache`` may carry merged variables and their template data between patches that see the same
    variables (the engine's inline patches all do), keyed by the identity of the two variable maps.
    """
    name = str(patch.get("name", ""))
    generated = Generated()
    definitions = [d for d in patch.get("definitions") or () if isinstance(d, dict)]
    for item in items:
        kind = item.object.get("kind")
        matching = [(i, d) for i, d in enumerate(definitions) if matches_selector(item, item.variables, d.get("selector") or {})]
        if not matching:
            continue
        key = (id(global_variables), id(item.variables))
        if cache is not None and key in cache:
            variables, data = cache[key]
        else:
            variables = merge_variable_maps(global_variables, item.variables)
            data = template_data(variables)
            if cache is not None:
                cache[key] = (variables, data)
        try:
            enabled = patch_is_enabled(patch.get("enabledIf"), variables, data)
        except PatchValueError as error:
            message = f"failed to calculate if patch is enabled for {go_quote(str(kind))}: {error}"
            generated.errors.append(PatchError(name, f"{patch_field}.enabledIf", item.label, message, error.line))
            continue
        if not enabled:
            continue
        for index, definition in matching:
            where = f"{patch_field}.definitions[{index}]"
            try:
                operations = generate_json_patches(definition.get("jsonPatches") or [], variables, data)
            except PatchValueError as error:
                message = f"failed to generate JSON patches for {go_quote(str(kind))}: {error}"
                generated.errors.append(PatchError(name, f"{where}.{error.sub_field}", item.label, message, error.line))
                continue
            generated.patches.append((item.uid, operations, where))
    return generated

