"""Version pages say per variable what it changes and show the default topology (shipped stacks, real templates)."""

from __future__ import annotations

import functools

from generator.stacks import load_stacks
from sitebuild.pagemodel import version_pages
from sitebuild.pages import render
from sitebuild.topology import version_topologies
from tests.topology.stacks_support import STACKS, working_class_names


@functools.lru_cache(maxsize=None)
def _pages() -> dict[str, str]:
    stacks = load_stacks(STACKS)
    pages = version_pages(stacks, with_manifests=False, topologies=version_topologies(STACKS, stacks))
    return {p.version.class_name: render("version.md.j2", page=p, v=p.version) for p in pages}


def test_a_variable_lists_the_fields_its_patches_change() -> None:
    text = _pages()[next(n for n in working_class_names() if n.startswith("openstack-"))]
    section = text.split("### node\\_cidr", 1)[1].split("### ", 1)[0]
    assert "- <code>OpenStackCluster spec.managedSubnets</code>: replace by patch <code>node_network</code>, from a value template (infrastructure cluster)" in section
    assert "- <code>OpenStackCluster spec.apiServerLoadBalancer</code>: replace by patch <code>apiserver_loadbalancer</code>, from a value template (infrastructure cluster)" in section


def test_a_variable_read_only_by_addon_values_says_so() -> None:
    text = _pages()[next(n for n in working_class_names() if n.startswith("kubevirt-"))]
    section = text.split("### csi\\_driver", 1)[1].split("### ", 1)[0]
    assert "**What it changes:** no patch reads it; the values of the addon <code>kubevirt-csi-driver</code> do." in section


def test_the_default_topology_is_on_the_page_of_a_version_the_folder_holds() -> None:
    pages = _pages()
    text = pages[next(n for n in working_class_names() if n.startswith("openstack-"))]
    topology = text.split("## What Cluster API creates", 1)[1].split("## What changed", 1)[0]
    assert "- Cluster <code>my-cluster</code>" in topology
    assert "    - KubeadmControlPlane <code>my-cluster-" in topology
    assert "        - OpenStackMachineTemplate <code>my-cluster-" in topology
    assert "kind: OpenStackCluster" in topology


def test_an_old_release_says_its_topology_is_not_shown() -> None:
    released_only = set(_pages()) - set(working_class_names())
    assert released_only, "the shipped ledgers hold older releases"
    for class_name in released_only:
        assert "so its topology is not shown here" in _pages()[class_name]
