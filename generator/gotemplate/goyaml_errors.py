"""Word a PyYAML syntax error as go-yaml v2 (libyaml's port, which Helm uses) words the same problem.

Helm shows these texts to chart authors: ``fromYaml`` puts them under "Error", and a
template whose output is not YAML fails with one. PyYAML and libyaml descend from the
same design and stop at the same token, but phrase problems differently
("expected ',' or ']', but got '<stream end>'" against "did not find expected ',' or
']'") and go-yaml numbers lines its own way: a parser error prints the 0-based line of
its problem (so usually the line *before* it), a scanner error the 1-based one, line 0
prints no line at all, and at the end of a text without a final newline libyaml has
already stepped to the next line. The table holds the problems verified against real
Helm (tests/helm); any other problem keeps PyYAML's words with go-yaml's line rule.
"""

from __future__ import annotations

import re

import yaml

# PyYAML's problem (a pattern over its text) and context -> libyaml's problem.
_PARSER_PROBLEMS: list[tuple[str, str | None, str]] = [
    (r"expected ',' or '\]', but got .*", None, "did not find expected ',' or ']'"),
    (r"expected ',' or '\}', but got .*", None, "did not find expected ',' or '}'"),
    (r"expected <block end>, but found .*", "while parsing a block mapping", "did not find expected key"),
    (r"expected <block end>, but found .*", "while parsing a block collection", "did not find expected '-' indicator"),
    (r"expected the node content, but found .*", None, "did not find expected node content"),
    (r"expected '<document start>', but found .*", None, "did not find expected <document start>"),
]
_SCANNER_PROBLEMS: list[tuple[str, str]] = [
    (r"mapping values are not allowed here", "mapping values are not allowed in this context"),
    (r"found unknown escape character .*", "found unknown escape character"),
    (r"expected alphabetic or numeric character, but found .*", "did not find expected alphabetic or numeric character"),
    (r"found character .* that cannot start any token", "found character that cannot start any token"),
]
_UNDEFINED_ALIAS = re.compile(r"found undefined alias '(.*)'")


def goyaml_message(error: yaml.YAMLError, text: str) -> str:
    """Return go-yaml's ``line N: problem`` (or bare ``problem``) for ERROR raised while reading TEXT."""
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    if isinstance(error, yaml.composer.ComposerError):
        alias = _UNDEFINED_ALIAS.fullmatch(problem)
        if alias:
            return f"unknown anchor '{alias.group(1)}' referenced"  # the decoder's error: no line
        return _placed(problem, mark.line if mark else 0)
    if isinstance(error, yaml.scanner.ScannerError):
        return _scanner_message(problem, mark, context_mark, text)
    if isinstance(error, yaml.parser.ParserError):
        for pattern, wanted_context, words in _PARSER_PROBLEMS:
            if re.fullmatch(pattern, problem) and (wanted_context is None or wanted_context == context):
                problem = words
                break
        line = _line(mark, text) if mark else 0
        if line == 0 and context_mark is not None:
            line = context_mark.line
        return _placed(problem, line)
    return _placed(problem, mark.line + 1 if mark else 0)


def _scanner_message(problem: str, mark: yaml.Mark | None, context_mark: yaml.Mark | None, text: str) -> str:
    if problem.startswith("found character '\\t'") and mark is not None and _after_plain_scalar(text, mark):
        # libyaml meets the tab while continuing a plain scalar onto the next line.
        problem = "found a tab character that violates indentation"
    else:
        for pattern, words in _SCANNER_PROBLEMS:
            if re.fullmatch(pattern, problem):
                problem = words
                break
    line = 0
    if mark is not None:
        # Only a simple key left open at the end steps past the last line first (libyaml's stream end).
        line = _line(mark, text) if problem == "could not find expected ':'" else mark.line
    if line != 0:
        return _placed(problem, line + 1)
    return _placed(problem, context_mark.line if context_mark is not None else 0)


def _line(mark: yaml.Mark, text: str) -> int:
    """The 0-based line libyaml gives a mark: at the end of a text without a final newline it is one further."""
    at_end = mark.index >= len(text)
    return mark.line + 1 if at_end and mark.column != 0 else mark.line


def _after_plain_scalar(text: str, mark: yaml.Mark) -> bool:
    lines = text.split("\n")
    if mark.column != 0 or mark.line == 0 or mark.line > len(lines):
        return False
    previous = lines[mark.line - 1].rstrip()
    return bool(previous) and previous[-1] not in ":-?[{,"


def _placed(problem: str, line: int) -> str:
    return f"line {line}: {problem}" if line != 0 else problem
