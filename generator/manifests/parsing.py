"""Read cluster.yaml and clusterstack.yaml back into form state, with every problem on its line.

What the form has an input for becomes form fields; everything else is kept
in ``extra`` and written back unchanged, so pasting a manifest into the editor
never loses a field. The text is untrusted: ``load_documents`` bounds the work.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from typing import Any

from generator import providers
from generator.manifests import cluster as cluster_mod
from generator.manifests import clusterstack as clusterstack_mod
from generator.manifests import fields
from generator.manifests.diagnostics import Diagnostic, Parsed, duplicate, invalid, plain, required, unsupported, warning
from generator.manifests.fieldlines import Document, locate
from generator.manifests.fields import Path, field_path
from generator.manifests.forms import ClusterForm, ClusterStackForm, MachineDeploymentSpec
from generator.manifests.known_fields import KNOWN_FIELDS
from generator.manifests.yamlreader import load_documents
from generator.model import StackVersion

log = logging.getLogger(__name__)

_MISSING = object()
UNKNOWN_FIELD = "unknown field"  # how a field the CRD does not know is reported (strict field validation's words)


class _Reader:
    """Take fields out of a copy of one document; what is left at the end is the form's ``extra``."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.rest: Any = copy.deepcopy(document.data)
        self.diagnostics: list[Diagnostic] = []
        self.emptied: set[Path] = set()  # mappings a field was taken from; dropped from extra if nothing is left

    def line(self, path: Path) -> int:
        """Return the line of a field (or its nearest ancestor)."""
        return self.document.line(path)

    def error(self, path: Path, message: str) -> None:
        """Record an error at a field."""
        self.diagnostics.append(plain(field_path(path), message, self.line(path)))

    def take(self, path: Path, kind: type | tuple[type, ...], what: str, default: Any = None) -> Any:
        """Remove and return the field at ``path`` if it has the right type; a wrong one stays in ``extra`` and is reported."""
        parent: Any = self.rest
        for part in path[:-1]:
            if not isinstance(parent, dict) or not isinstance(parent.get(part), dict):
                return default
            parent = parent[part]
        value = parent.get(path[-1], _MISSING) if isinstance(parent, dict) else _MISSING
        if value is _MISSING:
            return default
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            ok = False
        else:
            ok = isinstance(value, kind)
        if not ok:
            self.diagnostics.append(invalid(field_path(path), value, f"must be {what}", self.line(path)))
            return default
        del parent[path[-1]]
        for depth in range(1, len(path)):
            self.emptied.add(path[:depth])
        return value

    def extra(self) -> dict[str, Any]:
        """Return what was not taken, without the mappings that taking emptied."""
        if not isinstance(self.rest, dict):
            return {}
        # deepest first, so a parent emptied by pruning its children is pruned too
        for path in sorted(self.emptied, key=len, reverse=True):
            parent: Any = self.rest
            for part in path[:-1]:
                parent = parent.get(part) if isinstance(parent, dict) else None
            if isinstance(parent, dict) and parent.get(path[-1]) == {}:
                del parent[path[-1]]
        return self.rest


def unknown_fields(document: Document, api_version: str, kind: str) -> list[Diagnostic]:
    """Report every field the CRD of ``api_version``/``kind`` does not know, in document order, like strict field validation.

    Fields the CRD knows but the form cannot represent are no problem: they stay in ``extra``.
    """
    tree = KNOWN_FIELDS.get((api_version, kind))
    if tree is None:
        return []
    found: list[Path] = []
    _walk_known(document.data, tree, (), found)
    return [plain(field_path(path), f'{UNKNOWN_FIELD} "{field_path(path)}"', document.line(path)) for path in found]


def _walk_known(value: Any, tree: Any, path: Path, found: list[Path]) -> None:
    """Collect the paths under ``value`` that ``tree`` (see known_fields) does not know; one walk, no copies."""
    if type(tree) is dict:
        if type(value) is not dict:
            return  # a wrong type is reported where the form reads the field, not here
        other = tree.get("*", _MISSING)
        for key, child in value.items():
            subtree = tree.get(key, other)
            if subtree is _MISSING:
                found.append((*path, key))
            elif subtree is not None:
                _walk_known(child, subtree, (*path, key), found)
    elif type(tree) is list and type(value) is list:
        items = tree[0]
        if items is not None:
            for i, item in enumerate(value):
                _walk_known(item, items, (*path, i), found)


