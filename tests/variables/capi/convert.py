"""Turn Cluster API's Go test tables of ``internal/topology/variables`` into our JSON tables.

Run by hand when the upstream tables change (the tables it writes are committed):

    python -m tests.variables.capi.convert GIT_DIR REF LINE

with GIT_DIR a clone of kubernetes-sigs/cluster-api (``fetch`` brings one), REF a branch
(``release-1.10``, ``main``) and LINE the folder name here (``v1beta1``, ``v1beta2``).
Only facts are carried over: each case's name, inputs and expected errors, as plain
Kubernetes JSON (Go field names become their JSON names). The Go is read with a small
reader of the composite-literal subset these tables use; anything else stops the
conversion with its position, so nothing is silently dropped.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SOURCE_DIR = "internal/topology/variables"
FILES = (
    "cluster_variable_validation_test.go",
    "cluster_variable_defaulting_test.go",
    "clusterclass_variable_validation_test.go",
)

# The expected-error helpers of the Go tests, by the field.ErrorType they stand for.
MATCHERS = {
    "required": "FieldValueRequired",
    "invalid": "FieldValueInvalid",
    "invalidType": "FieldValueTypeInvalid",
    "unsupported": "FieldValueNotSupported",
    "forbidden": "FieldValueForbidden",
    "toolong": "FieldValueTooLong",
    "toomany": "FieldValueTooMany",
}

CONSTANTS = {
    "VariableDefinitionFromInline": "inline",
    "true": True,
    "false": False,
    "nil": None,
}

_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?\*/)
      | (?P<raw>`[^`]*`)
      | (?P<str>"(?:[^"\\\n]|\\.)*")
      | (?P<num>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<punct>[{}()\[\],:&*.+-])
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


class GoError(Exception):
    """The Go text uses something this reader does not know."""


def tokens(text: str) -> list[tuple[str, str, int]]:
    """Split Go source into (kind, text, offset), dropping spaces and comments."""
    out = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise GoError(f"cannot read Go at offset {pos}: {text[pos:pos + 40]!r}")
        kind = match.lastgroup or ""
        if kind != "space":
            out.append((kind, match.group(), pos))
        pos = match.end()
    return out


def go_string(token: str) -> str:
    """Return the value of a Go string literal (raw or interpreted)."""
    if token.startswith("`"):
        return token[1:-1]
    return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)", _unescape, token[1:-1])


_GO_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"', "'": "'"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    if len(code) == 3:
        return chr(int(code, 8))
    return _GO_ESCAPES[code]


class Reader:
    """Reads Go expressions of the composite-literal subset into plain Python values."""

    def __init__(self, toks: list[tuple[str, str, int]], start: int) -> None:
        self.toks = toks
        self.i = start

    def peek(self, ahead: int = 0) -> str:
        return self.toks[self.i + ahead][1] if self.i + ahead < len(self.toks) else ""

    def kind(self) -> str:
        return self.toks[self.i][0]

    def take(self, want: str | None = None) -> str:
        text = self.toks[self.i][1]
        if want is not None and text != want:
            raise GoError(f"expected {want!r} at offset {self.toks[self.i][2]}, found {text!r}")
        self.i += 1
        return text

    def type_name(self) -> str:
        """Read a Go type (``[]pkg.T``, ``*T``, ``map[K]V``) and return its text."""
        if self.peek() == "[":
            self.take("[")
            self.take("]")
            return "[]" + self.type_name()
        if self.peek() == "*":
            self.take("*")
            return "*" + self.type_name()
        if self.peek() == "map":
            self.take("map")
            self.take("[")
            key = self.type_name()
            self.take("]")
            return f"map[{key}]{self.type_name()}"
        name = self.take()
        while self.peek() == ".":
            self.take(".")
            name += "." + self.take()
        return name

    def expr(self, typ: str | None = None) -> Any:
        value = self.unary(typ)
        while self.peek() == "+":
            self.take("+")
            value = value + self.unary(typ)
        return value

    def unary(self, typ: str | None) -> Any:
        if self.peek() == "&":
            self.take("&")
            return self.unary(typ)
        if self.peek() == "{":
            return self.composite(typ or "")
        kind, text = self.kind(), self.peek()
        if kind in ("str", "raw"):
            self.take()
            return go_string(text)
        if kind == "num":
            self.take()
            return float(text) if any(c in text for c in ".eE") else int(text)
        if text == "[" or text == "map" or text == "*":
            name = self.type_name()
            if self.peek() == "(":  # a conversion such as []byte(`...`)
                self.take("(")
                value = self.expr()
                self.take(")")
                return value
            return self.composite(name)
        name = self.type_name()
        if self.peek() == "[":  # a generic instantiation: ptr.To[int64]
            self.take("[")
            self.type_name()
            self.take("]")
        if self.peek() == "(":
            return self.call(name)
        if self.peek() == "{":
            return self.composite(name)
        short = name.rsplit(".", 1)[-1]
        if short in CONSTANTS:
            return CONSTANTS[short]
        if name.startswith(("clusterv1.", "field.")):
            return short  # a constant whose value is its name, e.g. clusterv1.FieldValueForbidden
        raise GoError(f"unknown identifier {name} at offset {self.toks[self.i - 1][2]}")

    def call(self, name: str) -> Any:
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.expr())
            if self.peek() == ",":
                self.take(",")
        self.take(")")
        short = name.rsplit(".", 1)[-1]
        if name in ("ptr.To", "string") or (name.startswith("clusterv1.") and len(args) == 1):  # pointers, conversions
            return args[0]
        if name == "strings.Repeat":
            return args[0] * args[1]
        if name == "field.NewPath":
            return ".".join(args)
        if short in MATCHERS:
            return {"type": MATCHERS[short], "contains": args[0], "field": args[1]}
        raise GoError(f"unknown call {name}({args!r})")

    def composite(self, typ: str) -> Any:
        self.take("{")
        keyed: dict[Any, Any] = {}
        items: list[Any] = []
        element = _element_type(typ)
        while self.peek() != "}":
            if self.peek(1) == ":" and self.kind() in ("ident", "str"):
                key = self.take()
                key = go_string(key) if key.startswith(('"', "`")) else key
                self.take(":")
                keyed[key] = self.expr(element if typ.startswith("map[") else None)
            else:
                items.append(self.expr(element))
            if self.peek() == ",":
                self.take(",")
        self.take("}")
        if typ.startswith("[]"):
            return items
        if typ.startswith("map["):
            return keyed
        if items and not keyed:
            return items
        return {"__type": typ, **keyed}


def _element_type(typ: str) -> str | None:
    if typ.startswith("[]"):
        return typ[2:]
    if typ.startswith("map["):
        depth = 0
        for i, c in enumerate(typ):
            depth += c == "["
            depth -= c == "]"
            if depth == 0 and c == "]":
                return typ[i + 1 :]
    return None


_SPECIAL_KEYS = {
    "XPreserveUnknownFields": "x-kubernetes-preserve-unknown-fields",
    "XIntOrString": "x-kubernetes-int-or-string",
    "XValidations": "x-kubernetes-validations",
    "XMetadata": "x-metadata",
    "XEmbeddedResource": "x-kubernetes-embedded-resource",
}


def kube_json(value: Any) -> Any:
    """Turn a Go value read above into the JSON Kubernetes would store (Raw JSON decoded, JSON field names)."""
    if isinstance(value, list):
        return [kube_json(v) for v in value]
    if not isinstance(value, dict):
        return value
    typ = value.get("__type")
    fields = {k: v for k, v in value.items() if k != "__type"}
    if typ is None:
        return {k: kube_json(v) for k, v in fields.items()}
    if set(fields) <= {"Raw"} and (typ.endswith("JSON") or typ == ""):
        raw = fields.get("Raw")
        return {"__raw": raw} if raw is not None else {"__raw": None}
    converted = {_SPECIAL_KEYS.get(k, k[:1].lower() + k[1:]): kube_json(v) for k, v in fields.items()}
    if typ.rsplit(".", 1)[-1] == "ClusterVariable":
        converted["$kind"] = "ClusterVariable"
    return converted


def decode_raw(value: Any, keep_raw: bool) -> Any:
    """Replace each {"__raw": text} by the JSON it holds; keep the text itself where KEEP_RAW (a variable's value)."""
    if isinstance(value, list):
        return [decode_raw(v, keep_raw) for v in value]
    if isinstance(value, dict):
        if "__raw" in value and len(value) == 1:
            raw = value["__raw"]
            if keep_raw or raw is None:
                return {"raw": raw} if keep_raw else None
            try:
                return json.loads(raw)
            except ValueError:
                return {"$invalidJSON": raw}  # no YAML document can hold this; the runner skips such cases
        # Only a ClusterVariable's value keeps its JSON text: Cluster API prints that text in errors.
        variable = value.get("$kind") == "ClusterVariable"
        return {k: decode_raw(v, variable and k == "value") for k, v in value.items() if k != "$kind"}
    return value


def test_tables(text: str) -> dict[str, list[dict[str, Any]]]:
    """Return each ``func Test…``'s table of cases, keyed by the test function's name."""
    toks = tokens(text)
    tables: dict[str, list[dict[str, Any]]] = {}
    i = 0
    while i < len(toks):
        if toks[i][1] == "func" and toks[i + 1][1].startswith("Test") and toks[i + 1][1] != "Test_getAllVariables":
            name = toks[i + 1][1]
            j = i
            while not (toks[j][1] == "tests" and toks[j + 1][1] == ":"):
                j += 1
            # tests := []struct{...}{ cases }: skip the struct type, read the cases.
            j += 2
            while toks[j][1] != "}":  # "[]struct {" field list
                j += 1
            j += 1
            reader = Reader(toks, j)
            cases = reader.composite("[]case")
            tables[name] = [decode_raw(kube_json({"__type": "case", **c}), False) for c in cases]
            i = reader.i
        i += 1
    return tables


def _tokens_with_walrus(text: str) -> str:
    # ":=" is not in the subset; "tests :=" becomes "tests :" so the table can be found.
    return text.replace(":=", ":")


def main(argv: list[str]) -> int:
    git_dir, ref, line = argv
    commit = subprocess.run(["git", "-C", git_dir, "rev-parse", ref], check=True, capture_output=True, text=True).stdout.strip()
    out_dir = HERE / line
    out_dir.mkdir(exist_ok=True)
    for name in FILES:
        text = subprocess.run(
            ["git", "-C", git_dir, "show", f"{commit}:{SOURCE_DIR}/{name}"], check=True, capture_output=True, text=True
        ).stdout
        tables = test_tables(_tokens_with_walrus(text))
        document = {
            "source": f"kubernetes-sigs/cluster-api {ref} ({commit}) {SOURCE_DIR}/{name}",
            "tests": tables,
        }
        target = out_dir / name.replace("_test.go", ".json")
        target.write_text(json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
        print(f"{target}: " + ", ".join(f"{k} {len(v)}" for k, v in tables.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
