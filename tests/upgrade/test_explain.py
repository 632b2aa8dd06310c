"""generator.explain: a pasted cluster.yaml says its version, the state of each variable and what is newer."""

from __future__ import annotations

from generator.explain import DEFAULTED, SET, UNKNOWN, UNSET, explain_cluster
from generator.manifests import default_cluster_form, generate_cluster
from tests.pages.samples import DISK, FLAVOR, openstack_history, stack_version, variable


def test_each_variable_is_set_defaulted_unset_or_unknown() -> None:
    key = variable("ssh_key", {"type": "string"})
    version = stack_version(version="v1", variables=[FLAVOR, DISK, key])
    form = default_cluster_form(version)
    form.variables["controller_root_disk"] = 80
    text = generate_cluster(version, form).text.replace("    variables:\n", "    variables:\n    - name: legacy_flag\n      value: true\n")
    explanation = explain_cluster(text, {version.class_name: version})
    assert explanation.known and explanation.class_name == version.class_name
    assert [(v.name, v.state, v.value) for v in explanation.variables] == [
        ("controller_flavor", SET, "SCS-2V-4"),
        ("controller_root_disk", SET, 80),
        ("ssh_key", UNSET, None),
        ("legacy_flag", UNKNOWN, True),
    ]


def test_a_variable_left_out_is_defaulted() -> None:
    version = stack_version(version="v1", variables=[DISK])
    text = generate_cluster(version, default_cluster_form(version)).text
    assert [(v.name, v.state, v.value) for v in explain_cluster(text, {version.class_name: version}).variables] == [("controller_root_disk", DEFAULTED, 50)]


def test_newer_versions_of_the_same_stack_are_listed_oldest_first() -> None:
    v1, v2, v3 = openstack_history()
    later_minor = stack_version(kubernetes="1.33.1", version="v1")
    other = stack_version(provider="docker", kubernetes="1.34.0", version="v1")
    versions = {v.class_name: v for v in (v3, later_minor, v1, other, v2)}
    text = generate_cluster(v1, default_cluster_form(v1)).text
    assert explain_cluster(text, versions).newer == ["openstack-scs-1-32-v2", "openstack-scs-1-32-v3", "openstack-scs-1-33-v1"]
    assert explain_cluster(generate_cluster(later_minor, default_cluster_form(later_minor)).text, versions).newer == []


def test_an_unknown_class_or_broken_text_is_explained_without_a_traceback() -> None:
    v1 = openstack_history()[0]
    text = generate_cluster(v1, default_cluster_form(v1)).text
    unknown = explain_cluster(text, {})
    assert not unknown.known and unknown.class_name == v1.class_name and unknown.diagnostics
    broken = explain_cluster("kind: [", {})
    assert broken.class_name is None and broken.diagnostics
    assert broken.to_dict()["variables"] == []
