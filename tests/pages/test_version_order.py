"""Pages order versions by number; hash-mode (custom-channel) versions from tags come before v1 instead of mixing in by their digits."""

from __future__ import annotations

import dataclasses

from sitebuild.pagemodel import version_key
from tests.editor.stackdata import NEWEST


def test_hash_mode_versions_sort_before_v1_and_numbers_sort_numerically():
    names = ["v10", "v0-sha-e21ba15", "v2", "v1", "v0-sha-tkrilep", "v9"]
    versions = [dataclasses.replace(NEWEST, version=name) for name in names]
    assert [v.version for v in sorted(versions, key=version_key)] == ["v0-sha-e21ba15", "v0-sha-tkrilep", "v1", "v2", "v9", "v10"]
