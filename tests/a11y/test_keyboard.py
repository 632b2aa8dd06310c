"""The editor with the keyboard alone: every control shows focus, focus survives a re-render, the YAML panes let go."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.a11y.pages import open_editor, switch_to_dark

pytestmark = [pytest.mark.browser, pytest.mark.nginx, pytest.mark.slow]

# The element that has the keyboard focus, looking into shadow roots (the YAML editors live in one):
# what it is, its name, and how its focus shows (a YAML editor draws its ring on .cm-editor). It is
# remembered in window.__walked so the same element's unfocused look can be read afterwards.
FOCUSED = """(() => {
  let node = document.activeElement;
  while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
  const root = document.getElementById("cs-editor");
  const host = node && node.getRootNode().host;
  if (!node || !(root.contains(node) || (host && root.contains(host)))) return null;
  const ring = node.closest(".cm-editor") || node;
  window.__walked = window.__walked || [];
  window.__walked.push(ring);
  const style = getComputedStyle(ring);
  const kind = node.isContentEditable ? "yaml editor" : node.tagName === "INPUT" ? `input[${node.type}]` : node.tagName.toLowerCase();
  const name = node.getAttribute("aria-label") || (node.labels && node.labels[0] && node.labels[0].textContent) || node.textContent.trim();
  return { index: window.__walked.length - 1, kind, name, outline: [style.outlineStyle, style.outlineWidth, style.outlineColor], shadow: style.boxShadow, visible: node.matches(":focus-visible") };
})()"""
UNFOCUSED = """(index) => {
  const style = getComputedStyle(window.__walked[index]);
  return { outline: [style.outlineStyle, style.outlineWidth, style.outlineColor], shadow: style.boxShadow };
}"""
BLUR = """(() => {
  let node = document.activeElement;
  while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
  if (node) node.blur();
})()"""
FOCUSED_NAME = """(() => {
  const node = document.activeElement;
  return node ? node.getAttribute("aria-label") || node.textContent.trim() : null;
})()"""


def _shows_focus(focused: dict[str, Any], unfocused: dict[str, Any]) -> bool:
    """A visible indicator: a ring at least 2 px wide that is not there without focus, or a changed shadow."""
    style, width, colour = focused["outline"]
    ring = style != "none" and float(width.removesuffix("px")) >= 2 and colour not in ("transparent", "rgba(0, 0, 0, 0)")
    return (ring and focused["outline"] != unfocused["outline"]) or (focused["shadow"] != unfocused["shadow"] and focused["shadow"] != "none")


def _walk(page: Any) -> list[dict[str, Any]]:
    """Tab from the version picker through the editor to its end (Escape, then Tab, out of each YAML pane)."""
    page.locator("#cs-stack").focus()
    seen: list[dict[str, Any]] = []
    for _ in range(400):
        if seen and seen[-1]["kind"] == "yaml editor":
            page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            return seen
        seen.append(focused)
    raise AssertionError(f"Tab never left the editor; the last stops were {[s['name'] for s in seen[-5:]]}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_shows_where_the_keyboard_is(page: Any, site_url: str, scheme: str) -> None:
    open_editor(page, site_url)
    if scheme == "dark":
        switch_to_dark(page)
    # A problem list with links joins the walk.
    page.get_by_label("Control plane replicas", exact=True).fill("-1")
    page.wait_for_selector("#cs-editor .cs-problems a", timeout=15_000)
    stops = _walk(page)
    page.evaluate(BLUR)
    hidden = [f"{stop['kind']} {stop['name']!r}" for stop in stops if not _shows_focus(stop, page.evaluate(UNFOCUSED, stop["index"]))]
    assert hidden == []
    assert all(stop["visible"] for stop in stops), [stop["name"] for stop in stops if not stop["visible"]]
    kinds = {stop["kind"] for stop in stops}
    assert {"input[text]", "input[number]", "input[checkbox]", "select", "button", "a", "yaml editor"} <= kinds, kinds
    names = [stop["name"] for stop in stops]
    assert "cluster.yaml" in names and "clusterstack.yaml" in names


def _press(page: Any, name: str) -> None:
    """Move the keyboard to a button by its name and press Enter on it."""
    page.get_by_role("button", name=name, exact=True).focus()
    page.keyboard.press("Enter")


def _focused_after(page: Any, appeared: str | None = None, gone: str | None = None) -> str:
    """Wait for the re-render (a button appeared or went away); return the focused element's name, which must show focus."""
    if appeared:
        page.get_by_role("button", name=appeared, exact=True).wait_for()
    if gone:
        page.get_by_role("button", name=gone, exact=True).wait_for(state="detached")
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    return page.evaluate(FOCUSED_NAME)


def test_focus_stays_in_place_after_adding_or_removing_a_machine_deployment(page: Any, site_url: str) -> None:
    open_editor(page, site_url)
    _press(page, "Add machine deployment")
    assert _focused_after(page, appeared="Remove machine deployment 2") == "Add machine deployment"
    page.keyboard.press("Enter")
    assert _focused_after(page, appeared="Remove machine deployment 3") == "Add machine deployment"
    # Removing a row hands the focus to the row that takes its place …
    _press(page, "Remove machine deployment 1")
    assert _focused_after(page, gone="Remove machine deployment 3") == "Remove machine deployment 1"
    # … and removing the last row to the button that adds one.
    _press(page, "Remove machine deployment 2")
    assert _focused_after(page, gone="Remove machine deployment 2") == "Add machine deployment"


def test_focus_stays_in_place_after_adding_or_removing_a_list_item(page: Any, site_url: str) -> None:
    open_editor(page, site_url)
    _press(page, "Add restrict_kubeapi item")
    assert _focused_after(page, appeared="Remove restrict_kubeapi item 1") == "Add restrict_kubeapi item"
    _press(page, "Remove restrict_kubeapi item 1")
    assert _focused_after(page, gone="Remove restrict_kubeapi item 1") == "Add restrict_kubeapi item"


def test_the_yaml_panes_say_how_to_leave_them_and_escape_then_tab_does(page: Any, site_url: str) -> None:
    open_editor(page, site_url)
    how = re.compile(r"press Esc, then Tab, to move on")
    for name in ("cluster.yaml", "clusterstack.yaml"):
        expect(page.get_by_role("textbox", name=name, exact=True)).to_have_accessible_description(how)
    expect(page.locator("#cs-cluster-keys")).to_have_text(how)  # sighted keyboard users read it under the pane
    page.get_by_role("textbox", name="cluster.yaml", exact=True).focus()
    page.keyboard.press("Tab")  # Tab alone indents: the keyboard stays in the pane
    assert page.evaluate(FOCUSED)["name"] == "cluster.yaml"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_NAME) == "Copy clusterstack.yaml"
