"""One home for Kubernetes' name and label rules: the Cluster's labels and a ClusterClass variable's metadata say the same."""

from __future__ import annotations

import pytest

from generator.kubenames import LABEL_VALUE_MESSAGE, QUALIFIED_NAME_MESSAGE, SUBDOMAIN_MESSAGE, label_value_problems, qualified_name_problems
from generator.manifests.names import check_labels
from generator.variables.metadata import validate_metadata

KEYS = [
    ("takes a plain name", "tier", []),
    ("takes a prefixed name", "example.com/tier", []),
    ("refuses a name starting with a dash", "-x", [QUALIFIED_NAME_MESSAGE]),
    ("refuses an empty prefix", "/x", ["prefix part must be non-empty"]),
    ("refuses a bad prefix", "Bad_Prefix/x", ["prefix part " + SUBDOMAIN_MESSAGE]),
    ("refuses an empty name part", "example.com/", ["name part must be non-empty"]),
    ("reports both rules a long bad name breaks", "-" + "x" * 63, ["name part must be no more than 63 characters", QUALIFIED_NAME_MESSAGE]),
    ("refuses two slashes", "a/b/c", None),  # one message on the whole form of a qualified name
]


@pytest.mark.parametrize(("name", "key", "expected"), KEYS, ids=[case[0] for case in KEYS])
def test_both_checks_report_a_label_key_alike(name, key, expected):
    problems = qualified_name_problems(key)
    if expected is None:
        assert len(problems) == 1 and problems[0].startswith("a qualified name must consist of") and "(e.g. 'example.com/MyName')" in problems[0]
    else:
        assert problems == expected
    cluster = [(d.field, d.value, d.detail) for d in check_labels("metadata.labels", {key: "v"})]
    variable = [(e.field, e.value, e.detail) for e in validate_metadata({"labels": {key: "v"}}, "metadata")]
    assert cluster == variable == [("metadata.labels", key, problem) for problem in problems]


def test_label_values_follow_apimachinery_and_its_wording():
    assert label_value_problems("") == []
    assert label_value_problems("a b") == [LABEL_VALUE_MESSAGE]
    assert label_value_problems("v" * 64) == ["must be no more than 63 characters"]
    # RegexError joins the examples with two spaces, and kubectl prints them so.
    assert "(e.g. 'MyValue',  or 'my_value',  or '12345'," in LABEL_VALUE_MESSAGE
    cluster = [(d.field, d.detail) for d in check_labels("metadata.labels", {"env": "a b"})]
    variable = [(e.field, e.detail) for e in validate_metadata({"labels": {"env": "a b"}}, "metadata")]
    assert cluster == variable == [("metadata.labels[env]", LABEL_VALUE_MESSAGE)]
