"""Bad templates and bad data fail with Go's message, naming the template and line; never a Python traceback."""

from __future__ import annotations

from typing import Any

import pytest

from generator.gotemplate import TemplateError, TemplateExecError, TemplateSyntaxError, parse, render

SYNTAX = [
    ("rejects an unclosed action", "{{ .a", "template: t:1: unclosed action"),
    ("rejects an unknown function when parsing", "{{ nope 1 }}", 'template: t:1: function "nope" not defined'),
    ("rejects an if without end, at the line of the end of input", "a\n{{ if .a }}x", "template: t:2: unexpected EOF"),
    ("rejects a stray end", "{{ end }}", "template: t:1: unexpected {{end}}"),
    ("rejects a stray else", "{{ else }}", "template: t:1: unexpected {{else}}"),
    ("rejects an undefined variable", "{{ $x }}", 'template: t:1: undefined variable "$x"'),
    ("rejects an unterminated string", '{{ "abc }}', "template: t:1: unterminated quoted string"),
    ("rejects three range variables", "{{ range $a, $b, $c := .l }}{{ end }}", "template: t:1: too many declarations in range"),
    ("rejects break outside range", "{{ break }}", "template: t:1: {{break}} outside {{range}}"),
    ("rejects an unclosed parenthesis", "{{ ( .a }}", "template: t:1: unclosed left paren"),
    ("rejects an unexpected right parenthesis", "{{ .a ) }}", "template: t:1: unexpected right paren"),
    ("rejects an unclosed comment", "{{/* x }}", "template: t:1: unclosed comment"),
    ("rejects a malformed number", "{{ 1x }}", 'template: t:1: bad number syntax: "1x"'),
    ("rejects an if without a condition", "{{ if }}{{ end }}", "template: t:1: missing value for if"),
    ("rejects a literal after a pipe", '{{ "a" | 3 }}', "template: t:1: non executable command in pipeline stage 2"),
    ("rejects two definitions of one name in one source", '{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', 'template: t:1: template: multiple definition of template "a"'),
    ("rejects a block and a define of one name in one source", '{{ block "b" . }}default{{ end }}{{ define "b" }}override{{ end }}', 'template: t:1: template: multiple definition of template "b"'),
    ("rejects a hexadecimal float without an exponent", "{{ 0x123. }}", 'template: t:1: illegal number syntax: "0x123."'),
    ("counts lines across text and actions", "one\ntwo\n{{ .a }}\n{{ nope }}", 'template: t:4: function "nope" not defined'),
]


@pytest.mark.parametrize(("template", "message"), [pytest.param(t, m, id=i) for i, t, m in SYNTAX])
def test_syntax_error_prints_like_go(template: str, message: str) -> None:
    with pytest.raises(TemplateSyntaxError) as caught:
        parse(template, name="t")
    assert str(caught.value) == message
    assert caught.value.template_name == "t"
    assert caught.value.line == int(message.split(":")[2])


