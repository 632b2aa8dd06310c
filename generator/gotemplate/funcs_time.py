"""Sprig's date and duration functions, with Go's time layouts ("2006-01-02") and Go's duration text.

Rendering happens without a configured time zone, so Go's Local is UTC here, as
it is for Helm in a container without TZ. ``now`` and ``ago`` read the clock:
their output differs between renders (the executor warns where a chart calls them).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import FuncError
from .exec import Func
from .values import GoObject, Int64

_UTC = dt.timezone.utc


class GoTime(GoObject):
    """A Go ``time.Time``: prints as Go does, e.g. ``2024-02-29 00:00:00 +0000 UTC``."""

    _go_type = "time.Time"
    _go_kind = "struct"
    _go_methods = frozenset({"Unix", "Year", "YearDay", "Format", "UTC", "String"})

    def __init__(self, moment: dt.datetime, zone: str = "UTC") -> None:
        self.moment = moment
        self.zone = zone

    def Unix(self) -> Int64:  # noqa: N802 - Go method names
        return Int64(int(self.moment.timestamp() // 1))

    def Year(self) -> int:  # noqa: N802
        return self.moment.year

    def YearDay(self) -> int:  # noqa: N802
        return self.moment.timetuple().tm_yday

    def Format(self, layout: str) -> str:  # noqa: N802
        return go_format(self.moment, layout, self.zone)

    def UTC(self) -> GoTime:  # noqa: N802
        return GoTime(self.moment.astimezone(_UTC), "UTC")

    def String(self) -> str:  # noqa: N802
        return self.go_string()

    def go_string(self) -> str:
        text = go_format(self.moment, "2006-01-02 15:04:05.999999999 -0700 MST", self.zone)
        return text

    def to_json(self) -> str:
        return go_format(self.moment, "2006-01-02T15:04:05.999999999Z07:00", self.zone)


# Go layout elements, longest first so "January" wins over "Jan" and "2006" over "2".
_LAYOUT = re.compile(r"January|Monday|2006|Jan|Mon|MST|002|__2|_2|02|06|01|15|03|04|05|Z07:00:00|Z07:00|Z0700|Z07|-07:00:00|-07:00|-0700|-07|PM|pm|[.,](?:0+|9+)(?![0-9])|1|2|3|4|5")


def go_format(moment: dt.datetime, layout: str, zone: str = "UTC") -> str:
    """Format like Go's Time.Format with a reference-time layout."""
    out: list[str] = []
    pos = 0
    for match in _LAYOUT.finditer(layout):
        out.append(layout[pos:match.start()])
        out.append(_element(moment, match.group(), zone))
        pos = match.end()
    out.append(layout[pos:])
    return "".join(out)


def _offset(moment: dt.datetime, sep: str, seconds: bool, z: bool, short: bool = False) -> str:
    delta = moment.utcoffset() or dt.timedelta(0)
    total = int(delta.total_seconds())
    if z and total == 0:
        return "Z"
    sign = "-" if total < 0 else "+"
    total = abs(total)
    text = f"{sign}{total // 3600:02d}"
    if not short:
        text += f"{sep}{total % 3600 // 60:02d}"
    if seconds:
        text += f"{sep}{total % 60:02d}"
    return text


def _element(m: dt.datetime, token: str, zone: str) -> str:
    hour12 = m.hour % 12 or 12
    simple = {
        "January": m.strftime("%B"), "Monday": m.strftime("%A"), "Jan": m.strftime("%b"), "Mon": m.strftime("%a"),
        "2006": f"{m.year:04d}", "06": f"{m.year % 100:02d}", "01": f"{m.month:02d}", "1": str(m.month),
        "02": f"{m.day:02d}", "2": str(m.day), "_2": f"{m.day:2d}", "002": f"{m.timetuple().tm_yday:03d}",
        "__2": f"{m.timetuple().tm_yday:3d}", "15": f"{m.hour:02d}", "03": f"{hour12:02d}", "3": str(hour12),
        "04": f"{m.minute:02d}", "4": str(m.minute), "05": f"{m.second:02d}", "5": str(m.second),
        "PM": "PM" if m.hour >= 12 else "AM", "pm": "pm" if m.hour >= 12 else "am", "MST": zone,
        "Z07:00:00": _offset(m, ":", True, True), "Z07:00": _offset(m, ":", False, True), "Z0700": _offset(m, "", False, True),
        "Z07": _offset(m, "", False, True, short=True), "-07:00:00": _offset(m, ":", True, False), "-07:00": _offset(m, ":", False, False),
        "-0700": _offset(m, "", False, False), "-07": _offset(m, "", False, False, short=True),
    }
    if token in simple:
        return simple[token]
    # Fractional seconds: ".000" always that many digits, ".999" trailing zeros dropped.
    digits = len(token) - 1
    nanos = f"{m.microsecond * 1000:09d}"[:digits]
    if token[1] == "9":
        nanos = nanos.rstrip("0")
        return token[0] + nanos if nanos else ""
    return token[0] + nanos


