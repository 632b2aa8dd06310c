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