def _single_object(documents: list[Document], what: str) -> tuple[list[Document], list[Diagnostic]]:
    """Return the documents that hold something, reporting empty text and non-mapping documents."""
    found = [d for d in documents if d.data is not None]
    problems = []
    if not found:
        problems.append(plain("", f"the text holds no {what}", 1))
    for document in found:
        if not isinstance(document.data, dict):
            problems.append(plain("", f"a document must be a Kubernetes object (a mapping), not {type(document.data).__name__}", document.start_line))
    return [d for d in found if isinstance(d.data, dict)], problems


def parse_cluster(text: str, versions: Mapping[str, StackVersion]) -> Parsed:
    """Return the ClusterForm a cluster.yaml represents, with its problems (syntax, kind, class, values) by line."""
    documents, diagnostics = load_documents(text)
    if not documents and diagnostics:
        return Parsed(None, diagnostics)
    objects, problems = _single_object(documents, "Cluster")
    diagnostics += problems
    if not objects:
        return Parsed(None, diagnostics)
    if len(objects) > 1:
        diagnostics.append(plain("", "cluster.yaml holds one Cluster; this is a second document", objects[1].start_line))
    document = objects[0]
    reader = _Reader(document)
    api_version = reader.take(("apiVersion",), str, "a string", "")
    kind = reader.take(("kind",), str, "a string", "")
    if kind != "Cluster":
        reader.diagnostics.append(unsupported("kind", kind, ["Cluster"], reader.line(("kind",))))
        return Parsed(None, diagnostics + reader.diagnostics, document.data)
    if api_version not in cluster_mod.CLUSTER_API_VERSIONS:
        reader.diagnostics.append(unsupported("apiVersion", api_version, list(cluster_mod.CLUSTER_API_VERSIONS), reader.line(("apiVersion",))))
        return Parsed(None, diagnostics + reader.diagnostics, document.data)
    diagnostics += unknown_fields(document, api_version, "Cluster")
    form = _read_cluster_form(reader, api_version)
    form.extra = reader.extra()
    diagnostics += reader.diagnostics
    class_path = fields.class_field(api_version).path
    version = versions.get(form.class_name)
    if not form.class_name:
        diagnostics.append(required(field_path(class_path), "the ClusterClass of a Cluster Stack version", reader.line(class_path)))
    elif version is None:
        diagnostics.append(invalid(field_path(class_path), form.class_name, "no known Cluster Stack version provides this ClusterClass", reader.line(class_path)))
    else:
        if cluster_mod.cluster_api_version(version) != api_version:
            diagnostics.append(warning("apiVersion", f"ClusterClass {version.class_name} is {version.api_version}; the Cluster is written in that version", reader.line(("apiVersion",))))
        checks = cluster_mod.check_cluster_form(version, form)
        _, variable_checks = cluster_mod.cluster_variables(version, form)
        override_checks = cluster_mod.override_diagnostics(version, form)
        diagnostics += locate(checks + variable_checks + override_checks, [document])
    return Parsed(form, diagnostics, document.data)


