"""CIDR notation: one parser for the Cluster's network blocks and the ``cidr`` schema format."""

from __future__ import annotations

import ipaddress

import pytest

from generator.cidr import parse_cidr
from generator.manifests import names
from generator.openapi.formats import check_format

CASES = [
    ("reads an IPv4 block", "10.96.0.0/12", "10.96.0.0/12"),
    ("reads an IPv6 block", "fd00::/108", "fd00::/108"),
    ("allows host bits, as net.ParseCIDR does", "10.0.0.1/8", "10.0.0.0/8"),
    ("rejects a prefix length with a leading zero", "10.0.0.0/08", None),
    ("rejects an IPv4 octet with a leading zero", "010.0.0.0/8", None),
    ("rejects a prefix length over the family's", "10.0.0.0/33", None),
    ("rejects an IPv6 zone", "fe80::1%eth0/64", None),
    ("rejects a missing prefix length", "10.0.0.0", None),
    ("rejects an empty prefix length", "10.0.0.0/", None),
    ("rejects a signed prefix length", "10.0.0.0/+8", None),
    ("rejects what is not text", 10, None),
]


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in CASES], ids=[n for n, _, _ in CASES])
def test_parse_cidr(text, want):
    assert parse_cidr(text) == (ipaddress.ip_network(want) if want else None)


@pytest.mark.parametrize(("text", "want"), [(t, w) for _, t, w in CASES if isinstance(t, str)], ids=[n for n, t, _ in CASES if isinstance(t, str)])
def test_the_cluster_network_and_the_schema_format_agree(text, want):
    assert check_format("cidr", text) is (want is not None)
    accepted = not any(d.severity == "error" for d in names.check_cidr_blocks("p", [text]))
    assert accepted is (want is not None)
