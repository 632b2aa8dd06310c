"""Patch templates see Go's builtins and Sprig's hermetic functions, nothing of Helm's; naming templates see no extra function."""

from __future__ import annotations

import pytest

from generator.gotemplate import TemplateError
from generator.topology.gotpl import render_naming_template, render_patch_template


@pytest.mark.parametrize("name", ["now", "date", "env", "expandenv", "uuidv4", "randAlphaNum", "getHostByName", "toYaml", "fromYaml", "include", "tpl", "required", "lookup"])
def test_functions_cluster_api_does_not_offer_are_undefined(name: str) -> None:
    with pytest.raises(TemplateError, match=f'function "{name}" not defined'):
        render_patch_template("{{ " + name + " }}", {})


@pytest.mark.parametrize(("text", "want"), [
    ('{{ list "a" "b" | toJson }}', '["a","b"]'),
    ('{{ "{\\"a\\":1}" | fromJson | toJson }}', '{"a":1}'),
    ("{{ .x | default 3 }}", "3"),
    ('{{ slice (list 1 2 3) 1 }}', "[2 3]"),
    ('{{ "abc" | upper | repeat 2 }}', "ABCABC"),
])
def test_sprig_functions_work(text: str, want: str) -> None:
    assert render_patch_template(text, {}) == want


def test_naming_templates_have_no_sprig_and_fail_on_a_missing_key() -> None:
    assert render_naming_template("{{ .cluster.name }}-x", {"cluster": {"name": "c"}}) == "c-x"
    with pytest.raises(TemplateError):
        render_naming_template("{{ .cluster.name | upper }}", {"cluster": {"name": "c"}})
    with pytest.raises(TemplateError):
        render_naming_template("{{ .nope }}", {})
