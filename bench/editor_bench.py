"""The editor in real headless Chromium, on the built site served by the project's nginx on loopback.

Figures: first paint with the form and default manifests; cold start to
``data-generator-state=ready`` next to a bare page that only calls
``loadPyodide()`` on the same bundled runtime (same run, alternating); warm
start (second visit: service worker and HTTP cache); keystroke → updated
cluster.yaml latency over ≥ 100 keystrokes; bytes transferred cold and warm; layout shift while
the editor loads (CLS), on a desktop and at a phone's 390 px, for the default version
(embedded in the page) and another one (fetched).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT
from bench.figures import Figure, Target

BARE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>bare loadPyodide</title>
<script type="module" src="bare-pyodide.mjs"></script></head>
<body data-state="loading"></body></html>
"""
BARE_SCRIPT = """import { loadPyodide } from "../{runtime}pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../{runtime}", location.href).href });
pyodide.runPython("1 + 1");
document.body.dataset.readyAt = String(performance.now());
document.body.dataset.state = "ready";
"""
KEYSTROKES = 120
TOPOLOGY_KEYSTROKES = 40
READY = "[data-generator-state='ready']"
# The editor's worker keeps one Python snapshot per build in this cache (editor/worker.js).
SNAPSHOT_STORED = "caches.open('cs-python-snapshot').then((cache) => cache.keys()).then((keys) => keys.length === 1)"
READY_MARK = "performance.getEntriesByName('cs-generator-ready')[0].startTime"  # set by the editor as it turns ready
# Records, in the page, the time from each keystroke's input event to the cluster.yaml editor showing it.
LATENCY_PROBE = """
(() => {
  const field = document.querySelector('[aria-label="Cluster name"], #' + CSS.escape('cluster-name'))
    || [...document.querySelectorAll('label')].find(l => l.textContent.trim().startsWith('Cluster name'))?.control;
  const host = document.querySelector('[data-editor="cluster"]');
  const output = (host.shadowRoot || document).querySelector('[aria-label="cluster.yaml"]');
  window.__latencies = [];
  let pending = null;
  field.addEventListener('input', () => { pending = { at: performance.now(), value: field.value }; }, true);
  new MutationObserver(() => {
    if (pending && output.textContent.includes('name: ' + pending.value)) {
      window.__latencies.push(performance.now() - pending.at);
      pending = null;
    }
  }).observe(output, { subtree: true, childList: true, characterData: true });
  return true;
})()
"""


def _build_site(tmp: Path) -> Path:
    out = tmp / "site"
    subprocess.run([sys.executable, "build.py", "--out", str(out)], cwd=REPO_ROOT, check=True, capture_output=True)
    runtime = next(out.glob("assets/pyodide-*/")).relative_to(out).as_posix() + "/"
    bare = out / "bench-bare"
    bare.mkdir()
    (bare / "index.html").write_text(BARE_PAGE, encoding="utf-8")
    (bare / "bare-pyodide.mjs").write_text(BARE_SCRIPT.replace("{runtime}", runtime), encoding="utf-8")
    return out


def _first_stack(site: Path) -> str:
    """Return the version the editor opens by default (the page names it in data-default-stack)."""
    html = (site / "editor" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'data-default-stack="([^"]+)"', html)
    if not match:
        raise RuntimeError("the editor page names no default stack version")
    return match.group(1)


def _poll(page: Any, expression: str, timeout: float) -> None:
    """Wait until the expression is true in the page.

    Playwright's wait_for_function evaluates a string in the page, which the
    site's Content-Security-Policy (no 'unsafe-eval') refuses; evaluate() runs
    through the DevTools protocol and is allowed.
    """
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise TimeoutError(expression)
        time.sleep(0.002)


# When the form and the manifests were first painted, from the Element Timing API: the page marks the
# form's first legend (elementtiming="cs-form") and the prerendered manifests ("cs-manifest"), or
# marks the frame after the code editors replaced them if that came first ("cs-editors-painted"). Read
# from the buffered entries once the page is ready: polling the DOM from here while the page loads
# would put this harness's own work on the page's main thread (and its CPU on the machine's) in the
# very milliseconds being measured, and only on the editor's side of the cold-start ratio.
PAINTED = """new Promise((resolve, reject) => {
  new PerformanceObserver((list, observer) => {
    const times = {};
    for (const entry of list.getEntries()) times[entry.identifier] = Math.max(times[entry.identifier] || 0, entry.renderTime || entry.loadTime);
    observer.disconnect();
    // The editors may replace the prerendered manifests before their first frame: then their own first frame counts.
    const waited = !times["cs-manifest"];
    times["cs-manifest"] ??= performance.getEntriesByName("cs-editors-painted")[0]?.startTime;
    if (times["cs-form"] && times["cs-manifest"]) resolve({ painted: Math.max(times["cs-form"], times["cs-manifest"]), waited });
    else reject(new Error("no Element Timing for the form and the manifests: " + JSON.stringify(times)));
  }).observe({ type: "element", buffered: true });
  setTimeout(() => reject(new Error("no Element Timing entries at all")), 1000);
})"""


