#!/usr/bin/env python3
"""Parse and execute time of the Go-template engine on a generated 600-line ClusterClass with 40 patches.

    python bench/gotemplate_bench.py [--repeat N]

``run(repeat)`` returns microseconds per call (min/median/max over ``repeat`` samples) for parsing the
template set and for executing the parsed set once, the work the editor repeats on every keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.gotemplate import parse  # noqa: E402

PATCHES = 40

HELPERS = """\
{{- define "cc.name" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "cc.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name | quote }}
app.kubernetes.io/version: {{ .Chart.Version | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
"""

HEADER = """\
apiVersion: cluster.x-k8s.io/v1beta1
kind: ClusterClass
metadata:
  name: {{ include "cc.name" . }}
  labels:
    {{- include "cc.labels" . | nindent 4 }}
spec:
  controlPlane:
    ref:
      apiVersion: controlplane.cluster.x-k8s.io/v1beta1
      kind: KubeadmControlPlaneTemplate
      name: {{ include "cc.name" . }}-control-plane
    machineInfrastructure:
      ref:
        apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
        kind: OpenStackMachineTemplate
        name: {{ include "cc.name" . }}-control-plane
  infrastructure:
    ref:
      apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
      kind: OpenStackClusterTemplate
      name: {{ include "cc.name" . }}-cluster
  workers:
    machineDeployments:
    {{- range $name, $flavor := .Values.workers }}
      - class: {{ $name }}
        template:
          bootstrap:
            ref:
              apiVersion: bootstrap.cluster.x-k8s.io/v1beta1
              kind: KubeadmConfigTemplate
              name: {{ include "cc.name" $ }}-{{ $name }}
          infrastructure:
            ref:
              apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
              kind: OpenStackMachineTemplate
              name: {{ include "cc.name" $ }}-{{ $name }}-{{ $flavor | lower }}
    {{- end }}
  variables:
  {{- range .Values.variables }}
    - name: {{ .name }}
      required: {{ .required | default false }}
      schema:
        openAPIV3Schema:
          {{- toYaml .schema | nindent 10 }}
  {{- end }}
  patches:
"""

PATCH = """\
    - name: patch-{n}
      description: {{{{ printf "Sets %s from the %s variable." "field{n}" .Values.patches.p{n}.variable | quote }}}}
      {{{{- with .Values.patches.p{n}.enabledIf }}}}
      enabledIf: {{{{ . | quote }}}}
      {{{{- end }}}}
      definitions:
        - selector: {{{{ dict "apiVersion" .Values.patches.p{n}.apiVersion "kind" .Values.patches.p{n}.kind "matchResources" (dict "controlPlane" (eq .Values.patches.p{n}.target "controlPlane")) | toYaml | nindent 12 }}}}
          jsonPatches:
            - op: {{{{ .Values.patches.p{n}.op | default "add" }}}}
              path: {{{{ .Values.patches.p{n}.path | quote }}}}
              valueFrom:
                variable: {{{{ .Values.patches.p{n}.variable }}}}
"""


def generate() -> tuple[str, dict[str, str], dict[str, Any]]:
    """Return a ClusterClass template of about 600 lines with 40 patches, its helpers and its data."""
    text = HEADER + "".join(PATCH.format(n=n) for n in range(PATCHES))
    patches = {
        f"p{n}": {
            "variable": f"var{n}",
            "enabledIf": "{{ if .var%d }}true{{ end }}" % n if n % 3 == 0 else "",
            "apiVersion": "controlplane.cluster.x-k8s.io/v1beta1",
            "kind": "KubeadmControlPlaneTemplate" if n % 2 else "OpenStackMachineTemplate",
            "target": "controlPlane" if n % 2 else "workers",
            "op": "replace" if n % 5 == 0 else None,
            "path": f"/spec/template/spec/field{n}",
        }
        for n in range(PATCHES)
    }
    variables = [
        {"name": f"var{n}", "required": n % 4 == 0, "schema": {"type": "string", "default": f"value-{n}", "description": f"Variable number {n}.", "enum": ["a", "b", f"value-{n}"]}}
        for n in range(10)
    ]
    data = {
        "Values": {"workers": {"default-worker": "SCS-2V-4", "large-worker": "SCS-8V-32"}, "variables": variables, "patches": patches},
        "Chart": {"Name": "openstack-scs-1-32", "Version": "v1"},
        "Release": {"Name": "release-name", "Service": "Helm"},
    }
    return text, {"_helpers.tpl": HELPERS}, data


def _time(fn: Any, repeat: int, inner: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - start) / inner * 1e6)
    return {"min": min(samples), "median": statistics.median(samples), "max": max(samples)}


def run(repeat: int = 5) -> dict[str, Any]:
    """Time parsing and executing the generated ClusterClass; return microseconds per call."""
    text, helpers, data = generate()
    template = parse(text, "cluster-class.yaml", helpers)
    output = template.execute(data)  # also compiles the set, as the editor's first render does
    return {
        "template_lines": text.count("\n") + 1,
        "output_lines": output.count("\n") + 1,
        "parse_us": _time(lambda: parse(text, "cluster-class.yaml", helpers), repeat, 5),
        "first_execute_us": _time(lambda: parse(text, "cluster-class.yaml", helpers).execute(data), repeat, 5),
        "execute_us": _time(lambda: template.execute(data), repeat, 20),
    }


def main() -> None:
    """Print the figures as a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    result = run(parser.parse_args().repeat)
    print(f"ClusterClass template: {result['template_lines']} lines, {PATCHES} patches -> {result['output_lines']} output lines")
    print(f"{'step':<28}{'min µs':>10}{'median µs':>12}{'max µs':>10}")
    for key, label in (("parse_us", "parse"), ("first_execute_us", "parse + compile + execute"), ("execute_us", "execute (parsed once)")):
        row = result[key]
        print(f"{label:<28}{row['min']:>10.0f}{row['median']:>12.0f}{row['max']:>10.0f}")


if __name__ == "__main__":
    main()
