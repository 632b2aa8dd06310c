"""The public face of the engine: parse template sources into a set once, execute it many times."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from .errors import FuncError, TemplateError
from .exec import Executor, Func
from .funcs import BUILTINS
from .funcs_helm import HELM
from .funcs_crypto import CRYPTO
from .funcs_random import RANDOM
from .funcs_sprig import SPRIG, SPRIG_SLICE
from .funcs_time import TIME
from .nodes import Tree
from .parser import add_trees, parse_source
from .quoting import go_quote

log = logging.getLogger(__name__)

FUNCS: dict[str, Func] = {**BUILTINS, **SPRIG, **TIME, **RANDOM, **CRYPTO, **HELM}
FUNC_NAMES = frozenset(FUNCS) | {"include", "tpl"}


class Template:
    """A parsed set of templates: the main one (``name``) plus every ``define`` visible to it."""

    def __init__(self, name: str, trees: dict[str, Tree], helm: bool = False) -> None:
        self.name = name
        self.trees = trees
        self.helm = helm
        funcs = dict(FUNCS)
        if helm:
            funcs["slice"] = SPRIG_SLICE
        funcs["include"] = Func("include", self._include, ("string", "any"))
        funcs["tpl"] = Func("tpl", self._tpl, ("string", "any"))
        self._executor = Executor(trees, funcs, helm=helm)
        self._tpl_cache: dict[tuple[str, str], Template] = {}

    def __repr__(self) -> str:
        return f"Template({self.name!r}, templates={sorted(self.trees)!r})"

    def execute(self, data: Any) -> str:
        """Execute the main template with ``data`` as dot and return the output."""
        return self.execute_template(self.name, data)

    def execute_template(self, name: str, data: Any) -> str:
        """Execute one named template of the set (like Go's ExecuteTemplate)."""
        if name not in self.trees:
            raise TemplateError(self.name, None, f"no template {go_quote(name)} associated with template {go_quote(self.name)}", f"template: no template {go_quote(name)} associated with template {go_quote(self.name)}")
        out: list[str] = []
        try:
            self._executor.run(name, out, data)
        except RecursionError:
            raise TemplateError(name, None, "exceeded maximum template depth (100000)") from None
        return "".join(out)

    # Helm's include and tpl, bound to this set -----------------------------------------------
    def _include(self, name: str, data: Any) -> str:
        return self.execute_template(name, data)

    def _tpl(self, text: str, data: Any) -> str:
        # Helm 4 parses tpl text under the template set's own name (engine.go: t.New(parent.Name())),
        # so the data need not carry .Template.
        name = self.name
        key = (name, text)
        clone = self._tpl_cache.get(key)
        try:
            if clone is None:
                trees = dict(self.trees)
                add_trees(trees, parse_source(text, name, FUNC_NAMES))
                clone = self._tpl_cache[key] = Template(name, trees, helm=self.helm)
            result = clone.execute(data)
        except TemplateError as err:
            raise FuncError(f"error during tpl function execution for {go_quote(text)}: {err}") from None
        # Helm removes the "<no value>" of missing values here as it does for whole files.
        return result.replace("<no value>", "") if self.helm else result


def parse(text: str, name: str = "template", templates: Mapping[str, str] | None = None, *, helm: bool = False) -> Template:
    """Parse ``text`` (and the ``define``s of ``templates``, name -> source) into a reusable Template."""
    trees: dict[str, Tree] = {}
    for source_name, source in (templates or {}).items():
        add_trees(trees, parse_source(source, source_name, FUNC_NAMES))
    add_trees(trees, parse_source(text, name, FUNC_NAMES))
    return Template(name, trees, helm=helm)


_SET_CACHE: dict[tuple[Any, ...], Template] = {}
_SET_CACHE_SIZE = 32


def parse_set(sources: Mapping[str, str], name: str = "gotpl", *, helm: bool = False) -> Template:
    """Parse several named sources into one set whose trees all see each other (Helm's chart templates).

    The same chart templates are rendered once per Kubernetes version with
    different values, so a set parsed from identical sources is reused (a
    Template is immutable once parsed; executing it never changes it).
    """
    key = (name, helm, tuple(sources.items()))
    cached = _SET_CACHE.get(key)
    if cached is None:
        cached = _parse_set(sources, name, helm)
        if len(_SET_CACHE) >= _SET_CACHE_SIZE:
            _SET_CACHE.pop(next(iter(_SET_CACHE)))
        _SET_CACHE[key] = cached
    return cached


def _parse_set(sources: Mapping[str, str], name: str, helm: bool) -> Template:
    trees: dict[str, Tree] = {}
    for source_name, source in sources.items():
        add_trees(trees, parse_source(source, source_name, FUNC_NAMES))
    return Template(name, trees, helm=helm)


def render(text: str, data: Any, templates: Mapping[str, str] | None = None, name: str = "template") -> str:
    """Parse and execute ``text`` with ``data`` as dot; ``templates`` add sources whose ``define``s are visible."""
    return parse(text, name, templates).execute(data)
