"""The editor's third output, "What Cluster API creates", in real Chromium on a site built from the shipped stacks."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.stacks import load_stacks
from sitebuild import editor, engine, pyodide, staging
from sitebuild.config import BuildConfig
from sitebuild.topology import version_topologies
from tests.topology.stacks_support import STACKS, working_class_names

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

OPENSTACK = next(n for n in working_class_names() if n.startswith("openstack-"))
READY_MS = 90_000


@pytest.fixture(scope="module")
def topology_site_url(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the editor stage for the shipped stacks with their topologies and serve it with the project's nginx."""
    from tests.support.nginx import run_nginx

    out = tmp_path_factory.mktemp("topology-editor") / "site"
    config = BuildConfig(repo_root=repo_root, stacks_dir=STACKS, out_dir=out, staging=out.parent / "staging")
    site_config = staging.load_site_config(config)
    staging.reset_staging(config)
    runtime_url = pyodide.copy_runtime(config.repo_root, config.docs_dir)
    staging.write_page(config.docs_dir, "stacks/index.md", "# Stack catalog\n")
    stacks = load_stacks(STACKS)
    topologies = version_topologies(STACKS, stacks)
    sections = {"Editor": editor.write_editor(stacks, config.docs_dir, runtime_url, repo_root, topology=topologies)}
    engine.run_mkdocs(staging.write_staged_config(config, site_config, sections), out)
    with run_nginx(out) as url:
        yield url


@pytest.fixture()
def editor_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def _poll(page: Any, check: Any, timeout: float = 20.0, describe: Any = None) -> Any:
    """Wait for ``check`` to hold; ``describe()`` says what the page showed instead when it never does."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            assert result, f"condition never held; {describe()}" if describe else "condition never held"
            return result
        page.wait_for_timeout(50)


def _topology_state(page: Any) -> str:
    """The topology section's counters, status line and editor status: what a failed wait reports."""
    return page.evaluate("""() => {
      const section = document.querySelector('[data-topology]');
      const status = section.querySelector('.cs-topology-status');
      const tree = section.querySelector('.cs-topology-tree');
      return JSON.stringify({counters: {...section.dataset}, status: status && status.textContent,
        tree: tree && tree.innerText.slice(0, 200), generator: document.getElementById('cs-editor').dataset.generatorState,
        state: document.querySelector('.cs-state-text')?.textContent, notice: document.querySelector('.cs-notice')?.textContent});
    }""")


def _open(page: Any, url: str) -> Any:
    page.goto(f"{url}/editor/?stack={OPENSTACK}")
    page.wait_for_selector("#cs-editor[data-generator-state=ready]", timeout=READY_MS)
    return page.get_by_role("region", name="What Cluster API creates")


def test_a_form_change_updates_the_tree(editor_page: Any, topology_site_url: str) -> None:
    page = editor_page
    region = _open(page, topology_site_url)
    tree = region.locator(".cs-topology-tree")
    _poll(page, lambda: "OpenStackCluster" in tree.inner_text() and "MachineDeployment" in tree.inner_text())
    page.get_by_label("node_cidr", exact=True).fill("10.77.0.0/20")
    openstack_cluster = region.locator("details", has=page.locator("summary", has_text=re.compile(r"^OpenStackCluster ")))
    _poll(page, lambda: "10.77.0.0/20" in openstack_cluster.locator("pre").first.text_content())
    page.get_by_label("Cluster name", exact=True).fill("team-b")
    _poll(page, lambda: "team-b-" in tree.inner_text())
    # The field the patch set links back to its form field.
    openstack_cluster.locator("summary").first.click()
    openstack_cluster.get_by_role("button", name="node_cidr").first.click()
    assert page.evaluate("document.activeElement.id") == page.get_by_label("node_cidr", exact=True).get_attribute("id")
    with page.expect_download() as download:
        region.get_by_role("button", name="Download topology.yaml").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "kind: OpenStackCluster" in text and "10.77.0.0/20" in text and "name: team-b" in text


def test_a_patch_error_shows_where_it_comes_from(editor_page: Any, topology_site_url: str) -> None:
    page = editor_page
    region = _open(page, topology_site_url)
    # A value with a colon makes the external_network patch's template render YAML that does not parse.
    page.get_by_label("external_network_id", exact=True).fill("x: y")
    problems = region.locator(".cs-topology-problems")
    _poll(page, lambda: problems.count() > 0 and "external_network" in problems.inner_text())
    message = problems.inner_text()
    assert "patch external_network for OpenStackClusterTemplate" in message
    assert "spec.patches[1].definitions[0].jsonPatches[0].valueFrom.template (template line 1)" in message
    assert "failed to unmarshal rendered template" in message
    assert region.get_by_role("button", name="Download topology.yaml").is_disabled()


def _state_url(page: Any, edit: Any) -> str:
    """Return the page's share link with its cluster form changed by ``edit`` (the fragment is base64url JSON)."""
    link = page.evaluate("location.href")
    base, _, fragment = link.partition("#s=")
    assert fragment, "the editor wrote no state into the URL"
    state = json.loads(base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4)))
    edit(state["c"])
    encoded = base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")
    return f"{base}#s={encoded}"


