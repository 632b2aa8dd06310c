"""The worker seam's topology messages: load a version's topology inputs once, then ask per form change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator import browser, manifests
from generator.topology.stack import topology_inputs
from tests.topology.stacks_support import versions, working, working_class_names

KUBEVIRT = next(n for n in working_class_names() if n.startswith("kubevirt-"))


def _ask(session: browser.Session, kind: str, payload: dict) -> dict:
    return json.loads(browser.dispatch(kind, json.dumps(payload), session))


def _loaded() -> tuple[browser.Session, dict]:
    session = browser.Session()
    version = versions()[KUBEVIRT]
    _ask(session, "load_version", version.to_dict())
    _ask(session, "load_topology", {"className": KUBEVIRT, "inputs": topology_inputs(working(KUBEVIRT))})
    return session, manifests.default_cluster_form(version).to_dict()


def test_the_topology_follows_the_form_and_renders_addons_when_asked() -> None:
    session, form = _loaded()
    form["variables"]["csi_driver"] = True
    plain = _ask(session, "topology", {"form": form})["result"]
    assert [o["kind"] for o in plain["objects"]][:2] == ["Cluster", "KubevirtCluster"] and plain["addons"] == []
    full = _ask(session, "topology", {"form": form, "addons": True})["result"]
    csi = next(a for a in full["addons"] if a["name"] == "kubevirt-csi-driver")
    assert csi["values"] == {"enabled": True} and "kind: CSIDriver" in csi["yaml"]
    assert "kind: CSIDriver" in full["yaml"]


def test_a_version_without_loaded_inputs_is_a_message_not_a_crash() -> None:
    session = browser.Session()
    version = versions()[KUBEVIRT]
    _ask(session, "load_version", version.to_dict())
    answer = _ask(session, "topology", {"form": manifests.default_cluster_form(version).to_dict()})
    assert answer == {"error": f"the topology of {KUBEVIRT!r} is not loaded in the generator"}


AFTER_WARM_UP = """
import json, sys
import generator.browser as browser
data = json.loads(sys.stdin.read())
browser.warm_up()
before = set(sys.modules)
session = browser.Session()
ask = lambda kind, payload: json.loads(browser.dispatch(kind, json.dumps(payload), session))
ask("load_version", data["version"])
ask("load_topology", {"className": data["className"], "inputs": data["inputs"]})
answer = ask("topology", {"form": data["form"]})
assert "result" in answer, answer
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_after_warm_up_a_topology_request_imports_no_module(repo_root: Path) -> None:
    version = versions()[KUBEVIRT]
    data = {"version": version.to_dict(), "className": KUBEVIRT, "inputs": topology_inputs(working(KUBEVIRT)), "form": manifests.default_cluster_form(version).to_dict()}
    result = subprocess.run([sys.executable, "-c", AFTER_WARM_UP], input=json.dumps(data), cwd=repo_root, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
