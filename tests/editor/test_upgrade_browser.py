"""Explain and upgrade a pasted cluster.yaml in the editor of the real build (the shipped stacks' real history), in Chromium behind nginx."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator import manifests
from generator.explain import explain_cluster
from generator.model import StackVersion
from generator.stacks import load_stacks
from generator.upgrade import migrate_cluster, migrate_clusterstack
from tests.editor.stackdata import NEWEST, OLDER
from tests.support.browser import OriginGuard
from tests.editor.test_editor_browser import code, open_editor, poll, replace_yaml, wait_yaml
from tests.support.crds import validate_against_crd

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

SOURCE = "openstack-scs-1-32-v1"
TARGET = "openstack-scs-1-32-v3"  # the newest 1.32 version (the unreleased working state)


@pytest.fixture(scope="module")
def real_versions(repo_root: Path) -> dict[str, StackVersion]:
    """Every shipped version, as the build loads them."""
    return {v.class_name: v for stack in load_stacks(repo_root / "stacks") for v in stack.versions}


@pytest.fixture(scope="module")
def built_url(built_site: Path) -> Iterator[str]:
    """Serve the real build (editor and compare page) with the project's nginx."""
    from tests.support.nginx import run_nginx

    with run_nginx(built_site) as url:
        yield url


def pasted_cluster(versions: dict[str, StackVersion]) -> str:
    """Return an openstack-scs-1-32-v1 cluster.yaml with one variable set, as someone else wrote it."""
    form = manifests.default_cluster_form(versions[SOURCE])
    form.name = "running"
    form.variables = {"worker_flavor": "SCS-4V-8"}
    return manifests.generate_cluster(versions[SOURCE], form).text


def paste_and_wait_for_explanation(page: Any, url: str, text: str) -> Any:
    """Open the editor, paste the cluster.yaml and return the explanation panel once it explains that version."""
    open_editor(page, url, query="")
    replace_yaml(page, "cluster.yaml", text)
    page.wait_for_selector(".cs-notice >> text=Imported cluster.yaml.", timeout=30_000)
    panel = page.get_by_role("region", name="About this cluster.yaml")
    panel.get_by_text(f"It uses {SOURCE}.", exact=True).wait_for(timeout=15_000)
    return panel


@pytest.mark.slow
def test_a_pasted_cluster_is_explained_with_links_to_the_comparison_of_each_newer_version(editor_page: Any, built_url: str, real_versions: dict[str, StackVersion]) -> None:
    page = editor_page
    text = pasted_cluster(real_versions)
    panel = paste_and_wait_for_explanation(page, built_url, text)
    assert page.get_by_label("Cluster Stack", exact=True).input_value() == SOURCE
    assert panel.locator(".cs-state-set li").all_inner_texts() == ['worker_flavor = "SCS-4V-8"']
    expected = explain_cluster(text, real_versions, real_versions)
    defaulted = [v for v in expected.variables if v.state == "defaulted"]
    assert panel.get_by_text(f"Not set: Cluster API fills in the default ({len(defaulted)})", exact=True).is_visible()
    links = panel.locator(".cs-explain-newer a")
    assert links.all_inner_texts() == [f"Compare {SOURCE} with {name}" for name in expected.newer]
    assert expected.newer[:2] == ["openstack-scs-1-32-v2", TARGET]  # the real history: later 1.32 versions first, then later minors
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert [parse_qs(urlsplit(href).query) for href in hrefs] == [{"from": [SOURCE], "to": [name]} for name in expected.newer]
    assert all(urlsplit(href).path == "/compare/" for href in hrefs)
    # A link opens the comparison of exactly those two versions.
    links.nth(1).click()
    page.wait_for_selector("#cs-compare[data-compare-state=ready]", timeout=15_000)
    assert page.get_by_label("From", exact=True).input_value() == SOURCE
    assert page.get_by_label("To", exact=True).input_value() == TARGET
    assert "network_mtu" in page.locator(".cs-compare-result").inner_text()  # the variable 1.32-v3 adds