def _read_cluster_form(reader: _Reader, api_version: str) -> ClusterForm:
    form = ClusterForm(
        class_name=reader.take(fields.class_field(api_version).path, str, "a string", ""),
        name=reader.take(fields.NAME.path, str, "a string", ""),
        namespace=reader.take(fields.NAMESPACE.path, str, "a string", "default"),
        labels=reader.take(fields.LABELS.path, dict, "a map of strings", {}),
        kubernetes_version=reader.take(fields.KUBERNETES_VERSION.path, str, "a string", ""),
        control_plane_replicas=reader.take(fields.CONTROL_PLANE_REPLICAS.path, int, "an integer", None),
        pod_cidrs=reader.take(fields.POD_CIDRS.path, list, "a list of CIDR blocks", []),
        service_cidrs=reader.take(fields.SERVICE_CIDRS.path, list, "a list of CIDR blocks", []),
        service_domain=reader.take(fields.SERVICE_DOMAIN.path, str, "a string", ""),
    )
    deployments = reader.take(fields.MACHINE_DEPLOYMENTS.path, list, "a list", [])
    for i, item in enumerate(deployments):
        path = fields.machine_deployment(i)
        if not isinstance(item, dict):
            reader.error(path, "a machine deployment must be a mapping with class and name")
            continue
        item = dict(item)
        spec = MachineDeploymentSpec(
            name=item.pop(fields.MD_NAME.key, ""),
            class_name=item.pop(fields.MD_CLASS.key, ""),
            replicas=item.pop(fields.MD_REPLICAS.key, None),
            failure_domain=item.pop(fields.MD_FAILURE_DOMAIN.key, None),
        )
        holder, leaf = fields.MD_OVERRIDES.path
        held = item.get(holder)
        if isinstance(held, dict) and leaf in held:
            rest = dict(held)
            overrides = fields.machine_deployment(i, fields.MD_OVERRIDES)
            spec.variables = _read_overrides(reader, overrides, rest.pop(leaf), field_path(overrides))
            if rest:
                item[holder] = rest
            else:
                item.pop(holder)
        spec.extra = item
        form.machine_deployments.append(spec)
    plane = fields.CONTROL_PLANE_OVERRIDES
    form.control_plane_variables = _read_overrides(reader, plane.path, reader.take(plane.path, list, "a list of {name, value}", []), plane.text)
    variables = reader.take(fields.VARIABLES.path, list, "a list of {name, value}", [])
    for i, item in enumerate(variables):
        path = (*fields.VARIABLES.path, i)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            reader.diagnostics.append(required(field_path(path), "a variable needs a name", reader.line(path)))
            continue
        name = item["name"]
        named = fields.variable(name)
        if "value" not in item:
            reader.diagnostics.append(required(f"{named}.value", "", reader.line(path)))
            continue
        if name in form.variables:
            reader.diagnostics.append(duplicate(f"{named}.name", name, reader.line(path)))
        for other in sorted(set(item) - {"name", "value"}):
            reader.diagnostics.append(warning(f"{named}.{other}", f"{other} is not supported by the generator and is left out", reader.line((*path, other))))
        form.variables[name] = item["value"]
    return form


def _read_overrides(reader: _Reader, path: Path, items: Any, field: str) -> dict[str, Any]:
    """Read one role's ``variables.overrides`` list into ``{name: value}``, reporting malformed entries at their line."""
    found: dict[str, Any] = {}
    if not isinstance(items, list):
        reader.error(path, "must be a list of {name, value}")
        return found
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            reader.error((*path, i), "Required value: a variable override needs a name")
            continue
        name = item["name"]
        if "value" not in item:
            reader.diagnostics.append(required(f"{field}[{name}].value", "", reader.line((*path, i))))
            continue
        if name in found:
            reader.diagnostics.append(duplicate(f"{field}[{name}].name", name, reader.line((*path, i))))
        found[name] = item["value"]
    return found


