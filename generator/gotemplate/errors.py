"""Errors of the Go-template engine, printed the way Go's text/template prints them."""

from __future__ import annotations

from .quoting import go_quote


class TemplateError(Exception):
    """A template could not be parsed or executed; prints like Go: ``template: NAME:LINE: reason``."""

    def __init__(self, template_name: str, line: int | None, reason: str, message: str | None = None) -> None:
        self.template_name = template_name
        self.line = line
        self.reason = reason
        if message is None:
            where = template_name if line is None else f"{template_name}:{line}"
            message = f"template: {where}: {reason}"
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        """Return the Go-style message."""
        return self.message


class TemplateSyntaxError(TemplateError):
    """The template text is not valid Go template syntax."""


class TemplateExecError(TemplateError):
    """Executing a parsed template failed (bad data, a failing function, ``fail``/``required``)."""

    def __init__(self, template_name: str, line: int, column: int, executing: str, context: str, reason: str) -> None:
        self.column = column
        self.executing = executing
        self.context = context
        message = f"template: {template_name}:{line}:{column}: executing {go_quote(executing)} at <{context}>: {reason}"
        super().__init__(template_name, line, reason, message)


class FuncError(Exception):
    """Raised by template functions; the executor turns it into ``error calling NAME: reason``."""


