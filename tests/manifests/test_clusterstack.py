"""clusterstack.yaml: the exact text per provider, every form rule, CRD-valid output."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.manifests import default_clusterstack_form, generate_clusterstack
from tests.manifests.versions import ALL, DOCKER, KUBEVIRT, OPENSTACK
from tests.support.crds import assert_valid_against_crd

OPENSTACK_TEXT = """\
apiVersion: clusterstack.x-k8s.io/v1alpha1
kind: ClusterStack
metadata:
  name: openstack-scs-1-32
  namespace: default
spec:
  provider: openstack
  name: scs
  kubernetesVersion: '1.32'
  channel: stable
  autoSubscribe: false
  providerRef:
    apiVersion: infrastructure.clusterstack.x-k8s.io/v1alpha1
    kind: OpenStackClusterStackReleaseTemplate
    name: openstack-scs-1-32
  versions:
  - v2
---
apiVersion: infrastructure.clusterstack.x-k8s.io/v1alpha1
kind: OpenStackClusterStackReleaseTemplate
metadata:
  name: openstack-scs-1-32
  namespace: default
spec:
  template:
    spec:
      identityRef:
        kind: Secret
        name: openstack
"""

DOCKER_TEXT = """\
apiVersion: clusterstack.x-k8s.io/v1alpha1
kind: ClusterStack
metadata:
  name: docker-scs-1-31
  namespace: default
spec:
  provider: docker
  name: scs
  kubernetesVersion: '1.31'
  channel: stable
  autoSubscribe: false
  noProvider: true
  versions:
  - v1
"""


@pytest.mark.parametrize(
    ("version", "text"),
    [(OPENSTACK, OPENSTACK_TEXT), (DOCKER, DOCKER_TEXT)],
    ids=["openstack gets a ClusterStack and its release template", "docker gets a ClusterStack with noProvider"],
)
def test_default_text(version: Any, text: str) -> None:
    generated = generate_clusterstack(version, default_clusterstack_form(version))
    assert generated.text == text
    assert generated.diagnostics == []


def test_kubevirt_has_no_release_template() -> None:
    generated = generate_clusterstack(KUBEVIRT, default_clusterstack_form(KUBEVIRT))
    assert [o["kind"] for o in generated.objects] == ["ClusterStack"]
    assert generated.objects[0]["spec"]["noProvider"] is True
    assert default_clusterstack_form(KUBEVIRT).identity_secret is None


def form(version: Any = OPENSTACK, **changes: Any) -> Any:
    return dataclasses.replace(default_clusterstack_form(version), **changes)


CASES = [
    ("rejects an invalid namespace", OPENSTACK, {"namespace": "Tenant"}, [("error", "metadata.namespace", 'Invalid value: "Tenant": a lowercase RFC 1123 label')]),
    ("rejects an unknown channel", OPENSTACK, {"channel": "beta"}, [("error", "spec.channel", 'Unsupported value: "beta": supported values: "stable", "custom"')]),
    ("rejects a stable version with a suffix", OPENSTACK, {"versions": ["v2-sha.abc"]}, [("error", "spec.versions[0]", 'Invalid value: "v2-sha.abc": must be a stable-channel stack version like "v2"'), ("warning", "spec.versions", "v2 is not listed")]),
    ("accepts a custom-channel version with a build suffix", OPENSTACK, {"channel": "custom", "versions": ["v2", "v0-sha.b699b93"]}, []),
    ("rejects a version listed twice", OPENSTACK, {"versions": ["v2", "v2"]}, [("error", "spec.versions[1]", 'Duplicate value: "v2"')]),
    ("warns when the form's own version is not listed", OPENSTACK, {"versions": ["v1"]}, [("warning", "spec.versions", "v2 is not listed, so ClusterClass openstack-scs-1-32-v2 will not be installed")]),
    ("warns when nothing would be installed", OPENSTACK, {"versions": []}, [("warning", "spec.versions", "no versions and autoSubscribe is false: this ClusterStack installs nothing")]),
    ("accepts no versions with autoSubscribe", OPENSTACK, {"versions": [], "auto_subscribe": True}, []),
    ("requires the identity secret for openstack", OPENSTACK, {"identity_secret": None}, [("error", "spec.template.spec.identityRef.name", "Required value: the OpenStackClusterStackReleaseTemplate needs the name of the Secret that holds clouds.yaml")]),
    ("rejects an invalid identity secret name", OPENSTACK, {"identity_secret": "My Secret"}, [("error", "spec.template.spec.identityRef.name", "a lowercase RFC 1123 subdomain")]),
    ("warns that docker has no use for an identity secret", DOCKER, {"identity_secret": "x"}, [("warning", "spec.noProvider", "the identity secret is not used: provider docker has no release template")]),
]


@pytest.mark.parametrize(("version", "changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_form_rule(version: Any, changes: dict[str, Any], expected: list[tuple[str, str, str]]) -> None:
    generated = generate_clusterstack(version, form(version, **changes))
    got = [(d.severity, d.field, d.message) for d in generated.diagnostics]
    assert len(got) == len(expected), f"want {expected}\ngot  {got}"
    for (severity, field, message), found in zip(expected, got):
        assert found[:2] == (severity, field), f"want {expected}\ngot  {got}"
        assert message in found[2], f"want {message!r} in {found[2]!r}"


def test_identity_error_points_at_the_template_line() -> None:
    generated = generate_clusterstack(OPENSTACK, form(identity_secret="Bad"))
    [error] = generated.errors
    assert generated.text.splitlines()[error.line - 1] == "        name: Bad"


@pytest.mark.parametrize("version", ALL, ids=[f"the default clusterstack.yaml of {v.class_name} is valid against the CRDs" for v in ALL])
def test_default_objects_are_valid_against_the_crds(version: Any) -> None:
    for auto_subscribe in (False, True):
        generated = generate_clusterstack(version, form(version, auto_subscribe=auto_subscribe))
        assert generated.valid
        for obj in generated.objects:
            assert_valid_against_crd(obj)
