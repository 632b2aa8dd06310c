"""CIDR notation, parsed once for every caller: the Cluster's network blocks and the ``cidr`` schema format.

The rule is Go's ``netip.ParsePrefix`` with host bits allowed (what
``net.ParseCIDR`` gives Kubernetes): an IPv4 or IPv6 address without a zone,
"/", and a decimal prefix length without leading zeros that fits the family.
"""

from __future__ import annotations

import functools
import ipaddress

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_cidr(block: object) -> Network | None:
    """Return the network a CIDR string names (host bits allowed, e.g. ``10.0.0.1/8``), or None when it is not one."""
    if not isinstance(block, str) or "/" not in block:
        return None
    return _parse(block)


@functools.lru_cache(maxsize=256)
def _parse(block: str) -> Network | None:
    # Cached: the editor checks the same few blocks on every keystroke, and networks are immutable.
    address, _, prefix = block.partition("/")
    if not (prefix.isascii() and prefix.isdigit()) or (len(prefix) > 1 and prefix[0] == "0"):
        return None
    try:
        host = ipaddress.ip_address(address)  # rejects IPv4 octets with leading zeros, as Go does
        return ipaddress.ip_network(f"{host}/{prefix}", strict=False) if "%" not in address else None
    except ValueError:
        return None