EXEC = [
    ("fails on arguments to a variable that is not a function", "{{ $x := 1 }}{{ $x 2 }}", {}, 'template: t:1:16: executing "t" at <$x>: can\'t give argument to non-function $x'),
    ("fails on a pipeline into a variable that is not a function", "{{ $x := 1 }}{{ 3 | $x }}", {}, 'template: t:1:20: executing "t" at <$x>: can\'t give argument to non-function $x'),
    ("fails on an index out of range", "{{ index .a 5 }}", {"a": [1, 2]}, 'template: t:1:3: executing "t" at <index .a 5>: error calling index: index out of range: 5'),
    ("fails on indexing nil", "{{ index nil 1 }}", {}, 'template: t:1:3: executing "t" at <index nil 1>: error calling index: index of untyped nil'),
    ("fails on a map index of the wrong type", "{{ index .m 1 }}", {"m": {}}, 'template: t:1:3: executing "t" at <index .m 1>: error calling index: value has type int; should be string'),
    ("fails on too few arguments", "{{ upper }}", {}, 'template: t:1:3: executing "t" at <upper>: wrong number of args for upper: want 1 got 0'),
    ("fails on too many arguments", "{{ upper 1 2 }}", {}, 'template: t:1:3: executing "t" at <upper 1 2>: wrong number of args for upper: want 1 got 2'),
    ("fails on a value of the wrong type", "{{ upper .n }}", {"n": 5}, 'template: t:1:9: executing "t" at <.n>: wrong type for value; expected string; got int'),
    ("fails on a literal of the wrong type", '{{ trunc "a" "b" }}', {}, 'template: t:1:9: executing "t" at <"a">: expected integer; found "a"'),
    ("fails on a float where Go wants an int", "{{ indent .x \"a\" }}", {"x": 2.0}, 'template: t:1:10: executing "t" at <.x>: wrong type for value; expected int; got float64'),
    ("fails on a field of a string", "{{ .a.b }}", {"a": "s"}, 'template: t:1:3: executing "t" at <.a.b>: can\'t evaluate field b in type interface {}'),
    ("fails on a field of dot when dot is a string", "{{ .b }}", "text", 'template: t:1:3: executing "t" at <.b>: can\'t evaluate field b in type string'),
    ("fails with required's message", '{{ required "value x is required" .x }}', {}, 'template: t:1:3: executing "t" at <required "value x is...>: error calling required: value x is required'),
    ("fails with fail's message", '{{ fail "stop here" }}', {}, 'template: t:1:3: executing "t" at <fail "stop here">: error calling fail: stop here'),
    ("fails comparing a number with a string", '{{ eq 1 "a" }}', {}, 'template: t:1:3: executing "t" at <eq 1 "a">: error calling eq: incompatible types for comparison'),
    ("fails comparing an int with a float from values", "{{ eq .r 3 }}", {"r": 3.0}, 'template: t:1:3: executing "t" at <eq .r 3>: error calling eq: incompatible types for comparison'),
    ("fails ordering a list", "{{ lt .l 1 }}", {"l": []}, 'template: t:1:3: executing "t" at <lt .l 1>: error calling lt: invalid type for comparison'),
    ("fails ranging over a string", "{{ range .s }}{{ end }}", {"s": "str"}, 'template: t:1:9: executing "t" at <{{range .s}}{{end}}>: range can\'t iterate over str'),
    ("fails calling an undefined template", '{{ template "missing" }}', {}, 'template: t:1:3: executing "t" at <{{template "missing"...>: template "missing" not defined'),
    ("fails including an undefined template", '{{ include "missing" . }}', {}, 'template: t:1:3: executing "t" at <include "missing" .>: error calling include: template: no template "missing" associated with template "t"'),
    ("fails on nil as a command", "{{ nil }}", {}, 'template: t:1:3: executing "t" at <nil>: nil is not a command'),
    ("fails giving arguments to a literal", '{{ "a" 1 }}', {}, 'template: t:1:3: executing "t" at <"a">: can\'t give argument to non-function "a"'),
    ("fails giving arguments to a map key", '{{ .a "x" }}', {"a": {}}, 'template: t:1:3: executing "t" at <.a>: a is not a method but has arguments'),
    ("fails dividing by zero", "{{ div 1 0 }}", {}, 'template: t:1:3: executing "t" at <div 1 0>: error calling div: runtime error: integer divide by zero'),
    ("fails on len of a number", "{{ len 1 }}", {}, 'template: t:1:3: executing "t" at <len 1>: error calling len: len of type int'),
    ("fails on first of a string", '{{ first "abc" }}', {}, 'template: t:1:3: executing "t" at <first "abc">: error calling first: Cannot find first on type string'),
    ("fails on a bad version", '{{ semverCompare ">=1.0" "banana" }}', {}, 'template: t:1:3: executing "t" at <semverCompare ">=1.0...>: error calling semverCompare: Invalid Semantic Version'),
    ("fails on endless template recursion", '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', {}, 'template: t:1:19: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)'),
    ("points at the line and column of the failing node", "line1\nline2 {{ .a.b }}", {"a": "s"}, 'template: t:2:9: executing "t" at <.a.b>: can\'t evaluate field b in type interface {}'),
    ("reports a bad template given to tpl", '{{ tpl "{{ .x" . }}', {}, 'template: t:1:3: executing "t" at <tpl "{{ .x" .>: error calling tpl: error during tpl function execution for "{{ .x": template: t:1: unclosed action'),
]


@pytest.mark.parametrize(("template", "data", "message"), [pytest.param(t, d, m, id=i) for i, t, d, m in EXEC])
def test_execution_error_prints_like_go(template: str, data: Any, message: str) -> None:
    with pytest.raises(TemplateExecError) as caught:
        render(template, data, name="t")
    assert str(caught.value) == message
    assert isinstance(caught.value, TemplateError)


def test_errors_in_a_define_name_the_source_file_and_the_executing_template() -> None:
    helpers = {"_helpers.tpl": 'x\n{{- define "h" }}\n{{ .a.b }}{{ end }}'}
    with pytest.raises(TemplateError) as caught:
        render('{{ template "h" . }}', {"a": 1}, templates=helpers, name="main.yaml")
    assert str(caught.value) == 'template: _helpers.tpl:3:3: executing "h" at <.a.b>: can\'t evaluate field b in type interface {}'
    assert (caught.value.template_name, caught.value.line) == ("_helpers.tpl", 3)


def test_a_failing_method_never_leaks_a_python_exception() -> None:
    from generator.gotemplate import GoObject

    class Broken(GoObject):
        _go_methods = frozenset({"Explode"})

        def Explode(self) -> str:  # noqa: N802
            raise ValueError("boom")

    with pytest.raises(TemplateExecError) as caught:
        render("{{ .Explode }}", Broken(), name="t")
    assert str(caught.value) == 'template: t:1:3: executing "t" at <.Explode>: error calling Explode: boom'


def test_substr_out_of_bounds_fails_as_go_panics() -> None:
    with pytest.raises(TemplateExecError, match=r"error calling substr: runtime error: slice bounds out of range \[5:2\]"):
        render('{{ substr 5 2 "hello" }}', None)


def test_a_template_set_parsed_from_the_same_sources_is_reused_and_renders_each_data_alike() -> None:
    from generator.gotemplate import parse_set

    sources = {"chart/templates/a.yaml": "name: {{ .Values.name }}", "chart/templates/_h.tpl": '{{ define "x" }}x{{ end }}'}
    first = parse_set(dict(sources), helm=True)
    second = parse_set(dict(sources), helm=True)
    assert first is second
    assert first.execute_template("chart/templates/a.yaml", {"Values": {"name": "one"}}) == "name: one"
    assert second.execute_template("chart/templates/a.yaml", {"Values": {"name": "two"}}) == "name: two"
    assert parse_set({**sources, "chart/templates/a.yaml": "other"}, helm=True) is not first
