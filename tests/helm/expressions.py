"""A generated table of template expressions for the Helm oracle: each one is rendered by real Helm and by ours.

The table is built from small sets of inputs crossed with the functions, printf
verbs, comparisons and language forms charts use, so a new function or input
adds many cases at once. Nothing here states an expected output: Helm's own
rendering is the expectation (see test_oracle.py).
"""

from __future__ import annotations

import json
from itertools import product

# values.yaml of the chart every expression renders in (parsed by each side as Helm would).
VALUES_YAML = """\
str: Hello World
empty: ""
uni: "héllo wörld ñandú"
spaced: "  padded text \\t"
snake: snake_case_name
lead: _leading_under
camel: CamelCaseWord
kebab: some-kebab-text
int: 42
neg: -7
big: 1234567
float: 3.75
zero: 0
yes: true
no: false
ver: 1.2.3
list: [1, 2, 3]
strs: [b, a, c, a]
emptylist: []
map: {a: 1, b: two, c: [x, y]}
emptymap: {}
nested: {deep: {deeper: value}}
dropped: null
y11: [y, n, yes, no, on, off]
long: "a fairly long string value that goes on and on past the eighty column limit of go-yaml so that it has to fold somewhere"
multi: "line one\\nline two\\n"
sub:
  enabled: true
  from_parent: parent
global:
  region: eu
"""

# Operands: Go literals and values, each named by the text that produces it.
STRINGS = ['""', '"Hello World"', ".Values.uni", ".Values.spaced", ".Values.snake", ".Values.lead", ".Values.camel", ".Values.kebab", '"ABC def_GHI-jkl"', '"x"']
NUMBERS = ["0", "42", "-7", "3.75", ".Values.int", ".Values.float", ".Values.neg", '"12"', '"3.5"', "nil"]
LISTS = [".Values.list", ".Values.strs", ".Values.emptylist", '(list 1 "a" 2.5)', "(list)", "(list nil 1)"]
MAPS = [".Values.map", ".Values.emptymap", ".Values.nested", '(dict "z" 1 "a" 2)']
ANY = [
    "nil", "0", "1", "-1", "3.0", "2.5", '""', '"s"', "true", "false",
    ".Values.int", ".Values.float", ".Values.zero", ".Values.str", ".Values.empty", ".Values.yes", ".Values.no",
    ".Values.list", ".Values.emptylist", ".Values.map", ".Values.emptymap", ".Values.missing", ".Values.dropped",
]

STRING_FUNCS = [
    "upper", "lower", "title", "untitle", "trim", "quote", "squote", "snakecase", "camelcase", "kebabcase",
    "swapcase", "initials", "nospace", "len", "b64enc", "b32enc", "sha1sum", "sha256sum", "sha512sum",
    "adler32sum", "toString", "plural_one", "trunc5", "trunc-3", "abbrev8", "abbrevboth", "wrap5", "indent2",
    "nindent2", "repeat2", "substr1_4", "replace_o", "splitList_space", "toStrings", "regexQuoteMeta",
    "base", "dir", "ext", "clean", "isAbs", "toJson", "toYaml", "kindOf", "typeOf", "cat_x", "empty",
]
NUMBER_FUNCS = ["int", "int64", "float64", "toString", "add1", "add1f", "floor", "ceil", "round1", "toDecimal", "atoi", "kindOf", "typeOf", "default_9", "empty", "toJson", "seq"]
LIST_FUNCS = [
    "first", "last", "rest", "initial", "reverse", "uniq", "compact", "sortAlpha", "len", "toJson", "toYaml",
    "toStrings", "join_comma", "has_1", "has_a", "without_a", "append_z", "prepend_z", "concat_self", "chunk2",
    "shuffle_len", "kindOf", "typeOf", "empty", "mustFirst", "mustLast", "mustRest", "mustInitial", "mustReverse",
    "mustUniq", "mustCompact", "mustChunk2", "slice1", "mustSlice1", "tuple_len", "all", "any", "deepCopy",
]
MAP_FUNCS = ["keys_sorted", "values_len", "toJson", "toYaml", "toPrettyJson", "toRawJson", "len", "kindOf", "typeOf", "hasKey_a", "get_a", "pick_a", "omit_a", "pluck_a", "dig_deep", "deepCopy", "empty", "merge_x", "mergeOverwrite_x", "toToml"]


