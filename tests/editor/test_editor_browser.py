"""The editor in real headless Chromium, served by the project's nginx (with its CSP), driven through its accessible names."""

from __future__ import annotations

import base64
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import manifests
from tests.editor.stackdata import NEWEST, OLDER
from tests.support.browser import SERVICE_WORKER_ANSWERS, OriginGuard, wait_until_kept_offline
from tests.support.crds import validate_against_crd

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

STACK = "openstack-scs-1-32-v2"
READY_MS = 90_000


def open_editor(page: Any, site_url: str, query: str = f"?stack={STACK}", fragment: str = "") -> None:
    """Open /editor/ and wait until the generator is ready."""
    page.goto(f"{site_url}/editor/{query}{fragment}")
    wait_ready(page)


def wait_ready(page: Any) -> None:
    page.wait_for_selector("#cs-editor[data-generator-state=ready]", timeout=READY_MS)


def editor_attribute(page: Any, name: str) -> str | None:
    """Return one of the editor root's data attributes (camelCase name), e.g. how Python booted."""
    return page.evaluate("name => document.getElementById('cs-editor').dataset[name]", name)


RESTARTS = "performance.getEntriesByName('cs-generator-restarted').length"


def restarts(page: Any) -> int:
    """Return how many times the page replaced a runaway worker (a log: a short-lived state cannot be missed)."""
    return int(page.evaluate(RESTARTS))


def code(page: Any, name: str) -> Any:
    """Return the code editor named cluster.yaml or clusterstack.yaml."""
    return page.get_by_role("textbox", name=name, exact=True)


def poll(page: Any, expression: str, arg: Any = None, timeout: float = 15.0) -> Any:
    """Evaluate until the result is truthy (wait_for_function would need 'unsafe-eval', which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while True:
        result = page.evaluate(expression, arg)
        if result or time.monotonic() > deadline:
            assert result, f"still false after {timeout} s: {expression}"
            return result
        page.wait_for_timeout(50)


def wait_yaml(page: Any, name: str, pattern: str) -> str:
    """Wait until the editor's text matches the regular expression (multi-line); return the text."""
    deadline = time.monotonic() + 15
    while True:
        text = code(page, name).inner_text()
        if re.search(pattern, text, re.M) or time.monotonic() > deadline:
            assert re.search(pattern, text, re.M), f"{name} never matched {pattern!r}:\n{text}"
            return text
        page.wait_for_timeout(50)


