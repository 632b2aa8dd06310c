"""Writing manifest YAML: when strings are quoted, that the text reads back as the same objects, and every field's line."""

from __future__ import annotations

import dataclasses
import random
import re
from typing import Any

import pytest
import yaml

from generator.gotemplate import dump_yaml
from generator.manifests import default_cluster_form, generate_cluster
from generator.manifests.fieldlines import field_lines
from generator.manifests.yamlreader import load_documents
from generator.manifests.yamlwriter import emit_documents
from tests.manifests.pyyaml_reference import dump_documents
from tests.manifests.versions import OPENSTACK

# --- quoting -------------------------------------------------------------------------------------

QUOTING = [
    ("leaves a name plain", "my-cluster", "my-cluster"),
    ("leaves a path with a colon inside plain", "a:b", "a:b"),
    ("leaves a URL plain", "https://id.example/x?y=1", "https://id.example/x?y=1"),
    ("leaves a hash inside a word plain", "a#b", "a#b"),
    ("leaves unicode plain", "grüße 日本 😀", "grüße 日本 😀"),
    ("leaves a version with a v plain", "v1.32.5", "v1.32.5"),
    ("quotes true, which YAML reads as a boolean", "true", "'true'"),
    ("quotes True", "True", "'True'"),
    ("quotes yes (YAML 1.1 readers such as kubectl's take it for a boolean)", "yes", "'yes'"),
    ("quotes y", "y", "'y'"),
    ("quotes N", "N", "'N'"),
    ("quotes off", "off", "'off'"),
    ("quotes null", "null", "'null'"),
    ("quotes a tilde, which YAML reads as null", "~", "'~'"),
    ("quotes the empty string", "", "''"),
    ("quotes an integer", "1", "'1'"),
    ("quotes a Kubernetes minor, which YAML reads as a float", "1.34", "'1.34'"),
    ("quotes 1.0", "1.0", "'1.0'"),
    ("quotes an exponent that only go-yaml reads as a number", "1e3", "'1e3'"),
    ("quotes a Go octal", "0o17", "'0o17'"),
    ("quotes a YAML 1.1 octal", "012", "'012'"),
    ("quotes hex", "0x1F", "'0x1F'"),
    ("quotes a base-60 number", "190:20:30", "'190:20:30'"),
    ("quotes a date, which YAML reads as a timestamp", "2001-12-14", "'2001-12-14'"),
    ("quotes .inf", ".inf", "'.inf'"),
    ("quotes a fraction without a leading zero", "-.5", "'-.5'"),
    ("quotes the merge key", "<<", "'<<'"),
    ("quotes the value key", "=", "'='"),
    ("quotes a colon and a space", "a: b", "'a: b'"),
    ("quotes a leading hash, which starts a comment", "#x", "'#x'"),
    ("quotes a hash after a space", "a #b", "'a #b'"),
    ("quotes a leading dash and space", "- a", "'- a'"),
    ("quotes a document marker", "---", "'---'"),
    ("quotes a leading indicator", "*x", "'*x'"),
    ("quotes a leading flow bracket", "[x]", "'[x]'"),
    ("quotes leading spaces", "  lead", "'  lead'"),
    ("quotes trailing spaces", "trail ", "'trail '"),
    ("doubles a single quote inside single quotes", "'q' #", "'''q'' #'"),
    ("double-quotes a tab", "a\tb", '"a\\tb"'),
    ("double-quotes a control character", "a\x01b", '"a\\x01b"'),
    ("double-quotes a byte order mark", "a\ufeffb", '"a\\uFEFFb"'),
    ("double-quotes a Unicode line separator, which a block would read as a line break", "a\u2028b", '"a\\Lb"'),
    ("double-quotes a next-line character", "\x85x", '"\\Nx"'),
    ("double-quotes a carriage return", "a\rb", '"a\\rb"'),
    ("writes multi-line text as a literal block", "line1\nline2\n", "|\n  line1\n  line2"),
    ("writes multi-line text without a final break with strip chomping", "line1\nline2", "|-\n  line1\n  line2"),
    ("keeps several final breaks", "a\n\n", "|+\n  a\n"),
    ("gives a block that starts with a space an indentation indicator", " lead\nx", "|2-\n   lead\n  x"),
    ("gives a block that starts with a break an indentation indicator", "\nx", "|2-\n\n  x"),
    ("double-quotes multi-line text with a space before a break", "a \nb", '"a \\nb"'),
]


