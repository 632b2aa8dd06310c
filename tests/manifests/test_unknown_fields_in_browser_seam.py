"""The editor's seam forwards unknown-field errors with their lines, and still returns the form."""

from __future__ import annotations

import json

from generator import browser, manifests
from tests.editor.stackdata import NEWEST


def test_parse_reports_an_unknown_field_on_its_line() -> None:
    session = browser.Session()
    json.loads(browser.dispatch("load_version", json.dumps(NEWEST.to_dict()), session))
    text = manifests.generate_cluster(NEWEST, manifests.default_cluster_form(NEWEST)).text.replace("  topology:\n", "  topology:\n    surprise: 1\n", 1)
    line = text.splitlines().index("    surprise: 1") + 1
    result = json.loads(browser.dispatch("parse", json.dumps({"kind": "cluster", "text": text}), session))["result"]
    shown = [{k: d[k] for k in ("severity", "field", "message", "line")} for d in result["diagnostics"]]
    assert {"severity": "error", "field": "spec.topology.surprise", "message": 'unknown field "spec.topology.surprise"', "line": line} in shown
    assert result["form"] is not None and result["form"]["extra"]["spec"]["topology"] == {"surprise": 1}