def _string_case(func: str, arg: str) -> str:
    """Write ``func`` applied to ``arg``; a suffix after the name carries fixed extra arguments."""
    special = {
        "plural_one": f'plural "one" "many" (len {arg})',
        "trunc5": f"trunc 5 {arg}",
        "trunc-3": f"trunc -3 {arg}",
        "abbrev8": f"abbrev 8 {arg}",
        "abbrevboth": f"abbrevboth 2 9 {arg}",
        "wrap5": f"wrap 5 {arg}",
        "indent2": f"indent 2 {arg}",
        "nindent2": f"nindent 2 {arg}",
        "repeat2": f"repeat 2 {arg}",
        "substr1_4": f"substr 1 4 {arg}",
        "replace_o": f'replace "o" "0" {arg}',
        "splitList_space": f'splitList " " {arg}',
        "toStrings": f"toStrings (list {arg} 1)",
        "cat_x": f'cat "x" {arg} nil 2',
    }
    return special.get(func, f"{func} {arg}")


def _number_case(func: str, arg: str) -> str:
    special = {
        "round1": f"round {arg} 1",
        "default_9": f"default 9 {arg}",
        "seq": f"seq (int {arg})",
    }
    return special.get(func, f"{func} {arg}")


def _list_case(func: str, arg: str) -> str:
    special = {
        "join_comma": f'join "," {arg}',
        "has_1": f"has 1 {arg}",
        "has_a": f'has "a" {arg}',
        "without_a": f'without {arg} "a" 1',
        "append_z": f'append {arg} "z"',
        "prepend_z": f'prepend {arg} "z"',
        "concat_self": f"concat {arg} {arg}",
        "chunk2": f"chunk 2 {arg}",
        "mustChunk2": f"mustChunk 2 {arg}",
        "shuffle_len": f"len (shuffle {arg})",
        "slice1": f"slice {arg} 0",
        "mustSlice1": f"mustSlice {arg} 0",
        "tuple_len": f"len (tuple {arg} 1)",
    }
    return special.get(func, f"{func} {arg}")


def _map_case(func: str, arg: str) -> str:
    special = {
        "keys_sorted": f"keys {arg} | sortAlpha",
        "values_len": f"values {arg} | len",
        "hasKey_a": f'hasKey {arg} "a"',
        "get_a": f'get {arg} "a"',
        "pick_a": f'pick {arg} "a"',
        "omit_a": f'omit {arg} "a"',
        "pluck_a": f'pluck "a" {arg} (dict "a" 9)',
        "dig_deep": f'dig "deep" "deeper" "none" {arg}',
        "merge_x": f'merge (dict "x" 1) {arg} | toJson',
        "mergeOverwrite_x": f'mergeOverwrite (dict "a" 0) {arg} | toJson',
    }
    return special.get(func, f"{func} {arg}")


PRINTF_VERBS = ["%v", "%+v", "%#v", "%T", "%s", "%q", "%#q", "%d", "%5d", "%-5d|", "%x", "%X", "%o", "%b", "%e", "%f", "%.2f", "%8.3f", "%g", "%t", "%c", "%U", "%05d", "%%", "%x ", "%10s|", "%-10s|", "%.3s"]
PRINTF_ARGS = ["42", "-7", "3.75", ".Values.int", ".Values.float", '"héllo"', '"Hello"', "true", "nil", ".Values.list", ".Values.map", ".Values.missing", "65"]