# In the page: type one character at the end of the cluster name, as a keystroke does (an input event).
TYPE_KEY = """const typeKey = (key) => {
    const label = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === 'Cluster name');
    const field = document.getElementById(label.htmlFor);
    field.value += key;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };"""

# In the page: the first time a topology request is out, type one more character into the cluster
# name, as a typist whose next key comes while the worker computes the topology of the previous one.
TYPE_WHILE_COMPUTING = f"""(() => {{
  {TYPE_KEY}
  const section = document.querySelector('[data-topology]');
  new MutationObserver((changes, observer) => {{
    if (!('computing' in section.dataset)) return;
    observer.disconnect();
    typeKey('b');
  }}).observe(section, {{ attributes: true, attributeFilter: ['data-computing'] }});
}})()"""


def _counters(page: Any) -> dict[str, str]:
    """The topology section's counters: answers painted, computations stopped, and "computing" while one is out."""
    return page.evaluate("({...document.querySelector('[data-topology]').dataset})")


def _wait_settled(page: Any, tree: Any, name: str) -> None:
    """Wait until the tree shows objects named after ``name`` and no request is out.

    Final, not transient: nothing starts another request until the next keystroke (the page never
    computes the form on screen again), so the counters read afterwards stay as they are.
    """
    _poll(page, lambda: f"{name}-" in tree.inner_text() and "computing" not in _counters(page), timeout=60, describe=lambda: _topology_state(page))


def test_a_keystroke_stops_the_topology_of_the_form_before_it(editor_page: Any, topology_site_url: str) -> None:
    """The worker runs one request at a time: the next keystroke's YAML must not wait for a stale topology."""
    page = editor_page
    region = _open(page, topology_site_url)
    page.get_by_label("Cluster name", exact=True).fill("heavy")
    _poll(page, lambda: "#s=" in page.evaluate("location.href"))
    # 120 machine deployments: a topology that takes the worker a while (each has its own objects and patches).
    many = lambda cluster: cluster.update(machineDeployments=[dict(cluster["machineDeployments"][0], name=f"md-{i}") for i in range(120)])  # noqa: E731
    link = _state_url(page, many)
    # Opened as a new page, the way a shared link is: a reload of this one would first write its own
    # state into the address (pagehide keeps the last keystroke), and the reload could read that.
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("#cs-editor[data-generator-state=ready]", timeout=READY_MS)
    tree = region.locator(".cs-topology-tree")
    page.get_by_label("Cluster name", exact=True).fill("heavy-a")
    _wait_settled(page, tree, "heavy-a-md-119")
    before = _counters(page)
    page.evaluate(TYPE_WHILE_COMPUTING)
    page.get_by_label("Cluster name", exact=True).fill("heavy-c")
    # The page typed "b" while the topology of "heavy-c" was out: it was stopped, and only "heavy-cb"'s was painted.
    _wait_settled(page, tree, "heavy-cb-md-119")
    after = _counters(page)
    assert int(after.get("interrupted", 0)) == int(before.get("interrupted", 0)) + 1
    assert int(after["painted"]) == int(before["painted"]) + 1
    assert "heavy-cb-md-119" in tree.inner_text()
    assert "Could not compute" not in region.inner_text()
    yaml = page.get_by_role("textbox", name="cluster.yaml", exact=True)
    _poll(page, lambda: re.search(r"^  name: heavy-cb$", yaml.inner_text(), re.M))


# Before the page's scripts: count the topology requests posted to the worker, and type one character
# into the cluster name the moment the version's topology inputs are posted (load_topology), that is
# while the first topology is on its way but before it can be stopped.
TYPE_WHILE_LOADING = f"""(() => {{
  {TYPE_KEY}
  window.csTopologyRequests = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {{
    const posted = post.call(this, message, ...rest);
    if (message && message.type === 'topology') window.csTopologyRequests += 1;
    if (message && message.type === 'load_topology') queueMicrotask(() => typeKey('x'));
    return posted;
  }};
}})()"""


def test_a_form_changed_while_its_topology_loads_is_computed_once(editor_page: Any, topology_site_url: str) -> None:
    """Changed again while the version's inputs load, the form is computed once, as it is by then, not twice."""
    page = editor_page
    page.add_init_script(TYPE_WHILE_LOADING)
    region = _open(page, topology_site_url)
    tree = region.locator(".cs-topology-tree")
    # The default form's topology is prerendered: the first change asks the worker, which loads the inputs.
    page.get_by_label("Cluster name", exact=True).fill("team")
    _wait_settled(page, tree, "teamx")
    # The first request already reads the newest form, so the refresh the keystroke asked for meanwhile
    # has nothing left to compute.
    assert page.evaluate("window.csTopologyRequests") == 1
    assert _counters(page).get("painted") == "1"
    assert "interrupted" not in _counters(page)
