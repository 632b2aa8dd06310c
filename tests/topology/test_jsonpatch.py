"""JSON patches behave like evanphx/json-patch v5 with Cluster API's options (RFC 6902 examples and the library's errors)."""

from __future__ import annotations

import copy

import pytest

from generator.topology.jsonpatch import JSONPatchError, apply_patch

CASES = [
    ("RFC 6902 A.1 adding an object member", {"foo": "bar"}, [{"op": "add", "path": "/baz", "value": "qux"}], {"foo": "bar", "baz": "qux"}),
    ("RFC 6902 A.2 adding an array element", {"foo": ["bar", "baz"]}, [{"op": "add", "path": "/foo/1", "value": "qux"}], {"foo": ["bar", "qux", "baz"]}),
    ("RFC 6902 A.3 removing an object member", {"baz": "qux", "foo": "bar"}, [{"op": "remove", "path": "/baz"}], {"foo": "bar"}),
    ("RFC 6902 A.4 removing an array element", {"foo": ["bar", "qux", "baz"]}, [{"op": "remove", "path": "/foo/1"}], {"foo": ["bar", "baz"]}),
    ("RFC 6902 A.5 replacing a value", {"baz": "qux", "foo": "bar"}, [{"op": "replace", "path": "/baz", "value": "boo"}], {"baz": "boo", "foo": "bar"}),
    ("RFC 6902 A.10 adding a nested member object", {"foo": "bar"}, [{"op": "add", "path": "/child", "value": {"grandchild": {}}}], {"foo": "bar", "child": {"grandchild": {}}}),
    ("RFC 6902 A.16 adding an array value", {"foo": ["bar"]}, [{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}], {"foo": ["bar", ["abc", "def"]]}),
    ("RFC 6901 escapes ~1 and ~0", {"a/b": {"m~n": 1}}, [{"op": "replace", "path": "/a~1b/m~0n", "value": 2}], {"a/b": {"m~n": 2}}),
    ("add on an existing member replaces it", {"a": 1}, [{"op": "add", "path": "/a", "value": 2}], {"a": 2}),
    ("negative indices count from the end (SupportNegativeIndices)", {"a": [1, 2, 3]}, [{"op": "replace", "path": "/a/-1", "value": 9}], {"a": [1, 2, 9]}),
    ("the whole document can be replaced", {"a": 1}, [{"op": "replace", "path": "", "value": {"b": 2}}], {"b": 2}),
]


@pytest.mark.parametrize(("name", "doc", "ops", "want"), CASES, ids=[c[0] for c in CASES])
def test_applies(name: str, doc: dict, ops: list, want: dict) -> None:
    before = copy.deepcopy(doc)
    assert apply_patch(doc, ops) == want
    assert doc == before, "the input must stay unchanged"


ERRORS = [
    ("RFC 6902 A.12 adding to a nonexistent target", {"foo": "bar"}, [{"op": "add", "path": "/baz/bat", "value": "qux"}], 'add operation does not apply: doc is missing path: "/baz/bat": missing value'),
    ("replace of a missing key", {"a": {}}, [{"op": "replace", "path": "/a/b", "value": 1}], "replace operation does not apply: doc is missing key: /a/b: missing value"),
    ("replace below a missing parent", {}, [{"op": "replace", "path": "/a/b", "value": 1}], "replace operation does not apply: doc is missing path: /a/b: missing value"),
    ("remove of a missing key (AllowMissingPathOnRemove is off)", {"a": {}}, [{"op": "remove", "path": "/a/b"}], "error in remove for path: '/a/b': unable to remove nonexistent key: b: missing value"),
    ("add past the end of an array", {"a": [1]}, [{"op": "add", "path": "/a/3", "value": 1}], "error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced"),
    ("add with a word as array index", {"a": [1]}, [{"op": "add", "path": "/a/x", "value": 1}], "error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax"),
]


@pytest.mark.parametrize(("name", "doc", "ops", "message"), ERRORS, ids=[c[0] for c in ERRORS])
def test_fails_like_the_library(name: str, doc: dict, ops: list, message: str) -> None:
    with pytest.raises(JSONPatchError) as raised:
        apply_patch(doc, ops)
    assert str(raised.value) == message


def test_a_failing_operation_leaves_the_input_unchanged() -> None:
    doc = {"spec": {"a": [1, {"b": 2}]}}
    with pytest.raises(JSONPatchError):
        apply_patch(doc, [{"op": "replace", "path": "/spec/a/1/b", "value": 3}, {"op": "add", "path": "/spec/missing/x", "value": 1}])
    assert doc == {"spec": {"a": [1, {"b": 2}]}}
