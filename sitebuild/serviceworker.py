"""The service worker: ``sw.js`` at the site root, precaching every hashed asset under a cache named by the asset list.

Its cache name is derived from the asset list, so a new build replaces the cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sitebuild.assets import EditorAssets

SERVICE_WORKER = "sw.js"  # at the site root: its scope then covers /editor/ and /assets/


def service_worker(repo_root: Path, assets: EditorAssets) -> bytes:
    """Return sw.js with the asset list and a cache name derived from it."""
    urls = assets.all_urls()
    cache = "cs-editor-" + hashlib.sha256("\n".join(urls).encode()).hexdigest()[:12]
    template = (repo_root / "editor" / "sw.js").read_text(encoding="utf-8")
    text = template.replace('"__CACHE_NAME__"', json.dumps(cache)).replace('["__ASSETS__"]', json.dumps(urls))
    return text.encode("utf-8")