COMPARE_FUNCS = ["eq", "ne", "lt", "le", "gt", "ge"]
COMPARE_PAIRS = [
    ("1", "1"), ("1", "2"), ("2", "1"), ('"a"', '"b"'), ('"b"', '"a"'), ('"a"', '"a"'), ("1.5", "1.5"), ("1.5", "2.5"),
    (".Values.int", "42"), (".Values.int", "42.0"), (".Values.float", "3.75"), ("true", "true"), ("nil", "nil"),
    (".Values.missing", "nil"), (".Values.str", '"Hello World"'), ("1", '"1"'), (".Values.int", ".Values.float"),
    ("(int 3)", "3"), ("(int64 3)", "3"), ("(len .Values.list)", "3"),
]

LANGUAGE = [
    "{{ .Values.str }}",
    "{{- .Values.str -}}",
    "a  {{- .Values.int }}  b",
    "a  {{ .Values.int -}}  b",
    "{{/* a comment */}}x",
    "{{- /* trimmed comment */ -}} y",
    "{{ if .Values.yes }}yes{{ else }}no{{ end }}",
    "{{ if .Values.missing }}set{{ else if .Values.no }}no{{ else }}neither{{ end }}",
    "{{ if and .Values.yes .Values.missing }}t{{ else }}f{{ end }}",
    "{{ or .Values.missing .Values.empty 0 .Values.str }}",
    "{{ and 1 0 2 }}",
    "{{ not .Values.emptylist }}",
    "{{ with .Values.nested.deep }}{{ .deeper }}{{ end }}",
    "{{ with .Values.missing }}x{{ else }}none{{ end }}",
    "{{ with .Values.missing }}x{{ else with .Values.map }}{{ .b }}{{ end }}",
    "{{ range .Values.list }}[{{ . }}]{{ end }}",
    "{{ range $i, $v := .Values.strs }}{{ $i }}={{ $v }};{{ end }}",
    "{{ range $k, $v := .Values.map }}{{ $k }}:{{ $v }} {{ end }}",
    "{{ range .Values.emptylist }}x{{ else }}empty{{ end }}",
    "{{ range $i := until 3 }}{{ $i }}{{ end }}",
    "{{ range 3 }}{{ . }}{{ end }}",
    "{{ range .Values.list }}{{ if eq . 2.0 }}{{ break }}{{ end }}{{ . }}{{ end }}",
    "{{ range .Values.list }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
    "{{ $x := 1 }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}",
    "{{ $ := . }}{{ $.Values.str }}",
    "{{ define \"t.local\" }}[{{ . }}]{{ end }}{{ template \"t.local\" .Values.int }}",
    "{{ block \"t.block\" .Values.str }}<{{ . }}>{{ end }}",
    "{{ include \"t.helper\" .Values.map }}",
    "{{ include \"t.helper\" .Values.map | indent 4 }}",
    "{{ tpl \"{{ .Values.str }}\" . }}",
    "{{ tpl .Values.str . }}",
    "{{ (.Values.missing).x }}",
    "{{ (.Values.missing).x.y | default \"d\" }}",
    "{{ .Values.map.a }}",
    "{{ index .Values.map \"b\" }}",
    "{{ index .Values.list 1 }}",
    "{{ index .Values.nested \"deep\" \"deeper\" }}",
    "{{ index .Values.map \"zz\" }}",
    "{{ .Values.list | len }}",
    "{{ \"s\" | printf \"%s-%s\" \"a\" }}",
    "{{ print 1 2 \"a\" \"b\" 3 }}",
    "{{ println 1 \"a\" }}",
    "{{ html \"<a href='x'>&</a>\" }}",
    "{{ js \"it's <b>\" }}",
    "{{ urlquery \"a b&c\" }}",
    "{{ len .Files }}",
    "{{ .Files.Get \"files/a.txt\" }}",
    "{{ range .Files.Lines \"files/a.txt\" }}<{{ . }}>{{ end }}",
    "{{ .Files.Glob \"files/*\" | len }}",
    "{{ (.Files.Glob \"files/*\").AsConfig }}",
    "{{ (.Files.Glob \"files/*\").AsSecrets }}",
    "{{ .Files.GetBytes \"files/a.txt\" | len }}",
    "{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Type }}",
    "{{ .Chart.IsRoot }}",
    "{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.IsInstall }} {{ .Release.Revision }}",
    "{{ .Template.Name }} {{ .Template.BasePath }}",
    "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }}",
    "{{ .Capabilities.APIVersions.Has \"apps/v1\" }} {{ .Capabilities.APIVersions.Has \"batch/v1beta1\" }} {{ .Capabilities.APIVersions.Has \"policy/v1beta1/PodSecurityPolicy\" }}",
    "{{ .Capabilities.APIVersions.Has \"networking.k8s.io/v1/Ingress\" }} {{ .Capabilities.APIVersions.Has \"autoscaling/v2beta2\" }}",
    "{{ .Capabilities.HelmVersion.Version }}",
    "{{ .Subcharts.sub.Chart.Name }} {{ .Subcharts.sub.Values.x }}",
    "{{ hasKey .Values \"dropped\" }} {{ .Values.dropped }}",
    "{{ .Values.y11 | toJson }}",
    "{{ toYaml .Values.long }}",
    "{{ toYaml .Values }}",
    "{{ toYaml .Values.multi }}",
    "{{ toYaml (dict \"k\" .Values.long \"m\" .Values.multi) }}",
    "{{ toYamlPretty .Values.map }}",
    "{{ fromYaml \"a: 1\\n---\\nb: 2\" | toJson }}",
    "{{ fromYaml \"a: [1\" | toJson }}",
    "{{ fromYamlArray \"- 1\\n- y\" | toJson }}",
    "{{ fromJson \"{\\\"a\\\": 1}\" | toJson }}",
    "{{ fromJsonArray \"[1, \\\"a\\\"]\" | toJson }}",
    "{{ fromToml \"a = 1\\nb = 'x'\" | toJson }}",
    "{{ toToml .Values.map }}",
    "{{ required \"set it\" .Values.str }}",
    "{{ lookup \"v1\" \"Namespace\" \"\" \"default\" | toJson }}",
    "{{ semverCompare \">= 1.2.0\" .Values.ver }}",
    "{{ semverCompare \">=1.30-0\" .Capabilities.KubeVersion.Version }}",
    "{{ semverCompare \"~> 1.2\" .Values.ver }}",
    "{{ semverCompare \"1.0 - 1.3\" .Values.ver }}",
    "{{ semverCompare \"^1.1\" .Values.ver }}",
    "{{ semverCompare \"~1.2.1\" .Values.ver }}",
    "{{ semverCompare \"> 1.2.3 || < 1.0\" .Values.ver }}",
    "{{ semverCompare \"1.2.x\" .Values.ver }}",
    "{{ semverCompare \"!=1.2.3\" .Values.ver }}",
    "{{ (semver .Values.ver).Major }} {{ (semver \"v1.2.3-rc.1+b5\").Prerelease }} {{ (semver \"1.2.3+b5\").Metadata }}",
    "{{ (semver \"1.2.3\").Compare (semver \"1.3.0\") }}",
    "{{ regexFind \"[0-9]+\" \"ab123cd45\" }} {{ regexFindAll \"[0-9]+\" \"ab123cd45\" -1 | toJson }}",
    "{{ regexReplaceAll \"(a)(b)\" \"xabyab\" \"${2}$1\" }} {{ regexReplaceAllLiteral \"a\" \"aba\" \"$1\" }}",
    "{{ regexSplit \",\" \"a,b,,c\" -1 | toJson }} {{ regexMatch \"^h\" \"hello\" }}",
    "{{ splitn \"-\" 2 \"a-b-c\" | toJson }} {{ split \"-\" \"a-b-c\" | toJson }}",
    "{{ list 1 2 | toJson }} {{ tuple 1 \"a\" | toJson }}",
    "{{ dict \"a\" 1 \"b\" | toJson }}",
    "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $_ := unset $d \"a\" }}{{ toJson $d }}",
    "{{ until 4 | toJson }} {{ untilStep 1 10 3 | toJson }} {{ untilStep 10 1 -4 | toJson }}",
    "{{ seq 3 | toJson }} {{ seq 2 5 }} {{ seq 1 2 9 }} {{ seq 5 2 }} {{ seq 0 }}",
    "{{ max 1 5 3 }} {{ min 4 2 8 }} {{ maxf 1.5 2 }} {{ minf 1.5 2 }} {{ biggest 1 9 }}",
    "{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 3 }}",
    "{{ addf 1.1 2.2 }} {{ subf 5 0.5 }} {{ mulf 1.1 3 }} {{ divf 1 3 }} {{ divf 10 4 }}",
    "{{ mulf 0.1 0.2 }} {{ addf 0.1 0.2 }} {{ mulf 3 1.1 }} {{ floor 2.7 }} {{ ceil 2.1 }} {{ round 2.555 2 }}",
    "{{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ 'a' }} {{ -0 }} {{ 1.5e-3 }}",
    "{{ ternary \"y\" \"n\" true }} {{ ternary \"y\" \"n\" false }}",
    "{{ coalesce .Values.missing .Values.empty .Values.zero \"c\" }}",
    "{{ default \"d\" .Values.emptymap }} {{ default \"d\" .Values.no }} {{ default \"d\" .Values.zero }}",
    "{{ empty .Values.missing }} {{ empty 0.0 }} {{ empty (dict) }} {{ empty \" \" }}",
    "{{ deepEqual .Values.list (list 1 2 3) }} {{ deepEqual (list 1) (list 1) }}",
    "{{ typeIs \"string\" .Values.str }} {{ typeIsLike \"float64\" .Values.int }} {{ kindIs \"map\" .Values.map }} {{ kindIs \"invalid\" nil }}",
    "{{ b64dec \"aGVsbG8=\" }} {{ b32dec \"NBSWY3DP\" }} {{ b64dec \"!!\" }}",
    "{{ urlParse \"https://u:p@host:8080/a/b?q=1#f\" | toJson }}",
    "{{ urlJoin (dict \"scheme\" \"https\" \"host\" \"h\" \"path\" \"/p\" \"query\" \"a=1\") }}",
    "{{ osBase \"/a/b.txt\" }} {{ osDir \"/a/b.txt\" }} {{ osExt \"x.tar.gz\" }} {{ osClean \"a//b/../c\" }} {{ osIsAbs \"/x\" }}",
    "{{ \"hello\" | sha256sum | trunc 10 }}",
    "{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}",
    "{{ encryptAES \"secretkey\" \"plain\" | len }}",
    "{{ decryptAES \"secretkey\" (encryptAES \"secretkey\" \"round trip\") }}",
    "{{ randAlpha 8 | len }} {{ randAlphaNum 5 | len }} {{ randNumeric 4 | len }} {{ randAscii 3 | len }} {{ randBytes 6 | len }}",
    "{{ randBytes 6 | regexMatch \"^[A-Za-z0-9+/]{8}$\" }} [{{ randBytes 0 }}]",
    "{{ b64dec \"/+7/\" | len }}",
    "{{ regexMatch \"^[a-zA-Z]{8}$\" (randAlpha 8) }} {{ regexMatch \"^[0-9]{6}$\" (randNumeric 6) }}",
    "{{ lt (randInt 3 7) 7 }} {{ ge (randInt 3 7) 3 }}",
    "{{ uuidv4 | len }} {{ regexMatch \"^[0-9a-f-]{36}$\" uuidv4 }}",
    "{{ htpasswd \"user\" \"pass\" | hasPrefix \"user:$2a$\" }}",
    "{{ bcrypt \"pass\" | len }}",
    "{{ now | kindOf }} {{ now | typeOf }} {{ gt (now | unixEpoch | int) 1700000000 }}",
    "{{ date \"2006-01-02\" 0 }} {{ dateInZone \"2006-01-02 15:04:05 MST\" 86400 \"UTC\" }}",
    "{{ toDate \"2006-01-02\" \"2024-02-29\" | date \"Jan 2, 2006\" }}",
    "{{ toDate \"2006-01-02\" \"2024-02-29\" | dateModify \"+25h\" | date \"2006-01-02T15:04\" }}",
    "{{ htmlDate 0 }} {{ htmlDateInZone 0 \"UTC\" }}",
    "{{ duration 95 }} {{ duration \"3661\" }} {{ durationRound \"2h10m\" }} {{ durationRound 90000 }}",
    "{{ ago (toDate \"2006\" \"2001\") | hasSuffix \"s\" }}",
    "{{ mustToDate \"2006-01-02\" \"bad\" }}",
    "{{ genPrivateKey \"rsa\" | hasPrefix \"-----BEGIN RSA PRIVATE KEY-----\" }}",
    "{{ genPrivateKey \"ecdsa\" | hasPrefix \"-----BEGIN EC PRIVATE KEY-----\" }} {{ genPrivateKey \"ed25519\" | hasPrefix \"-----BEGIN PRIVATE KEY-----\" }}",
    "{{ $ca := genCA \"my-ca\" 365 }}{{ $ca.Cert | hasPrefix \"-----BEGIN CERTIFICATE-----\" }} {{ $ca.Key | hasPrefix \"-----BEGIN RSA PRIVATE KEY-----\" }}",
    "{{ $ca := genCA \"my-ca\" 365 }}{{ $c := genSignedCert \"svc\" (list \"10.0.0.1\") (list \"svc.local\") 30 $ca }}{{ $c.Cert | hasPrefix \"-----BEGIN CERTIFICATE-----\" }}",
    "{{ $c := genSelfSignedCert \"self\" nil (list \"a.b\") 10 }}{{ $c.Key | hasPrefix \"-----BEGIN RSA PRIVATE KEY-----\" }}",
    "{{ $k := genPrivateKey \"ecdsa\" }}{{ $ca := genCAWithKey \"ca\" 3 $k }}{{ eq $ca.Key $k }}",
    "{{ $ca := genCA \"ca\" 3 }}{{ $c := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ eq $c.Cert $ca.Cert }}",
    "{{ $ca := genCA \"ca\" 3 }}{{ typeOf $ca }} {{ kindOf $ca }} {{ $ca | toJson | fromJson | keys | sortAlpha }}",
    "{{ genPrivateKey \"nope\" }} {{ htpasswd \"a:b\" \"x\" }} {{ bcrypt (repeat 73 \"a\") }}",
    "{{ genSelfSignedCert \"x\" .Values.missing nil 1 }}",
    "{{ hasKey .Values.missing \"a\" }}",
    "{{ keys .Values.missing }}",
    "{{ $x := .Values.missing }}{{ hasKey $x \"a\" }} {{ hasKey (.Values.missing) \"a\" }}",
    "{{ getHostByName \"localhost\" | kindOf }}",
    "{{ hello }}",
    "{{ list 3 1 2 | sortAlpha | toJson }} {{ list \"b\" 1 \"a\" | sortAlpha | toJson }}",
    "{{ mustFromJson \"{\\\"a\\\":1}\" | toJson }} {{ mustToPrettyJson (dict \"a\" 1) }} {{ mustToRawJson (dict \"a\" \"<&>\") }}",
    "{{ mustToToml (dict \"a\" 1) }}",
    "{{ mustDateModify \"1h\" (toDate \"2006\" \"2020\") | date \"15:04\" }}",
    "{{ date_in_zone \"2006\" 0 \"UTC\" }} {{ date_modify \"1h\" (toDate \"2006\" \"2020\") | date \"15\" }} {{ must_date_modify \"2h\" (toDate \"2006\" \"2020\") | date \"15\" }}",
    "{{ \"   \" | trim | empty }} {{ trimAll \"$\" \"$5.00$\" }} {{ trimPrefix \"-\" \"-x\" }} {{ trimSuffix \"-\" \"x-\" }}",
    "{{ contains \"cat\" \"catch\" }} {{ hasPrefix \"ca\" \"cat\" }} {{ hasSuffix \"at\" \"cat\" }}",
    "{{ wrapWith 5 \"\\t\" \"Hello World\" }}",
    "{{ \"a\" | quote }} {{ quote 1 nil \"b\" }} {{ squote nil }}",
    "{{ printf \"%v\" (list 1 \"a\" nil) }} {{ printf \"%v\" (dict \"b\" 2 \"a\" 1) }}",
    "{{ printf \"%d %s\" 1 }} {{ printf \"%d\" 1 2 }} {{ printf \"%!\" }} {{ printf \"%z\" 3 }}",
    "{{ printf \"%[2]d %[1]d\" 1 2 }} {{ printf \"%*d\" 5 3 }} {{ printf \"%6.2f|%-8.3e|\" 3.14159 1234.5 }}",
    "{{ printf \"%x\" \"hi\" }} {{ printf \"% x\" \"hi\" }} {{ printf \"%#x\" 255 }} {{ printf \"%+d\" 5 }} {{ printf \"%q\" 'x' }}",
    "{{ printf \"%v %v\" 1e21 1e20 }} {{ printf \"%v\" 100000000.0 }} {{ printf \"%v\" 0.000001 }} {{ printf \"%v\" 0.0000001 }}",
    "{{ 1e21 }} {{ 123456789.0 }} {{ 1.0 }} {{ -0.0 }} {{ .Values.big }}",
    "{{ int \"0x1A\" }} {{ int \"010\" }} {{ int \"3.0\" }} {{ int64 \"9223372036854775807\" }} {{ atoi \"12a\" }} {{ float64 \"1e3\" }}",
    "{{ toDecimal \"777\" }} {{ toDecimal \"8\" }}",
    "{{ get .Values.map \"zz\" | kindOf }} {{ pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) | toJson }}",
    "{{ merge (dict \"a\" (dict \"x\" 1)) (dict \"a\" (dict \"y\" 2) \"b\" 3) | toJson }}",
    "{{ mergeOverwrite (dict \"a\" (dict \"x\" 1)) (dict \"a\" (dict \"x\" 2 \"y\" 3)) | toJson }}",
    "{{ $a := list 1 2 }}{{ $b := append $a 3 }}{{ toJson $a }} {{ toJson $b }}",
    "{{ snakecase \"HTTP20xOK\" }} {{ kebabcase \"Bld4Floor3rd\" }} {{ camelcase \"http2xx\" }} {{ camelcase \"NoHTTPS\" }} {{ camelcase \"a__b\" }} {{ camelcase \"HTTPServer\" }} {{ camelcase \"ALL_CAPS_x\" }} {{ camelcase \"x\" }} {{ camelcase \"ab_\" }}",
    "{{ abbrevboth 5 10 \"1234567890abcdefghij\" }} {{ abbrevboth 12 10 \"1234567890abcdefghij\" }} {{ abbrevboth 0 4 \"abcdefg\" }}",
    "{{ .Values.sub | toJson }}",
    "{{ .Values.global | toJson }}",
]

