"""Render and check the deployment manifests with the real tools: kubectl kustomize, the Kubernetes
OpenAPI schemas (kubernetes-validate) and the real Flux CRDs (tests/support/crds.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

from tests.support.crds import validate_against_crd

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
BASE = DEPLOY / "kubernetes" / "base"
EXAMPLE_OVERLAY = DEPLOY / "kubernetes" / "overlays" / "example"
FLUX = DEPLOY / "flux"
KUBERNETES_VERSION = "1.37.0"  # the newest schemas kubernetes-validate ships; strict: unknown fields fail
# Flux's substitution syntax: ${VAR} or ${VAR:=default}.
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::=([^}]*))?\}")


def kustomize(folder: Path) -> list[dict[str, Any]]:
    """Render a kustomization with the real ``kubectl kustomize`` and return its objects."""
    kubectl = shutil.which("kubectl")
    assert kubectl, "kubectl is not installed (.ci/run installs it)"
    result = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"kubectl kustomize {folder} failed:\n{result.stderr}"
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def load_yaml(path: Path) -> dict[str, Any]:
    """Read one YAML object from a file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected one object"
    return data


def variables(text: str) -> set[str]:
    """Return the names of the Flux substitution variables ``text`` uses."""
    return {match.group(1) for match in VARIABLE.finditer(text)}


def substitute(text: str, values: dict[str, str]) -> str:
    """Substitute variables like Flux's postBuild.substitute (a set value, else the default, else empty)."""
    return VARIABLE.sub(lambda match: values.get(match.group(1), match.group(2) or ""), text)


def render_with_flux(flux_kustomization: dict[str, Any]) -> list[dict[str, Any]]:
    """Render the base as that Flux Kustomization would: kustomize, then its substitutions."""
    objects = kustomize(BASE)
    text = yaml.safe_dump_all(objects, sort_keys=False)
    values = {key: str(value) for key, value in flux_kustomization["spec"]["postBuild"]["substitute"].items()}
    return [doc for doc in yaml.safe_load_all(substitute(text, values)) if doc]


def kubernetes_problems(obj: dict[str, Any]) -> list[str]:
    """Validate a core Kubernetes object against its OpenAPI schema; return ``field.path: message`` lines."""
    try:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{field_path(list(error.path))}: {error.message}"]
    return []


def field_path(parts: list[Any]) -> str:
    """Spell a JSON path like kubectl does: spec.template.spec.containers[0].image."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "<root>"


def problems(obj: dict[str, Any]) -> list[str]:
    """Validate any object this project deploys: Flux kinds against the real CRDs, the rest against Kubernetes."""
    if obj.get("apiVersion", "").split("/")[0].endswith(".toolkit.fluxcd.io"):
        return validate_against_crd(obj)
    return kubernetes_problems(obj)


def by_kind(objects: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    """Return the one object of a kind."""
    found = [obj for obj in objects if obj["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]
