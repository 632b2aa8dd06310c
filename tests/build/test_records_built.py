"""The built site serves a release.json per version page and /stacks/index.json listing them all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_every_version_page_has_its_release_json(built_site: Path) -> None:
    index = json.loads((built_site / "stacks/index.json").read_text())
    names = [v["className"] for v in index["versions"]]
    assert "openstack-scs-1-32-v1" in names
    for entry in index["versions"]:
        assert (built_site / "stacks" / entry["className"] / "index.html").is_file()
        record = json.loads((built_site / entry["record"].lstrip("/")).read_text())
        assert record["className"] == entry["className"]
        minor = record["kubernetesVersion"].rsplit(".", 1)[0].replace(".", "-")
        assert f"-{minor}-{record['version']}" in record["className"]
        assert record["apiVersions"]["clusterClass"].startswith("cluster.x-k8s.io/")
