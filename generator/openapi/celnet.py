"""Kubernetes' CEL IP and CIDR libraries (``ip()``, ``cidr()``, ``isIP()``, ``ip.isCanonical()`` and their methods).

Kubernetes implements them on Go's ``net/netip``, so the parsers here follow
``netip.ParseAddr`` and ``netip.ParsePrefix`` rule for rule, and word their errors
the same way: a rule's message or a ``messageExpression`` may show them to users.
Python's ``ipaddress`` accepts other spellings (and rejects others), so it only does
the arithmetic after the Go-shaped parse has decided. On top of netip, Kubernetes
refuses zones and IPv4-mapped IPv6 addresses (``::ffff:1.2.3.4``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class NetParseError(ValueError):
    """A string netip (or Kubernetes on top of it) refuses as an address or a prefix; the text is Go's."""


@dataclass(frozen=True)
class IP:
    """A CEL ``net.IP`` value: one IPv4 or IPv6 address."""

    address: Address

    def __str__(self) -> str:
        return str(self.address)


@dataclass(frozen=True)
class CIDR:
    """A CEL ``net.CIDR`` value: an address and a prefix length; host bits are kept, as netip.Prefix keeps them."""

    address: Address
    bits: int

    def __str__(self) -> str:
        return f"{self.address}/{self.bits}"


def _go_quote(text: str) -> str:
    """Quote like Go's strconv.Quote for the printable text these errors carry."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in escaped) + '"'


def _addr_error(text: str, message: str, at: str = "") -> NetParseError:
    detail = f"ParseAddr({_go_quote(text)}): {message}"
    return NetParseError(f"{detail} (at {_go_quote(at)})" if at else detail)


def _parse_ipv4(text: str, whole: str | None = None) -> int:
    """Read dotted decimal as netip does: four fields, no leading zeros, each at most 255."""
    source = text if whole is None else whole
    fields: list[int] = []
    value, digits = 0, 0
    for i, c in enumerate(text):
        if "0" <= c <= "9":
            if digits == 1 and value == 0:
                raise _addr_error(source, "IPv4 field has octet with leading zero")
            value = value * 10 + ord(c) - ord("0")
            digits += 1
            if value > 255:
                raise _addr_error(source, "IPv4 field has value >255")
        elif c == ".":
            if i == 0 or i == len(text) - 1 or text[i - 1] == ".":
                raise _addr_error(source, "IPv4 field must have at least one digit", text[i:])
            if len(fields) == 3:
                raise _addr_error(source, "IPv4 address too long")
            fields.append(value)
            value, digits = 0, 0
        else:
            raise _addr_error(source, "unexpected character", text[i:])
    if len(fields) < 3:
        raise _addr_error(source, "IPv4 address too short")
    fields.append(value)
    return int.from_bytes(bytes(fields), "big")


_HEX = "0123456789abcdefABCDEF"


def _parse_ipv6(text: str) -> tuple[int, str]:
    """Read IPv6 text as netip does; return the 128-bit value and the zone ("" if none)."""
    rest, zone = text, ""
    if "%" in text:
        rest, zone = text.split("%", 1)
        if not zone:
            raise _addr_error(text, "zone must be a non-empty string")
    groups: list[int] = []  # 16-bit groups read so far
    ellipsis = -1  # index into groups where "::" stood
    if rest.startswith("::"):
        ellipsis = 0
        rest = rest[2:]
        if not rest:
            return 0, zone
    while len(groups) < 8:
        end = 0
        value = 0
        while end < len(rest) and rest[end] in _HEX:
            value = value * 16 + int(rest[end], 16)
            end += 1
            if value > 0xFFFF:
                raise _addr_error(text, "IPv6 field has value >=2^16", rest)
        if end == 0:
            raise _addr_error(text, "each colon-separated field must have at least one digit", rest)
        if end < len(rest) and rest[end] == ".":
            if ellipsis < 0 and len(groups) != 6:
                raise _addr_error(text, "embedded IPv4 address must replace the final 2 fields of the address", rest)
            if len(groups) > 6:
                raise _addr_error(text, "too many hex fields to fit an embedded IPv4 at the end of the address", rest)
            try:
                v4 = _parse_ipv4(rest)
            except NetParseError as exc:
                raise _addr_error(text, str(exc), rest) from None
            groups.extend((v4 >> 16, v4 & 0xFFFF))
            rest = ""
            break
        groups.append(value)
        rest = rest[end:]
        if not rest:
            break
        if rest[0] != ":":
            raise _addr_error(text, "unexpected character, want colon", rest)
        if len(rest) == 1:
            raise _addr_error(text, "colon must be followed by more characters", rest)
        rest = rest[1:]
        if rest[0] == ":":
            if ellipsis >= 0:
                raise _addr_error(text, "multiple :: in address", rest)
            ellipsis = len(groups)
            rest = rest[1:]
            if not rest:
                break
    if rest:
        raise _addr_error(text, "trailing garbage after address", rest)
    if len(groups) < 8:
        if ellipsis < 0:
            raise _addr_error(text, "address string too short")
        groups = groups[:ellipsis] + [0] * (8 - len(groups)) + groups[ellipsis:]
    elif ellipsis >= 0:
        raise _addr_error(text, "the :: must expand to at least one field of zeros")
    value = 0
    for group in groups:
        value = value << 16 | group
    return value, zone


def _netip_addr(text: str) -> tuple[Address, str]:
    """Parse as ``netip.ParseAddr``: the family is decided by the first '.', ':' or '%'."""
    for c in text:
        if c == ".":
            return ipaddress.IPv4Address(_parse_ipv4(text)), ""
        if c == ":":
            value, zone = _parse_ipv6(text)
            return ipaddress.IPv6Address(value), zone
        if c == "%":
            raise _addr_error(text, "missing IPv6 address")
    raise _addr_error(text, "unable to parse IP")


def _is_4in6(address: Address) -> bool:
    return isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None


def parse_ip(text: str) -> IP:
    """Parse an address as Kubernetes' ``ip()`` does (netip, then no zone and no IPv4-mapped IPv6)."""
    try:
        address, zone = _netip_addr(text)
    except NetParseError as exc:
        raise NetParseError(f"IP Address {_go_quote(text)} parse error during conversion from string: {exc}") from None
    if zone:
        raise NetParseError(f"IP address {_go_quote(text)} with zone value is not allowed")
    if _is_4in6(address):
        raise NetParseError(f"IPv4-mapped IPv6 address {_go_quote(text)} is not allowed")
    return IP(address)


