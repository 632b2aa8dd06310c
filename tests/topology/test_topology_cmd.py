"""``python -m generator topology FILE``: objects then addons as text or JSON; problems on stderr, exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.topology.stacks_support import STACKS, cluster, working_class_names

OPENSTACK = next(n for n in working_class_names() if n.startswith("openstack-"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "cluster.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_json_output_has_the_contract_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, cluster(OPENSTACK, {"node_cidr": "10.50.0.0/20"}))
    assert main(["topology", str(path), "--stacks", str(STACKS), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert list(result) == ["objects", "addons", "warnings", "errors"]
    assert [o["kind"] for o in result["objects"]][:3] == ["Cluster", "OpenStackCluster", "KubeadmControlPlane"]
    assert result["objects"][1]["spec"]["managedSubnets"][0]["cidr"] == "10.50.0.0/20"
    assert {tuple(sorted(a)) for a in result["addons"]} == {("name", "objects", "reason", "rendered", "values")}
    assert result["errors"] == [] and result["warnings"] == []


def test_text_output_names_each_object_before_its_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, cluster(OPENSTACK))
    assert main(["topology", str(path), "--stacks", str(STACKS)]) == 0
    out = capsys.readouterr().out
    documents = [d for d in yaml.safe_load_all(out) if d is not None]
    headings = [line for line in out.splitlines() if line.startswith("# ") and not line.startswith("#   ")]
    objects = [h for h in headings if not h.startswith("# addon ") and h != "# values:"]
    assert objects[0] == "# cluster.x-k8s.io/v1beta1 Cluster my-cluster"
    assert len(documents) == len(objects)
    assert any(h.startswith("# addon ccm: not rendered: the chart needs openstack-cloud-controller-manager") for h in headings)


def test_a_failing_patch_exits_1_naming_patch_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = cluster(OPENSTACK)
    # A value of the wrong type passes nothing Cluster API would accept; here the template calls a list function on a string.
    data["spec"]["topology"].setdefault("variables", []).append({"name": "restrict_kubeapi", "value": "not-a-list"})
    path = _write(tmp_path, data)
    assert main(["topology", str(path), "--stacks", str(STACKS), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert any("spec.patches[4].definitions[0].jsonPatches[0].valueFrom.template" in e and 'patch "apiserver_loadbalancer"' in e for e in result["errors"]), result["errors"]


def test_unknown_class_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = cluster(OPENSTACK)
    data["spec"]["topology"]["class"] = "nope-1-2-v3"
    assert main(["topology", str(_write(tmp_path, data)), "--stacks", str(STACKS)]) == 1
    assert capsys.readouterr().err.startswith("nope-1-2-v3: unknown ClusterClass; known: ")


def test_runs_as_a_module(tmp_path: Path) -> None:
    path = _write(tmp_path, cluster(OPENSTACK))
    result = subprocess.run([sys.executable, "-m", "generator", "topology", str(path), "--stacks", str(STACKS), "--json"], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["objects"][0]["kind"] == "Cluster"
