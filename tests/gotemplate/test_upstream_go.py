"""Go's own text/template tests as our specification (the tables in go_cases.py, run as Go's tests run them)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.gotemplate import TemplateError, Template, parse
from generator.gotemplate.nodes import NumberNode, TextNode
from generator.gotemplate.parser import add_trees, parse_source
from generator.gotemplate.quoting import go_quote
from generator.gotemplate.template import FUNC_NAMES

from . import go_cases as go
from .go_model import T_VAL


def _data(value: Any) -> Any:
    return T_VAL if value == go.TVAL else value


def _run(template: str, data: Any, name: str = "test") -> str:
    return parse(template, name).execute(_data(data))


@pytest.mark.parametrize(("template", "output", "data", "ok"), [pytest.param(i, o, d, k, id=n) for n, i, o, d, k in go.EXEC])
def test_exec_case_runs_as_in_go(template: str, output: str, data: Any, ok: bool) -> None:
    if not ok:
        with pytest.raises(TemplateError):
            _run(template, data)
        return
    assert _run(template, data) == output


@pytest.mark.parametrize(("expression", "truth", "ok"), [pytest.param(e, t, k, id=e) for e, t, k in go.CMP])
def test_comparison_case_runs_as_in_go(expression: str, truth: str, ok: bool) -> None:
    template = f"{{{{if {expression}}}}}true{{{{else}}}}false{{{{end}}}}"
    if not ok:
        with pytest.raises(TemplateError):
            _run(template, go.CMP_DATA)
        return
    assert _run(template, go.CMP_DATA) == truth


INTERFACE_DATA = {"PlusOne": lambda n: n + 1, "Slice": [0, 1, 2, 3], "One": 1, "Two": 2, "Nil": None, "Zero": 0}


@pytest.mark.parametrize(("template", "output"), [pytest.param(t, o, id=t) for t, o in go.INTERFACE])
def test_interface_value_case_runs_as_in_go(template: str, output: str) -> None:
    if output.startswith("ERROR:"):
        with pytest.raises(TemplateError) as caught:
            _run(template, INTERFACE_DATA)
        assert output.removeprefix("ERROR:").strip() in str(caught.value)
        return
    assert _run(template, INTERFACE_DATA) == output


@pytest.mark.parametrize(("name", "source", "data", "message"), [pytest.param(n, s, d, m, id=t) for t, n, s, d, m in go.MESSAGES])
def test_error_message_is_gos(name: str, source: str, data: Any, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _run(source, _data(data), name)
    assert message in str(caught.value)


@pytest.mark.parametrize(("name", "source", "data", "output"), [pytest.param(n, s, d, o, id=t) for t, n, s, d, o in go.OUTPUTS])
def test_single_case_output_is_gos(name: str, source: str, data: Any, output: str) -> None:
    assert _run(source, data, name or "t") == output


def test_unterminated_raw_string_names_the_line_of_its_quote() -> None:
    with pytest.raises(TemplateError) as caught:
        parse("hello\n\n{{`unterminated\n\n\n\n}}\n some more\n\n", "X")
    assert "X:3: unterminated raw quoted string" in str(caught.value)


@pytest.mark.parametrize(("source", "ok", "tree"), [pytest.param(i, k, r, id=n) for n, i, k, r in go.PARSE])
def test_parse_case_gives_gos_tree(source: str, ok: bool, tree: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Go's parse test prints text nodes with %q; the node printer is otherwise the tree's String().
    monkeypatch.setattr(TextNode, "__str__", lambda node: go_quote(node.text))
    if not ok:
        with pytest.raises(TemplateError):
            parse_source(source, "test", FUNC_NAMES | {"contains"})
        return
    trees = parse_source(source, "test", FUNC_NAMES | {"contains"})
    main = trees.get("test")
    assert (str(main.root) if main is not None else "") == tree


@pytest.mark.parametrize(("text", "int_value", "float_value"), [pytest.param(t, i, f, id=t) for t, i, f in go.NUMBERS])
def test_number_literal_reads_as_in_go(text: str, int_value: int | None, float_value: float | None) -> None:
    if int_value is None and float_value is None:
        with pytest.raises(TemplateError):
            parse_source("{{" + text + "}}", "test", FUNC_NAMES)
        return
    trees = parse_source("{{" + text + "}}", "test", FUNC_NAMES)
    number = trees["test"].root.nodes[0].pipe.cmds[0].args[0]
    assert isinstance(number, NumberNode)
    assert number.int_value == int_value
    assert number.float_value == float_value


@pytest.fixture(scope="module")
def multi() -> dict[str, Any]:
    trees: dict[str, Any] = {}
    for name, source in go.MULTI_SOURCES.items():
        add_trees(trees, parse_source(source, name, FUNC_NAMES))
    return trees


@pytest.mark.parametrize(("template", "output", "data", "ok"), [pytest.param(i, o, d, k, id=n) for n, i, o, d, k in go.MULTI_EXEC])
def test_multi_exec_case_runs_as_in_go(template: str, output: str, data: Any, ok: bool, multi: dict[str, Any]) -> None:
    trees = dict(multi)
    add_trees(trees, parse_source(template, "test", FUNC_NAMES))
    if "test" not in trees:  # an empty source adds no tree; Go executes it as empty
        assert output == ""
        return
    assert Template("test", trees).execute(_data(data)) == output


@pytest.mark.parametrize(("source", "ok", "defined"), [pytest.param(i, k, d, id=n) for n, i, k, d in go.MULTI_PARSE])
def test_multi_parse_case_defines_as_in_go(source: str, ok: bool, defined: dict[str, str]) -> None:
    if not ok:
        with pytest.raises(TemplateError):
            parse_source(source, "root", FUNC_NAMES)
        return
    trees = parse_source(source, "root", FUNC_NAMES)
    assert {name: str(tree.root) for name, tree in trees.items() if name != "root"} == defined


@pytest.mark.parametrize(("sources", "run", "data", "output"), [pytest.param(s, r, d, o, id=n) for n, s, r, d, o in go.MULTI_ORDER])
def test_sources_parsed_in_order_resolve_as_in_go(sources: list[tuple[str, str]], run: str, data: Any, output: str) -> None:
    trees: dict[str, Any] = {}
    for name, source in sources:
        add_trees(trees, parse_source(source, name, FUNC_NAMES))
    assert Template(run, trees).execute(data) == output


def test_ports_several_hundred_go_cases() -> None:
    total = len(go.EXEC) + len(go.CMP) + len(go.INTERFACE) + len(go.MESSAGES) + len(go.OUTPUTS) + len(go.PARSE) + len(go.NUMBERS) + len(go.MULTI_EXEC) + len(go.MULTI_PARSE) + len(go.MULTI_ORDER) + 1
    assert total > 500