def _prefix_error(text: str, message: str) -> NetParseError:
    return NetParseError(f"netip.ParsePrefix({_go_quote(text)}): {message}")


def _go_atoi(text: str) -> int | None:
    """Go's strconv.Atoi: optional sign, decimal digits only."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not all("0" <= c <= "9" for c in body):
        return None
    return int(text)


def parse_cidr(text: str) -> CIDR:
    """Parse CIDR notation as Kubernetes' ``cidr()`` does (netip.ParsePrefix, no IPv4-mapped IPv6), host bits kept."""
    prefix = "network address parse error during conversion from string: "
    slash = text.rfind("/")
    try:
        if slash < 0:
            raise _prefix_error(text, "no '/'")
        try:
            address, zone = _netip_addr(text[:slash])
        except NetParseError as exc:
            raise _prefix_error(text, str(exc)) from None
        if zone:
            raise _prefix_error(text, "IPv6 zones cannot be present in a prefix")
        bits = _go_atoi(text[slash + 1 :])
        if bits is None:
            raise _prefix_error(text, f"bad bits after slash: {_go_quote(text[slash + 1:])}")
        if not 0 <= bits <= address.max_prefixlen:
            raise _prefix_error(text, "prefix length out of range")
    except NetParseError as exc:
        # Kubernetes wraps the netip error twice, once in the parser and once in cidr().
        raise NetParseError(prefix + prefix + str(exc)) from None
    if _is_4in6(address):
        raise NetParseError(prefix + f"IPv4-mapped IPv6 address {_go_quote(text)} is not allowed")
    return CIDR(address, bits)


def is_ip(text: str) -> bool:
    """Say whether ``ip()`` would accept TEXT."""
    try:
        parse_ip(text)
    except NetParseError:
        return False
    return True


def is_cidr(text: str) -> bool:
    """Say whether ``cidr()`` would accept TEXT."""
    try:
        parse_cidr(text)
    except NetParseError:
        return False
    return True


def is_canonical(text: str) -> bool:
    """Say whether TEXT is the one canonical spelling of its address (lower-case hex, RFC 5952 ``::``)."""
    return str(parse_ip(text)) == text


def family(ip: IP) -> int:
    """Return 4 or 6."""
    return ip.address.version


def is_unspecified(ip: IP) -> bool:
    """Say whether the address is 0.0.0.0 or ::."""
    return int(ip.address) == 0


def is_loopback(ip: IP) -> bool:
    """127.0.0.0/8 or ::1."""
    if ip.address.version == 4:
        return int(ip.address) >> 24 == 127
    return int(ip.address) == 1


def is_link_local_multicast(ip: IP) -> bool:
    """224.0.0.0/24, or an IPv6 multicast address of link-local scope (ffx2::)."""
    if ip.address.version == 4:
        return int(ip.address) >> 8 == 0xE00000
    return (int(ip.address) >> 112) & 0xFF0F == 0xFF02


def is_link_local_unicast(ip: IP) -> bool:
    """169.254.0.0/16 or fe80::/10."""
    if ip.address.version == 4:
        return int(ip.address) >> 16 == 0xA9FE
    return (int(ip.address) >> 112) & 0xFFC0 == 0xFE80


def _is_multicast(ip: IP) -> bool:
    if ip.address.version == 4:
        return int(ip.address) >> 28 == 0xE
    return int(ip.address) >> 120 == 0xFF


def is_global_unicast(ip: IP) -> bool:
    """Anything but unspecified, broadcast, loopback, multicast and link-local unicast (private ranges count)."""
    if ip.address.version == 4 and int(ip.address) == 0xFFFFFFFF:
        return False
    return not (is_unspecified(ip) or is_loopback(ip) or _is_multicast(ip) or is_link_local_unicast(ip))


def _network(cidr: CIDR) -> Network:
    return ipaddress.ip_network(f"{cidr.address}/{cidr.bits}", strict=False)


def contains_ip(cidr: CIDR, ip: IP) -> bool:
    """Say whether the network holds the address (never across families)."""
    return cidr.address.version == ip.address.version and ip.address in _network(cidr)


def contains_cidr(cidr: CIDR, other: CIDR) -> bool:
    """Say whether the network holds the whole other network: same family, no longer prefix, overlapping."""
    if cidr.address.version != other.address.version or cidr.bits > other.bits:
        return False
    return _network(other).subnet_of(_network(cidr))  # type: ignore[arg-type]


def cidr_ip(cidr: CIDR) -> IP:
    """Return the address as written, host bits included."""
    return IP(cidr.address)


def masked(cidr: CIDR) -> CIDR:
    """Return the network with its host bits cleared (the canonical form)."""
    return CIDR(_network(cidr).network_address, cidr.bits)


def prefix_length(cidr: CIDR) -> int:
    """Return the number of bits in the mask."""
    return cidr.bits