def parse_clusterstack(text: str, versions: Mapping[str, StackVersion]) -> Parsed:
    """Return the ClusterStackForm a clusterstack.yaml represents, with its problems by line."""
    documents, diagnostics = load_documents(text)
    if not documents and diagnostics:
        return Parsed(None, diagnostics)
    objects, problems = _single_object(documents, "ClusterStack")
    diagnostics += problems
    stack_doc: Document | None = None
    template_doc: Document | None = None
    template_kinds = {template.kind for template in providers.release_templates()}
    for document in objects:
        kind = document.data.get("kind")
        if kind == clusterstack_mod.CLUSTERSTACK_KIND and stack_doc is None:
            stack_doc = document
        elif kind in template_kinds and template_doc is None:
            template_doc = document
        else:
            allowed = [clusterstack_mod.CLUSTERSTACK_KIND, *sorted(template_kinds)]
            diagnostics.append(unsupported("kind", kind, allowed, document.line(("kind",))))
    if stack_doc is None:
        if objects:
            diagnostics.append(plain("", "the text holds no ClusterStack", objects[0].start_line))
        return Parsed(None, diagnostics)
    reader = _Reader(stack_doc)
    api_version = reader.take(("apiVersion",), str, "a string", "")
    reader.take(("kind",), str, "a string")
    if api_version != clusterstack_mod.CLUSTERSTACK_API_VERSION:
        reader.diagnostics.append(unsupported("apiVersion", api_version, [clusterstack_mod.CLUSTERSTACK_API_VERSION], reader.line(("apiVersion",))))
        return Parsed(None, diagnostics + reader.diagnostics, stack_doc.data)
    diagnostics += unknown_fields(stack_doc, api_version, clusterstack_mod.CLUSTERSTACK_KIND)
    provider = reader.take(("spec", "provider"), str, "a string", "")
    stack = reader.take(("spec", "name"), str, "a string", "")
    minor = reader.take(("spec", "kubernetesVersion"), str, 'a string like "1.32" (quote it: unquoted, YAML reads a number)', "")
    form = ClusterStackForm(
        class_name="",
        namespace=reader.take(fields.STACK_NAMESPACE.path, str, "a string", "default"),
        channel=reader.take(fields.CHANNEL.path, str, "a string", "stable"),
        versions=reader.take(fields.VERSIONS.path, list, "a list of stack versions", []),
        # the CRD defaults autoSubscribe to true, so a manifest without it subscribes
        auto_subscribe=reader.take(fields.AUTO_SUBSCRIBE.path, bool, "true or false", True),
    )
    reader.take(("spec", "noProvider"), bool, "true or false")
    reader.take(("spec", "providerRef"), dict, "a reference to the release template")
    version = _find_version(versions, provider, stack, minor, form.versions)
    stack_name = reader.take(("metadata", "name"), str, "a string", "")
    if version is None:
        reader.diagnostics.append(invalid("spec.name", stack, f"no known Cluster Stack {provider}-{stack} for Kubernetes {minor}", reader.line(("spec", "name"))))
        return Parsed(None, diagnostics + reader.diagnostics, stack_doc.data)
    form.class_name = version.class_name
    extra: dict[str, Any] = {}
    default_name = clusterstack_mod.clusterstack_name(version)
    stack_extra = reader.extra()
    if stack_name and stack_name != default_name:
        stack_extra.setdefault("metadata", {})["name"] = stack_name
    if stack_extra:
        extra[clusterstack_mod.CLUSTERSTACK_KIND] = stack_extra
    diagnostics += reader.diagnostics
    template = providers.release_template(version.provider)
    if template and template_doc is None:
        diagnostics.append(warning("spec.providerRef", f"the {template.kind} is missing; provider {version.provider} needs one", reader.line(("spec",))))
    elif template and template_doc is not None:
        form.identity_secret, template_extra = _read_template(template_doc, template, stack_name or default_name, form.namespace, diagnostics)
        if template_extra:
            extra[template.kind] = template_extra
    elif template_doc is not None:
        diagnostics.append(warning("kind", f"provider {version.provider} has no release template; this document is left out", template_doc.line(("kind",))))
    form.extra = extra
    checks = clusterstack_mod.check_clusterstack_form(version, form)
    diagnostics += locate(checks, [stack_doc] + ([template_doc] if template_doc else []))
    return Parsed(form, diagnostics, stack_doc.data)


def _read_template(document: Document, template: providers.ReleaseTemplate, stack_name: str, namespace: str, diagnostics: list[Diagnostic]) -> tuple[str | None, dict[str, Any]]:
    """Read the release template: its identity secret; its name and unknown fields go to ``extra``."""
    reader = _Reader(document)
    api_version = reader.take(("apiVersion",), str, "a string", "")
    reader.take(("kind",), str, "a string")
    if api_version != template.api_version:
        reader.diagnostics.append(unsupported("apiVersion", api_version, [template.api_version], reader.line(("apiVersion",))))
    else:
        reader.diagnostics += unknown_fields(document, api_version, template.kind)
    name = reader.take(("metadata", "name"), str, "a string", "")
    template_namespace = reader.take(fields.STACK_NAMESPACE.path, str, "a string", namespace)
    if template_namespace != namespace:
        reader.diagnostics.append(invalid(fields.STACK_NAMESPACE.text, template_namespace, f'must be the ClusterStack\'s namespace "{namespace}", where its providerRef looks', reader.line(fields.STACK_NAMESPACE.path)))
    identity_kind: Path = (*fields.IDENTITY_SECRET.path[:-1], "kind")
    kind = reader.take(identity_kind, str, "a string", "Secret")
    if kind != "Secret":
        reader.diagnostics.append(unsupported(field_path(identity_kind), kind, ["Secret"], reader.line(identity_kind)))
    secret = reader.take(fields.IDENTITY_SECRET.path, str, "a string", None)
    extra = reader.extra()
    if name and name != stack_name:
        extra.setdefault("metadata", {})["name"] = name
    diagnostics += reader.diagnostics
    return secret, extra


def _find_version(versions: Mapping[str, StackVersion], provider: str, stack: str, minor: str, listed: list[Any]) -> StackVersion | None:
    """Return the stack version a ClusterStack means: the first listed one that is known, else the newest known."""
    candidates = [v for v in versions.values() if v.provider == provider and v.stack == stack and v.kubernetes_minor == minor]
    for item in listed:
        for candidate in candidates:
            if candidate.version == item:
                return candidate
    if not candidates:
        return None
    return max(candidates, key=lambda v: v.order)
