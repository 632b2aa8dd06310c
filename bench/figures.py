"""A benchmark figure: repeated samples, an optional baseline measured in the same run, and a target."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Target:
    """What a figure must reach: ``ratio <= 1.3`` against its baseline, or ``value <= 16`` in its unit."""

    on: str  # "ratio" | "value"
    limit: float
    statistic: str = "median"  # which statistic of the samples the limit applies to

    def describe(self, unit: str) -> str:
        """Return the target as the table prints it."""
        if self.on == "ratio":
            return f"ratio ≤ {self.limit:g}"
        return f"{self.statistic} ≤ {self.limit:g} {unit}"


@dataclass
class Figure:
    """One measured quantity, e.g. the build time for 50 versions next to bare mkdocs for as many pages."""

    group: str
    name: str
    unit: str
    samples: list[float]
    baseline: list[float] | None = None
    baseline_name: str | None = None
    target: Target | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        """Return the median of the samples."""
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        """Return median / baseline median, when there is a baseline."""
        if not self.baseline:
            return None
        return self.median / statistics.median(self.baseline)

    def statistic(self, name: str) -> float:
        """Return min, median, max or p95 of the samples."""
        ordered = sorted(self.samples)
        if name == "min":
            return ordered[0]
        if name == "max":
            return ordered[-1]
        if name == "p95":
            return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return self.median

    @property
    def met(self) -> bool | None:
        """Say whether the target is met (None without a target)."""
        if self.target is None:
            return None
        if self.target.on == "ratio":
            return self.ratio is not None and self.ratio <= self.target.limit
        return self.statistic(self.target.statistic) <= self.target.limit

    def to_dict(self) -> dict[str, Any]:
        """Return the machine-readable form written to results.json."""
        data: dict[str, Any] = {
            "group": self.group,
            "name": self.name,
            "unit": self.unit,
            "runs": len(self.samples),
            "min": min(self.samples),
            "median": self.median,
            "max": max(self.samples),
        }
        if self.baseline:
            data["baseline"] = {
                "name": self.baseline_name,
                "min": min(self.baseline),
                "median": statistics.median(self.baseline),
                "max": max(self.baseline),
            }
            data["ratio"] = self.ratio
        if self.target:
            data["target"] = self.target.describe(self.unit)
            data["met"] = self.met
        if self.note:
            data["note"] = self.note
        data.update(self.extra)
        return data


def fmt(value: float, unit: str) -> str:
    """Format a number with sensible precision for its unit."""
    if unit in ("bytes",):
        return f"{value:,.0f}"
    if unit == "CLS":  # a layout shift score: 0.05 is the target, 0.001 a pixel's worth
        return f"{value:.3f}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(figures: list[Figure]) -> str:
    """Render the figures as one Markdown table (the same text goes to stdout and bench/README.md)."""
    rows = [
        "| group | figure | value | min – max | baseline (median) | ratio | target | |",
        "| --- | --- | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for f in figures:
        baseline = f"{f.baseline_name}: {fmt(statistics.median(f.baseline), f.unit)}" if f.baseline else ""
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        target = f.target.describe(f.unit) if f.target else ""
        mark = {True: "ok", False: "**MISS**", None: ""}[f.met]
        shown = f.target.statistic if f.target and f.target.on == "value" else "median"
        value = f"{fmt(f.statistic(shown), f.unit)} {f.unit}" + ("" if shown == "median" else f" ({shown})")
        rows.append(
            f"| {f.group} | {f.name} | {value} | {fmt(min(f.samples), f.unit)} – {fmt(max(f.samples), f.unit)} "
            f"| {baseline} | {ratio} | {target} | {mark} |"
        )
    return "\n".join(rows)