@pytest.mark.parametrize(("text", "written"), [(t, w) for _, t, w in QUOTING], ids=[n for n, _, _ in QUOTING])
def test_writes_a_string_value(text: str, written: str) -> None:
    out, _ = emit_documents([{"k": text}])
    assert out == f"k: {written}\n"
    assert yaml.safe_load(out) == {"k": text}


KEYS = [
    ("leaves a label key plain", "example.com/tier", "example.com/tier: 1\n"),
    ("quotes a key that reads as a boolean", "on", "'on': 1\n"),
    ("quotes the empty key", "", "'': 1\n"),
    ("double-quotes a multi-line key", "a\nb", '"a\\nb": 1\n'),
    ("writes a key of 128 characters as an explicit key, as PyYAML did", "k" * 128, "? " + "k" * 128 + "\n: 1\n"),
]


@pytest.mark.parametrize(("key", "written"), [(k, w) for _, k, w in KEYS], ids=[n for n, _, _ in KEYS])
def test_writes_a_key(key: str, written: str) -> None:
    out, _ = emit_documents([{key: 1}])
    assert out == written
    assert yaml.safe_load(out) == {key: 1}


SCALARS = [
    ("writes booleans", True, "true"),
    ("writes null", None, "null"),
    ("writes a big integer", 2**70, str(2**70)),
    ("writes a float like PyYAML", 1.5, "1.5"),
    ("writes an integral float with its point", 80.0, "80.0"),
    ("writes a float exponent with a point", 1e20, "1.0e+20"),
    ("writes infinity", float("-inf"), "-.inf"),
    ("writes an empty mapping in flow style", {}, "{}"),
    ("writes an empty list in flow style", [], "[]"),
]


@pytest.mark.parametrize(("value", "written"), [(v, w) for _, v, w in SCALARS], ids=[n for n, _, _ in SCALARS])
def test_writes_a_value_like_pyyaml(value: Any, written: str) -> None:
    out, _ = emit_documents([{"k": value}])
    assert out == f"k: {written}\n"
    assert out == dump_documents([{"k": value}])


def test_the_template_engine_still_quotes_like_go_yaml() -> None:
    # The manifests share the template engine's scalar rules but quote with PyYAML's single quotes; toYaml keeps Go's.
    assert dump_yaml({"a": "1.34", "b": "yes", "c": "1e3", "d": "a: b"}) == "a: \"1.34\"\nb: \"yes\"\nc: \"1e3\"\nd: 'a: b'\n"


# --- layout and lines ----------------------------------------------------------------------------

NESTED = {
    "apiVersion": "v1",
    "kind": "Thing",
    "metadata": {"name": "x", "labels": {"a": "1"}},
    "spec": {
        "items": [{"name": "one", "value": {"script": "echo hi\nexit 0\n", "n": [1, [2, 3], {}]}}, "two", [], [{"a": 1}]],
        "empty": {},
        "k" * 130: {"nested": True},
        "list_key": ["a", "b"],
    },
}


def test_writes_lists_like_kubectl_and_the_old_dumper() -> None:
    text, _ = emit_documents([NESTED, {"apiVersion": "v1", "kind": "Other"}])
    assert text == dump_documents([NESTED, {"apiVersion": "v1", "kind": "Other"}])
    # the key n is quoted: YAML 1.1 readers take a bare n for false
    assert "  items:\n  - name: one\n    value:\n      script: |\n        echo hi\n        exit 0\n      'n':\n      - 1\n      - - 2\n        - 3\n      - {}\n  - two\n" in text


def _random_value(r: random.Random, depth: int) -> Any:
    words = [w for _, w, _ in QUOTING] + [k for _, k, _ in KEYS] + ["a", "b", "name", "value"]
    roll = r.random()
    if depth > 3 or roll < 0.5:
        return r.choice([*words, 0, -7, 2**40, 1.25, 1e-7, True, False, None, "".join(r.choice("ab :#-\n '\"\t") for _ in range(r.randint(0, 6)))])
    if roll < 0.75:
        return {r.choice(words): _random_value(r, depth + 1) for _ in range(r.randint(0, 4))}
    return [_random_value(r, depth + 1) for _ in range(r.randint(0, 4))]


RANDOM_OBJECTS = [[{"apiVersion": "v1", **{f"f{i}": _random_value(random.Random(seed * 10 + i), 0) for i in range(3)}} for _ in range(1 + seed % 3)] for seed in range(200)]


