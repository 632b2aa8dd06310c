"""Every layout of the upstream cluster-stacks repository is detected per stack and read; nothing is silently nothing."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.stacks import load_stacks
from generator.stacks.catalog import read_sources
from generator.stacks.detect import PER_MINOR, PER_MINOR_STACK_YAML, SINGLE_SOURCE, detect_layout
from generator.stacks.files import read_stacks
from tests.commands.stacks_support import run_generator
from tests.stacks.layouts_support import keyed_by_chart, per_minor, per_minor_stack_yaml, single_source, write_files
from tests.stacks.support import requires_engine

LAYOUTS = {
    "single source": (single_source, SINGLE_SOURCE, ["1.32.8", "1.33.4"]),
    "keyed by chart (PR #255)": (keyed_by_chart, SINGLE_SOURCE, ["1.32.8", "1.33.4"]),
    "per-minor folders": (per_minor, PER_MINOR, ["1.28.7", "1.29.3"]),
    "per-minor stack.yaml (PR #259)": (per_minor_stack_yaml, PER_MINOR_STACK_YAML, ["1.34.6", "1.35.3"]),
}


def _sources(tmp_path, files):
    write_files(tmp_path / "stacks/docker/tiny", files)
    return read_sources(read_stacks(tmp_path / "stacks"), "stacks")


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_is_detected_and_read(tmp_path, name):
    make, layout, kubernetes = LAYOUTS[name]
    sources, problems = _sources(tmp_path, make())
    assert problems == []
    assert [s.layout for s, _ in sources] == [layout] * len(sources)
    assert [e.kubernetes for s, _ in sources for e in s.entries] == kubernetes
    assert {s.path for s, _ in sources} == {"docker/tiny"}


@requires_engine
@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_renders_one_stack_with_a_version_per_minor(tmp_path, name):
    make, _, kubernetes = LAYOUTS[name]
    write_files(tmp_path / "stacks/docker/tiny", make())
    (stack,) = load_stacks(tmp_path / "stacks")
    assert [v.kubernetes_version for v in stack.versions] == kubernetes
    for version in stack.versions:
        assert version.cluster_class["metadata"]["name"] == version.class_name
        assert version.variables[0]["schema"]["openAPIV3Schema"]["default"] == f"kindest/node:v{version.kubernetes_version}"


def test_detection_is_per_stack(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", single_source())
    write_files(tmp_path / "stacks/docker/old", {k: v.replace("tiny", "old") for k, v in per_minor().items()})
    sources, problems = read_sources(read_stacks(tmp_path / "stacks"), "stacks")
    assert problems == []
    assert sorted({(s.path, s.layout) for s, _ in sources}) == [("docker/old", PER_MINOR), ("docker/tiny", SINGLE_SOURCE)]


def test_the_pr_255_variant_reads_the_node_image_key_and_the_after_upgrade_stage(tmp_path):
    (source, _), = _sources(tmp_path, keyed_by_chart())[0]
    assert [e.node_image for e in source.entries] == [{"ubuntu": "2204"}, {"ubuntu": "2404"}]
    assert [e.pins for e in source.entries] == [{"cilium": "1.17.8"}, {"cilium": "1.18.2"}]
    assert [s.hook for s in source.addon_stages] == ["AfterControlPlaneInitialized", "BeforeClusterUpgrade", "AfterClusterUpgrade"]
    assert source.warnings == ()


@requires_engine
def test_the_node_image_key_is_a_component_of_each_version(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", keyed_by_chart())
    (stack,) = load_stacks(tmp_path / "stacks")
    assert [[(c.name, c.version) for c in v.components if c.kind == "node-image"] for v in stack.versions] == [
        [("ubuntu", "2204")],
        [("ubuntu", "2404")],
    ]


def test_a_per_minor_stack_yaml_with_only_the_minor_takes_the_patch_its_files_name(tmp_path):
    sources, _ = _sources(tmp_path, per_minor_stack_yaml())
    newest = sources[-1][0]
    assert (newest.base, newest.kubernetes_version) == ("stacks/docker/tiny/1-35", "1.35.3")


def test_an_addon_outside_its_stack_yaml_range_is_a_warning(tmp_path):
    files = per_minor_stack_yaml()
    files["1-34/stack.yaml"] = files["1-34/stack.yaml"].replace("cni: 1.x", "cni: 1.17.x")
    sources, problems = _sources(tmp_path, files)
    assert problems == []
    assert [str(w) for s, _ in sources for w in s.warnings] == ["stacks/docker/tiny/1-34/stack.yaml:5: addons.cni: cilium 1.18.2 is outside 1.17.x"]


def test_unknown_keys_are_warnings_with_their_line_not_refusals(tmp_path):
    files = single_source()
    files["csctl.yaml"] = files["csctl.yaml"] + "  imageBuilder: packer\nfuture: true\n"
    files["versions.yaml"] = "- kubernetes: 1.32.8\n  cilium: 1.17.8\n  flavour: large\n"
    files["clusteraddon.yaml"] = files["clusteraddon.yaml"] + "parallel: true\n"
    sources, problems = _sources(tmp_path, files)
    assert problems == []
    assert [str(w) for s, _ in sources for w in s.warnings] == [
        "stacks/docker/tiny/csctl.yaml:8: config.imageBuilder: unknown key, ignored",
        "stacks/docker/tiny/csctl.yaml:9: future: unknown key, ignored",
        "stacks/docker/tiny/versions.yaml:3: flavour: unknown key, ignored (no chart declares it and 'large' is not a chart version)",
        "stacks/docker/tiny/clusteraddon.yaml:10: parallel: unknown key, ignored",
    ]


def test_warnings_are_printed_and_the_command_succeeds(tmp_path):
    files = per_minor_stack_yaml()
    files["1-34/stack.yaml"] += "imageManager: true\n"
    write_files(tmp_path / "stacks/docker/tiny", files)
    result = run_generator("list", "--stacks", "stacks", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "warning: stacks/docker/tiny/1-34/stack.yaml:6: imageManager: unknown key, ignored\n"
    assert "docker-tiny-1-35-v1" in result.stdout


def test_a_folder_with_no_recognised_stack_exits_1_naming_the_layouts(tmp_path):
    write_files(tmp_path / "stacks/docker/tiny", {"notes.md": "nothing here\n", "versions.yaml": "- kubernetes: 1.32.8\n"})
    result = run_generator("list", "--stacks", "stacks", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("stacks: no Cluster Stack found; understood layouts: single source (")
    for shape in ("1-XX/ with csctl.yaml (or metadata.yaml)", "1-XX/stack.yaml"):
        assert shape in result.stderr


def test_an_empty_stacks_folder_is_refused_by_the_loader(tmp_path):
    (tmp_path / "stacks").mkdir()
    with pytest.raises(InputError, match="no Cluster Stack found"):
        load_stacks(tmp_path / "stacks")


def test_a_malformed_stack_yaml_is_reported_at_its_line(tmp_path):
    files = per_minor_stack_yaml()
    files["1-34/stack.yaml"] = "provider: docker\nclusterStackName: tiny\nkubernetesVersion: 1.33.2\n"
    _, problems = _sources(tmp_path, files)
    assert [str(p) for p in problems] == ["stacks/docker/tiny/1-34/stack.yaml:3: kubernetesVersion: '1.33.2' is not Kubernetes 1.34, the folder's minor"]


def test_detect_layout_says_none_for_what_is_no_stack():
    assert detect_layout({"README.md": "x"}) is None
    assert detect_layout({"1-28/README.md": "x"}) is None


def test_a_stack_name_that_differs_from_the_folder_is_a_warning(tmp_path):
    # Upstream's openstack/scs/1-27 once carried a csctl.yaml copied from another stack; its tag follows the folder.
    files = per_minor()
    files["1-29/csctl.yaml"] = files["1-29/csctl.yaml"].replace("clusterStackName: tiny", "clusterStackName: wooctavia")
    sources, problems = _sources(tmp_path, files)
    assert problems == []
    assert [s.name for s, _ in sources] == ["tiny", "tiny"]
    assert [str(w) for s, _ in sources for w in s.warnings] == [
        "stacks/docker/tiny/1-29/csctl.yaml:3: config.clusterStackName: 'wooctavia' differs from the folder 'tiny'; the folder's is used"
    ]


def test_a_stale_metadata_yaml_gives_way_to_the_patch_its_files_name(tmp_path):
    files = per_minor()
    files["1-28/metadata.yaml"] = files["1-28/metadata.yaml"].replace("v1.28.7", "v1.27.3")
    sources, problems = _sources(tmp_path, files)
    assert problems == []
    assert sources[0][0].kubernetes_version == "1.28.7"
    assert [str(w) for w in sources[0][0].warnings] == [
        "stacks/docker/tiny/1-28/metadata.yaml:4: kubernetesVersion: 'v1.27.3' is not Kubernetes 1.28, the folder's minor; using 1.28.7, which its files name"
    ]
