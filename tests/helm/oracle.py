"""Real Helm as the test oracle: render a chart with Helm's Go SDK and with ours, and compare.

Helm comes from ``helm-python-sdk`` (import name ``helm_python``), a test-only
dependency that embeds Helm v4's Go SDK as a shared library: no helm binary, no
cluster. Its public ``Chart.render`` has no option for the Kubernetes version, but
the library's render options (JSON, read by its Go side) accept ``kube_version``
and ``api_versions`` as its lint does; ``helm_engine`` passes them there.

Both sides are compared at the engine level: Helm's SDK returns what Helm's engine
renders (every template but partials, NOTES.txt and empty output included), and so
does ``generator.helm.render_templates``. `helm template`'s document splitting on
top of that is ours alone and tested in test_render.py.
"""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helm_python import Chart as HelmChart
from helm_python import HelmError
from helm_python import _native

from generator.errors import InputError
from generator.gotemplate import TemplateError
from generator.helm import Release, load_chart, render_templates

# The version Helm's SDK renders at when none is given (helm-python-sdk 0.2.2).
HELM_DEFAULT_KUBE_VERSION = "1.36.0"


@dataclass(frozen=True)
class Outcome:
    """One side's result: the rendered templates, or the error it stopped with."""

    rendered: dict[str, str] | None
    error: str | None


def read_chart(folder: Path) -> dict[str, bytes]:
    """Read every file of a chart folder (subcharts included) as chart-relative POSIX paths."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _archive(files: Mapping[str, str | bytes]) -> bytes:
    """Pack chart files into a .tgz the way `helm package` lays them out (one top folder)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, content in sorted(files.items()):
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(f"chart/{name}")
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def helm_engine(
    files: Mapping[str, str | bytes],
    values: dict[str, Any] | None = None,
    *,
    kube_version: str = HELM_DEFAULT_KUBE_VERSION,
    api_versions: tuple[str, ...] = (),
    release: Release = Release(),
) -> Outcome:
    """Render with real Helm (its Go SDK); the chart never touches the disk."""
    options: dict[str, Any] = {
        "name": release.name,
        "namespace": release.namespace,
        "revision": release.revision,
        "is_install": release.is_install,
        "is_upgrade": release.is_upgrade,
        "kube_version": "v" + kube_version.removeprefix("v"),
    }
    if api_versions:
        options["api_versions"] = list(api_versions)
    try:
        with HelmChart.load_archive(_archive(files)) as chart:
            raw = _native.call_string("helm_render", chart._raw(), None if values is None else json.dumps(values), json.dumps(options))
    except HelmError as err:
        return Outcome(None, str(err))
    return Outcome(json.loads(raw), None)


def our_engine(
    files: Mapping[str, str | bytes],
    values: dict[str, Any] | None = None,
    *,
    kube_version: str = HELM_DEFAULT_KUBE_VERSION,
    api_versions: tuple[str, ...] = (),
    release: Release = Release(),
) -> Outcome:
    """Render with the project's engine, from the same files."""
    text = {name: content.decode(errors="replace") if isinstance(content, bytes) else content for name, content in _unpacked(files).items()}
    try:
        chart = load_chart(text)
        return Outcome(render_templates(chart, values, release, kube_version, api_versions), None)
    except (TemplateError, InputError) as err:
        return Outcome(None, str(err))


def _unpacked(files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """Expand vendored subchart archives (``charts/*.tgz``) into folders, as Helm's loader does."""
    out: dict[str, str | bytes] = {}
    for name, content in files.items():
        parts = name.split("/")
        if len(parts) == 2 and parts[0] == "charts" and name.endswith(".tgz") and isinstance(content, bytes):
            with tarfile.open(fileobj=io.BytesIO(content)) as tar:
                inner = {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile() and "/" in m.name}  # type: ignore[union-attr]
            folder = parts[1].removesuffix(".tgz")
            for inner_name, data in _unpacked(inner).items():
                out[f"charts/{folder}/{inner_name}"] = data
            continue
        out[name] = content
    return out


def differences(files: Mapping[str, str | bytes], values: dict[str, Any] | None = None, **options: Any) -> list[str]:
    """Render with both and list every difference: one side failing, a template missing, or different bytes."""
    helm = helm_engine(files, values, **options)
    ours = our_engine(files, values, **options)
    if helm.rendered is None or ours.rendered is None:
        if helm.rendered is None and ours.rendered is None:
            return []
        if helm.rendered is None:
            return [f"Helm fails ({helm.error}) but ours renders"]
        return [f"ours fails ({ours.error}) but Helm renders"]
    out = []
    for name in sorted(set(helm.rendered) | set(ours.rendered)):
        if name not in ours.rendered:
            out.append(f"{name}: only Helm renders it")
        elif name not in helm.rendered:
            out.append(f"{name}: only ours renders it")
        elif helm.rendered[name] != ours.rendered[name]:
            out.append(f"{name}: Helm {helm.rendered[name]!r} ours {ours.rendered[name]!r}")
    return out


def compare_templates(base: Mapping[str, str | bytes], templates: Mapping[str, str], values: dict[str, Any] | None = None, **options: Any) -> dict[str, str]:
    """Render many one-template cases in as few charts as possible; return case -> difference.

    Helm's engine stops at the first failing template, so a batch that fails on
    either side is split in halves until each failing case stands alone.
    """
    found: dict[str, str] = {}

    def chart_of(names: list[str]) -> dict[str, str | bytes]:
        return {**base, **{f"templates/case-{i:04d}.yaml": templates[n] for i, n in enumerate(names)}}

    def run(names: list[str]) -> None:
        files = chart_of(names)
        helm = helm_engine(files, values, **options)
        ours = our_engine(files, values, **options)
        if helm.rendered is not None and ours.rendered is not None:
            for i, name in enumerate(names):
                key = f"chart/templates/case-{i:04d}.yaml"
                got_helm = helm.rendered.get(key.replace("chart/", f"{_chart_name(base)}/"))
                got_ours = ours.rendered.get(key.replace("chart/", f"{_chart_name(base)}/"))
                if got_helm != got_ours:
                    found[name] = f"Helm {got_helm!r} ours {got_ours!r}"
            return
        if len(names) > 1:
            half = len(names) // 2
            run(names[:half])
            run(names[half:])
            return
        if (helm.rendered is None) != (ours.rendered is None):
            found[names[0]] = f"Helm {helm.error or helm.rendered!r} ours {ours.error or ours.rendered!r}"

    # Start from small batches, so a failing case costs a few small renders, not halving a huge chart.
    names = sorted(templates)
    for start in range(0, len(names), 48):
        run(names[start:start + 48])
    return found


def _chart_name(files: Mapping[str, str | bytes]) -> str:
    import yaml

    text = files["Chart.yaml"]
    return str(yaml.safe_load(text.decode() if isinstance(text, bytes) else text)["name"])