@pytest.mark.parametrize("objects", RANDOM_OBJECTS, ids=[f"reads back random objects, seed {i}" for i in range(len(RANDOM_OBJECTS))])
def test_text_reads_back_as_the_same_objects_with_the_same_lines(objects: list[dict[str, Any]]) -> None:
    text, documents = emit_documents(objects)
    assert list(yaml.safe_load_all(text)) == objects
    parsed, problems = load_documents(text)
    assert problems == []
    assert [d.lines for d in documents] == [d.lines for d in parsed]
    assert [d.start_line for d in documents] == [d.start_line for d in parsed]
    assert field_lines(documents) == field_lines(parsed)


def test_records_the_line_of_every_field_as_it_writes_it() -> None:
    text, (first, second) = emit_documents([NESTED, {"apiVersion": "v1", "kind": "Other"}])
    lines = text.splitlines()
    assert lines[first.lines[("spec", "items", 0, "value", "n", 1)] - 1] == "      - - 2"
    assert lines[first.lines[("spec", "items", 0, "value", "n", 1, 1)] - 1] == "        - 3"
    assert lines[first.lines[("spec", "items", 3, 0, "a")] - 1] == "  - - a: 1"
    assert lines[first.lines[("spec", "empty")] - 1] == "  empty: {}"
    assert lines[first.lines[("spec", "list_key")] - 1] == "  list_key:"
    assert lines[second.start_line - 2] == "---"
    assert lines[second.lines[("kind",)] - 1] == "kind: Other"


def test_writes_dates_and_tuples_like_pyyaml() -> None:
    import datetime

    objects = [{"apiVersion": "v1", "when": datetime.date(2024, 1, 2), "tags": ("a", "b")}]
    text, documents = emit_documents(objects)
    assert text == dump_documents(objects)
    assert documents[0].lines[("when",)] == 2


# --- diagnostics on generated text ---------------------------------------------------------------


def test_diagnostics_of_a_generated_cluster_point_at_their_lines() -> None:
    form = dataclasses.replace(
        default_cluster_form(OPENSTACK),
        name="Bad_Name",
        labels={"team": "x y"},
        variables={"ssh_keypair": "line1\nline2\n", "worker_root_disk": 5, "gpu": True},
    )
    generated = generate_cluster(OPENSTACK, form)
    lines = generated.text.splitlines()
    found = {d.field: lines[d.line - 1] for d in generated.diagnostics}
    assert found["metadata.name"] == "  name: Bad_Name"
    assert found["metadata.labels[team]"] == "  labels:"  # a label is named by key, which is not a data path: its map's line
    assert found["spec.topology.variables[worker_root_disk].value"] == "      value: 5"
    assert found["spec.topology.variables[gpu]"] == "    - name: gpu"
    # the same lines as reading the text back finds
    parsed, _ = load_documents(generated.text)
    assert field_lines(parsed) == field_lines(emit_documents(generated.objects)[1])


# --- the one writer: what else it writes, and what it refuses ----------------------------------------


def test_writes_subclasses_and_timestamps_as_pyyaml_would_write_their_values() -> None:
    import collections
    import datetime

    class Name(str):
        pass

    objects = [{"apiVersion": "v1", "name": Name("yes"), "spec": collections.OrderedDict(a=(1, 2)), "at": datetime.datetime(2024, 1, 2, 3, 4, 5)}]
    text, documents = emit_documents(objects)
    assert text == dump_documents([{"apiVersion": "v1", "name": "yes", "spec": {"a": [1, 2]}, "at": datetime.datetime(2024, 1, 2, 3, 4, 5)}])
    assert documents[0].lines[("spec", "a", 1)] == 6


@pytest.mark.parametrize(
    ("objects", "message"),
    [
        pytest.param([{"apiVersion": "v1", "spec": {"tags": {"a", "b"}}}], "spec.tags: a set value cannot be written to a manifest", id="refuses a set, naming its field"),
        pytest.param([{"apiVersion": "v1", "data": [b"\x00"]}], "data[0]: a bytes value cannot be written to a manifest", id="refuses bytes, naming the list item"),
        pytest.param([[1, 2]], "a manifest document must be a non-empty mapping", id="refuses a document that is not a mapping"),
    ],
)
def test_refuses_what_no_manifest_holds(objects: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        emit_documents(objects)


def test_refuses_an_object_that_contains_itself() -> None:
    loop: dict[str, Any] = {"apiVersion": "v1"}
    loop["self"] = loop
    with pytest.raises(ValueError, match="contains itself"):
        emit_documents([loop])
