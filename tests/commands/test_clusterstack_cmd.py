"""``python -m generator clusterstack``: the ClusterStack (and release template) or one line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.test_cluster_cmd import generator, versions_file  # noqa: F401  (the fixture is shared)


def test_prints_clusterstack_and_release_template(versions_file: Path) -> None:  # noqa: F811
    result = generator("clusterstack", "openstack-scs-1-32-v2", "--namespace", "tenant", "--auto-subscribe", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert "kind: ClusterStack\nmetadata:\n  name: openstack-scs-1-32\n  namespace: tenant\n" in result.stdout
    assert "  autoSubscribe: true\n" in result.stdout
    assert "---\napiVersion: infrastructure.clusterstack.x-k8s.io/v1alpha1\nkind: OpenStackClusterStackReleaseTemplate\n" in result.stdout


def test_docker_gets_no_provider(versions_file: Path) -> None:  # noqa: F811
    result = generator("clusterstack", "docker-scs-1-31-v1", "--stacks", str(versions_file))
    assert result.returncode == 0, result.stderr
    assert "  noProvider: true\n" in result.stdout and "---" not in result.stdout


ERRORS = [
    ("reports an unknown channel", ["--channel", "beta"], 'spec.channel: Unsupported value: "beta": supported values: "stable", "custom"'),
    ("reports an invalid namespace", ["--namespace", "Tenant"], 'metadata.namespace: Invalid value: "Tenant": a lowercase RFC 1123 label'),
    ("reports an invalid identity secret", ["--identity-secret", "Bad Name"], 'spec.template.spec.identityRef.name: Invalid value: "Bad Name": a lowercase RFC 1123 subdomain'),
]


@pytest.mark.parametrize(("args", "line"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_errors_exit_1(versions_file: Path, args: list[str], line: str) -> None:  # noqa: F811
    result = generator("clusterstack", "openstack-scs-1-32-v2", *args, "--stacks", str(versions_file))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line), result.stderr
