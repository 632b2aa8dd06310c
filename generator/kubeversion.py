"""Kubernetes version syntax, written once: semantic versions with Kubernetes' optional leading "v", and minors.

Cluster API parses ``spec.topology.version`` as a semantic version with a
leading "v"; ``csctl.yaml`` and ``versions.yaml`` name plain release versions
(``1.32.5``, "v" optional); chart versions are semantic versions; Helm's
``.Capabilities.KubeVersion`` splits one into major and minor. All of them read
the same grammar here and differ only in what they then require.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# semver 2.0.0: no leading zeros in major.minor.patch; pre-release after "-", build metadata after "+".
_SEMVER = re.compile(r"(v?)(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?")


@dataclass(frozen=True)
class Version:
    """A parsed semantic version; ``v_prefix`` says whether it was written with Kubernetes' leading "v"."""

    major: int
    minor: int
    patch: int
    prerelease: str = ""
    build: str = ""
    v_prefix: bool = False

    @property
    def core(self) -> tuple[int, int, int]:
        """Return (major, minor, patch)."""
        return self.major, self.minor, self.patch

    @property
    def is_release(self) -> bool:
        """Say whether this is a plain release (no pre-release, no build metadata), like ``1.32.5``."""
        return not self.prerelease and not self.build


def parse_version(text: object) -> Version | None:
    """Return the version ``text`` spells, or None when it is not a semantic version (with or without "v")."""
    match = _SEMVER.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    v, major, minor, patch, prerelease, build = match.groups()
    return Version(int(major), int(minor), int(patch), prerelease or "", build or "", v_prefix=bool(v))


def kubernetes_minor(kubernetes_version: str) -> str:
    """Return ``major.minor`` of a Kubernetes version (``v1.32.5`` -> ``1.32``)."""
    major, minor = kubernetes_version.lstrip("v").split(".")[:2]
    return f"{major}.{minor}"


def minor_sort_key(minor: str) -> tuple[int, ...]:
    """Return a key that sorts Kubernetes minors numerically (1.9 before 1.10); a part that is no number sorts first."""
    return tuple(int(part) if part.isdigit() else -1 for part in minor.split("."))
