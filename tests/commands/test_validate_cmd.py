"""``python -m generator validate``: each file checked against its stack version, problems as ``file:line: field: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.test_cluster_cmd import generator, versions_file  # noqa: F401  (the fixture is shared)


@pytest.fixture()
def manifests(versions_file: Path, tmp_path: Path) -> tuple[Path, Path]:  # noqa: F811
    """Write a generated cluster.yaml and clusterstack.yaml."""
    cluster = tmp_path / "cluster.yaml"
    stack = tmp_path / "clusterstack.yaml"
    cluster.write_text(generator("cluster", "openstack-scs-1-32-v2", "--stacks", str(versions_file)).stdout, encoding="utf-8")
    stack.write_text(generator("clusterstack", "openstack-scs-1-32-v2", "--stacks", str(versions_file)).stdout, encoding="utf-8")
    return cluster, stack


def test_generated_manifests_are_valid(versions_file: Path, manifests: tuple[Path, Path]) -> None:  # noqa: F811
    cluster, stack = manifests
    result = generator("validate", str(cluster), str(stack), "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{cluster}: valid\n{stack}: valid\n"


EDITS = [
    ("reports a variable out of bounds on its line", "cluster", ("value: SCS-2V-4-20s", "value: SCS-2V-4-20s\n    - name: worker_root_disk\n      value: 5"), ':29: spec.topology.variables[worker_root_disk].value: Invalid value: "5": should be greater than or equal to 20'),
    ("reports an unknown class on its line", "cluster", ("class: openstack-scs-1-32-v2", "class: nope"), ':16: spec.topology.class: Invalid value: "nope": no known Cluster Stack version provides this ClusterClass'),
    ("reports YAML syntax errors on their line", "cluster", ("kind: Cluster", "kind: [Cluster"), ":3: YAML syntax error: expected ',' or ']', but got ':' while parsing a flow sequence"),
    ("reports an unknown channel in a clusterstack.yaml", "clusterstack", ("channel: stable", "channel: beta"), ':10: spec.channel: Unsupported value: "beta"'),
]


@pytest.mark.parametrize(("which", "edit", "line"), [c[1:] for c in EDITS], ids=[c[0] for c in EDITS])
def test_problems_name_file_and_line(versions_file: Path, manifests: tuple[Path, Path], which: str, edit: tuple[str, str], line: str) -> None:  # noqa: F811
    path = manifests[0] if which == "cluster" else manifests[1]
    path.write_text(path.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    result = generator("validate", str(path), "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"{path}{line}"), result.stderr


def test_warnings_do_not_fail(versions_file: Path, manifests: tuple[Path, Path]) -> None:  # noqa: F811
    cluster = manifests[0]
    cluster.write_text(cluster.read_text(encoding="utf-8").replace("replicas: 3", "replicas: 2"), encoding="utf-8")
    result = generator("validate", str(cluster), "--stacks", str(versions_file))
    assert result.returncode == 0
    assert result.stderr == f"{cluster}:19: warning: spec.topology.controlPlane.replicas: 2 control plane replicas: an odd number is recommended, etcd needs a majority to keep quorum\n"


def test_unreadable_file_is_reported(versions_file: Path, tmp_path: Path) -> None:  # noqa: F811
    result = generator("validate", str(tmp_path / "missing.yaml"), "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'missing.yaml'}: cannot read: No such file or directory\n"


def test_a_cluster_outside_its_clusterstacks_namespace_is_reported_on_its_namespace_line(versions_file: Path, manifests: tuple[Path, Path]) -> None:  # noqa: F811
    cluster, stack = manifests
    cluster.write_text(cluster.read_text(encoding="utf-8").replace("namespace: default", "namespace: tenant-a", 1), encoding="utf-8")
    result = generator("validate", str(cluster), str(stack), "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stdout == f"{stack}: valid\n"
    assert result.stderr == (
        f'{cluster}:5: metadata.namespace: Invalid value: "tenant-a": the ClusterStack is in namespace "default", where the Cluster Stack Operator creates '
        "ClusterClass openstack-scs-1-32-v2; a Cluster looks for its ClusterClass in its own namespace, so this Cluster will not find it "
        "(put the Cluster and the ClusterStack in one namespace)\n"
    )


def test_one_namespace_given_to_both_commands_makes_a_valid_pair(versions_file: Path, tmp_path: Path) -> None:  # noqa: F811
    cluster, stack = tmp_path / "cluster.yaml", tmp_path / "clusterstack.yaml"
    cluster.write_text(generator("cluster", "openstack-scs-1-32-v2", "--namespace", "tenant-a", "--stacks", str(versions_file)).stdout, encoding="utf-8")
    stack.write_text(generator("clusterstack", "openstack-scs-1-32-v2", "--namespace", "tenant-a", "--stacks", str(versions_file)).stdout, encoding="utf-8")
    result = generator("validate", str(stack), str(cluster), "--stacks", str(versions_file))
    assert (result.returncode, result.stderr) == (0, "")


def test_a_cluster_alone_is_not_checked_against_a_clusterstack(versions_file: Path, manifests: tuple[Path, Path]) -> None:  # noqa: F811
    cluster = manifests[0]
    cluster.write_text(cluster.read_text(encoding="utf-8").replace("namespace: default", "namespace: tenant-a", 1), encoding="utf-8")
    result = generator("validate", str(cluster), "--stacks", str(versions_file))
    assert (result.returncode, result.stdout) == (0, f"{cluster}: valid\n")


def test_a_string_amplified_by_aliases_is_refused_on_its_line(versions_file: Path, tmp_path: Path) -> None:  # noqa: F811
    from tests.manifests.test_parsing import amplified_string

    path = tmp_path / "cluster.yaml"
    path.write_text(amplified_string(1000), encoding="utf-8")
    result = generator("validate", str(path), "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stderr == f"{path}:2: the YAML expands to more than 1024 KiB of values (through aliases); this is not a manifest\n"


def test_a_file_larger_than_a_manifest_is_not_read_to_its_end(versions_file: Path) -> None:  # noqa: F811
    # /dev/zero never ends: reading it whole would never return
    result = generator("validate", "/dev/zero", "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stderr == "/dev/zero:1: the text is larger than 1024 KiB; this is not a manifest\n"