# The same partial the "t.helper" cases include.
HELPERS = '{{- define "t.helper" -}}\na: {{ .a }}\nb: {{ .b | quote }}\n{{- end -}}\n'

# The subchart the table's chart carries, with a template that reads parent and global values.
SUBCHART = {
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
    "charts/sub/values.yaml": "x: sub-default\nfrom_parent: sub-default\nkeep: null\ndropped_in_sub: 1\nglobal:\n  own: g\n",
    "charts/sub/templates/cm.yaml": "x: {{ .Values.x }}\np: {{ .Values.from_parent }}\ng: {{ .Values.global | toJson }}\nk: {{ hasKey .Values \"keep\" }}\nall: {{ toJson .Values }}\nname: {{ .Chart.Name }} {{ .Template.BasePath }}\n",
}


# Text that is not YAML (or not the YAML asked for), for the error words of fromYaml and fromYamlArray:
# flow and block collections left open or mis-indented, scanner errors, aliases, tabs, wrong kinds.
BAD_YAML = [
    "a: [1", "a: {b: 1", "a: b: c", "a:\n  - 1\n - 2", "a: 1\n b: 2", 'a: "x', "a: 'x", 'a: "\\q"', "a: *x",
    "key: &a1 [1]\nother: *a2\n", "a: 1\n\tb: 2", "\ta: 1", "a:\n\tb: 1", "- a\nb: 1", "a: 1\nb", "a: @x", "a: `x`",
    "a: %x", "a: [1, 2\nb: 3", "a:\n  b: 1\n c: 2", "a: 1\n- b", "a: |\n  x\n y: 2", "a: }", "x:\n  y: [1,\n  2\nz: 3\n",
    "a: 1\n\nb: {c\n", "a: &", "[1, 2]]", "- 1",
]