@pytest.mark.slow
def test_upgrade_across_a_minor_says_which_machines_are_replaced_as_the_cli_plan_does(editor_page: Any, built_url: str, real_versions: dict[str, StackVersion], repo_root: Path) -> None:
    from generator.rollout import plan_upgrade
    from generator.stacks.files import read_stacks
    from generator.topology.stack import source_versions

    page = editor_page
    running, target = "openstack-scs-1-32-v3", "openstack-scs-1-33-v2"  # both with their templates in stacks/
    form = manifests.default_cluster_form(real_versions[running])
    form.variables = {"worker_flavor": "SCS-4V-8"}
    text = manifests.generate_cluster(real_versions[running], form).text
    open_editor(page, built_url, query="")
    replace_yaml(page, "cluster.yaml", text)
    panel = page.get_by_role("region", name="About this cluster.yaml")
    panel.get_by_text(f"It uses {running} (unreleased).", exact=True).wait_for(timeout=30_000)
    panel.get_by_label("Upgrade to…", exact=True).select_option(target)
    panel.get_by_role("button", name="Upgrade", exact=True).click()
    page.wait_for_selector(f".cs-notice >> text=Upgraded to {target}.", timeout=30_000)
    sources, _ = source_versions(read_stacks(repo_root / "stacks"), "stacks")
    after = migrate_cluster(text, real_versions, target).text
    plan, problems = plan_upgrade(yaml.safe_load(text), sources[running].objects, yaml.safe_load(after), sources[target].objects)
    assert problems == [] and plan.replaces_machines
    assert panel.locator(".cs-plan-verdict").inner_text() == f"Machines are replaced: {len(plan.objects)} objects of the cluster change."
    assert panel.locator(".cs-plan-rollouts li").all_inner_texts() == [str(r) for r in plan.rollouts]
    assert "control plane: machines are replaced (rollout): Kubernetes v1.32.9 → v1.33.5" in page.locator(".cs-notice").inner_text()


@pytest.mark.slow
def test_upgrade_to_the_newest_version_of_the_minor_keeps_the_value_switches_the_editor_and_says_what_it_did(editor_page: Any, built_url: str, real_versions: dict[str, StackVersion]) -> None:
    page = editor_page
    text = pasted_cluster(real_versions)
    panel = paste_and_wait_for_explanation(page, built_url, text)
    stack_text = code(page, "clusterstack.yaml").inner_text()
    # By keyboard: the choice, Tab to the button (its focus is visible), Enter.
    choice = panel.get_by_label("Upgrade to…", exact=True)
    choice.select_option(TARGET)
    choice.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Upgrade"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    page.wait_for_selector(f".cs-notice >> text=Upgraded to {TARGET}.", timeout=30_000)
    assert page.locator(".cs-notice").get_attribute("aria-live") == "polite"
    assert page.evaluate("document.activeElement.id") == "cs-upgrade-notes-title"  # keyboard users land on what it did
    notice = page.locator(".cs-notice").inner_text()
    assert "Kept: worker_flavor." in notice and "New, optional: network_mtu." in notice
    assert page.get_by_label("Cluster Stack", exact=True).input_value() == TARGET
    assert page.get_by_label("worker_flavor", exact=True).input_value() == "SCS-4V-8"
    # The editor shows what `python -m generator upgrade` prints for the same file.
    migration = migrate_cluster(text, real_versions, TARGET)
    shown = wait_yaml(page, "cluster.yaml", rf"^    class: {TARGET}$")
    assert yaml.safe_load(shown) == yaml.safe_load(migration.text)
    assert validate_against_crd(yaml.safe_load(shown)) == []
    # The ClusterStack keeps the running version for the clusters that use it and adds the target's.
    shown_stack = wait_yaml(page, "clusterstack.yaml", r"^  - v3$")
    assert list(yaml.safe_load_all(shown_stack)) == list(yaml.safe_load_all(migrate_clusterstack(stack_text, real_versions, TARGET).text))
    assert re.search(r"^  versions:\n  - v1\n  - v3$", shown_stack, re.M)
    notes = panel.locator(".cs-upgrade-notes")
    assert notes.get_by_role("heading", name=f"What the upgrade from {SOURCE} to {TARGET} did").is_visible()
    assert notes.locator("li").all_inner_texts() == [
        "Kept: worker_flavor",
        f"Version: class {SOURCE} → {TARGET}, Kubernetes v1.32.9 → v1.32.9",
        f"New: network_mtu new in {TARGET}, without a default",
        "clusterstack.yaml: spec.versions v1 → v1, v3: the running version stays for the clusters that use it",
    ]
    # openstack-scs-1-32-v1 is a release whose source moved on: no templates, so no rollout plan, and the panel says why.
    assert notes.locator(".cs-plan-missing").inner_text().startswith(f"Not known here: the templates of {SOURCE} are not on this site")
    # The explanation follows the cluster.yaml to its new version.
    panel.get_by_text(f"It uses {TARGET} (unreleased).", exact=True).wait_for(timeout=15_000)
    assert "openstack-scs-1-32-v2" not in panel.locator(".cs-explain-newer").inner_text()
    poll(page, "!document.querySelector('[data-download=cluster]').disabled")


