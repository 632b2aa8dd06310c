"""field_lines: every field's line by its Kubernetes path, and by ``[name]`` for named list items."""

from __future__ import annotations

from generator.manifests.fieldlines import Document, field_lines

DATA = {"spec": {"variables": [{"name": "cpu", "value": 2}, {"value": 3}], "labels": {"a": "b"}}}


def test_a_path_is_named_alike_whether_its_parents_were_recorded_or_not() -> None:
    # A writer records parents first (each path extends its parent's entry); a path recorded
    # alone is walked from the root. Both name the list item by its name.
    full = Document(DATA, {
        ("spec",): 1, ("spec", "variables"): 2, ("spec", "variables", 0): 3, ("spec", "variables", 0, "value"): 4,
        ("spec", "variables", 1): 5, ("spec", "variables", 1, "value"): 6,
    })
    alone = Document(DATA, {("spec", "variables", 0, "value"): 4, ("spec", "variables", 1, "value"): 6})
    assert field_lines([full]) == [{
        "spec": 1, "spec.variables": 2, "spec.variables[0]": 3, "spec.variables[cpu]": 3,
        "spec.variables[0].value": 4, "spec.variables[cpu].value": 4, "spec.variables[1]": 5, "spec.variables[1].value": 6,
    }]
    assert field_lines([alone]) == [{"spec.variables[0].value": 4, "spec.variables[cpu].value": 4, "spec.variables[1].value": 6}]


def test_a_path_the_data_lacks_keeps_its_index_form_only() -> None:
    document = Document(DATA, {("spec", "variables", 7, "value"): 9, ("spec", "labels", "a", 0): 10})
    assert field_lines([document]) == [{"spec.variables[7].value": 9, "spec.labels.a[0]": 10}]
