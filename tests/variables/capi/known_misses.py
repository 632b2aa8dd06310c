"""Ported Cluster API cases we do not pass yet, each with the reason (``test line: case name`` -> reason)."""

KNOWN_MISSES: dict[str, str] = {}
