"""Render Helm charts offline, as `helm template` does, with the pure-Python Go-template engine."""

from .chart import Chart, Release, load_chart
from .objects import Capabilities, ChartMetadata, Files
from .render import ManifestError, coalesce_values, render_chart, render_templates

__all__ = [
    "Capabilities",
    "Chart",
    "ChartMetadata",
    "Files",
    "ManifestError",
    "Release",
    "coalesce_values",
    "load_chart",
    "render_chart",
    "render_templates",
]
