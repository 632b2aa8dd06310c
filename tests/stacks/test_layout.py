"""Reading a stack folder: the upstream layout, aliases, and every kind of bad input."""

from __future__ import annotations

import pytest

from generator.errors import Problem
from generator.stacks.catalog import read_sources
from generator.stacks.files import read_stacks
from generator.stacks.layout import parse_stack
from tests.stacks.support import STACKS_DIR, tiny_stack

BASE = "stacks/docker/tiny"


def _parse(**overrides):
    return parse_stack("docker/tiny", tiny_stack(**overrides), BASE)


def test_reads_the_tiny_stack():
    source, problems = _parse()
    assert problems == []
    assert (source.provider, source.name, source.kubernetes_version) == ("docker", "tiny", "1.32.8")
    assert [(e.kubernetes, e.pins) for e in source.entries] == [
        ("1.32.8", {"cilium": "1.17.8"}),
        ("1.33.4", {"cilium": "1.18.2"}),
    ]
    assert [c.folder for c in source.addons] == ["cluster-addon/cni"]
    assert [(s.hook, [(x.name, x.action) for x in s.steps]) for s in source.addon_stages] == [
        ("AfterControlPlaneInitialized", [("cni", "apply")])
    ]
    assert source.readme == "# tiny\n"


def test_reads_every_shipped_stack_without_problems():
    sources, problems = read_sources(read_stacks(STACKS_DIR), "stacks")
    assert problems == []
    assert [(s.path, [e.kubernetes for e in s.entries]) for s, _ in sources] == [
        ("docker/scs", ["1.32.8", "1.33.4", "1.34.0"]),
        ("docker/scs2", ["1.33.4", "1.34.0"]),
        ("kubevirt/scs", ["1.32.9", "1.33.5", "1.34.1"]),
        ("openstack/scs", ["1.32.9", "1.33.5", "1.34.1"]),
    ]


def test_openstack_pins_every_addon_per_kubernetes_version():
    sources, _ = read_sources(read_stacks(STACKS_DIR), "stacks")
    openstack = next(s for s, _ in sources if s.path == "openstack/scs")
    assert {e.minor: sorted(e.pins) for e in openstack.entries} == {
        minor: ["cilium", "metrics-server", "openstack-cinder-csi", "openstack-cloud-controller-manager"]
        for minor in ("1.32", "1.33", "1.34")
    }


def test_without_versions_yaml_the_csctl_version_is_the_only_one():
    source, problems = _parse(**{"versions.yaml": None})
    assert problems == []
    assert [(e.kubernetes, e.pins) for e in source.entries] == [("1.32.8", {})]


UPSTREAM_CCM = (
    "apiVersion: v2\nname: x\nversion: v1\ndependencies:\n"
    "- alias: openstack-cloud-controller-manager\n  name: openstack-cloud-controller-manager\n"
    "  repository: https://kubernetes.github.io/cloud-provider-openstack\n  version: 2.32.0\n"
)


def test_upstream_keys_map_to_dependencies_through_the_default_aliases():
    source, problems = _parse(
        **{
            "cluster-addon__ccm__Chart.yaml": UPSTREAM_CCM,
            "versions.yaml": "- kubernetes: 1.32.8\n  occm: 2.32.1\n  cilium: 1.17.8\n",
        }
    )
    assert problems == []
    assert source.entries[0].pins == {"openstack-cloud-controller-manager": "2.32.1", "cilium": "1.17.8"}


def test_a_stack_can_declare_its_own_aliases():
    source, problems = _parse(
        **{
            "aliases.yaml": "# versions.yaml key: dependency\ncni: cilium\n",
            "versions.yaml": "- kubernetes: 1.32.8\n  cni: 1.17.9\n",
        }
    )
    assert problems == []
    assert source.entries[0].pins == {"cilium": "1.17.9"}


def test_a_single_addon_chart_is_supported():
    source, problems = _parse(
        **{
            "cluster-addon__cni__Chart.yaml": None,
            "cluster-addon__cni__values.yaml": None,
            "cluster-addon__Chart.yaml": "apiVersion: v2\nname: x\nversion: v1\ndependencies:\n- name: cilium\n  version: 1.17.8\n",
        }
    )
    assert problems == []
    assert [c.folder for c in source.addons] == ["cluster-addon"]


