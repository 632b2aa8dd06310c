"""Names csctl gives in stable mode: release, chart and ClusterClass names, ``vN`` versions."""

from __future__ import annotations

import re

_VERSION = re.compile(r"^v([1-9][0-9]*)$")


def kubernetes_minor(kubernetes_version: str) -> str:
    """Return ``major.minor`` of a Kubernetes version (``v1.32.5`` -> ``1.32``)."""
    major, minor = kubernetes_version.lstrip("v").split(".")[:2]
    return f"{major}.{minor}"


def minor_sort_key(minor: str) -> tuple[int, ...]:
    """Return a key that sorts Kubernetes minors numerically (1.9 before 1.10)."""
    return tuple(int(part) for part in minor.split("."))


def release_name(provider: str, stack: str, kubernetes_version: str) -> str:
    """Return the Helm release name csctl uses: ``<provider>-<name>-<major>-<minor>``."""
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
