"""Sprig's own template tests as our specification (the cases in sprig_cases.py, run as Sprig runs them).

Sprig executes each template with its function map on empty data (``runt``);
we do the same with the engine outside Helm mode. A case listed in NOT_PORTABLE
is skipped with its reason; one in HELM_DIFFERS must behave as Helm 4.2 does
(checked by the Helm oracle, see tests/helm), which is an error there.
"""

from __future__ import annotations

import pytest

from generator.gotemplate import TemplateError, parse

from .sprig_cases import CASES, HELM_DIFFERS, NOT_PORTABLE


def _params() -> list[object]:
    params = []
    for i, (source, test, template, output) in enumerate(CASES):
        marks = [pytest.mark.skip(reason=NOT_PORTABLE[test])] if test in NOT_PORTABLE else []
        params.append(pytest.param(test, template, output, id=f"{source}:{test}:{i}", marks=marks))
    return params


@pytest.mark.parametrize(("test", "template", "output"), _params())
def test_renders_as_sprigs_own_test_expects(test: str, template: str, output: str) -> None:
    parsed = parse(template, "test")
    if test in HELM_DIFFERS:
        with pytest.raises(TemplateError):
            parsed.execute({})
        return
    assert parsed.execute({}) == output


def test_ports_most_of_sprigs_cases() -> None:
    portable = [c for c in CASES if c[1] not in NOT_PORTABLE]
    assert len(CASES) > 300 and len(portable) > 300
