"""Launch the system Chromium through Playwright, never a downloaded browser."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def chromium_path() -> str:
    """Return the Chromium binary: $CHROMIUM or Debian's /usr/bin/chromium."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise RuntimeError(f"Chromium not found at {path}: install Debian's chromium or set CHROMIUM")
    return path


def launch_chromium(playwright: Any) -> Any:
    """Start headless Chromium with the flags this machine needs (no background traffic)."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS))


class OriginGuard:
    """Record every request a page makes that leaves its own origin (there must be none)."""

    def __init__(self, page: Any, origin: str) -> None:
        self.origin = origin.rstrip("/")
        self.foreign: list[str] = []
        page.on("request", self._on_request)

    def _on_request(self, request: Any) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if not url.startswith(self.origin + "/") and url != self.origin:
            self.foreign.append(url)


# Records the service worker's answers to the page (sw.js answers {type: "cached", page, kept, missing}
# once everything a page handed it is in the cache). Installed before the page's own scripts run.
SERVICE_WORKER_ANSWERS = """
window.__swAnswers = [];
if (navigator.serviceWorker) {
  navigator.serviceWorker.addEventListener("message", (event) => window.__swAnswers.push(event.data));
  navigator.serviceWorker.startMessages();
}
"""


def wait_until_kept_offline(page: Any, url: str, timeout: float = 60.0) -> dict[str, Any]:
    """Wait for the service worker's answer that everything this page loaded is cached; return it.

    An answer is a record that stays: unlike a look at the caches while the worker is still filling them,
    it cannot be taken too early.
    """
    import time

    deadline = time.monotonic() + timeout
    while True:
        answers = page.evaluate("window.__swAnswers || []")
        found = [answer for answer in answers if answer.get("type") == "cached" and answer.get("page") == url]
        if found:
            return found[-1]
        assert time.monotonic() < deadline, f"the service worker never said it kept {url}; it answered {answers}"
        page.wait_for_timeout(100)