def _busy_jiffies() -> int | None:
    """Return the CPU time all cores spent busy since boot, in clock ticks (None where /proc is missing)."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    values = [int(field) for field in fields]
    return sum(values) - values[3] - values[4]  # all but idle and iowait


def _settled_tab(context: Any) -> Any:
    """Open a tab and wait until the machine is quiet again before it navigates anywhere.

    Headless Chromium starts a renderer for its own window UI (the omnibox popup, a WebUI page) with
    each new tab, and it burns 0.6-0.8 s of CPU right then; the previous visit may still be writing its
    caches. On two cores that took one core from the page for most of a warm start. A person's browser
    window exists before they navigate, so each visit starts on a quiet machine: at most 5 s, until a
    150 ms window shows under 10% of one core busy.
    """
    page = context.new_page()
    end = time.monotonic() + 5
    before = _busy_jiffies()
    if before is None:
        page.wait_for_timeout(1500)
        return page
    while time.monotonic() < end:
        time.sleep(0.15)
        after = _busy_jiffies() or 0
        if after - before <= 1:
            break
        before = after
    return page


def _visit(context: Any, url: str, ready_selector: str, ready_attr: str | None) -> tuple[dict[str, Any], float, int]:
    """Open url in the context; return ({painted: first-paint-with-form ms, waited: did it wait for the code editors}, ready ms, bytes)."""
    received = [0]

    def count(request: Any) -> None:
        try:
            sizes = request.sizes()
            received[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # noqa: BLE001 - a request served by the service worker has no network sizes
            pass

    page = _settled_tab(context)
    context.on("requestfinished", count)
    page.goto(url, wait_until="commit")
    page.wait_for_selector(ready_selector, timeout=120000, state="attached")
    first_paint = page.evaluate(PAINTED) if ready_attr is None else {"painted": 0.0, "waited": False}
    # Both pages stamp the moment they are ready themselves: Playwright notices a selector only at its
    # next poll (up to hundreds of ms later), which would add its own delay to one side of the ratio.
    ready = page.evaluate(f"Number(document.body.dataset.{ready_attr})") if ready_attr else page.evaluate(READY_MARK)
    page.wait_for_timeout(300)
    if ready_attr is None:
        # A cold boot stores the Python snapshot the next visit restores, asynchronously after "ready": a
        # visit that ends before it is stored is not the first of two (the next one would boot cold again).
        _poll(page, SNAPSHOT_STORED, 30)
    page.close()
    context.remove_listener("requestfinished", count)
    return first_paint, ready, received[0]


def _keystrokes(context: Any, url: str) -> list[float]:
    page = _settled_tab(context)
    page.goto(url)
    page.wait_for_selector(READY, timeout=120000, state="attached")
    page.evaluate(LATENCY_PROBE)
    field = page.get_by_label("Cluster name", exact=True)
    field.click()
    field.press("End")
    for index in range(KEYSTROKES):
        page.keyboard.type("abcdefghij"[index % 10])
        _poll(page, f"window.__latencies.length >= {index + 1}", 10)
        if index % 20 == 19:
            for _ in range(20):
                page.keyboard.press("Backspace")
            page.wait_for_timeout(100)
    latencies = page.evaluate("window.__latencies")
    page.close()
    return latencies[:KEYSTROKES]


PAINTED_TOPOLOGIES = "Number(document.querySelector('[data-topology]').dataset.painted || 0)"


def _topology_keystrokes(context: Any, url: str) -> list[float]:
    """Type keys one at a time, each once the topology of the one before is painted; return each key's wait.

    The page measures it itself (cs-keystroke-to-topology: from the input event to the topology
    painted), as "What Cluster API creates" follows the form.
    """
    page = _settled_tab(context)
    page.goto(url)
    page.wait_for_selector(READY, timeout=120000, state="attached")
    field = page.get_by_label("Cluster name", exact=True)
    field.click()
    field.press("End")
    page.keyboard.type("z")  # the first topology request also loads the version's templates: not a keystroke's cost
    _poll(page, f"{PAINTED_TOPOLOGIES} >= 1", 30)
    for index in range(TOPOLOGY_KEYSTROKES):
        painted = page.evaluate(PAINTED_TOPOLOGIES)
        page.keyboard.press("Backspace" if index % 2 else "y")
        _poll(page, f"{PAINTED_TOPOLOGIES} > {painted}", 10)
    waits = page.evaluate("performance.getEntriesByName('cs-keystroke-to-topology').map(m => m.duration)")
    page.close()
    return waits[-TOPOLOGY_KEYSTROKES:]


CLS_VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}


def _fetched_stack(site: Path, default: str) -> str:
    """Return a version the editor page does not embed, so it fetches that version's data first."""
    html = (site / "editor" / "index.html").read_text(encoding="utf-8")
    return next(name for name in re.findall(r'<option value="([^"]+)"', html) if name != default)


