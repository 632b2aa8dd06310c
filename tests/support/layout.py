"""Page expressions about layout that the tests and the benchmark both read: layout shift and overflow.

Each is a JavaScript expression for Playwright's ``page.evaluate`` (which the site's CSP allows;
``wait_for_function`` would need 'unsafe-eval').
"""

from __future__ import annotations

from typing import Any

# Cumulative Layout Shift as the Core Web Vitals define it: layout-shift entries not caused by input,
# grouped into session windows (shifts less than 1 s apart, a window at most 5 s long); the largest
# window is the CLS. observe() with buffered: true copies the entries recorded so far into the
# observer's buffer at once, so takeRecords() returns them all synchronously: reading the figure
# after the page is ready needs no timeout and misses no entry.
CUMULATIVE_LAYOUT_SHIFT = """(() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({ type: "layout-shift", buffered: true });
  const entries = observer.takeRecords();
  observer.disconnect();
  let worst = 0, current = 0, first = 0, last = 0;
  const shifts = [];
  for (const entry of entries) {
    if (entry.hadRecentInput) continue;
    if (current && entry.startTime - last < 1000 && entry.startTime - first < 5000) current += entry.value;
    else { current = entry.value; first = entry.startTime; }
    last = entry.startTime;
    worst = Math.max(worst, current);
    const moved = entry.sources.map((source) => {
      const node = source.node;
      const name = !node ? "?" : node.nodeType === 1 ? node.tagName.toLowerCase() + (node.className && typeof node.className === "string" ? "." + node.className.trim().split(/\\s+/).join(".") : "") : "#text";
      const [a, b] = [source.previousRect, source.currentRect];
      return `${name} (${Math.round(a.y)}+${Math.round(a.height)} → ${Math.round(b.y)}+${Math.round(b.height)})`;
    });
    shifts.push(`${Math.round(entry.startTime)} ms: ${entry.value.toFixed(4)} ${moved.join(", ")}`);
  }
  return { cls: worst, shifts };
})()"""

# After two frames every layout change made so far has been laid out, painted and reported.
TWO_FRAMES = "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))"

# What sticks out sideways: the page's scroll width, and every visible button, field or code box in the
# content whose box leaves the viewport (Material's off-canvas drawer and search are not content).
HORIZONTAL_OVERFLOW = """(() => {
  const root = document.scrollingElement;
  const width = root.clientWidth;
  const outside = [];
  for (const node of document.querySelectorAll(".md-content :is(button, .md-button, input, select, textarea, [data-editor])")) {
    const box = node.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(node).visibility === "hidden") continue;
    if (box.left < -0.5 || box.right > width + 0.5) {
      const name = (node.getAttribute("aria-label") || node.textContent || node.id || node.tagName).trim().slice(0, 60);
      outside.push(`${node.tagName.toLowerCase()} "${name}" spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, outside };
})()"""


def layout_shift(page: Any) -> dict[str, Any]:
    """Return ``{"cls": float, "shifts": [text, ...]}`` for everything the page has shifted so far."""
    page.evaluate(TWO_FRAMES)
    return page.evaluate(CUMULATIVE_LAYOUT_SHIFT)


def horizontal_overflow(page: Any) -> dict[str, Any]:
    """Return ``{"scrollWidth", "clientWidth", "outside": [what leaves the viewport sideways]}``."""
    return page.evaluate(HORIZONTAL_OVERFLOW)
