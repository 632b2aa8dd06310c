"""Schema patterns: RE2 semantics on Python's re, and RE2's refusals."""

from __future__ import annotations

import pytest

from generator.openapi.patterns import compile_pattern, pattern_error

MATCHES = [
    ("matches anywhere, as Go's MatchString does", "[0-9]+", "abc123", True),
    ("anchors with ^ and $", "^[a-z]+$", "abc", True),
    ("does not let $ match before a final newline", "^abc$", "abc\n", False),
    ("treats \\d as ASCII digits only", r"^\d+$", "١٢٣", False),
    ("treats \\w as ASCII word characters only", r"^\w+$", "héllo", False),
    ("supports POSIX classes inside brackets", "^[[:alpha:]]+$", "Abc", True),
    ("supports \\z as the end of text", r"abc\z", "xabc", True),
    ("supports case-insensitive flags", "(?i)^abc$", "ABC", True),
    ("supports flags in the middle of a pattern", "^a(?i)bc$", "aBC", True),
    ("supports non-capturing groups", "^(?:ab)+$", "abab", True),
    ("supports named groups in Go syntax", "^(?P<x>a)b$", "ab", True),
    ("supports bounded repetition", "^a{2,3}$", "aaaa", False),
    ("keeps a leading ] in a class literal", "^[]a]+$", "]a", True),
    ("matches a Kubernetes name pattern", r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "my-cluster-1", True),
]


@pytest.mark.parametrize(("pattern", "text", "matches"), [m[1:] for m in MATCHES], ids=[m[0] for m in MATCHES])
def test_pattern_matches_like_re2(pattern: str, text: str, matches: bool) -> None:
    assert (compile_pattern(pattern).search(text) is not None) is matches


REJECTED = [
    ("rejects backreferences", r"(a)\1", "invalid escape sequence: \\1 (backreferences are not supported)"),
    ("rejects named backreferences", r"(?P<a>x)\k<a>", "backreferences are not supported"),
    ("rejects lookahead", "a(?=b)", "invalid or unsupported Perl syntax: (?= (lookaround)"),
    ("rejects negative lookahead", "a(?!b)", "(?! (lookaround)"),
    ("rejects lookbehind", "(?<=a)b", "(?<= (lookaround)"),
    ("rejects atomic groups", "(?>a)", "atomic group"),
    ("rejects possessive quantifiers", "a*+", "invalid nested repetition operator: *+"),
    ("rejects an unclosed class", "[abc", "missing closing ]"),
    ("rejects an unknown escape", r"\q", "invalid escape sequence: \\q"),
    ("rejects an unbalanced parenthesis", "(abc", "missing ), unterminated subpattern"),
    ("reports Unicode classes as unsupported", r"\p{L}", "unsupported escape sequence: \\p"),
]


@pytest.mark.parametrize(("pattern", "reason"), [r[1:] for r in REJECTED], ids=[r[0] for r in REJECTED])
def test_pattern_error(pattern: str, reason: str) -> None:
    error = pattern_error(pattern)
    assert error is not None and reason in error, error


def test_accepts_a_valid_pattern() -> None:
    assert pattern_error("^[a-z]+(-[a-z]+)*$") is None
