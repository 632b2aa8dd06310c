"""A plain HTTP client for the nginx tests: no decompression, no redirects, headers as sent."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    """One HTTP response as it came over the wire."""

    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes

    def header(self, name: str) -> str | None:
        """Return one header's value, or None."""
        return self.headers.get(name.lower())


def request(base_url: str, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    """Send one request to the server at base_url and return the raw response."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        # skip_accept_encoding: http.client would otherwise send "identity" and hide negotiation bugs.
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        collected: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            collected[key] = f"{collected[key]}, {value}" if key in collected else value
        return Response(response.status, collected, response.read())
    finally:
        connection.close()
