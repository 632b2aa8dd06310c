"""Sprig's snakecase, kebabcase and camelcase: huandu/xstrings's word splitting (v1.5, what Helm 4 uses).

A string is cut into words of a kind (upper-case run, lower-case word, number,
connector run, punctuation run, other); snake and kebab case join the words in
lower case with their connector, camelcase (xstrings' ToPascalCase) capitalises
every word and drops inner connectors but keeps leading and trailing ones.
"""

from __future__ import annotations

import unicodedata

NUMBER, UPPER, ALPHA, CONNECTOR, PUNCT, OTHER = "number", "upper", "alpha", "connector", "punct", "other"


def _is_connector(ch: str) -> bool:
    return ch in "-_" or ch.isspace()


def _is_alphabet(ch: str) -> bool:
    # A letter, but not a CJK character (xstrings treats those as words of their own).
    if not ch.isalpha():
        return False
    code = ord(ch)
    return not (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or code >= 0x20000)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _is_number(ch: str) -> bool:
    return unicodedata.category(ch).startswith("N")


def _run(text: str, start: int, keep) -> int:  # type: ignore[no-untyped-def]
    end = start
    while end < len(text) and keep(text[end]):
        end += 1
    return end


def next_word(text: str) -> tuple[str, str, str]:
    """Cut the first word off ``text``: return (kind, word, rest)."""
    ch = text[0]
    if _is_connector(ch):
        end = _run(text, 1, _is_connector)
        return CONNECTOR, text[:end], text[end:]
    if _is_punct(ch):
        end = _run(text, 1, _is_punct)
        return PUNCT, text[:end], text[end:]
    if ch.isupper():
        if len(text) > 1 and text[1].isupper():
            end = _run(text, 1, str.isupper)
            # "HTTPStatus" is "HTTP" and "Status": the last capital starts the next word.
            if end < len(text) and _is_alphabet(text[end]):
                end -= 1
            return UPPER, text[:end], text[end:]
        if len(text) > 1 and _is_alphabet(text[1]):
            end = _run(text, 1, lambda c: _is_alphabet(c) and not c.isupper())
            return UPPER, text[:end], text[end:]
        return UPPER, text[:1], text[1:]
    if _is_alphabet(ch):
        end = _run(text, 1, lambda c: _is_alphabet(c) and not c.isupper())
        return ALPHA, text[:end], text[end:]
    if _is_number(ch):
        end = _run(text, 1, _is_number)
        return NUMBER, text[:end], text[end:]
    end = _run(text, 1, lambda c: not (_is_connector(c) or _is_alphabet(c) or _is_number(c) or _is_punct(c)))
    return OTHER, text[:end], text[end:]


def _lower(out: list[str], kind: str, word: str, connector: str) -> None:
    if kind not in (UPPER, CONNECTOR):
        out.append(word)
        return
    out.extend(connector if _is_connector(c) else c.lower() for c in word)


def _lower_run(out: list[str], kind: str, word: str, rest: str, connector: str) -> tuple[str, str, str]:
    """Write a run of letters and digits that stays one word ("4floor" after "Bld"); return the word after it.

    At the end of the text the returned kind and word are empty, so nothing is left to write.
    """
    while kind in (ALPHA, NUMBER):
        _lower(out, kind, word, connector)
        if not rest:
            return "", "", ""
        kind, word, rest = next_word(rest)
    return kind, word, rest


def lower_case(text: str, connector: str) -> str:
    """xstrings' camelCaseToLowerCase: "HTTPServer" -> "http_server", "Bld4Floor" -> "bld4_floor"."""
    if not text:
        return ""
    out: list[str] = []
    kind, word, rest = next_word(text)
    while rest:
        if kind != CONNECTOR:
            _lower(out, kind, word, connector)
        prev, last = kind, word
        kind, word, rest = next_word(rest)
        if prev == NUMBER:
            kind, word, rest = _lower_run(out, kind, word, rest, connector)
            if kind not in ("", PUNCT, CONNECTOR):
                out.append(connector)
        elif prev == CONNECTOR:
            _lower(out, prev, last, connector)
        elif prev == PUNCT:
            pass
        elif kind != NUMBER:
            if kind not in (CONNECTOR, PUNCT):
                out.append(connector)
        elif rest:
            number = word
            kind, word, rest = next_word(rest)
            if kind != ALPHA:
                _lower(out, NUMBER, number, connector)
                if kind not in (CONNECTOR, PUNCT):
                    out.append(connector)
            else:
                out.append(connector)
                _lower(out, NUMBER, number, connector)
                kind, word, rest = _lower_run(out, kind, word, rest, connector)
                if kind not in ("", CONNECTOR, PUNCT):
                    out.append(connector)
    if kind:
        _lower(out, kind, word, connector)
    return "".join(out)


def pascal_case(text: str) -> str:
    """Sprig's camelcase (xstrings' ToPascalCase): "ABC def_GHI" -> "AbcDefGhi", "a__b" -> "A_B", "NoHTTPS" stays.

    A connector is dropped and the rune after it upper-cased; a run of connectors
    keeps all but its last; leading connectors stay. A word that starts with two
    capitals ("ABC", "HTTPServer") is lower-cased after its first letter.
    """
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if _is_connector(ch):
            words.append("".join(current))
            words.append(ch)
            current = []
        else:
            current.append(ch)
    words.append("".join(current))
    text = "".join(w[0] + w[1:].lower() if len(w) > 1 and w[0].isupper() and w[1].isupper() else w for w in words)
    out: list[str] = []
    i = 0
    while i < len(text) and _is_connector(text[i]):
        out.append(text[i])
        i += 1
    if i == len(text):
        return "".join(out)
    previous = text[i].upper()
    for ch in text[i + 1:]:
        if _is_connector(ch) and _is_connector(previous):
            out.append(previous)
            previous = ch
            continue
        if _is_connector(previous):
            ch = ch.upper()
        else:
            out.append(previous)
        previous = ch
    out.append(previous)
    return "".join(out)
