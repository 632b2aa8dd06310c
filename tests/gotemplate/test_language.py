"""Go text/template language: every construct, with the output Go prints."""

from __future__ import annotations

from typing import Any

import pytest

from generator.gotemplate import parse, render

CASES = [
    # text, actions, trim markers, comments
    ("prints plain text unchanged", "hello\nworld", None, "hello\nworld"),
    ("prints a field of a map", "{{ .name }}", {"name": "x"}, "x"),
    ("prints a chain of map keys", "{{ .a.b.c }}", {"a": {"b": {"c": 3}}}, "3"),
    ("prints <no value> for a missing key as Go's default does", "[{{ .nope }}]", {}, "[<no value>]"),
    ("prints <no value> for a key of a missing map", "[{{ .a.b }}]", {}, "[<no value>]"),
    ("prints dot itself", "{{ . }}", "hi", "hi"),
    ("trims whitespace before an action with {{-", "a  \n {{- .x }}", {"x": 1}, "a1"),
    ("trims whitespace after an action with -}}", "{{ .x -}} \n\t b", {"x": 1}, "1b"),
    ("keeps a minus number from being a trim marker", "{{-3}}", None, "-3"),
    ("drops comments", "a{{/* note */}}b", None, "ab"),
    ("drops comments with trim markers", "a \n{{- /* note */ -}}\n b", None, "ab"),
    ("drops multi-line comments", "a{{/* one\ntwo */}}b", None, "ab"),
    # literals
    ("prints an interpreted string with Go escapes", r'{{ "a\tb\u00e9\x41" }}', None, "a\tbéA"),
    ("prints a raw string literally", "{{ `a\\n{{b}}` }}", None, "a\\n{{b}}"),
    ("prints a rune literal as its code point", "{{ 'a' }}", None, "97"),
    ("prints integers, hex, octal and binary literals", "{{ 42 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}", None, "42 31 15 15 5 1000"),
    ("prints float literals like Go's %v", "{{ 1.5 }} {{ 1e3 }} {{ 2.0 }} {{ 1e6 }}", None, "1.5 1000 2 1e+06"),
    ("prints booleans", "{{ true }} {{ false }}", None, "true false"),
    ("prints floats in data like Go (1e+06 is a Helm classic)", "{{ .a }} {{ .b }} {{ .c }} {{ .d }}", {"a": 3.0, "b": 1000000.0, "c": 0.5, "d": 123456789.0}, "3 1e+06 0.5 1.23456789e+08"),
    ("prints lists and maps like fmt", "{{ .l }} {{ .m }}", {"l": [1, "a", None, [2]], "m": {"b": 1, "a": [True]}}, "[1 a <nil> [2]] map[a:[true] b:1]"),
    # pipelines, parentheses, variables
    ("passes a pipeline value as the last argument", '{{ "abc" | printf "%s-%s" "x" }}', None, "x-abc"),
    ("evaluates parenthesised pipelines", "{{ (len .l) }} {{ printf \"%d\" (len .l) }}", {"l": [1, 2]}, "2 2"),
    ("reads fields of a parenthesised value", "{{ (index .l 0).name }}", {"l": [{"name": "n"}]}, "n"),
    ("declares and reads a variable", "{{ $x := .a }}{{ $x }}", {"a": 5}, "5"),
    ("assigns an existing variable inside range", "{{ $x := 0 }}{{ range .l }}{{ $x = . }}{{ end }}{{ $x }}", {"l": [1, 2, 3]}, "3"),
    ("reads fields through a variable", "{{ $v := .a }}{{ $v.b.c }}", {"a": {"b": {"c": "deep"}}}, "deep"),
    ("reaches the root data with $", "{{ range .l }}{{ $.root }}{{ end }}", {"l": [1, 2], "root": "r"}, "rr"),
    ("prints nothing for a declaration", "[{{ $x := 1 }}]", None, "[]"),
    ("scopes a variable declared in if to that if", "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", None, "21"),
    # if / else if / else
    ("takes the if branch for a true value", "{{ if .a }}yes{{ end }}", {"a": 1}, "yes"),
    ("follows Go truth: empty string, 0, empty list and map, nil are false", "{{ if .s }}1{{ end }}{{ if .z }}2{{ end }}{{ if .l }}3{{ end }}{{ if .m }}4{{ end }}{{ if .n }}5{{ end }}{{ if .f }}6{{ end }}done", {"s": "", "z": 0, "l": [], "m": {}, "n": None, "f": 0.0}, "done"),
    ("takes else if and else branches", "{{ if eq .a 1 }}one{{ else if eq .a 2 }}two{{ else }}many{{ end }}", {"a": 2}, "two"),
    ("takes the final else branch", "{{ if eq .a 1 }}one{{ else if eq .a 2 }}two{{ else }}many{{ end }}", {"a": 7}, "many"),
    ("short-circuits and/or returning the deciding value", "{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ and 1 2 }} {{ or 0 \"\" }}", None, "0 x 2 "),
    ("does not evaluate the rest of and after a false value", "{{ if and .m (index .m \"k\") }}y{{ else }}n{{ end }}", {"m": None}, "n"),
    ("negates with not", "{{ not 0 }} {{ not \"a\" }}", None, "true false"),
    # with
    ("sets dot in with", "{{ with .a }}{{ .b }}{{ end }}", {"a": {"b": "in"}}, "in"),
    ("takes else with and else", "{{ with .a }}a{{ else with .b }}b={{ . }}{{ else }}none{{ end }}", {"b": 2}, "b=2"),
    ("takes else of with for an empty value", "{{ with .a }}a{{ else }}none{{ end }}", {"a": ""}, "none"),
    # range
    ("ranges over a list", "{{ range .l }}<{{ . }}>{{ end }}", {"l": ["a", "b"]}, "<a><b>"),
    ("ranges with index and element", "{{ range $i, $e := .l }}{{ $i }}={{ $e }} {{ end }}", {"l": ["a", "b"]}, "0=a 1=b "),
    ("ranges over a map in sorted key order", "{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}", {"m": {"b": 2, "a": 1, "c": 3}}, "a=1;b=2;c=3;"),
    ("ranges over map values with one variable", "{{ range $v := .m }}{{ $v }}{{ end }}", {"m": {"b": 2, "a": 1}}, "12"),
    ("ranges over an integer", "{{ range 3 }}{{ . }}{{ end }} {{ range $i := 2 }}{{ $i }}{{ end }}", None, "012 01"),
    ("takes range's else for an empty list", "{{ range .l }}x{{ else }}empty{{ end }}", {"l": []}, "empty"),
    ("takes range's else for a missing value", "{{ range .l }}x{{ else }}empty{{ end }}", {}, "empty"),
    ("stops at break and skips at continue", "{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}", {"l": [1, 2, 3, 4, 5]}, "13"),
    ("keeps dot outside range", "{{ range .l }}{{ end }}{{ .x }}", {"l": [1], "x": "after"}, "after"),
    # define, template, block
    ("executes a defined template with a pipeline as dot", '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" .a }}', {"a": 1}, "[1]"),
    ("executes a template without a pipeline with nil dot", '{{ define "t" }}[{{ . }}]{{ end }}{{ template "t" }}', None, "[<no value>]"),
    ("executes a block in place and lets it be defined", '{{ block "b" . }}default {{ .x }}{{ end }}', {"x": 1}, "default 1"),
    ("gives a defined template its own variables", '{{ define "t" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "t" 2 }}', None, "2"),
    ("calls templates recursively", '{{ define "r" }}{{ if gt . 0 }}{{ . }}{{ template "r" (sub . 1) }}{{ end }}{{ end }}{{ template "r" 3 }}', None, "321"),
    # builtins
    ("counts bytes with len as Go does", "{{ len \"héllo\" }} {{ len .l }} {{ len .m }}", {"l": [1, 2], "m": {"a": 1}}, "6 2 1"),
    ("indexes lists, maps and nested values", "{{ index .l 1 }} {{ index .m \"k\" }} {{ index .n \"a\" 0 }}", {"l": [1, 2], "m": {"k": "v"}, "n": {"a": ["z"]}}, "2 v z"),
    ("indexes a missing map key as no value", "{{ index .m \"x\" }}", {"m": {}}, "<no value>"),
    ("indexes a string to a byte", "{{ index \"abc\" 1 }}", None, "98"),
    ("slices lists and strings", "{{ slice .l 1 3 }} {{ slice \"hello\" 1 }} {{ slice .l }}", {"l": [1, 2, 3, 4]}, "[2 3] ello [1 2 3 4]"),
    ("prints with print: spaces only between non-strings", "{{ print \"a\" \"b\" 1 2 \"c\" }}", None, "ab1 2c"),
    ("prints with println", "{{ println \"a\" 1 }}", None, "a 1\n"),
    ("compares with eq against several values", "{{ eq .a 1 2 3 }} {{ eq \"x\" \"y\" }}", {"a": 3}, "true false"),
    ("compares nil with eq", "{{ eq .missing nil }} {{ eq .missing \"x\" }}", {}, "true false"),
    ("orders with lt le gt ge", "{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}", None, "true true true false"),
    ("compares with ne", "{{ ne 1 2 }} {{ ne \"a\" \"a\" }}", None, "true false"),
    ("escapes html", "{{ html \"<a href='x'>&</a>\" }}", None, "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
    ("escapes js", "{{ js \"it's <b>\" }}", None, "it\\'s \\u003Cb\\u003E"),
    ("escapes url queries", "{{ urlquery \"a b&c=d/é\" }}", None, "a+b%26c%3Dd%2F%C3%A9"),
    # printf
    ("formats %s %d %v %q %t", '{{ printf "%s %d %v %q %t" "a" 3 .l "q\\"" true }}', {"l": [1, "x"]}, 'a 3 [1 x] "q\\"" true'),
    ("formats widths and precisions", '{{ printf "[%5.2f|%-5s|%5s|%05d|%x|%X|%o|%b]" 3.14159 "ab" "cd" 42 255 255 8 5 }}', None, "[ 3.14|ab   |   cd|00042|ff|FF|10|101]"),
    ("formats %e and %g", '{{ printf "%e %g %.3g" 1234.5 0.00001 3.14159 }}', None, "1.234500e+03 1e-05 3.14"),
    ("reports a wrong verb like Go", '{{ printf "%d" .replicas }}', {"replicas": 3.0}, "%!d(float64=3)"),
    ("reports missing and extra arguments like Go", '{{ printf "%s %s" "a" }} {{ printf "%s" "a" 1 }}', None, "a %!s(MISSING) a%!(EXTRA int=1)"),
    ("formats %T and %%", '{{ printf "%T %T %T %T %%" 1 "s" .l .m }}', {"l": [], "m": {}}, "int string []interface {} map[string]interface {} %"),
]


@pytest.mark.parametrize(("template", "data", "expected"), [pytest.param(t, d, e, id=i) for i, t, d, e in CASES])
def test_renders_like_go(template: str, data: Any, expected: str) -> None:
    assert render(template, data) == expected


def test_parses_once_and_executes_many_times_with_different_data() -> None:
    compiled = parse("{{ range .l }}{{ . }}{{ end }}-{{ .x }}", name="t")
    assert compiled.execute({"l": [1, 2], "x": "a"}) == "12-a"
    assert compiled.execute({"l": [], "x": "b"}) == "-b"
    assert compiled.execute({"l": ["z"], "x": 1}) == "z-1"


def test_makes_defines_of_other_sources_visible() -> None:
    helpers = {"_helpers.tpl": '{{- define "name" -}}{{ .a }}-{{ .b }}{{- end -}}'}
    assert render('x: {{ include "name" . }}', {"a": 1, "b": 2}, templates=helpers) == "x: 1-2"


def test_objects_expose_fields_and_methods() -> None:
    from generator.gotemplate import GoObject

    class Thing(GoObject):
        _go_type = "*main.Thing"
        _go_fields = ("Name",)
        _go_methods = frozenset({"Greet"})

        def __init__(self) -> None:
            self.Name = "n"

        def Greet(self, who: str) -> str:  # noqa: N802
            return f"hi {who}"

    assert render('{{ .Name }} {{ .Greet "you" }} {{ "me" | .Greet }}', Thing()) == "n hi you hi me"


def test_lets_a_define_in_a_later_source_override_a_block() -> None:
    # In one source Go refuses a block and a define of the same name (see test_errors.py); across sources the later wins.
    assert render('{{ define "b" }}override{{ end }}{{ template "b" . }}', None, {"base": '{{ block "b" . }}default{{ end }}'}) == "override"


def test_keeps_an_earlier_define_when_a_later_source_has_an_empty_block() -> None:
    # Go issue 19294: an empty block in a later source must not replace a non-empty definition.
    from generator.gotemplate import parse_set

    templates = parse_set({"a": '{{ define "x" }}from a{{ end }}', "b": '{{ block "x" . }}{{ end }}', "main": '{{ template "x" }}'})
    assert templates.execute_template("main", None) == "from a"