def replace_yaml(page: Any, name: str, text: str) -> None:
    """Replace an editor's whole text by pasting, as a user would (typing 1 MB would take hours)."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    code(page, name).click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+V")


def test_picking_a_version_and_filling_fields_updates_the_yaml(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url, query="")
    page.get_by_label("Cluster Stack", exact=True).select_option(STACK)
    wait_yaml(page, "cluster.yaml", r"^    class: openstack-scs-1-32-v2$")
    wait_yaml(page, "clusterstack.yaml", r"^  kubernetesVersion: '1.32'$")
    page.get_by_label("Cluster name", exact=True).fill("team-a")
    page.get_by_label("ssh_keypair", exact=True).fill("me")
    page.get_by_label("disable_api_lb", exact=True).check()
    page.get_by_label("dns_provider", exact=True).select_option("designate")
    page.get_by_label("issuer_url", exact=True).fill("https://id.example.org")
    # Wait for the last field filled: each keystroke regenerates, so earlier values may show first.
    text = wait_yaml(page, "cluster.yaml", r"^        issuer_url: https://id\.example\.org$")
    assert "    - name: dns_provider\n      value: designate\n" in text
    assert "  name: team-a\n" in text
    assert "    - name: ssh_keypair\n      value: me\n" in text
    assert "    - name: disable_api_lb\n      value: true\n" in text
    assert "    - name: oidc_config\n      value:\n        issuer_url: https://id.example.org\n" in text
    page.get_by_label("Namespace", exact=True).fill("tenant-a")
    wait_yaml(page, "cluster.yaml", r"^  namespace: tenant-a$")


def test_the_form_shows_each_variable_with_its_description_default_and_constraints(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    field = page.get_by_label("worker_count_hint", exact=True)
    assert field.get_attribute("type") == "number" and field.get_attribute("min") == "1" and field.get_attribute("max") == "10"
    assert page.get_by_text("How many workers to expect. Default: 3. (minimum 1; maximum 10)").is_visible()
    assert page.get_by_label("dns_provider", exact=True).locator("option").all_inner_texts() == ["default (none)", "none", "designate"]
    page.get_by_role("button", name="Add restrict_kubeapi item").click()
    page.get_by_label("restrict_kubeapi[0]", exact=True).fill("10.0.0.0/8")
    wait_yaml(page, "cluster.yaml", r"^      - 10\.0\.0\.0/8$")
    page.get_by_role("button", name="Add machine deployment").click()
    page.get_by_label("Class of machine deployment 2", exact=True).select_option("big-worker")
    text = wait_yaml(page, "cluster.yaml", r"^      - class: big-worker$")
    assert "        name: md-1\n" in text
    page.get_by_role("button", name="Remove machine deployment 1").click()
    text = wait_yaml(page, "cluster.yaml", r"^      - class: big-worker\n        name: md-1\n        replicas: 1\n    variables:")
    assert "md-0" not in text


def test_switching_versions_keeps_values_and_reports_what_the_new_one_lacks(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("Cluster name", exact=True).fill("kept")
    page.get_by_label("ssh_keypair", exact=True).fill("me")
    page.get_by_label("controller_flavor", exact=True).fill("big")
    wait_yaml(page, "cluster.yaml", r"^      value: big$")
    page.get_by_label("Cluster Stack", exact=True).select_option("openstack-scs-1-31-v1")
    text = wait_yaml(page, "cluster.yaml", r"^    class: openstack-scs-1-31-v1$")
    assert "  name: kept\n" in text and "value: big" in text and "ssh_keypair" not in text
    assert page.locator(".cs-notice").inner_text() == (
        "Switched to openstack-scs-1-31-v1. Not carried over, parked until you choose a version that has them: variable ssh_keypair (not defined by openstack-scs-1-31-v1)."
    )
    assert page.get_by_label("controller_flavor", exact=True).input_value() == "big"


def test_editing_the_yaml_updates_the_form_and_bad_yaml_keeps_the_last_good_form(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("ssh_keypair", exact=True).fill("from-form")
    text = wait_yaml(page, "cluster.yaml", r"^      value: from-form$")
    replace_yaml(page, "cluster.yaml", text.replace("  name: my-cluster\n", "  name: from-yaml\n").replace("value: from-form", "value: typed"))
    poll(page, "document.querySelector('[data-key=name]').value === 'from-yaml'")
    assert page.get_by_label("ssh_keypair", exact=True).input_value() == "typed"
    replace_yaml(page, "cluster.yaml", "apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata: [\n")
    page.wait_for_selector("#cs-editor .cs-problems >> text=YAML syntax error", timeout=15_000)
    assert page.locator("[data-editor=cluster] .cm-lint-marker-error").count() == 1
    assert page.get_by_label("Cluster name", exact=True).input_value() == "from-yaml"
    assert page.get_by_role("button", name="Download cluster.yaml").is_disabled()
    replace_yaml(page, "cluster.yaml", text.replace("      replicas: 3\n", "      replicas: many\n"))
    page.wait_for_selector('#cs-editor .cs-problems >> text=spec.topology.controlPlane.replicas: Invalid value: "many": must be an integer', timeout=15_000)
    assert page.locator("[data-editor=cluster] .cm-lint-marker-error").count() == 1
    assert page.get_by_label("Control plane replicas", exact=True).input_value() == "3"


def test_an_invalid_value_shows_its_error_and_disables_the_download(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("network_mtu", exact=True).fill("100")
    message = 'Invalid value: "100": should be greater than or equal to 1280'  # Cluster API prints the value's JSON text
    page.wait_for_selector(f".cs-field-error >> text={message}", timeout=15_000)
    assert page.get_by_label("network_mtu", exact=True).get_attribute("aria-invalid") == "true"
    download = page.get_by_role("button", name="Download cluster.yaml")
    assert download.is_disabled()
    assert page.locator("#cs-cluster-why").inner_text() == "Download disabled: fix 1 error in cluster.yaml first."
    assert page.get_by_role("button", name="Download clusterstack.yaml").is_enabled()
    link = page.get_by_role("link", name=re.compile(r"spec\.topology\.variables\[network_mtu\]\.value: " + re.escape(message)))
    page.get_by_label("Cluster name", exact=True).focus()
    link.click()
    assert page.evaluate("document.activeElement.dataset.key") == "variables.network_mtu"
    page.get_by_label("network_mtu", exact=True).fill("1500")
    poll(page, "!document.querySelector('[data-download=cluster]').disabled")


def test_an_error_about_a_whole_variable_shows_at_that_variables_field(editor_page: Any, site_url: str) -> None:
    # Cluster API reports fields a variable's schema lacks at spec.topology.variables[name], not at its value.
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("issuer_url", exact=True).fill("https://id.example.org")
    text = wait_yaml(page, "cluster.yaml", r"^        issuer_url: https://id\.example\.org$")
    replace_yaml(page, "cluster.yaml", text.replace("        issuer_url: https://id.example.org\n", "        issuer_url: https://id.example.org\n        surprise: 1\n"))
    field = '[data-field="spec.topology.variables[oidc_config].value"] > .cs-field-error'
    page.wait_for_selector(f'{field} >> text="surprise" field(s) are not specified', timeout=15_000)


def test_a_warning_is_shown_apart_from_errors(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("Kubernetes version", exact=True).fill("v1.33.0")
    # Wait for this change's own problem (another minor is an error): a heading alone may be the default manifests'.
    page.wait_for_selector(".cs-errors >> text=do not run 1.33", timeout=15_000)
    headings = page.locator(".cs-problems h2").all_inner_texts()
    assert headings and all(re.fullmatch(r"(Errors|Warnings) \(\d+\)", h) for h in headings)


def test_both_downloads_validate_against_the_real_crds(editor_page: Any, site_url: str, tmp_path: Path) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("Cluster name", exact=True).fill("downloaded")
    wait_yaml(page, "cluster.yaml", r"^  name: downloaded$")
    for name in ("cluster.yaml", "clusterstack.yaml"):
        poll(page, f"!document.querySelector('[data-download={name.split('.')[0]}]').disabled")
        with page.expect_download() as info:
            page.get_by_role("button", name=f"Download {name}", exact=True).click()
        assert info.value.suggested_filename == name
        target = tmp_path / name
        info.value.save_as(target)
        documents = [d for d in yaml.safe_load_all(target.read_text(encoding="utf-8")) if d]
        assert documents
        for document in documents:
            assert validate_against_crd(document) == [], (name, document["kind"])
    assert "name: downloaded" in (tmp_path / "cluster.yaml").read_text(encoding="utf-8")


def test_copy_link_reproduces_the_form_in_a_new_page(context: Any, site_url: str) -> None:
    page = context.new_page()
    open_editor(page, site_url)
    page.get_by_label("Cluster name", exact=True).fill("shared")
    page.get_by_label("ssh_keypair", exact=True).fill("key-1")
    page.get_by_label("Versions", exact=True).fill("v1, v2")
    wait_yaml(page, "cluster.yaml", r"^      value: key-1$")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_selector(".cs-notice >> text=Copied the link.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{site_url}/editor/?stack={STACK}#s=")
    other = context.new_page()
    other.goto(link)
    wait_ready(other)
    assert other.get_by_label("Cluster name", exact=True).input_value() == "shared"
    assert other.get_by_label("ssh_keypair", exact=True).input_value() == "key-1"
    assert other.get_by_label("Cluster Stack", exact=True).input_value() == STACK
    wait_yaml(other, "cluster.yaml", r"^  name: shared$")
    assert wait_yaml(other, "clusterstack.yaml", r"^  - v2$") == wait_yaml(page, "clusterstack.yaml", r"^  - v2$")
    assert code(other, "cluster.yaml").inner_text() == code(page, "cluster.yaml").inner_text()
    other.reload()
    wait_ready(other)
    assert other.get_by_label("Cluster name", exact=True).input_value() == "shared"


def test_a_second_visit_works_offline_from_the_service_worker_cache(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.add_init_script(SERVICE_WORKER_ANSWERS)
    open_editor(page, site_url)
    poll(page, "navigator.serviceWorker.controller !== null", timeout=30)
    # The page hands what it loaded to the worker, which adds the editor's assets: wait for its answer
    # that all of it is kept (one look into the caches while it fills them could come too early).
    kept = wait_until_kept_offline(page, f"{site_url}/editor/")
    assert kept["missing"] == [] and kept["kept"] > 10, kept
    context.set_offline(True)
    try:
        page.reload()
        wait_ready(page)
        page.get_by_label("Cluster name", exact=True).fill("offline")
        wait_yaml(page, "cluster.yaml", r"^  name: offline$")
        assert page.locator("header.md-header").is_visible()
    finally:
        context.set_offline(False)


def test_the_editor_never_requests_another_origin_and_violates_no_csp(context: Any, site_url: str) -> None:
    guard = OriginGuard(context, site_url)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    open_editor(page, site_url)
    page.get_by_label("Cluster name", exact=True).fill("guarded")
    wait_yaml(page, "cluster.yaml", r"^  name: guarded$")
    page.get_by_label("Cluster Stack", exact=True).select_option("docker-scs-1-32-v1")
    wait_yaml(page, "cluster.yaml", r"^    class: docker-scs-1-32-v1$")
    assert guard.foreign == []
    assert violations == []


def _alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        previous, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]")
    return "\n".join(lines) + "\n"


BAD_INPUT = [
    ("x: " + "y" * 80 + "\n") * 13_000,
    "spec:\n  topology:\n    variables: " + "[" * 500 + "]" * 500 + "\n",
    _alias_bomb(),
    'big: &s "' + "x" * 100_000 + '"\nvalues: [' + ", ".join(["*s"] * 4000) + "]\n",
    "\x00\x01\x02\x03\ufffd\ufffe garbage \x07\x08",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-a-cluster\ndata: {}\n",
]


@pytest.mark.parametrize(
    ("text", "message"),
    list(zip(BAD_INPUT, ["larger than 1024 KiB", "nested more than 64 levels deep", "more than 10000 nodes", "more than 1024 KiB of values", "YAML syntax error", "ConfigMap"])),
    ids=["refuses 1 MB of YAML", "refuses deeply nested YAML", "refuses an alias bomb", "refuses a 100 KB string aliased 4000 times", "refuses binary garbage", "refuses a manifest of another kind"],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_form(editor_page: Any, site_url: str, text: str, message: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("Cluster name", exact=True).fill("intact")
    wait_yaml(page, "cluster.yaml", r"^  name: intact$")
    replace_yaml(page, "cluster.yaml", text)
    page.wait_for_selector(f".cs-problems >> text={message}", timeout=30_000)
    assert page.get_by_label("Cluster name", exact=True).input_value() == "intact"
    assert page.get_by_role("button", name="Download cluster.yaml").is_disabled()
    assert page.evaluate("document.querySelector('#cs-editor').dataset.generatorState") == "ready"
    assert restarts(page) == 0  # answered by the worker, not by its replacement after a timeout
    # The tab still answers and the form still generates.
    page.get_by_label("Namespace", exact=True).fill("still-works")
    wait_yaml(page, "cluster.yaml", r"^  namespace: still-works$")


def generator_worker(page: Any) -> Any:
    """Return the editor's Web Worker (the theme runs a search worker beside it)."""
    return next(w for w in page.workers if "/assets/editor/worker-" in w.url)


