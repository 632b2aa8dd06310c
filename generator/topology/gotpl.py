"""The two kinds of Go templates the topology controller runs, on the project's Go-template engine.

- Patch templates (``enabledIf``, ``valueFrom.template``): Go text/template named ``tpl``
  with Sprig's *hermetic* functions (no env, no clock, no randomness) and nothing of Helm's
  (no ``include``, ``tpl``, ``toYaml``, ``required``).
- Naming templates (``naming.template``): plain text/template without extra functions,
  executed with ``missingkey=error``.
"""

from __future__ import annotations

from typing import Any

from generator.gotemplate import TemplateError
from generator.gotemplate.exec import Executor, Func
from generator.gotemplate.funcs import BUILTINS
from generator.gotemplate.funcs_helm import HELM
from generator.gotemplate.funcs_random import RANDOM
from generator.gotemplate.funcs_sprig import SPRIG, SPRIG_SLICE
from generator.gotemplate.funcs_time import TIME
from generator.gotemplate.parser import parse_source

# Sprig's JSON functions (Helm registers its own under the same names; the engine keeps them in HELM).
_SPRIG_JSON = ("fromJson", "toJson", "toPrettyJson", "toRawJson", "mustFromJson", "mustToJson", "mustToPrettyJson", "mustToRawJson")
# sprig.HermeticTxtFuncMap leaves these out (Masterminds/sprig v3.3.0 functions.go, nonhermeticFunctions).
NON_HERMETIC = frozenset({
    "date", "date_in_zone", "date_modify", "now", "htmlDate", "htmlDateInZone", "dateInZone", "dateModify",
    "randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "uuidv4",
    "env", "expandenv", "getHostByName",
})
_SPRIG_ALL: dict[str, Func] = {**SPRIG, **TIME, **RANDOM, **{name: HELM[name] for name in _SPRIG_JSON if name in HELM}, "slice": SPRIG_SLICE}
# Go's builtins, then Sprig's hermetic functions over them (Funcs replaces a builtin of the same name: slice).
PATCH_FUNCS: dict[str, Func] = {**BUILTINS, **{name: f for name, f in _SPRIG_ALL.items() if name not in NON_HERMETIC}}
PATCH_FUNC_NAMES = frozenset(PATCH_FUNCS)
# The Cluster Stack Operator renders addon values with sprig.TxtFuncMap(): all of Sprig (env and expandenv are not offered offline).
SPRIG_FUNCS: dict[str, Func] = {**BUILTINS, **_SPRIG_ALL}
SPRIG_FUNC_NAMES = frozenset(SPRIG_FUNCS)
NAMING_FUNC_NAMES = frozenset(BUILTINS)

PATCH_TEMPLATE_NAME = "tpl"
NAMING_TEMPLATE_NAME = "template name generator"

_CACHE: dict[tuple[str, str], Executor] = {}
_CACHE_SIZE = 512


def _executor(text: str, name: str, names: frozenset[str], funcs: dict[str, Func]) -> Executor:
    """Parse once per distinct text: a ClusterClass's templates repeat for every object and every keystroke."""
    key = (name, text)
    executor = _CACHE.get(key)
    if executor is None:
        executor = Executor(parse_source(text, name, names), funcs)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = executor
    return executor


def render_patch_template(text: str, data: dict[str, Any]) -> str:
    """Render an ``enabledIf`` or ``valueFrom.template`` like Cluster API; raise TemplateError."""
    out: list[str] = []
    _executor(text, PATCH_TEMPLATE_NAME, PATCH_FUNC_NAMES, PATCH_FUNCS).run(PATCH_TEMPLATE_NAME, out, data)
    return "".join(out)


def render_naming_template(text: str, data: dict[str, Any]) -> str:
    """Render a naming template; a key it reads that is not there is an error (missingkey=error)."""
    out: list[str] = []
    _executor(text, NAMING_TEMPLATE_NAME, NAMING_FUNC_NAMES, dict(BUILTINS)).run(NAMING_TEMPLATE_NAME, out, data)
    result = "".join(out)
    if "<no value>" in result:
        raise TemplateError(NAMING_TEMPLATE_NAME, None, "map has no entry for a key the template reads (Cluster API renders naming templates with missingkey=error)")
    return result


def template_data(value: Any) -> Any:
    """Convert variable values to what a Go template sees after a JSON round trip: every number a float64."""
    if isinstance(value, dict):
        return {key: template_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [template_data(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
