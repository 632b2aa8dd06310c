"""Which chart dependency a ``versions.yaml`` key pins.

A key pins the dependency whose ``name`` or ``alias`` (in any Chart.yaml under
``cluster-addon/``) equals it. Upstream stacks use short keys instead (``occm``,
``cinder_csi``); those are mapped explicitly: by :data:`DEFAULT_ALIASES`, and per stack by
an optional ``aliases.yaml`` next to ``versions.yaml``::

    # versions.yaml key: dependency name or alias
    occm: openstack-cloud-controller-manager

A stack's own mapping wins over the defaults.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# The keys the public SovereignCloudStack/cluster-stacks repository uses in its versions.yaml.
DEFAULT_ALIASES: dict[str, str] = {
    "occm": "openstack-cloud-controller-manager",
    "cinder_csi": "openstack-cinder-csi",
}


def merge_aliases(stack_aliases: Mapping[str, str] | None) -> dict[str, str]:
    """Return the defaults overridden by one stack's ``aliases.yaml``."""
    merged = dict(DEFAULT_ALIASES)
    merged.update(stack_aliases or {})
    return merged


def resolve_pin(key: str, dependency_names: Iterable[str], aliases: Mapping[str, str]) -> str | None:
    """Return the dependency name or alias ``key`` pins, or None when no chart declares it."""
    names = set(dependency_names)
    if key in names:
        return key
    target = aliases.get(key)
    if target is not None and target in names:
        return target
    return None
