"""String formats Kubernetes checks: each accepts what Go's strfmt accepts and rejects the rest."""

from __future__ import annotations

import pytest

from generator.openapi.formats import check_format, is_known_format

CASES = [
    ("uuid", "ebfe5546-f09f-4f42-ab54-094e457d42ec", True),
    ("uuid", "EBFE5546-F09F-4F42-AB54-094E457D42EC", True),
    ("uuid", "ebfe5546-f09f-4f42-ab54", False),
    ("uuid", "zbfe5546-f09f-4f42-ab54-094e457d42ec", False),
    ("uuid3", "a3bb189e-8bf9-3888-9912-ace4e6543002", True),
    ("uuid3", "ebfe5546-f09f-4f42-ab54-094e457d42ec", False),
    ("uuid4", "ebfe5546-f09f-4f42-ab54-094e457d42ec", True),
    ("uuid4", "ebfe5546-f09f-4f42-cb54-094e457d42ec", False),
    ("uuid5", "886313e1-3b8a-5372-9b90-0c9aee199e5d", True),
    ("uuid5", "886313e1-3b8a-4372-9b90-0c9aee199e5d", False),
    ("cidr", "10.8.0.0/20", True),
    ("cidr", "10.8.0.1/20", True),
    ("cidr", "fd00::/64", True),
    ("cidr", "10.8.0.0", False),
    ("cidr", "10.8.0.0/33", False),
    ("cidr", "10.8.0/20", False),
    ("ipv4", "192.168.1.1", True),
    ("ipv4", "256.1.1.1", False),
    ("ipv4", "01.1.1.1", False),
    ("ipv6", "2001:db8::1", True),
    ("ipv6", "192.168.1.1", False),
    ("ipv6", "2001:db8:::1", False),
    ("hostname", "k8s.example.com", True),
    ("hostname", "localhost", True),
    ("hostname", "-bad.example.com", False),
    ("hostname", "a" * 64 + ".com", False),
    ("hostname", "under_score.com", False),
    ("email", "ops@example.com", True),
    ("email", "ops@", False),
    ("email", "no-at-sign", False),
    ("uri", "https://keycloak.example.com/realms/scs", True),
    ("uri", "/relative/path", True),
    ("uri", "keycloak.example.com", False),
    ("uri", "https://exa mple.com", False),
    ("date", "2026-02-28", True),
    ("date", "2026-02-30", False),
    ("date", "26-02-28", False),
    ("date-time", "2026-02-28T12:30:00Z", True),
    ("date-time", "2026-02-28T12:30:00.123+01:00", True),
    ("date-time", "2026-02-28 12:30", False),
    ("date-time", "2026-02-28T25:30:00Z", False),
    ("duration", "1h30m", True),
    ("duration", "3 days", True),
    ("duration", "500ms", True),
    ("duration", "soon", False),
    ("duration", "10", False),
    ("byte", "aGVsbG8=", True),
    ("byte", "not base64!", False),
    ("mac", "00:1a:2b:3c:4d:5e", True),
    ("mac", "00-1a-2b-3c-4d-5e", True),
    ("mac", "001a.2b3c.4d5e", True),
    ("mac", "00:1a:2b:3c:4d", False),
    ("mac", "00:1a-2b:3c:4d:5e", False),
]


@pytest.mark.parametrize(
    ("fmt", "text", "valid"),
    CASES,
    ids=[f"{'accepts' if ok else 'rejects'} {text!r} as {fmt}" for fmt, text, ok in CASES],
)
def test_check_format(fmt: str, text: str, valid: bool) -> None:
    assert check_format(fmt, text) is valid


def test_accepts_any_string_in_an_unknown_format() -> None:
    assert not is_known_format("flavor")
    assert check_format("flavor", "anything at all")


@pytest.mark.parametrize("fmt", ["uuid", "uuid3", "uuid4", "uuid5", "cidr", "ipv4", "ipv6", "hostname", "email", "uri", "date", "date-time", "duration", "byte", "mac"])
def test_knows_every_format_kubernetes_checks(fmt: str) -> None:
    assert is_known_format(fmt)