@pytest.mark.parametrize(
    ("overrides", "want"),
    [
        (
            {"cluster-class__Chart.yaml": None},
            [Problem(f"{BASE}/cluster-class/Chart.yaml", None, "missing: every chart needs a Chart.yaml")],
        ),
        (
            {"cluster-addon__cni__Chart.yaml": None},
            [Problem(f"{BASE}/cluster-addon/cni/Chart.yaml", None, "missing: every chart needs a Chart.yaml")],
        ),
        (
            {"versions.yaml": "- kubernetes: 1.32.8\n  cilium: [1.17.8\n"},
            [Problem(f"{BASE}/versions.yaml", 3, "invalid YAML: while parsing a flow sequence, expected ',' or ']', but got '<stream end>'")],
        ),
        (
            {"cluster-class__values.yaml": "nodeImage: a\n  bad: indent\n"},
            [Problem(f"{BASE}/cluster-class/values.yaml", 2, "invalid YAML: mapping values are not allowed here")],
        ),
        (
            {"versions.yaml": "- kubernetes: 1.32\n  cilium: 1.17.8\n"},
            [Problem(f"{BASE}/versions.yaml", 1, "kubernetes: '1.32' is not a Kubernetes version like 1.32.5")],
        ),
        (
            {"versions.yaml": "- kubernetes: 1.32.8\n  cilium: latest\n"},
            [Problem(f"{BASE}/versions.yaml", 2, "cilium: 'latest' is not a version like 1.2.3")],
        ),
        (
            {"versions.yaml": "- kubernetes: 1.32.8\n  calico: 3.29.0\n"},
            [
                Problem(
                    f"{BASE}/versions.yaml",
                    2,
                    "calico: no chart in cluster-addon/ declares a dependency 'calico' (declared: cilium)",
                )
            ],
        ),
        (
            {"versions.yaml": "- kubernetes: 1.32.8\n- kubernetes: 1.33.4\n- kubernetes: 1.32.9\n"},
            [Problem(f"{BASE}/versions.yaml", 3, "kubernetes: 1.32.9 is a second entry for Kubernetes 1.32 (first at line 1)")],
        ),
        (
            {"csctl.yaml": "config:\n  kubernetesVersion: latest\n"},
            [Problem(f"{BASE}/csctl.yaml", 2, "config.kubernetesVersion: 'latest' is not a Kubernetes version like v1.32.5")],
        ),
        (
            {"clusteraddon.yaml": "addonStages:\n  AfterControlPlaneInitialized:\n    - name: ccm\n      action: apply\n"},
            [Problem(f"{BASE}/clusteraddon.yaml", 3, "addonStages.AfterControlPlaneInitialized[0]: no addon chart cluster-addon/ccm/")],
        ),
    ],
    ids=[
        "reports a missing cluster-class Chart.yaml",
        "reports a missing addon Chart.yaml",
        "reports a YAML syntax error in versions.yaml at its line",
        "reports a YAML syntax error in a values.yaml at its line",
        "reports a Kubernetes version without patch number",
        "reports a malformed component version",
        "reports a pin for a dependency no chart declares",
        "reports two entries for the same Kubernetes minor",
        "reports a malformed csctl.yaml kubernetesVersion",
        "reports an addon stage naming a missing addon chart",
    ],
)
def test_bad_input_is_reported_at_its_line(overrides, want):
    source, problems = _parse(**overrides)
    assert source is None
    assert problems == want


def test_a_second_entry_for_a_minor_still_has_its_pins_checked():
    _, problems = _parse(**{"versions.yaml": "- kubernetes: 1.32.8\n- kubernetes: 1.32.9\n  calico: 3.29.0\n"})
    assert [str(p) for p in problems] == [
        f"{BASE}/versions.yaml:2: kubernetes: 1.32.9 is a second entry for Kubernetes 1.32 (first at line 1)",
        f"{BASE}/versions.yaml:3: calico: no chart in cluster-addon/ declares a dependency 'calico' (declared: cilium)",
    ]


def test_reports_every_problem_of_every_stack_in_one_run():
    folders = {
        "docker/tiny": tiny_stack(**{"cluster-class__Chart.yaml": None}),
        "docker/other": tiny_stack(
            **{
                "csctl.yaml": "config:\n  clusterStackName: other\n  kubernetesVersion: v1.32.8\n",
                "versions.yaml": "- kubernetes: 1.32\n- kubernetes: 1.33.4\n  calico: 3.29.0\n",
            }
        ),
    }
    _, problems = read_sources(folders, "stacks")
    assert [str(p) for p in sorted(problems)] == [
        "stacks/docker/other/versions.yaml:1: kubernetes: '1.32' is not a Kubernetes version like 1.32.5",
        "stacks/docker/other/versions.yaml:3: calico: no chart in cluster-addon/ declares a dependency 'calico' (declared: cilium)",
        "stacks/docker/tiny/cluster-class/Chart.yaml: missing: every chart needs a Chart.yaml",
    ]
