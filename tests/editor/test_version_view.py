"""What the editor is told about a version before Python runs is what the worker answers once it does."""

from __future__ import annotations

import json

import pytest

from generator import browser
from tests.editor.stackdata import DOCKER, NEWEST, OLDER


@pytest.mark.parametrize("version", [NEWEST, OLDER, DOCKER], ids=lambda v: f"the prerendered manifests of {v.class_name} are the worker's")
def test_the_view_matches_the_workers_answers(version):
    view = json.loads(json.dumps(browser.version_view(version)))  # as the data file carries it
    session = browser.Session()
    loaded = json.loads(browser.dispatch("load_version", json.dumps(view["version"]), session))
    assert loaded == {"result": {"className": version.class_name}}
    for kind in browser.KINDS:
        request = {"kind": kind, "form": view["defaults"][kind], "clusterstack": view["defaults"]["clusterstack"]}  # as main.js asks
        answer = json.loads(browser.dispatch("generate", json.dumps(request), session))
        assert answer == {"result": view["manifests"][kind]}


def test_the_view_reuses_defaults_it_is_given():
    defaults = browser.version_defaults(NEWEST)
    assert browser.version_view(NEWEST, defaults) == browser.version_view(NEWEST)
    assert browser.version_view(NEWEST, defaults)["manifests"]["cluster"] == browser.generated_answer(defaults.cluster)
