"""Incremental rebuild: from touching a stack file to the rebuilt page served by `python build.py serve`.

Baseline, measured in the same run: touching a hand-written page in site_src/
(the same serve loop, no stack loading or page generation involved).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import copy_repo, free_port, wait_for
from bench.figures import Figure


def _touch_and_wait(path: Path, url: str, marker: str) -> float:
    """Append a visible marker to a Markdown file and time until the served page shows it."""
    start = time.perf_counter()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\n{marker}\n")
    wait_for(url, marker, timeout=120)
    return (time.perf_counter() - start) * 1000


def run(repeat: int) -> list[Figure]:
    """Start the live-reloading server on a copy of the repository and time rebuilds."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        readme = sorted((repo / "stacks").glob("*/*/README.md"))[0]
        provider, name = readme.parent.parent.name, readme.parent.name
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "serve.log").open("w")
        server = subprocess.Popen([sys.executable, "build.py", "serve", "--address", f"127.0.0.1:{port}"], cwd=repo, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(base + "/", timeout=300)
            stack_page, guide_page = f"{base}/stacks/{provider}/{name}/", f"{base}/"
            stack_times, page_times = [], []
            for run_number in range(repeat):
                stack_times.append(_touch_and_wait(readme, stack_page, f"stack-marker-{run_number}"))
                page_times.append(_touch_and_wait(repo / "site_src" / "index.md", guide_page, f"page-marker-{run_number}"))
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    return [
        Figure(
            group="incremental",
            name="touch a stack file → rebuilt page (serve)",
            unit="ms",
            samples=stack_times,
            baseline=page_times,
            baseline_name="touch a hand-written page",
            note="polling every 20 ms; includes MkDocs' full rebuild of the site",
        )
    ]
