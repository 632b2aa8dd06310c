"""Run axe-core (the pinned npm package, from our own node_modules) in a page and keep what counts.

The site's CSP allows scripts from its own origin only, so axe cannot come from a CDN, and
``add_script_tag(path=...)`` would inline it (blocked too). ``page.evaluate`` runs the file's text
through the DevTools protocol, which the CSP does not govern: the page itself stays under its policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
COUNTED = ("serious", "critical")

# Findings that come from Material for MkDocs' own markup, with why they stay: (rule, CSS selector
# axe reports for the node) → reason. Everything else serious or critical fails the test.
THEME_FINDINGS = {
    ("aria-dialog-name", ".md-search"): (
        "Material's search overlay is a role=dialog without a name; the markup is the theme's"
        " partials/search.html, which we would have to copy into site_src/overrides to change"
    ),
}


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core into the page, run every rule on the whole document and return its violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(Path(AXE_SCRIPT).read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return result["violations"]


def _selector(node: dict[str, Any]) -> str:
    """Return axe's selector of a node; inside a shadow root it is a list (host, then inner), joined with " >> "."""
    parts = node["target"]
    return " >> ".join(part if isinstance(part, str) else " >> ".join(part) for part in parts)


def counted_violations(violations: list[dict[str, Any]]) -> list[str]:
    """Return one line per serious or critical node that is not a listed theme finding: rule, node, what axe says."""
    lines = []
    for violation in violations:
        if violation["impact"] not in COUNTED:
            continue
        for node in violation["nodes"]:
            selector = _selector(node)
            if (violation["id"], selector) in THEME_FINDINGS:
                continue
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}) at {selector}: {summary}")
    return lines