def test_upgrade_applies_the_renames_the_stack_declares_and_across_a_minor_shows_the_second_clusterstack(context: Any, site_url: str) -> None:
    # The hand-built openstack stack declares node_cidr → ssh_keypair with one value mapped (tests/editor/conftest.py).
    guard = OriginGuard(context, site_url)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    open_editor(page, site_url, query="")
    form = manifests.default_cluster_form(OLDER)
    form.name = "renamed"
    form.variables = {"node_cidr": "10.9.0.0/20", "controller_flavor": "big"}
    replace_yaml(page, "cluster.yaml", manifests.generate_cluster(OLDER, form).text)
    panel = page.get_by_role("region", name="About this cluster.yaml")
    panel.get_by_text(f"It uses {OLDER.class_name}.", exact=True).wait_for(timeout=30_000)
    panel.get_by_text("Not set: Cluster API fills in the default", exact=False).click()  # opened: it stays open below
    panel.get_by_label("Upgrade to…", exact=True).select_option(NEWEST.class_name)
    panel.get_by_role("button", name="Upgrade", exact=True).click()
    page.wait_for_selector(f".cs-notice >> text=Upgraded to {NEWEST.class_name}.", timeout=30_000)
    notice = page.locator(".cs-notice").inner_text()
    assert 'Renamed: node_cidr: renamed to ssh_keypair (value "10.9.0.0/20" → "mapped-key"), as the stack declares.' in notice
    assert "Kept: controller_flavor." in notice
    assert page.get_by_label("ssh_keypair", exact=True).input_value() == "mapped-key"
    assert page.get_by_label("controller_flavor", exact=True).input_value() == "big"
    wait_yaml(page, "cluster.yaml", r"^      value: mapped-key$")
    # Another Kubernetes minor: the editor shows the ClusterStack that installs the target, the note says the first one stays.
    wait_yaml(page, "clusterstack.yaml", r"^  kubernetesVersion: '1\.32'$")
    notes = panel.locator(".cs-upgrade-notes li").all_inner_texts()
    assert f"clusterstack.yaml: {NEWEST.class_name} is another stack or Kubernetes minor than {OLDER.class_name}: a second ClusterStack installs it; the first stays for the clusters that use it" in notes
    assert "Renamed: node_cidr renamed to ssh_keypair (value \"10.9.0.0/20\" → \"mapped-key\"), as the stack declares" in notes
    # The explanation follows the upgraded form; the list the user opened stays open.
    panel.get_by_text(f"It uses {NEWEST.class_name}.", exact=True).wait_for(timeout=15_000)
    assert panel.locator('details[data-state="defaulted"]').get_attribute("open") == ""
    assert panel.locator(".cs-state-set li").all_inner_texts() == ['controller_flavor = "big"', 'ssh_keypair = "mapped-key"']
    assert guard.foreign == [] and violations == []  # the panel loads nothing and breaks no rule of the strict CSP


def test_a_cluster_of_a_class_no_version_provides_is_explained_without_an_upgrade_and_bad_text_keeps_it(editor_page: Any, site_url: str) -> None:
    page = editor_page
    open_editor(page, site_url)
    form = manifests.default_cluster_form(NEWEST)
    form.variables = {"network_mtu": 1500}
    text = manifests.generate_cluster(NEWEST, form).text.replace(f"class: {NEWEST.class_name}", "class: elsewhere-scs-1-30-v4")
    replace_yaml(page, "cluster.yaml", text)
    panel = page.get_by_role("region", name="About this cluster.yaml")
    panel.get_by_text("It names the ClusterClass elsewhere-scs-1-30-v4, which no version on this site provides.", exact=True).wait_for(timeout=30_000)
    assert panel.locator(".cs-explain-variables li").all_inner_texts() == ["network_mtu = 1500"]
    assert not panel.get_by_label("Upgrade to…", exact=True).is_visible()
    # Text that cannot be read leaves the last explanation in place (the problem list says what is wrong).
    answered = int(page.locator(".cs-explain").get_attribute("data-answered"))
    replace_yaml(page, "cluster.yaml", "kind: Cluster\nmetadata: [\n")
    page.wait_for_selector(".cs-notice >> text=Nothing imported from cluster.yaml", timeout=30_000)
    poll(page, "n => Number(document.querySelector('.cs-explain').dataset.answered) > n", answered)
    assert panel.get_by_text("It names the ClusterClass elsewhere-scs-1-30-v4", exact=False).is_visible()