def cases() -> list[tuple[str, str]]:
    """Return (id, template text) for every expression of the table."""
    out: list[tuple[str, str]] = []
    for func, arg in product(STRING_FUNCS, STRINGS):
        out.append((f"string {func} {arg}", "{{ " + _string_case(func, arg) + " }}"))
    for func, arg in product(NUMBER_FUNCS, NUMBERS):
        out.append((f"number {func} {arg}", "{{ " + _number_case(func, arg) + " }}"))
    for func, arg in product(LIST_FUNCS, LISTS):
        out.append((f"list {func} {arg}", "{{ " + _list_case(func, arg) + " }}"))
    for func, arg in product(MAP_FUNCS, MAPS):
        out.append((f"map {func} {arg}", "{{ " + _map_case(func, arg) + " }}"))
    for verb, arg in product(PRINTF_VERBS, PRINTF_ARGS):
        out.append((f"printf {verb} {arg}", "{{ printf " + _go_string(verb) + " " + arg + " }}"))
    for func, (a, b) in product(COMPARE_FUNCS, COMPARE_PAIRS):
        out.append((f"compare {func} {a} {b}", f"{{{{ {func} {a} {b} }}}}"))
    for arg in ANY:
        out.append((f"any default {arg}", f'{{{{ default "d" {arg} }}}}'))
        out.append((f"any empty {arg}", f"{{{{ empty {arg} }}}}"))
        out.append((f"any toJson {arg}", f"{{{{ toJson {arg} }}}}"))
        out.append((f"any kindOf {arg}", f"{{{{ kindOf {arg} }}}}"))
        out.append((f"any print {arg}", f"{{{{ {arg} }}}}"))
        out.append((f"any if {arg}", f"{{{{ if {arg} }}}}t{{{{ else }}}}f{{{{ end }}}}"))
    for i, text in enumerate(LANGUAGE):
        out.append((f"language {i:03d} {text[:60]}", text))
    for i, text in enumerate(BAD_YAML):
        out.append((f"yaml error {i:02d} fromYaml {text!r}", "{{ fromYaml " + _go_escaped(text) + " | toJson }}"))
        out.append((f"yaml error {i:02d} fromYamlArray {text!r}", "{{ fromYamlArray " + _go_escaped(text) + " | toJson }}"))
    return out


def _go_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _go_escaped(text: str) -> str:
    # A Go string literal that also escapes newlines and tabs (json's escapes are Go's for this text).
    return json.dumps(text)
