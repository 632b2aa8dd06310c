"""The provider table: every provider's release template (or none) reaches the manifests, the parser and the pages."""

from __future__ import annotations

import pytest

from generator import providers
from generator.manifests import default_clusterstack_form, generate_clusterstack, parse_clusterstack
from sitebuild.pagemodel import provider_title
from tests.manifests.versions import stack_version

PROVIDER_CASES = [pytest.param(p, id=f"{p.name} gets what the table says") for p in providers.PROVIDERS.values()]


@pytest.mark.parametrize("provider", PROVIDER_CASES)
def test_clusterstack_follows_the_provider_table(provider):
    version = stack_version(provider=provider.name, kubernetes_version="1.32.5", version="v1")
    form = default_clusterstack_form(version)
    generated = generate_clusterstack(version, form)
    assert generated.valid, generated.errors
    template = provider.release_template
    kinds = [obj["kind"] for obj in generated.objects]
    if template is None:
        assert form.identity_secret is None
        assert kinds == ["ClusterStack"] and generated.objects[0]["spec"]["noProvider"] is True
    else:
        assert form.identity_secret == template.identity_secret
        assert kinds == ["ClusterStack", template.kind]
        assert generated.objects[1]["apiVersion"] == template.api_version
        assert generated.objects[1]["spec"]["template"]["spec"]["identityRef"]["name"] == template.identity_secret
    parsed = parse_clusterstack(generated.text, {version.class_name: version})
    assert parsed.form == form, parsed.diagnostics
    assert provider_title(provider.name) == provider.title


def test_an_unknown_provider_has_no_release_template_and_keeps_its_name():
    assert providers.release_template("metal3") is None
    assert provider_title("metal3") == "metal3"
