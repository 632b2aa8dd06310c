"""Sprig and Helm functions: results and edge cases as Sprig and Helm produce them."""

from __future__ import annotations

from typing import Any

import pytest

from generator.gotemplate import render
from generator.gotemplate.gofmt import go_sprintf

CASES = [
    # defaults and emptiness
    ("default replaces an empty string", '{{ default "d" "" }}', None, "d"),
    ("default replaces zero, false, nil and empty collections", '{{ default "d" 0 }} {{ default "d" false }} {{ default "d" .nope }} {{ default "d" .l }} {{ default "d" .m }}', {"l": [], "m": {}}, "d d d d d"),
    ("default keeps a set value", '{{ default "d" "x" }} {{ .v | default 5 }}', {"v": 7}, "x 7"),
    ("empty follows Sprig", "{{ empty 0 }} {{ empty \"\" }} {{ empty .l }} {{ empty \"a\" }} {{ empty 1.5 }}", {"l": []}, "true true true false false"),
    ("coalesce returns the first non-empty value", '{{ coalesce "" .nope 0 "x" "y" }}', {}, "x"),
    ("coalesce of nothing non-empty is no value", "{{ coalesce \"\" 0 }}", None, "<no value>"),
    ("ternary picks by a boolean", '{{ ternary "y" "n" true }} {{ false | ternary "y" "n" }}', None, "y n"),
    # strings
    ("quote quotes every argument and skips nil", '{{ quote "a" 1 .nope "b\\"c" }}', {}, '"a" "1" "b\\"c"'),
    ("quote prints floats like Go", "{{ quote .f }}", {"f": 1000000.0}, '"1e+06"'),
    ("squote single-quotes", '{{ squote "a" 2 }}', None, "'a' '2'"),
    ("upper, lower and title", '{{ upper "aB" }} {{ lower "aB" }} {{ title "hello wORLD-x" }}', None, "AB ab Hello WORLD-X"),
    ("trim family", '[{{ trim "  a  " }}] [{{ trimAll "$" "$$5$" }}] [{{ trimPrefix "v" "v1.2" }}] [{{ trimSuffix ".yaml" "a.yaml" }}]', None, "[a] [5] [1.2] [a]"),
    ("trunc cuts from the right, and from the left when negative", '{{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ trunc 10 "ab" }} {{ trunc -10 "ab" }}', None, "abc ef ab ab"),
    ("replace, contains, hasPrefix, hasSuffix", '{{ replace "a" "b" "aXa" }} {{ contains "X" "aXa" }} {{ hasPrefix "a" "ab" }} {{ hasSuffix "a" "ab" }}', None, "bXb true true false"),
    ("repeat and substr", '{{ repeat 3 "ab" }} {{ substr 1 3 "hello" }} {{ substr -1 2 "hello" }} {{ substr 2 99 "hello" }}', None, "ababab el he llo"),
    ("indent pads every line and nindent starts with a newline", '{{ indent 2 "a\\nb" }}|{{ nindent 4 "x" }}', None, "  a\n  b|\n    x"),
    ("cat joins values with spaces and skips nil", '{{ cat "a" 1 .nope "b" }}', {}, "a 1 b"),
    ("join converts elements to strings", '{{ join "," .l }} {{ join "-" "single" }}', {"l": [1, "b", None, True]}, "1,b,true single"),
    ("split returns a map of _N keys", '{{ $p := split "." "a.b.c" }}{{ $p._0 }}{{ $p._2 }}', None, "ac"),
    ("splitList returns a list", '{{ splitList "," "a,b,,c" }} {{ len (splitList "," "") }}', None, "[a b  c] 1"),
    ("toString and toStrings", '{{ toString 1.5 }} {{ toStrings .l }}', {"l": [1, "a"]}, "1.5 [1 a]"),
    ("nospace removes all whitespace", '{{ nospace " a b\\tc " }}', None, "abc"),
    # lists
    ("list builds a list", "{{ list 1 \"a\" nil }}", None, "[1 a <nil>]"),
    ("first, last, rest and initial", "{{ first .l }} {{ last .l }} {{ rest .l }} {{ initial .l }} {{ first .e }}", {"l": [1, 2, 3], "e": []}, "1 3 [2 3] [1 2] <no value>"),
    ("append and prepend return new lists", "{{ append .l 4 }} {{ prepend .l 0 }} {{ .l }}", {"l": [1, 2]}, "[1 2 4] [0 1 2] [1 2]"),
    ("uniq, has, without and compact", '{{ uniq .l }} {{ has 2 .l }} {{ has 9 .l }} {{ without .l 1 }} {{ compact (list "" "a" 0 nil "b") }}', {"l": [1, 2, 1, 3]}, "[1 2 3] true false [2 3] [a b]"),
    ("concat joins lists", "{{ concat .a .b (list 5) }}", {"a": [1], "b": [2, 3]}, "[1 2 3 5]"),
    ("sortAlpha sorts string forms", "{{ sortAlpha .l }}", {"l": ["b", "a", "C"]}, "[C a b]"),
    ("until and untilStep count", "{{ until 3 }} {{ untilStep 1 10 3 }} {{ until 0 }}", None, "[0 1 2] [1 4 7] []"),
    ("reverse reverses", "{{ reverse .l }}", {"l": [1, 2, 3]}, "[3 2 1]"),
    # dictionaries
    ("dict builds a map from pairs", '{{ dict "b" 1 "a" (list 2) }}', None, "map[a:[2] b:1]"),
    ("get, set, unset and hasKey", '{{ $d := dict "a" 1 }}{{ get $d "a" }} [{{ get $d "x" }}] {{ $_ := set $d "b" 2 }}{{ hasKey $d "b" }} {{ $_ = unset $d "a" }}{{ $d }}', None, "1 [] true map[b:2]"),
    ("keys and values come out in key order", "{{ keys .m }} {{ values .m }}", {"m": {"b": 2, "a": 1}}, "[a b] [1 2]"),
    ("pluck collects a key from several maps", '{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}', None, "[1 3]"),
    ("merge keeps destination values and fills the rest deeply", '{{ $d := dict "a" 1 "n" (dict "x" 1) }}{{ $_ := merge $d (dict "a" 2 "b" 3 "n" (dict "x" 9 "y" 2)) }}{{ toJson $d }}', None, '{"a":1,"b":3,"n":{"x":1,"y":2}}'),
    ("mergeOverwrite lets sources win deeply", '{{ $d := dict "a" 1 "n" (dict "x" 1) }}{{ $_ := mergeOverwrite $d (dict "a" 2 "n" (dict "y" 2)) }}{{ toJson $d }}', None, '{"a":2,"n":{"x":1,"y":2}}'),
    ("dig walks nested keys with a default", '{{ dig "a" "b" "none" .m }} {{ dig "a" "x" "none" .m }}', {"m": {"a": {"b": "found"}}}, "found none"),
    ("deepCopy copies", '{{ $c := deepCopy .m }}{{ $_ := set $c "x" 2 }}{{ .m }} {{ $c }}', {"m": {"x": 1}}, "map[x:1] map[x:2]"),
    # numbers
    ("int and int64 truncate floats and parse strings", '{{ int 3.9 }} {{ int64 "42" }} {{ int "x" }} {{ int "0x10" }} {{ int true }}', None, "3 42 0 16 1"),
    ("float64 converts", '{{ float64 "1.5" }} {{ float64 2 }}', None, "1.5 2"),
    ("atoi parses decimal strings", '{{ atoi "12" }} {{ atoi "1.5" }}', None, "12 0"),
    ("arithmetic works on int64 like Sprig", "{{ add 1 2 3 }} {{ add1 .f }} {{ sub 5 7 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ div -7 2 }} {{ mod -7 3 }}", {"f": 2.0}, "6 3 -2 24 3 -3 -1"),
    ("max and min", "{{ max 1 5 3 }} {{ min 4 2 8 }}", None, "5 2"),
    ("floor, ceil and round return floats", "{{ floor 1.7 }} {{ ceil 1.2 }} {{ round 3.14159 2 }} {{ round 2.5 0 }}", None, "1 2 3.14 3"),
    # conversion to and from YAML and JSON
    ("toYaml writes sorted block YAML without a final newline", "{{ toYaml .m }}", {"m": {"b": [1, "x"], "a": {"c": None}}}, "a:\n  c: null\nb:\n- 1\n- x"),
    ("toYaml quotes strings YAML would read as something else", "{{ toYaml .m }}", {"m": {"a": "true", "b": "1.0", "c": "", "d": "null", "e": "~", "f": "yes", "g": "012", "h": "1.32"}}, 'a: "true"\nb: "1.0"\nc: ""\nd: "null"\ne: "~"\nf: "yes"\ng: "012"\nh: "1.32"'),
    ("toYaml single-quotes strings that cannot be plain", "{{ toYaml .m }}", {"m": {"a": "x: y", "b": "- item", "c": "#hash", "d": " lead", "e": "*star", "f": "trail:"}}, "a: 'x: y'\nb: '- item'\nc: '#hash'\nd: ' lead'\ne: '*star'\nf: 'trail:'"),
    ("toYaml keeps plain strings plain and folds long ones past column 80 as Helm does", "{{ toYaml .m }}", {"m": {"a": "v1.32.9", "b": "http://x:80/y", "c": "a, b", "d": "x " * 60 + "end"}}, "a: v1.32.9\nb: http://x:80/y\nc: a, b\nd: " + "x " * 39 + "x\n  " + "x " * 20 + "end"),
    ("toYaml writes multi-line strings as literal blocks", "{{ toYaml .m }}", {"m": {"a": "l1\nl2", "b": "l1\n", "c": ["x\ny"]}}, "a: |-\n  l1\n  l2\nb: |\n  l1\nc:\n- |-\n  x\n  y"),
    ("toYaml writes floats as Helm does", "{{ toYaml .m }}", {"m": {"a": 3.0, "b": 1000000.0, "c": 2.5, "d": 1234567.5}}, "a: 3\nb: 1000000\nc: 2.5\nd: 1.2345675e+06"),
    ("toYaml of a list of maps", "{{ toYaml .l }}", {"l": [{"b": 1, "a": 2}, {}]}, "- a: 2\n  b: 1\n- {}"),
    ("toYaml of scalars and empties", "{{ toYaml \"s\" }}|{{ toYaml .e }}|{{ toYaml .l }}|{{ toYaml .n }}", {"e": {}, "l": []}, "s|{}|[]|null"),
    ("fromYaml reads numbers as float64 like Helm", '{{ $m := fromYaml "a: 1\\nb: [x, 2]" }}{{ kindOf $m.a }} {{ $m.b }}', None, "float64 [x 2]"),
    ("fromYaml reports bad YAML under Error", '{{ $m := fromYaml "a: [" }}{{ hasKey $m "Error" }}', None, "true"),
    ("toJson escapes HTML characters like encoding/json", '{{ toJson .m }}', {"m": {"b": "<&>", "a": [1, 2.5, None, True]}}, '{"a":[1,2.5,null,true],"b":"\\u003c\\u0026\\u003e"}'),
    ("toPrettyJson indents by two spaces", "{{ toPrettyJson .m }}", {"m": {"a": [1], "b": {}}}, '{\n  "a": [\n    1\n  ],\n  "b": {}\n}'),
    ("fromJson reads JSON", '{{ $m := fromJson "{\\"a\\": [1, \\"x\\"]}" }}{{ index $m.a 1 }}', None, "x"),
    # encodings and hashes
    ("b64enc and b64dec", '{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }}', None, "aGVsbG8= hello"),
    ("sha256sum hashes", '{{ sha256sum "abc" }}', None, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    # regular expressions
    ("regexMatch and regexFind", '{{ regexMatch "^v[0-9]+" "v12x" }} {{ regexFind "[0-9]+" "ab12cd34" }}', None, "true 12"),
    ("regexFindAll with a limit", '{{ regexFindAll "[0-9]" "a1b2c3" -1 }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }}', None, "[1 2 3] [1 2]"),
    ("regexReplaceAll expands $1 and ${name}", '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAll "(?P<n>[0-9])" "a1" "<$n>" }}', None, "-W-xxW- a<1>"),
    ("regexSplit splits", '{{ regexSplit "[,;]" "a,b;c" -1 }} {{ regexSplit "," "a,b,c" 2 }}', None, "[a b c] [a b,c]"),
    # versions
    ("semverCompare accepts Kubernetes versions and -0 for pre-releases", '{{ semverCompare ">=1.21-0" "v1.32.0" }} {{ semverCompare ">=1.21" "1.32.0-gke.1" }} {{ semverCompare ">=1.21-0" "1.32.0-gke.1" }}', None, "true false true"),
    ("semverCompare handles ranges, tilde, caret and wildcards", '{{ semverCompare "~1.2" "1.2.9" }} {{ semverCompare "~1.2" "1.3.0" }} {{ semverCompare "^1.2" "1.9.0" }} {{ semverCompare "^1.2" "2.0.0" }} {{ semverCompare "1.2.x" "1.2.7" }} {{ semverCompare ">1.0, <1.5" "1.4.0" }} {{ semverCompare "<1.0 || >=2.0" "1.5.0" }}', None, "true false true false true true false"),
    ("semver parses a version into parts", '{{ $v := semver "v1.32.4-rc.1+b5" }}{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v }}', None, "1.32.4 rc.1 b5 1.32.4-rc.1+b5"),
    # types
    ("kindOf and typeOf name Go kinds and types", "{{ kindOf .s }} {{ kindOf .i }} {{ kindOf .f }} {{ kindOf .l }} {{ kindOf .m }} {{ kindOf .n }} {{ typeOf .l }} {{ typeOf (add 1 1) }}", {"s": "", "i": 1, "f": 1.0, "l": [], "m": {}, "n": None}, "string int float64 slice map invalid []interface {} int64"),
    ("kindIs and typeIs", '{{ kindIs "map" .m }} {{ typeIs "string" "x" }}', {"m": {}}, "true true"),
    # Helm helpers
    ("required passes a set value through", '{{ required "needed" .a }}', {"a": "x"}, "x"),
    ("include renders a define into a string for pipelines", '{{ define "t" }}a: {{ . }}{{ end }}{{ include "t" 1 | indent 2 }}', None, "  a: 1"),
    ("tpl renders a string as a template with the given data", '{{ tpl "{{ .x }}-{{ .y }}" . }}', {"x": 1, "y": "b"}, "1-b"),
    ("tpl sees the defines of the template set", '{{ define "d" }}D{{ end }}{{ tpl "{{ include \\"d\\" . }}" . }}', {}, "D"),
    ("lookup finds nothing offline, as helm template does", '{{ lookup "v1" "Secret" "ns" "name" }} {{ len (lookup "v1" "Secret" "ns" "") }}', None, "map[] 0"),
]


@pytest.mark.parametrize(("template", "data", "expected"), [pytest.param(t, d, e, id=i) for i, t, d, e in CASES])
def test_function_renders_like_sprig_and_helm(template: str, data: Any, expected: str) -> None:
    assert render(template, data) == expected


# Go's fmt_test.go: a width or precision taken from the arguments (``*``), good and bad.
STAR_CASES = [
    ("%*d", (4, 42), "  42"),
    ("%-*d", (4, 42), "42  "),
    ("%*d", (-4, 42), "42  "),
    ("%-*d", (-4, 42), "42  "),
    ("%.*d", (4, 42), "0042"),
    ("%*.*d", (8, 4, 42), "    0042"),
    ("%0*d", (4, 42), "0042"),
    ("%-0*d", (4, 42), "42  "),
    ("%*d", (None, 42), "%!(BADWIDTH)42"),
    ("%.*d", (None, 42), "%!(BADPREC)42"),
    ("%.*d", (-1, 42), "%!(BADPREC)42"),
    ("%6.2f", (3.14159,), "  3.14"),
    ("%.f", (2.5,), "2"),
]


@pytest.mark.parametrize(("fmt", "args", "expected"), STAR_CASES, ids=[f"{fmt} {args}" for fmt, args, _ in STAR_CASES])
def test_printf_takes_width_and_precision_from_the_format_or_the_arguments(fmt: str, args: tuple, expected: str) -> None:
    assert go_sprintf(fmt, args) == expected
