"""String formats Kubernetes checks in CRD and variable schemas (kube-openapi's strfmt registry)."""

from __future__ import annotations

import base64
import binascii
import datetime
import ipaddress
import re
from collections.abc import Callable

from generator.cidr import parse_cidr

_UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.IGNORECASE)
_UUID3 = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.IGNORECASE)
_UUID4 = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$", re.IGNORECASE)
_UUID5 = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_EMAIL = re.compile(r"^[^\s@<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
_DURATION_UNITS = (
    "ns|us|µs|ms|s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|"
    "d|day|days|w|wk|wks|week|weeks"
)
# strfmt accepts Go durations ("1h30m") and spelled-out ones ("3 days").
_DURATION = re.compile(rf"^\s*(?:[-+]?\d+(?:\.\d+)?\s*(?:{_DURATION_UNITS})\s*)+$")
_MAC = re.compile(
    r"^(?:[0-9A-Fa-f]{2}(?P<sep>[:-]))(?:[0-9A-Fa-f]{2}(?P=sep)){4}[0-9A-Fa-f]{2}$"
    r"|^(?:[0-9A-Fa-f]{2}(?P<sep8>[:-]))(?:[0-9A-Fa-f]{2}(?P=sep8)){6}[0-9A-Fa-f]{2}$"
    r"|^(?:[0-9A-Fa-f]{2}(?P<sep20>[:-]))(?:[0-9A-Fa-f]{2}(?P=sep20)){18}[0-9A-Fa-f]{2}$"
    r"|^(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$"
    r"|^(?:[0-9A-Fa-f]{4}\.){3}[0-9A-Fa-f]{4}$"
    r"|^(?:[0-9A-Fa-f]{4}\.){9}[0-9A-Fa-f]{4}$"
)
_HEXCOLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RGBCOLOR = re.compile(r"^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$")
_BSON = re.compile(r"^[0-9a-fA-F]{24}$")


def _ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def _ipv6(text: str) -> bool:
    # Go's net.ParseIP accepts IPv4 inside IPv6 notation too; a bare IPv4 is not ipv6.
    if ":" not in text:
        return False
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _cidr(text: str) -> bool:
    return parse_cidr(text) is not None


def _hostname(text: str) -> bool:
    if not text or len(text) > 255:
        return False
    labels = text[:-1].split(".") if text.endswith(".") else text.split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return False
    # A multi-label name ends in an alphabetic top-level label, as strfmt requires.
    return len(labels) == 1 or labels[-1].isalpha()


def _uri(text: str) -> bool:
    # url.ParseRequestURI: an absolute URI or an absolute path, no spaces.
    if not text or any(c.isspace() for c in text):
        return False
    return bool(_SCHEME.match(text)) or text.startswith("/")


def _date(text: str) -> bool:
    match = _DATE.match(text)
    if not match:
        return False
    try:
        datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def _date_time(text: str) -> bool:
    match = _DATE_TIME.match(text)
    if not match:
        return False
    try:
        datetime.datetime(int(match[1]), int(match[2]), int(match[3]), int(match[4]), int(match[5]), int(match[6]))
    except ValueError:
        return False
    offset = match[8]
    if offset not in ("Z", "z"):
        return int(offset[1:3]) < 24 and int(offset[4:6]) < 60
    return True


def _byte(text: str) -> bool:
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: bool(pattern.match(text))


FORMATS: dict[str, Callable[[str], bool]] = {
    "uuid": _matches(_UUID),
    "uuid3": _matches(_UUID3),
    "uuid4": _matches(_UUID4),
    "uuid5": _matches(_UUID5),
    "cidr": _cidr,
    "ipv4": _ipv4,
    "ipv6": _ipv6,
    "hostname": _hostname,
    "email": _matches(_EMAIL),
    "uri": _uri,
    "date": _date,
    "date-time": _date_time,
    "datetime": _date_time,
    "duration": _matches(_DURATION),
    "byte": _byte,
    "mac": _matches(_MAC),
    "hexcolor": _matches(_HEXCOLOR),
    "rgbcolor": _matches(_RGBCOLOR),
    "bsonobjectid": _matches(_BSON),
    "password": lambda text: True,
}


def is_known_format(name: str) -> bool:
    """Tell whether Kubernetes checks this format (unknown formats are accepted unchecked)."""
    return name in FORMATS


def check_format(name: str, text: str) -> bool:
    """Return whether the string is valid in the named format; unknown formats always pass, as in Kubernetes."""
    checker = FORMATS.get(name)
    return True if checker is None else checker(text)
