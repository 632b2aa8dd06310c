"""Go text/template with the Sprig and Helm functions, in pure Python."""

from .encoding import dump_json, dump_yaml, load_yaml, to_json_values
from .errors import TemplateError, TemplateExecError, TemplateSyntaxError
from .funcs_helm import to_yaml
from .template import FUNC_NAMES, Template, parse, parse_set, render
from .values import GoObject

__all__ = [
    "FUNC_NAMES",
    "GoObject",
    "Template",
    "TemplateError",
    "TemplateExecError",
    "TemplateSyntaxError",
    "dump_json",
    "dump_yaml",
    "load_yaml",
    "parse",
    "parse_set",
    "render",
    "to_json_values",
    "to_yaml",
]
