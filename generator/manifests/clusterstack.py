"""Build clusterstack.yaml: the ClusterStack that installs a Cluster Stack version, and its provider's release template.

Providers with a release template (see ``generator.providers``) get it as a
second document, referenced by ``spec.providerRef``; the others set
``spec.noProvider: true``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from generator import providers
from generator.manifests import fields, names
from generator.manifests.diagnostics import Diagnostic, Generated, duplicate, invalid, required, unsupported, warning
from generator.manifests.fieldlines import locate
from generator.manifests.fields import field_path, put
from generator.manifests.forms import ClusterStackForm, merge_extra
from generator.manifests.yamlwriter import emit_documents
from generator.model import CHANNELS, StackVersion

log = logging.getLogger(__name__)

CLUSTERSTACK_API_VERSION = "clusterstack.x-k8s.io/v1alpha1"
CLUSTERSTACK_KIND = "ClusterStack"
_STABLE_VERSION = re.compile(r"v[0-9]+")
# custom-channel versions carry a build suffix, e.g. "v0-sha.b699b93"
_CUSTOM_VERSION = re.compile(r"v[0-9]+(-[0-9A-Za-z.-]+)?")


def has_release_template(provider: str) -> bool:
    """Say whether the provider needs a release template next to its ClusterStack (OpenStack does)."""
    return providers.release_template(provider) is not None


def clusterstack_name(version: StackVersion) -> str:
    """Return the ClusterStack's default object name, e.g. ``openstack-scs-1-32`` (one per stack and Kubernetes minor)."""
    return version.release_name


def generate_clusterstack(version: StackVersion, form: ClusterStackForm) -> Generated:
    """Build the ClusterStack (and release template) for the form, the YAML text and every problem with it."""
    diagnostics = check_clusterstack_form(version, form)
    objects = build_clusterstack(version, form)
    text, documents = emit_documents(objects)  # knows every field's line as it writes it: no parsing back
    return Generated(text=text, objects=objects, diagnostics=locate(diagnostics, documents))


def build_clusterstack(version: StackVersion, form: ClusterStackForm) -> list[dict[str, Any]]:
    """Return the ClusterStack, then the provider's release template when the provider has one."""
    stack_extra = form.extra.get(CLUSTERSTACK_KIND) or {}
    name = (stack_extra.get("metadata") or {}).get("name") or clusterstack_name(version)
    template = providers.release_template(version.provider)
    stack: dict[str, Any] = {"apiVersion": CLUSTERSTACK_API_VERSION, "kind": CLUSTERSTACK_KIND}
    put(stack, ("metadata", "name"), name)
    put(stack, fields.STACK_NAMESPACE.path, form.namespace)
    put(stack, ("spec", "provider"), version.provider)
    put(stack, ("spec", "name"), version.stack)
    put(stack, ("spec", "kubernetesVersion"), version.kubernetes_minor)
    put(stack, fields.CHANNEL.path, form.channel)
    put(stack, fields.AUTO_SUBSCRIBE.path, form.auto_subscribe)
    if template:
        template_extra = form.extra.get(template.kind) or {}
        template_name = (template_extra.get("metadata") or {}).get("name") or name
        put(stack, ("spec", "providerRef"), {"apiVersion": template.api_version, "kind": template.kind, "name": template_name})
    else:
        put(stack, ("spec", "noProvider"), True)
    put(stack, fields.VERSIONS.path, list(form.versions))
    objects = [merge_extra(stack, stack_extra)]
    if template:
        release: dict[str, Any] = {"apiVersion": template.api_version, "kind": template.kind}
        put(release, ("metadata", "name"), template_name)
        put(release, fields.STACK_NAMESPACE.path, form.namespace)
        put(release, (*fields.IDENTITY_SECRET.path[:-1], "kind"), "Secret")
        put(release, fields.IDENTITY_SECRET.path, form.identity_secret or "")
        objects.append(merge_extra(release, template_extra))
    return objects


def check_clusterstack_form(version: StackVersion, form: ClusterStackForm) -> list[Diagnostic]:
    """Check the form: namespace, channel, the versions list and the provider's identity secret."""
    found: list[Diagnostic] = []
    if form.class_name and form.class_name != version.class_name:
        found.append(invalid(fields.VERSIONS.text, form.class_name, f'the form belongs to Cluster Stack version "{version.class_name}"'))
    found += names.check_dns1123_label(fields.STACK_NAMESPACE.text, form.namespace)
    if form.channel not in CHANNELS:
        found.append(unsupported(fields.CHANNEL.text, form.channel, list(CHANNELS)))
    found += _check_versions(version, form)
    template = providers.release_template(version.provider)
    identity_path = fields.IDENTITY_SECRET.text
    if template and form.identity_secret in (None, ""):
        found.append(required(identity_path, f"the {template.kind} needs the name of the Secret that holds {template.credentials}"))
    elif template:
        found += names.check_dns1123_subdomain(identity_path, form.identity_secret)
    elif form.identity_secret:
        found.append(warning("spec.noProvider", f"the identity secret is not used: provider {version.provider} has no release template"))
    return found


def _check_versions(version: StackVersion, form: ClusterStackForm) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if not isinstance(form.versions, list):
        return [invalid(fields.VERSIONS.text, form.versions, "must be a list of stack versions")]
    pattern = _CUSTOM_VERSION if form.channel == "custom" else _STABLE_VERSION
    example = '"v0-sha.b699b93"' if form.channel == "custom" else '"v2"'
    seen: set[str] = set()
    for i, item in enumerate(form.versions):
        path = field_path((*fields.VERSIONS.path, i))
        if not isinstance(item, str) or not pattern.fullmatch(item):
            found.append(invalid(path, item, f"must be a {form.channel if form.channel in CHANNELS else 'stable'}-channel stack version like {example}"))
        elif item in seen:
            found.append(duplicate(path, item))
        else:
            seen.add(item)
    if not form.versions and not form.auto_subscribe:
        found.append(warning(fields.VERSIONS.text, "no versions and autoSubscribe is false: this ClusterStack installs nothing"))
    elif form.versions and version.version not in form.versions:
        found.append(warning(fields.VERSIONS.text, f"{version.version} is not listed, so ClusterClass {version.class_name} will not be installed"))
    return found
