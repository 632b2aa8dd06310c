"""Pages order versions by number; hash-mode (custom-channel) versions from tags come before v1 instead of mixing in by their digits.

The pages sort by ``StackVersion.order`` (``generator.naming.version_order``), the one order of versions.
"""

from __future__ import annotations

import dataclasses

from sitebuild.pagemodel import by_minor
from tests.editor.stackdata import NEWEST


def test_hash_mode_versions_sort_before_v1_and_numbers_sort_numerically():
    names = ["v10", "v0-sha-e21ba15", "v2", "v1", "v0-sha-tkrilep", "v9"]
    versions = [dataclasses.replace(NEWEST, version=name) for name in names]
    assert [v.version for v in sorted(versions, key=lambda v: v.order)] == ["v0-sha-e21ba15", "v0-sha-tkrilep", "v1", "v2", "v9", "v10"]
    assert [v.version for v in by_minor(versions)[NEWEST.kubernetes_minor]] == ["v10", "v9", "v2", "v1", "v0-sha-tkrilep", "v0-sha-e21ba15"]  # as a page lists them