def _layout_shift_visit(browser: Any, url: str, viewport: dict[str, int]) -> float:
    """Open url in a fresh (cold) context of that size; return the CLS once the editor is ready."""
    from tests.support.layout import layout_shift

    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = _settled_tab(context)
    page.goto(url)
    page.wait_for_selector(READY + "[data-form-state='rendered']", timeout=120000, state="attached")
    cls = float(layout_shift(page)["cls"])
    context.close()
    return cls


def run(repeat: int) -> list[Figure]:
    """Build the site, serve it with nginx and drive Chromium through the editor."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO_ROOT))
    from tests.support.browser import launch_chromium
    from tests.support.nginx import run_nginx

    with tempfile.TemporaryDirectory() as tmp:
        site = _build_site(Path(tmp))
        stack = _first_stack(site)
        with run_nginx(site) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            editor_url, bare_url = f"{base}/editor/?stack={stack}", f"{base}/bench-bare/"
            paints, colds, bares, warms, cold_bytes, warm_bytes = [], [], [], [], [], []
            waited = 0  # cold visits whose first paint was the code editors' frame, not the prerendered manifests
            for _ in range(repeat):
                bare_context = browser.new_context()
                bares.append(_visit(bare_context, bare_url, "body[data-state='ready']", "readyAt")[1])
                bare_context.close()
                context = browser.new_context()
                paint, cold, size = _visit(context, editor_url, READY, None)
                paints.append(paint["painted"])
                waited += paint["waited"]
                colds.append(cold)
                cold_bytes.append(size)
                _, warm, size = _visit(context, editor_url, READY, None)
                warms.append(warm)
                warm_bytes.append(size)
                context.close()
            context = browser.new_context()
            latencies = _keystrokes(context, editor_url)
            topology_waits = _topology_keystrokes(context, editor_url)
            context.close()
            shift_urls = {"default version": editor_url, "fetched version": f"{base}/editor/?stack={_fetched_stack(site, stack)}"}
            shifts = {(where, which): [_layout_shift_visit(browser, url, size) for _ in range(repeat)] for where, size in CLS_VIEWPORTS.items() for which, url in shift_urls.items()}
            browser.close()
    return [
        Figure("editor", "first paint with form and default manifests", "ms", paints, target=Target("value", 300), extra={"waited for the code editors": waited}),
        Figure("editor", "cold start to ready", "ms", colds, baseline=bares, baseline_name="bare loadPyodide()", target=Target("ratio", 1.3)),
        Figure("editor", "warm start to ready (second visit)", "ms", warms, target=Target("value", 1000)),
        Figure("editor", f"keystroke → cluster.yaml over {len(latencies)} keys", "ms", latencies, target=Target("value", 8, "median")),
        Figure("editor", f"keystroke → cluster.yaml over {len(latencies)} keys", "ms", latencies, target=Target("value", 16, "p95"), extra={"p95": sorted(latencies)[round(0.95 * (len(latencies) - 1))]}),
        Figure("editor", f"keystroke → topology over {len(topology_waits)} keys", "ms", topology_waits, target=Target("value", 50, "p95"), extra={"p95": sorted(topology_waits)[round(0.95 * (len(topology_waits) - 1))]}),
        Figure("editor", "bytes transferred, cold visit", "bytes", [float(b) for b in cold_bytes]),
        Figure("editor", "bytes transferred, warm visit", "bytes", [float(b) for b in warm_bytes]),
        *(Figure("editor", f"layout shift while loading, {where}, {which}", "CLS", samples, target=Target("value", 0.05, "max")) for (where, which), samples in shifts.items()),
    ]