def test_a_crashed_worker_shows_the_error_state_and_retry_brings_it_back(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    generator_worker(page).evaluate("setTimeout(() => { throw new Error('simulated crash'); }, 0)")
    page.wait_for_selector("#cs-editor[data-generator-state=error]", timeout=15_000)
    assert "The generator crashed" in page.locator(".cs-status").inner_text()
    assert page.get_by_label("Cluster name", exact=True).is_visible()
    page.get_by_role("button", name="Retry").click()
    wait_ready(page)
    page.get_by_label("Cluster name", exact=True).fill("after-retry")
    wait_yaml(page, "cluster.yaml", r"^  name: after-retry$")


def test_a_runaway_worker_is_restarted(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    generator_worker(page).evaluate("setTimeout(() => { for (;;) {} }, 0)")
    page.get_by_label("Cluster name", exact=True).fill("after-restart")
    # Wait for the restart's record, not for the "loading" state between the two workers: a warm restart
    # (from the memory snapshot) is loading for ~0.5 s, shorter than Playwright's 500 ms polling step.
    poll(page, f"{RESTARTS} === 1", timeout=30)
    wait_ready(page)
    assert "took too long" in page.locator(".cs-status").inner_text()
    wait_yaml(page, "cluster.yaml", r"^  name: after-restart$")
    assert restarts(page) == 1


def test_another_versions_page_never_shows_the_default_versions_manifests_as_its_own(context: Any, site_url: str) -> None:
    # Only the default version's data is in the page; hold back the fetch of the one asked for.
    data = re.compile(rf".*/data/{STACK}-[0-9a-f]{{12}}\.json$")
    held: list[Any] = []
    context.route(data, lambda route: held.append(route))
    page = context.new_page()
    page.goto(f"{site_url}/editor/?stack={STACK}", wait_until="commit")
    poll(page, "document.querySelector('#cs-editor') !== null && document.querySelector('[data-editor=cluster] pre') !== null")
    deadline = time.monotonic() + 15
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert held, "the page never asked for the version's data"
    shown = page.evaluate("[...document.querySelectorAll('[data-editor] pre')].map((pre) => pre.textContent)")
    assert shown == [f"# Loading the default manifests of {STACK}…\n"] * 2
    for route in held:
        route.continue_()
    context.unroute(data)
    wait_yaml(page, "cluster.yaml", rf"^    class: {STACK}$")


def test_the_page_is_useful_before_python_is_ready(context: Any, site_url: str) -> None:
    # Hold back the Python archive: the form and the default manifests must appear anyway.
    held: list[Any] = []
    context.route(re.compile(r".*/generator-[0-9a-f]{12}\.zip$"), lambda route: held.append(route))
    page = context.new_page()
    page.goto(f"{site_url}/editor/?stack={STACK}")
    page.wait_for_selector("#cs-editor[data-form-state=rendered]", timeout=15_000)
    # While the archive is held the generator cannot be ready: "loading" is a state that lasts, not a moment.
    deadline = time.monotonic() + 15
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert held, "the worker never asked for the Python archive"
    assert page.evaluate("document.querySelector('#cs-editor').dataset.generatorState") == "loading"
    assert page.get_by_label("ssh_keypair", exact=True).is_visible()
    assert "  name: my-cluster\n" in code(page, "cluster.yaml").inner_text()
    assert page.get_by_role("button", name="Download clusterstack.yaml").is_enabled()
    page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    context.unroute(re.compile(r".*/generator-[0-9a-f]{12}\.zip$"))
    wait_ready(page)


def test_the_state_survives_a_reload(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("controller_flavor", exact=True).fill("reloaded")
    wait_yaml(page, "cluster.yaml", r"^      value: reloaded$")
    page.reload()
    wait_ready(page)
    assert page.get_by_label("controller_flavor", exact=True).input_value() == "reloaded"
    assert json.loads(json.dumps(page.evaluate("location.search"))) == f"?stack={STACK}"


def test_a_cross_origin_isolated_page_gets_its_answers_through_shared_memory(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    assert page.evaluate("self.crossOriginIsolated") is True  # nginx sends COOP and COEP
    page.get_by_label("Cluster name", exact=True).fill("shared-answer")
    wait_yaml(page, "cluster.yaml", r"^  name: shared-answer$")
    assert editor_attribute(page, "answerChannel") == "shared"


def test_a_host_without_isolation_headers_gets_the_same_answers_by_message(context: Any, editor_site: Path) -> None:
    from tests.support.serve import serve_directory

    page = context.new_page()
    with serve_directory(editor_site) as plain_url:  # Python's static server: no COOP, COEP or CSP
        open_editor(page, plain_url)
        assert page.evaluate("self.crossOriginIsolated") is False
        page.get_by_label("Cluster name", exact=True).fill("by-message")
        wait_yaml(page, "cluster.yaml", r"^  name: by-message$")
        assert editor_attribute(page, "answerChannel") == "message"
    page.close()


SNAPSHOT_STORED = "caches.open('cs-python-snapshot').then((cache) => cache.keys()).then((keys) => keys.length === 1)"


def test_a_second_visit_restores_python_from_the_snapshot_the_first_one_stored(context: Any, site_url: str) -> None:
    first = context.new_page()
    open_editor(first, site_url)
    assert editor_attribute(first, "pythonBoot") == "cold"
    poll(first, SNAPSHOT_STORED, timeout=30)
    first.close()
    second = context.new_page()
    open_editor(second, site_url)
    assert editor_attribute(second, "pythonBoot") == "snapshot"
    # The restored heap generates, validates and parses exactly like a cold one.
    second.get_by_label("Cluster name", exact=True).fill("restored")
    text = wait_yaml(second, "cluster.yaml", r"^  name: restored$")
    assert "    class: openstack-scs-1-32-v2\n" in text
    second.get_by_label("Cluster name", exact=True).fill("Not_A_Name")
    poll(second, "document.querySelector('.cs-problems').textContent.includes('metadata.name')")
    replace_yaml(second, "cluster.yaml", text.replace("name: restored", "name: from-yaml"))
    assert poll(second, "(() => { const f = [...document.querySelectorAll('label')].find(l => l.textContent === 'Cluster name'); return f && f.control.value === 'from-yaml'; })()")


def test_a_damaged_snapshot_falls_back_to_a_cold_boot(context: Any, site_url: str) -> None:
    first = context.new_page()
    open_editor(first, site_url)
    poll(first, SNAPSHOT_STORED, timeout=30)
    # Overwrite the stored heap with garbage under the same key.
    first.evaluate(
        "caches.open('cs-python-snapshot').then(async (cache) => { const [key] = await cache.keys();"
        " await cache.put(key, new Response(new Uint8Array(4096).fill(7))); })"
    )
    first.close()
    second = context.new_page()
    open_editor(second, site_url)
    assert editor_attribute(second, "pythonBoot") == "cold"
    second.get_by_label("Cluster name", exact=True).fill("after-damage")
    wait_yaml(second, "cluster.yaml", r"^  name: after-damage$")


# --- one namespace, honest imports, parked values, unreleased versions, copy, broken links (issue 14) ---------


def share_fragment(class_name: str, cluster: dict[str, Any], clusterstack: dict[str, Any]) -> str:
    """Return the URL fragment the editor writes for a state (base64url of the JSON {v, c, s}, see url-state.js)."""
    data = json.dumps({"v": class_name, "c": cluster, "s": clusterstack}).encode("utf-8")
    return "#s=" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def test_the_clusterstack_follows_the_clusters_namespace_and_a_namespace_apart_is_an_error(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("Namespace", exact=True).fill("tenant-a")
    wait_yaml(page, "cluster.yaml", r"^  namespace: tenant-a$")
    text = wait_yaml(page, "clusterstack.yaml", r"^  namespace: tenant-a\n(.|\n)*^  namespace: tenant-a$")
    assert "namespace: default" not in text  # the ClusterStack and its release template
    assert page.get_by_label("ClusterStack namespace", exact=True).input_value() == "tenant-a"
    page.get_by_label("ClusterStack namespace", exact=True).fill("stacks")
    message = 'Invalid value: "tenant-a": the ClusterStack is in namespace "stacks", where the Cluster Stack Operator creates ClusterClass openstack-scs-1-32-v2; a Cluster looks for its ClusterClass in its own namespace, so this Cluster will not find it'
    page.wait_for_selector(f".cs-field-error >> text={message}", timeout=15_000)
    assert page.get_by_label("Namespace", exact=True).get_attribute("aria-invalid") == "true"
    assert page.get_by_role("button", name="Download cluster.yaml").is_disabled()
    # Set apart, the ClusterStack no longer follows; the same namespace for both clears the error.
    page.get_by_label("Namespace", exact=True).fill("stacks")
    wait_yaml(page, "cluster.yaml", r"^  namespace: stacks$")
    poll(page, "!document.querySelector('[data-download=cluster]').disabled")
    assert page.get_by_label("ClusterStack namespace", exact=True).input_value() == "stacks"


def test_copy_is_disabled_with_its_reason_until_the_text_is_the_states(context: Any, site_url: str) -> None:
    cluster = manifests.default_cluster_form(NEWEST).to_dict()
    cluster["name"] = "from-the-link"
    fragment = share_fragment(STACK, cluster, manifests.default_clusterstack_form(NEWEST).to_dict())
    # A slow line: the Python archive is held back, so the generator stays loading.
    archive = re.compile(r".*/generator-[0-9a-f]{12}\.zip$")
    held: list[Any] = []
    context.route(archive, lambda route: held.append(route))
    page = context.new_page()
    page.goto(f"{site_url}/editor/?stack={STACK}{fragment}")
    page.wait_for_selector("#cs-editor[data-form-state=rendered]", timeout=15_000)
    assert editor_attribute(page, "generatorState") == "loading"
    assert page.get_by_label("Cluster name", exact=True).input_value() == "from-the-link"
    copy_button = page.get_by_role("button", name="Copy cluster.yaml", exact=True)
    assert copy_button.is_disabled()
    assert page.locator("#cs-cluster-why").inner_text() == "Download and copy available once the generator has caught up with your changes."
    for route in held:
        route.continue_()
    context.unroute(archive)
    wait_ready(page)
    wait_yaml(page, "cluster.yaml", r"^  name: from-the-link$")
    poll(page, "!document.querySelector('[data-copy=cluster]').disabled")
    copy_button.click()
    page.wait_for_selector(".cs-notice >> text=Copied cluster.yaml.")
    assert "\n  name: from-the-link\n" in page.evaluate("navigator.clipboard.readText()")


def test_a_pasted_cluster_of_another_known_version_switches_the_picker_and_is_imported(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url, query="")
    assert page.get_by_label("Cluster Stack", exact=True).input_value() == "docker-scs-1-32-v1"
    form = manifests.default_cluster_form(OLDER)
    form.name = "pasted-older"
    form.variables = {"node_cidr": "10.9.0.0/20"}
    replace_yaml(page, "cluster.yaml", manifests.generate_cluster(OLDER, form).text)
    page.wait_for_selector(".cs-notice >> text=Imported cluster.yaml.", timeout=30_000)
    assert page.locator(".cs-notice").inner_text() == "Switched to openstack-scs-1-31-v1; all values carried over. Imported cluster.yaml."
    assert page.get_by_label("Cluster Stack", exact=True).input_value() == "openstack-scs-1-31-v1"
    assert page.get_by_label("Cluster name", exact=True).input_value() == "pasted-older"
    assert page.get_by_label("node_cidr", exact=True).input_value() == "10.9.0.0/20"
    wait_yaml(page, "clusterstack.yaml", r"^  kubernetesVersion: '1\.31'$")
    assert page.locator(".cs-problems").inner_text() == ""
    poll(page, "!document.querySelector('[data-download=cluster]').disabled")


def test_a_paste_with_a_bad_value_imports_every_other_field_and_says_what_it_did_not_take(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("network_mtu", exact=True).fill("1500")
    wait_yaml(page, "cluster.yaml", r"^      value: 1500$")
    form = manifests.default_cluster_form(NEWEST)
    form.name = "partly"
    form.variables = {"network_mtu": "fifty", "ssh_keypair": "pasted"}
    text = manifests.generate_cluster(NEWEST, form).text
    line = text.splitlines().index("      value: fifty") + 1
    replace_yaml(page, "cluster.yaml", text)
    page.wait_for_selector(".cs-notice >> text=Imported cluster.yaml except", timeout=30_000)
    assert page.locator(".cs-notice").inner_text() == (
        "Imported cluster.yaml except 1 field, marked at its line and not taken (the form keeps its values there): "
        f"spec.topology.variables[network_mtu].value (line {line})."
    )
    assert page.get_by_label("Cluster name", exact=True).input_value() == "partly"
    assert page.get_by_label("ssh_keypair", exact=True).input_value() == "pasted"
    assert page.get_by_label("network_mtu", exact=True).input_value() == "1500"
    message = 'Invalid value: "\\"fifty\\"": must be of type integer: "string"'  # the value's JSON text, as Cluster API prints it
    assert page.get_by_role("link", name=f"cluster.yaml:{line}: spec.topology.variables[network_mtu].value: {message}").is_visible()
    assert page.locator(".cs-field-error", has_text=message).count() == 1
    assert page.locator("[data-editor=cluster] .cm-lint-marker-error").count() == 1
    assert code(page, "cluster.yaml").inner_text().strip() == text.strip()  # the pane keeps what was pasted
    assert page.get_by_role("button", name="Copy cluster.yaml", exact=True).is_disabled()
    # The next change shows the form's manifest: the values taken, and the one kept.
    page.get_by_label("controller_flavor", exact=True).fill("next")
    generated = wait_yaml(page, "cluster.yaml", r"^      value: next$")
    assert "  name: partly\n" in generated and "      value: 1500\n" in generated and "      value: pasted\n" in generated


def test_values_a_version_lacks_come_back_when_a_version_that_has_them_is_chosen(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("network_mtu", exact=True).fill("1500")
    wait_yaml(page, "cluster.yaml", r"^      value: 1500$")
    picker = page.get_by_label("Cluster Stack", exact=True)
    picker.select_option("openstack-scs-1-31-v1")
    text = wait_yaml(page, "cluster.yaml", r"^    class: openstack-scs-1-31-v1$")
    assert "network_mtu" not in text
    assert page.locator(".cs-notice").inner_text() == (
        "Switched to openstack-scs-1-31-v1. Not carried over, parked until you choose a version that has them: variable network_mtu (not defined by openstack-scs-1-31-v1)."
    )
    picker.select_option(STACK)
    text = wait_yaml(page, "cluster.yaml", rf"^    class: {STACK}$")
    assert "    - name: network_mtu\n      value: 1500\n" in text
    assert page.get_by_label("network_mtu", exact=True).input_value() == "1500"
    assert page.locator(".cs-notice").inner_text() == f"Switched to {STACK}. Restored from before: variable network_mtu."


def test_an_unreleased_version_is_listed_last_and_marked_while_selected(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    options = page.locator("#cs-stack optgroup[label='openstack / scs'] option").all_inner_texts()
    assert options[-1] == "openstack-scs-1-32-v3 (Kubernetes 1.32.5) – unreleased"
    note = page.get_by_role("note")
    assert note.is_hidden()
    page.get_by_label("Cluster Stack", exact=True).select_option("openstack-scs-1-32-v3")
    wait_yaml(page, "cluster.yaml", r"^    class: openstack-scs-1-32-v3$")
    assert note.inner_text().startswith("openstack-scs-1-32-v3 is not released: it is the working state of its Cluster Stack and may still change")
    poll(page, "!document.querySelector('[data-download=cluster]').disabled && !document.querySelector('[data-download=clusterstack]').disabled")
    page.get_by_label("Cluster Stack", exact=True).select_option(STACK)
    wait_yaml(page, "cluster.yaml", rf"^    class: {STACK}$")
    assert note.is_hidden()


def test_a_link_opened_in_the_same_tab_shows_its_state_and_survives_a_reload(editor_page: Any, site_url: str) -> None:
    """Only the fragment changes, so the page is not loaded again: it must follow the link itself."""
    page = editor_page
    open_editor(page, site_url)
    page.get_by_label("Cluster name", exact=True).fill("typed-here")
    wait_yaml(page, "cluster.yaml", r"^  name: typed-here$")
    linked = manifests.default_cluster_form(NEWEST).to_dict() | {"name": "linked"}
    page.goto(f"{site_url}/editor/?stack={STACK}" + share_fragment(STACK, linked, manifests.default_clusterstack_form(NEWEST).to_dict()))
    wait_yaml(page, "cluster.yaml", r"^  name: linked$")
    assert page.get_by_label("Cluster name", exact=True).input_value() == "linked"
    # The reload's pagehide writes the page's state: the link's, not the one typed before it.
    page.reload()
    wait_ready(page)
    wait_yaml(page, "cluster.yaml", r"^  name: linked$")
    # A link to another version (history moving between two links changes only the fragment too).
    older = manifests.default_cluster_form(OLDER).to_dict() | {"name": "older-link"}
    page.evaluate("hash => { location.hash = hash; }", share_fragment(OLDER.class_name, older, manifests.default_clusterstack_form(OLDER).to_dict()))
    wait_yaml(page, "cluster.yaml", r"^  name: older-link$")
    assert page.get_by_label("Cluster Stack", exact=True).input_value() == OLDER.class_name
    assert wait_yaml(page, "cluster.yaml", rf"^    class: {OLDER.class_name}$")
    # A damaged one, or one to a version this site does not have, leaves the form as it is, and says so.
    page.evaluate("() => { location.hash = 's=eyJ2Ijoib3Blbn'; }")
    page.wait_for_selector(".cs-notice >> text=The link in the address bar could not be read")
    assert page.get_by_label("Cluster name", exact=True).input_value() == "older-link"
    page.evaluate("hash => { location.hash = hash; }", share_fragment("openstack-scs-9-99-v1", linked, manifests.default_clusterstack_form(NEWEST).to_dict()))
    page.wait_for_selector(".cs-notice >> text=The link in the address bar names an unknown Cluster Stack, openstack-scs-9-99-v1, so the form is unchanged.")
    assert page.get_by_label("Cluster name", exact=True).input_value() == "older-link"
    assert page.get_by_label("Cluster Stack", exact=True).input_value() == OLDER.class_name


def test_a_broken_share_link_says_so_and_stays_in_the_address_until_a_change(editor_page: Any, site_url: str) -> None:
    page = editor_page
    whole = share_fragment(STACK, manifests.default_cluster_form(NEWEST).to_dict(), manifests.default_clusterstack_form(NEWEST).to_dict())
    cut = whole[: len(whole) // 2]  # a link cut short in a mail
    open_editor(page, site_url, fragment=cut)
    wait_yaml(page, "cluster.yaml", r"^  name: my-cluster$")
    assert page.locator(".cs-notice").inner_text() == (
        "This link could not be read (it may have been cut short), so the form shows the defaults. The address is kept until you change something."
    )
    assert page.evaluate("location.hash") == cut
    page.get_by_label("Cluster name", exact=True).fill("changed")
    wait_yaml(page, "cluster.yaml", r"^  name: changed$")
    poll(page, "(cut) => location.hash !== cut", cut)