def go_parse(layout: str, text: str) -> dt.datetime:
    """Parse like Go's time.ParseInLocation(layout, text, Local) for the common layout elements."""
    pattern = []
    fields: list[str] = []
    pos = 0
    for match in _LAYOUT.finditer(layout):
        pattern.append(re.escape(layout[pos:match.start()]))
        token = match.group()
        fields.append(token)
        pattern.append(_PARSE.get(token, r"(\S+)") if not token.startswith((".", ",")) else r"([.,][0-9]+)")
        pos = match.end()
    pattern.append(re.escape(layout[pos:]))
    found = re.fullmatch("".join(pattern), text)
    if found is None:
        raise FuncError(f'parsing time {_q(text)} as {_q(layout)}: cannot parse {_q(text)} as {_q(layout)}')
    parts = {"year": 1, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0, "microsecond": 0}
    pm = None
    offset = dt.timedelta(0)
    for token, value in zip(fields, found.groups()):
        if token == "2006":
            parts["year"] = int(value)
        elif token == "06":
            parts["year"] = 1900 + int(value) if int(value) >= 69 else 2000 + int(value)
        elif token in ("01", "1"):
            parts["month"] = int(value)
        elif token in ("Jan", "January"):
            parts["month"] = _month(value)
        elif token in ("02", "2", "_2"):
            parts["day"] = int(value)
        elif token in ("15", "03", "3"):
            parts["hour"] = int(value)
        elif token in ("04", "4"):
            parts["minute"] = int(value)
        elif token in ("05", "5"):
            parts["second"] = int(value)
        elif token in ("PM", "pm"):
            pm = value.upper() == "PM"
        elif token.startswith((".", ",")):
            parts["microsecond"] = int((value[1:] + "000000")[:6])
        elif token.startswith(("Z", "-")) and value not in ("Z", "z"):
            sign = -1 if value[0] == "-" else 1
            digits = value[1:].replace(":", "")
            offset = sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    if pm is not None and parts["hour"] < 12 and pm:
        parts["hour"] += 12
    if pm is False and parts["hour"] == 12:
        parts["hour"] = 0
    try:
        return dt.datetime(**parts, tzinfo=dt.timezone(offset) if offset else _UTC)
    except ValueError as err:
        raise FuncError(f"parsing time {_q(text)}: {err}") from None


_PARSE = {
    "2006": r"([0-9]{4})", "06": r"([0-9]{2})", "01": r"([0-9]{2})", "1": r"([0-9]{1,2})", "02": r"([0-9]{2})",
    "2": r"([0-9]{1,2})", "_2": r" ?([0-9]{1,2})", "15": r"([0-9]{2})", "03": r"([0-9]{2})", "3": r"([0-9]{1,2})",
    "04": r"([0-9]{2})", "4": r"([0-9]{1,2})", "05": r"([0-9]{2})", "5": r"([0-9]{1,2})", "PM": r"(AM|PM)", "pm": r"(am|pm)",
    "Jan": r"([A-Za-z]{3})", "January": r"([A-Za-z]+)", "Mon": r"([A-Za-z]{3})", "Monday": r"([A-Za-z]+)", "MST": r"([A-Z]{3,4})",
    "Z07:00": r"(Z|[+-][0-9]{2}:[0-9]{2})", "Z0700": r"(Z|[+-][0-9]{4})", "-07:00": r"([+-][0-9]{2}:[0-9]{2})", "-0700": r"([+-][0-9]{4})",
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _month(name: str) -> int:
    try:
        return _MONTHS.index(name[:3].lower()) + 1
    except ValueError:
        raise FuncError(f"parsing time: month out of range: {name}") from None


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _now() -> GoTime:
    return GoTime(dt.datetime.now(_UTC))


def _moment(date: Any) -> dt.datetime:
    """Sprig's formatDate input: a time, or Unix seconds as int/int64; anything else means now."""
    if isinstance(date, GoTime):
        return date.moment
    if type(date) is int or type(date) is Int64:
        return dt.datetime.fromtimestamp(int(date), _UTC)
    return dt.datetime.now(_UTC)


def _zone(name: str) -> tuple[dt.tzinfo, str]:
    if name in ("", "UTC", "Local"):
        return _UTC, "UTC"
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name), ""
    except Exception:  # unknown zone or no tz database: Go's LoadLocation fails and Sprig falls back to UTC
        return _UTC, "UTC"


def _date_in_zone(layout: str, date: Any, zone: str) -> str:
    tz, label = _zone(zone)
    moment = _moment(date).astimezone(tz)
    return go_format(moment, layout, label or moment.tzname() or "UTC")


def _date(layout: str, date: Any) -> str:
    return _date_in_zone(layout, date, "Local")


def _to_date(layout: str, text: str) -> GoTime:
    try:
        return GoTime(go_parse(layout, text))
    except FuncError:
        return GoTime(dt.datetime(1, 1, 1, tzinfo=_UTC))


