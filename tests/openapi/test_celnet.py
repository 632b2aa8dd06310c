"""Kubernetes' CEL IP and CIDR libraries, on Kubernetes' own test cases (``library/ip_test.go``, ``cidr_test.go``).

Each case is the Go test's expression and its expected result or runtime error, verbatim.
One difference is by design: ``isIP(cidr(...))`` is a compile error in cel-go (it type-checks
overloads); our evaluator has no type checker, so the same message comes at evaluation.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from generator.openapi.cel import CelError, evaluate
from generator.openapi.celenv import parse_version, undeclared_references
from generator.openapi.celnet import CIDR, IP


def _ip(text: str) -> IP:
    return IP(ipaddress.ip_address(text))


def _cidr(address: str, bits: int) -> CIDR:
    return CIDR(ipaddress.ip_address(address), bits)


IP_CASES: list[tuple[str, str, Any]] = [
    ("parse ipv4", 'ip("192.168.0.1")', _ip("192.168.0.1")),
    ("isIP valid ipv4", 'isIP("192.168.0.1")', True),
    ("isIP invalid ipv4", 'isIP("192.168.0.1.0")', False),
    ("ip.isCanonical valid ipv4", 'ip.isCanonical("127.0.0.1")', True),
    ("ipv4 family", 'ip("192.168.0.1").family()', 4),
    ("ipv4 isUnspecified true", 'ip("0.0.0.0").isUnspecified()', True),
    ("ipv4 isUnspecified false", 'ip("127.0.0.1").isUnspecified()', False),
    ("ipv4 isLoopback true", 'ip("127.0.0.1").isLoopback()', True),
    ("ipv4 isLoopback false", 'ip("1.2.3.4").isLoopback()', False),
    ("ipv4 isLinkLocalMulticast true", 'ip("224.0.0.1").isLinkLocalMulticast()', True),
    ("ipv4 isLinkLocalMulticast false", 'ip("224.0.1.1").isLinkLocalMulticast()', False),
    ("ipv4 isLinkLocalUnicast true", 'ip("169.254.169.254").isLinkLocalUnicast()', True),
    ("ipv4 isLinkLocalUnicast false", 'ip("192.168.0.1").isLinkLocalUnicast()', False),
    ("ipv4 isGlobalUnicast true", 'ip("192.168.0.1").isGlobalUnicast()', True),
    ("ipv4 isGlobalUnicast false", 'ip("255.255.255.255").isGlobalUnicast()', False),
    ("parse ipv6", 'ip("2001:db8::68")', _ip("2001:db8::68")),
    ("isIP valid ipv6", 'isIP("2001:db8::68")', True),
    ("isIP invalid ipv6", 'isIP("2001:db8:::68")', False),
    ("ip.isCanonical valid ipv6", 'ip.isCanonical("2001:db8::68")', True),
    ("ip.isCanonical non-canonical ipv6", 'ip.isCanonical("2001:DB8::68")', False),
    ("ipv6 family", 'ip("2001:db8::68").family()', 6),
    ("ipv6 isUnspecified true", 'ip("::").isUnspecified()', True),
    ("ipv6 isUnspecified false", 'ip("::1").isUnspecified()', False),
    ("ipv6 isLoopback true", 'ip("::1").isLoopback()', True),
    ("ipv6 isLoopback false", 'ip("2001:db8::abcd").isLoopback()', False),
    ("ipv6 isLinkLocalMulticast true", 'ip("ff02::1").isLinkLocalMulticast()', True),
    ("ipv6 isLinkLocalMulticast false", 'ip("fd00::1").isLinkLocalMulticast()', False),
    ("ipv6 isLinkLocalUnicast true", 'ip("fe80::1").isLinkLocalUnicast()', True),
    ("ipv6 isLinkLocalUnicast false", 'ip("fd80::1").isLinkLocalUnicast()', False),
    ("ipv6 isGlobalUnicast true", 'ip("2001:db8::abcd").isGlobalUnicast()', True),
    ("ipv6 isGlobalUnicast false", 'ip("ff00::1").isGlobalUnicast()', False),
    ("converting an IP address to a string", 'string(ip("192.168.0.1"))', "192.168.0.1"),
    ("type of IP is net.IP", 'type(ip("192.168.0.1")) == net.IP', True),
    # From the library's documentation examples.
    ("ip.isCanonical of an uncompressed ipv6", "ip.isCanonical('2001:db8::0:0:0:abcd')", False),
    ("compares addresses", "ip('::1') == ip('0:0::1')", True),
]

CIDR_CASES: list[tuple[str, str, Any]] = [
    ("parse ipv4", 'cidr("192.168.0.0/24")', _cidr("192.168.0.0", 24)),
    ("contains IP ipv4 (IP)", 'cidr("192.168.0.0/24").containsIP(ip("192.168.0.1"))', True),
    ("does not contain IP ipv4 (IP)", 'cidr("192.168.0.0/24").containsIP(ip("192.168.1.1"))', False),
    ("contains IP ipv4 (string)", 'cidr("192.168.0.0/24").containsIP("192.168.0.1")', True),
    ("does not contain IP ipv4 (string)", 'cidr("192.168.0.0/24").containsIP("192.168.1.1")', False),
    ("contains CIDR ipv4 (CIDR)", 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/25"))', True),
    ("contains CIDR ipv4 (CIDR) (/32)", 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.1/32"))', True),
    ("does not contain IP ipv4 (CIDR)", 'cidr("192.168.0.0/24").containsCIDR(cidr("192.168.0.0/23"))', False),
    ("does not contain IP ipv4 (CIDR) (/32)", 'cidr("192.168.0.0/24").containsCIDR(cidr("192.169.0.1/32"))', False),
    ("contains CIDR ipv4 (string)", 'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/25")', True),
    ("does not contain CIDR ipv4 (string)", 'cidr("192.168.0.0/24").containsCIDR("192.168.0.0/23")', False),
    ("returns IP ipv4", 'cidr("192.168.0.0/24").ip()', _ip("192.168.0.0")),
    ("masks masked ipv4", 'cidr("192.168.0.0/24").masked()', _cidr("192.168.0.0", 24)),
    ("masks unmasked ipv4", 'cidr("192.168.0.1/24").masked()', _cidr("192.168.0.0", 24)),
    ("returns prefix length ipv4", 'cidr("192.168.0.0/24").prefixLength()', 24),
    ("parse ipv6", 'cidr("2001:db8::/32")', _cidr("2001:db8::", 32)),
    ("contains IP ipv6 (IP)", 'cidr("2001:db8::/32").containsIP(ip("2001:db8::1"))', True),
    ("does not contain IP ipv6 (IP)", 'cidr("2001:db8::/32").containsIP(ip("2001:dc8::1"))', False),
    ("contains IP ipv6 (string)", 'cidr("2001:db8::/32").containsIP("2001:db8::1")', True),
    ("does not contain IP ipv6 (string)", 'cidr("2001:db8::/32").containsIP("2001:dc8::1")', False),
    ("contains CIDR ipv6 (CIDR)", 'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/33"))', True),
    ("does not contain IP ipv6 (CIDR)", 'cidr("2001:db8::/32").containsCIDR(cidr("2001:db8::/31"))', False),
    ("contains CIDR ipv6 (string)", 'cidr("2001:db8::/32").containsCIDR("2001:db8::/33")', True),
    ("does not contain CIDR ipv6 (string)", 'cidr("2001:db8::/32").containsCIDR("2001:db8::/31")', False),
    ("returns IP ipv6", 'cidr("2001:db8::/32").ip()', _ip("2001:db8::")),
    ("masks masked ipv6", 'cidr("2001:db8::/32").masked()', _cidr("2001:db8::", 32)),
    ("masks unmasked ipv6", 'cidr("2001:db8:1::/32").masked()', _cidr("2001:db8::", 32)),
    ("returns prefix length ipv6", 'cidr("2001:db8::/32").prefixLength()', 32),
    ("converting a CIDR to a string", 'string(cidr("192.168.0.0/24"))', "192.168.0.0/24"),
    ("type of CIDR is net.CIDR", 'type(cidr("192.168.0.0/24")) == net.CIDR', True),
    # From the library's documentation examples.
    ("a CIDR with host bits differs from its masked form", "cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", False),
    ("an IPv4 address is not in an IPv6 network", "cidr('::/0').containsIP('1.2.3.4')", False),
]

ERRORS: list[tuple[str, str, str]] = [
    (
        "ip: parse invalid ipv4",
        'ip("192.168.0.1.0")',
        'IP Address "192.168.0.1.0" parse error during conversion from string: ParseAddr("192.168.0.1.0"): IPv4 address too long',
    ),
    (
        "ip: ip.isCanonical invalid ipv4",
        'ip.isCanonical("127.0.0.1.0")',
        'IP Address "127.0.0.1.0" parse error during conversion from string: ParseAddr("127.0.0.1.0"): IPv4 address too long',
    ),
    (
        "ip: parse invalid ipv6",
        'ip("2001:db8:::68")',
        'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): '
        'each colon-separated field must have at least one digit (at ":68")',
    ),
    (
        "ip: ip.isCanonical invalid ipv6",
        'ip.isCanonical("2001:db8:::68")',
        'IP Address "2001:db8:::68" parse error during conversion from string: ParseAddr("2001:db8:::68"): '
        'each colon-separated field must have at least one digit (at ":68")',
    ),
    (
        "ip: passing cidr into isIP fails (a compile error in cel-go)",
        'isIP(cidr("192.168.0.0/24"))',
        "found no matching overload for 'isIP' applied to '(net.CIDR)'",
    ),
    (
        "cidr: parse invalid ipv4",
        'cidr("192.168.0.0/")',
        "network address parse error during conversion from string: network address parse error during conversion "
        'from string: netip.ParsePrefix("192.168.0.0/"): bad bits after slash: ""',
    ),
    (
        "cidr: parse invalid ipv6",
        'cidr("2001:db8::/")',
        "network address parse error during conversion from string: network address parse error during conversion "
        'from string: netip.ParsePrefix("2001:db8::/"): bad bits after slash: ""',
    ),
    # The library's own rules on top of netip (documented in ip.go and cidr.go).
    ("ip: refuses a zone", "ip('fe80::1%eth0')", 'IP address "fe80::1%eth0" with zone value is not allowed'),
    ("ip: refuses IPv4-mapped IPv6", "ip('::ffff:1.2.3.4')", 'IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed'),
    (
        "ip: refuses leading zeros in IPv4",
        "ip('127.0.0.01')",
        'IP Address "127.0.0.01" parse error during conversion from string: ParseAddr("127.0.0.01"): IPv4 field has octet with leading zero',
    ),
    (
        "cidr: refuses a prefix longer than the family",
        "cidr('192.168.0.0/33')",
        "network address parse error during conversion from string: network address parse error during conversion "
        'from string: netip.ParsePrefix("192.168.0.0/33"): prefix length out of range',
    ),
]


@pytest.mark.parametrize(("expression", "want"), [pytest.param(e, w, id=n) for n, e, w in IP_CASES + CIDR_CASES])
def test_evaluates_kubernetes_ip_and_cidr_cases(expression: str, want: Any) -> None:
    assert evaluate(expression, None) == want


@pytest.mark.parametrize(("expression", "message"), [pytest.param(e, m, id=n) for n, e, m in ERRORS])
def test_fails_with_kubernetes_runtime_errors(expression: str, message: str) -> None:
    with pytest.raises(CelError) as caught:
        evaluate(expression, None)
    assert str(caught.value) == message


def test_binds_ip_as_a_variable_before_the_namespaced_function() -> None:
    """A bound ``ip`` is a value: ``ip.isCanonical`` then means nothing special (here a missing key)."""
    with pytest.raises(CelError, match="no such key: isCanonical"):
        evaluate("self.ip.isCanonical", {"ip": {}})


GATING: list[tuple[str, str, str, list[str]]] = [
    ("ip() is not declared in 1.29", "ip(self).family() == 6", "1.29", [
        "ERROR: <input>:1:3: undeclared reference to 'ip' (in container '')\n | ip(self).family() == 6\n | ..^",
        "ERROR: <input>:1:16: undeclared reference to 'family' (in container '')\n | ip(self).family() == 6\n | ...............^",
    ]),
    ("ip() is declared from 1.30", "ip(self).family() == 6", "1.30", []),
    ("a messageExpression is placed at its own call", "'IP family %d'.format([ip(self).family()])", "1.29", [
        "ERROR: <input>:1:26: undeclared reference to 'ip' (in container '')",
        "ERROR: <input>:1:39: undeclared reference to 'family' (in container '')",
    ]),
    ("cidr().containsIP() is not declared in 1.29", "cidr(self).containsIP('10.0.0.1')", "1.29", [
        "ERROR: <input>:1:5: undeclared reference to 'cidr' (in container '')",
        "ERROR: <input>:1:22: undeclared reference to 'containsIP' (in container '')",
    ]),
    ("a namespaced function falls back to an unknown identifier and method", "ip.isCanonical(self)", "1.29", [
        "ERROR: <input>:1:1: undeclared reference to 'ip' (in container '')",
        "ERROR: <input>:1:15: undeclared reference to 'isCanonical' (in container '')",
    ]),
    ("quantity() is declared from 1.28", "quantity(self).isInteger()", "1.28", []),
    ("quantity() is not declared in 1.27", "quantity(self).isInteger()", "1.27", [
        "ERROR: <input>:1:9: undeclared reference to 'quantity' (in container '')",
        "ERROR: <input>:1:25: undeclared reference to 'isInteger' (in container '')",
    ]),
    ("semver() comes in 1.33", "isSemver(self)", "1.32", ["ERROR: <input>:1:9: undeclared reference to 'isSemver' (in container '')"]),
    ("a name inside a string literal is no call", "self == 'ip(x)'", "1.29", []),
    ("the standard library is always declared", "self.matches('^a') && size(self) > 1", "1.0", []),
]


@pytest.mark.parametrize(("rule", "version", "want"), [pytest.param(r, v, w, id=n) for n, r, v, w in GATING])
def test_gates_libraries_by_kubernetes_version(rule: str, version: str, want: list[str]) -> None:
    got = undeclared_references(rule, parse_version(version))
    # A wanted text without a newline pins only the error's first line (not its caret lines).
    assert len(got) == len(want), got
    assert [error if "\n" in w else error.split("\n")[0] for error, w in zip(got, want)] == want


def test_the_newest_environment_declares_everything() -> None:
    assert undeclared_references("ip(self).family() == 6 && isSemver('1.0.0')", None) == []


def test_clusterclass_rules_with_ip_compile_at_the_default_compatibility_version() -> None:
    """The default (1.31) has the IP library, so a ClusterClass may use ip() without an older pin."""
    from generator.variables import validate_clusterclass_variables

    definition = {"name": "someIP", "schema": {"openAPIV3Schema": {"type": "string", "x-kubernetes-validations": [{"rule": "ip(self).family() == 6"}]}}}
    assert [e for e in validate_clusterclass_variables([definition]) if e.severity == "error"] == []
    assert [e.field for e in validate_clusterclass_variables([definition], cel_version=(1, 29))] == [
        "spec.variables[someIP].schema.openAPIV3Schema.x-kubernetes-validations[0].rule"
    ]
