"""``python -m generator cluster``: the YAML on success, one ``field: message`` line per problem otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.manifests.versions import ALL

REPO_ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def versions_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the hand-made stack versions as the JSON file ``--stacks`` accepts."""
    path = tmp_path_factory.mktemp("stacks") / "versions.json"
    path.write_text(json.dumps([v.to_dict() for v in ALL]), encoding="utf-8")
    return path


def generator(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator ARGS`` as a user would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)


def test_prints_the_cluster(versions_file: Path) -> None:
    result = generator("cluster", "openstack-scs-1-32-v2", "--name", "prod", "--namespace", "tenant", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: prod\n  namespace: tenant\n")


def test_set_values_are_read_as_yaml_scalars(versions_file: Path, tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("worker_flavor: SCS-8V-16\nworker_root_disk: 30\n", encoding="utf-8")
    result = generator(
        "cluster", "openstack-scs-1-32-v2", "--stacks", str(versions_file), "-f", str(values),
        "--set", "worker_root_disk=60", "--set", "oidc_config={issuer_url: https://id.example}",
    )
    assert result.returncode == 0, result.stderr
    assert "- name: worker_flavor\n      value: SCS-8V-16\n" in result.stdout
    assert "- name: worker_root_disk\n      value: 60\n" in result.stdout
    assert "- name: oidc_config\n      value:\n        issuer_url: https://id.example\n" in result.stdout


def test_all_defaults_writes_every_default(versions_file: Path) -> None:
    result = generator("cluster", "openstack-scs-1-32-v2", "--all-defaults", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert "- name: worker_root_disk\n      value: 50\n" in result.stdout


def test_even_control_plane_count_warns_without_failing(versions_file: Path) -> None:
    result = generator("cluster", "openstack-scs-1-32-v2", "--control-plane-replicas", "2", "--stacks", str(versions_file))
    assert result.returncode == 0
    assert result.stderr == "warning: spec.topology.controlPlane.replicas: 2 control plane replicas: an odd number is recommended, etcd needs a majority to keep quorum\n"


ERRORS = [
    (
        "reports an invalid name and a variable out of bounds, one line each",
        ["openstack-scs-1-32-v2", "--name", "Prod", "--set", "worker_root_disk=10"],
        [
            "metadata.name: Invalid value: \"Prod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            'spec.topology.variables[worker_root_disk].value: Invalid value: "10": should be greater than or equal to 20',
        ],
    ),
    ("reports a variable the ClusterClass does not define", ["openstack-scs-1-32-v2", "--set", "gpu=true"], ['spec.topology.variables[gpu]: Invalid value: "true": variable is not defined']),
    ("reports an unknown class with the known ones", ["openstack-scs-1-99-v1"], ["openstack-scs-1-99-v1: unknown ClusterClass; known: docker-scs-1-31-v1, kubevirt-scs-1-33-v1, openstack-scs-1-32-v2, openstack-scs-1-32-v3"]),
    ("reports a --set without a value", ["openstack-scs-1-32-v2", "--set", "worker_flavor"], ['--set: expected NAME=VALUE, got "worker_flavor"']),
    ("reports a --set value that is not YAML", ["openstack-scs-1-32-v2", "--set", "worker_flavor=[a"], ["--set: worker_flavor: the value is not valid YAML: while parsing a flow sequence"]),
    ("refuses a --set value that aliases a string into megabytes", ["openstack-scs-1-32-v2", "--set", "worker_flavor=[" + "&s " + "x" * 100_000 + ", " + ", ".join(["*s"] * 20) + "]"], ["--set: worker_flavor: the YAML expands to more than 1024 KiB of values (through aliases); this is not a manifest"]),
    ("reports an invalid namespace", ["openstack-scs-1-32-v2", "--namespace", "a_b"], ['metadata.namespace: Invalid value: "a_b": a lowercase RFC 1123 label']),
    ("reports a --set value that is a YAML set", ["openstack-scs-1-32-v2", "--set", "worker_flavor=!!set {a: null}"], ["--set: worker_flavor: a set (!!set) cannot be written to a manifest; use a list"]),
    ("reports a --set value that is binary", ["openstack-scs-1-32-v2", "--set", "worker_flavor=[!!binary AGFi]"], ["--set: worker_flavor: binary data (!!binary) cannot be written to a manifest"]),
    ("reports a --set value that contains itself", ["openstack-scs-1-32-v2", "--set", "worker_flavor=&a [*a]"], ["--set: worker_flavor: an alias refers to the node that contains it (a recursive YAML anchor)"]),
]


@pytest.mark.parametrize(("args", "lines"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_errors_exit_1_with_one_line_each(versions_file: Path, args: list[str], lines: list[str]) -> None:
    result = generator("cluster", *args, "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stdout == ""
    got = result.stderr.splitlines()
    assert len(got) == len(lines), result.stderr
    for want, line in zip(lines, got):
        assert line.startswith(want), f"want {want!r}\ngot  {line!r}"


def test_values_file_errors_name_file_and_line(versions_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "values.yaml"
    bad.write_text("a: 1\nb: [\n", encoding="utf-8")
    result = generator("cluster", "openstack-scs-1-32-v2", "-f", str(bad), "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:3: not valid YAML")
    bad.write_text("- 1\n- 2\n", encoding="utf-8")
    result = generator("cluster", "openstack-scs-1-32-v2", "-f", str(bad), "--stacks", str(versions_file))
    assert result.stderr == f"{bad}:1: expected a map of variable names to values, or a list of {{name, value}}\n"


def test_missing_stacks_folder_is_reported(tmp_path: Path) -> None:
    result = generator("cluster", "x", "--stacks", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'nope'}: no such stacks folder (use --stacks PATH)\n"


def test_a_values_file_that_aliases_a_string_into_megabytes_is_refused(versions_file: Path, tmp_path: Path) -> None:
    from tests.manifests.test_parsing import amplified_string

    bad = tmp_path / "values.yaml"
    bad.write_text(amplified_string(300), encoding="utf-8")
    result = generator("cluster", "openstack-scs-1-32-v2", "-f", str(bad), "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stderr == f"{bad}:2: the YAML expands to more than 1024 KiB of values (through aliases); this is not a manifest\n"