def _must_to_date(layout: str, text: str) -> GoTime:
    return GoTime(go_parse(layout, text))


_DURATION_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_NS = {"ns": 1, "us": 1000, "µs": 1000, "μs": 1000, "ms": 10**6, "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9}


def parse_duration(text: str) -> int:
    """Parse Go's time.ParseDuration text ("1h30m", "-2.5s") into nanoseconds."""
    original = text
    sign = 1
    if text[:1] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    if text == "0":
        return 0
    if not text:
        raise FuncError(f'time: invalid duration "{original}"')
    total = 0.0
    pos = 0
    while pos < len(text):
        match = _DURATION_PART.match(text, pos)
        if match is None or match.group(1) in ("", "."):
            raise FuncError(f'time: invalid duration "{original}"')
        total += float(match.group(1)) * _UNIT_NS[match.group(2)]
        pos = match.end()
    return sign * int(total)


def format_duration(nanos: int) -> str:
    """Write nanoseconds as Go's Duration.String does ("1h1m1s", "1.5s", "0s")."""
    if nanos == 0:
        return "0s"
    sign = "-" if nanos < 0 else ""
    n = abs(nanos)
    if n < 10**9:
        for unit, size in (("ms", 10**6), ("µs", 1000), ("ns", 1)):
            if n >= size:
                return sign + _decimal(n, size) + unit
    hours, rest = divmod(n, 3600 * 10**9)
    minutes, rest = divmod(rest, 60 * 10**9)
    text = _decimal(rest, 10**9) + "s"
    if hours:
        return f"{sign}{hours}h{minutes}m{text}"
    if minutes:
        return f"{sign}{minutes}m{text}"
    return sign + text


def _decimal(value: int, unit: int) -> str:
    whole, frac = divmod(value, unit)
    if not frac:
        return str(whole)
    digits = len(str(unit)) - 1
    return f"{whole}." + f"{frac:0{digits}d}".rstrip("0")


def _date_modify(change: str, date: GoTime) -> GoTime:
    try:
        return _must_date_modify(change, date)
    except FuncError:
        return date


def _must_date_modify(change: str, date: GoTime) -> GoTime:
    if not isinstance(date, GoTime):
        raise FuncError("dateModify needs a time")
    nanos = parse_duration(change)
    return GoTime(date.moment + dt.timedelta(microseconds=nanos / 1000), date.zone)


def _duration(seconds: Any) -> str:
    # Sprig reads only a string or an int64; any other value (an int literal too) is 0 seconds.
    if type(seconds) is str:
        try:
            n = int(seconds, 10)
        except ValueError:
            n = 0
    elif type(seconds) is Int64:
        n = int(seconds)
    else:
        n = 0
    return format_duration(n * 10**9)


def _duration_round(duration: Any) -> str:
    if type(duration) is str:
        try:
            nanos = parse_duration(duration)
        except FuncError:
            nanos = 0
    elif type(duration) is Int64:
        nanos = int(duration)
    elif isinstance(duration, GoTime):
        nanos = int((dt.datetime.now(_UTC) - duration.moment).total_seconds() * 10**9)
    else:
        nanos = 0
    u = abs(nanos)
    hour = 3600 * 10**9
    for size, unit in ((hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"), (60 * 10**9, "m"), (10**9, "s")):
        if u > size:
            return f"{u // size}{unit}"
    return "0s"


def _ago(date: Any) -> str:
    moment = _moment(date)
    seconds = round((dt.datetime.now(_UTC) - moment).total_seconds())
    return format_duration(seconds * 10**9)


def _unix_epoch(date: GoTime) -> str:
    if not isinstance(date, GoTime):
        raise FuncError("unixEpoch needs a time")
    return str(int(date.moment.timestamp() // 1))


TIME: dict[str, Func] = {
    f.name: f
    for f in (
        Func("now", _now, (), varies=True),
        Func("ago", _ago, ("any",), varies=True),
        Func("date", _date, ("string", "any")),
        Func("dateInZone", _date_in_zone, ("string", "any", "string")),
        Func("date_in_zone", _date_in_zone, ("string", "any", "string")),
        Func("htmlDate", lambda date: _date("2006-01-02", date), ("any",)),
        Func("htmlDateInZone", lambda date, zone: _date_in_zone("2006-01-02", date, zone), ("any", "string")),
        Func("toDate", _to_date, ("string", "string")),
        Func("mustToDate", _must_to_date, ("string", "string")),
        Func("dateModify", _date_modify, ("string", "any")),
        Func("date_modify", _date_modify, ("string", "any")),
        Func("mustDateModify", _must_date_modify, ("string", "any")),
        Func("must_date_modify", _must_date_modify, ("string", "any")),
        Func("duration", _duration, ("any",)),
        Func("durationRound", _duration_round, ("any",)),
        Func("unixEpoch", _unix_epoch, ("any",)),
    )
}
