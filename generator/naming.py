"""Names csctl gives a Cluster Stack version in stable mode, its ``vN`` stack versions, and the order versions sort in.

This is the one place these rules are written: the stack loader names what it
builds, ``StackVersion`` names itself, the ClusterStack takes the release name,
and the pages, the editor and the parser sort by :func:`version_order`.
"""

from __future__ import annotations

import re

from generator.kubeversion import kubernetes_minor, minor_sort_key

_VERSION = re.compile(r"^v([1-9][0-9]*)$")


def release_name(provider: str, stack: str, kubernetes_version: str) -> str:
    """Return the Helm release name csctl uses: ``<provider>-<name>-<major>-<minor>`` (also the ClusterStack's name)."""
    return f"{provider}-{stack}-{kubernetes_minor(kubernetes_version).replace('.', '-')}"


def chart_name(provider: str, stack: str, kubernetes_version: str, part: str) -> str:
    """Return the chart name of ``part`` ("cluster-class" or "cluster-addon") for one Kubernetes version."""
    return f"{release_name(provider, stack, kubernetes_version)}-{part}"


def class_name(provider: str, stack: str, kubernetes_version: str, version: str) -> str:
    """Return the ClusterClass name of a stack version, e.g. ``openstack-scs-1-32-v1``."""
    return f"{release_name(provider, stack, kubernetes_version)}-{version}"


def version_number(version: str) -> int:
    """Return N of a stack version ``vN``; raise ValueError for anything else."""
    match = _VERSION.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a stack version like v1")
    return int(match.group(1))


def next_version(latest: str | None) -> str:
    """Return the version after ``latest`` (``v1`` when nothing was released yet)."""
    return "v1" if latest is None else f"v{version_number(latest) + 1}"


def version_order(kubernetes_version: str, version: str) -> tuple[tuple[int, ...], int, str]:
    """Return the sort key of a stack version: Kubernetes minor, then N of ``vN``.

    A version that is not ``vN`` (only untrusted JSON holds one) sorts before every ``vN`` of its minor,
    then by its text, so the order stays total and deterministic.
    """
    match = _VERSION.match(version)
    return minor_sort_key(kubernetes_minor(kubernetes_version)), int(match.group(1)) if match else -1, version
