"""Helm's built-in objects as templates see them: .Chart, .Capabilities, .Files."""

from __future__ import annotations

import base64
import posixpath
import re
from typing import Any

from ..gotemplate import GoObject, to_yaml
from ..kubeversion import parse_version

# Chart.yaml keys and the Go field names templates use for them (helm.sh/helm/v3/pkg/chart.Metadata).
CHART_FIELDS = {
    "name": "Name",
    "home": "Home",
    "sources": "Sources",
    "version": "Version",
    "description": "Description",
    "keywords": "Keywords",
    "maintainers": "Maintainers",
    "icon": "Icon",
    "apiVersion": "APIVersion",
    "condition": "Condition",
    "tags": "Tags",
    "appVersion": "AppVersion",
    "deprecated": "Deprecated",
    "annotations": "Annotations",
    "kubeVersion": "KubeVersion",
    "dependencies": "Dependencies",
    "type": "Type",
}
_LIST_FIELDS = {"Sources", "Keywords", "Maintainers", "Dependencies"}
_STRING_FIELDS = {"Name", "Home", "Version", "Description", "Icon", "APIVersion", "Condition", "Tags", "AppVersion", "KubeVersion", "Type"}


class ChartMetadata(GoObject):
    """``.Chart``: the chart's Chart.yaml with Go's field names (missing strings are "")."""

    _go_type = "*chart.Metadata"
    _go_kind = "ptr"
    _go_fields = (*CHART_FIELDS.values(), "IsRoot")

    def __init__(self, data: dict[str, Any], is_root: bool = True) -> None:
        self._data = data
        self.IsRoot = is_root
        for key, field in CHART_FIELDS.items():
            value = data.get(key)
            if field in _STRING_FIELDS:
                value = "" if value is None else value
            elif field == "Deprecated":
                value = bool(value)
            setattr(self, field, value)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form Helm 4's engine gives templates: every field under its Go name, lists never null."""
        out: dict[str, Any] = {}
        for field in sorted(self._go_fields):
            value = getattr(self, field)
            if value is None and field in _LIST_FIELDS:
                value = []
            out[field] = value
        return out


class KubeVersion(GoObject):
    """``.Capabilities.KubeVersion``: Version, Major, Minor, GitVersion; prints as its Version."""

    _go_type = "*chartutil.KubeVersion"
    _go_kind = "ptr"
    _go_fields = ("Version", "Major", "Minor")
    _go_methods = frozenset({"String"})

    def __init__(self, version: str) -> None:
        text = version if version.startswith("v") else "v" + version
        parsed = parse_version(text)
        self.Version = text
        self.Major = str(parsed.major) if parsed else ""
        self.Minor = str(parsed.minor) if parsed else ""

    def String(self) -> str:  # noqa: N802 - Go method name
        return self.Version

    def go_string(self) -> str:
        return self.Version


# What Helm's engine reports without a cluster (chartutil.DefaultVersionSet): every group/version
# its bundled client-go scheme knows, in the scheme's order. Helm 4.2 reports the same set whatever
# Kubernetes version it renders for.
DEFAULT_API_VERSIONS = (
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha2",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
)


class APIVersions(GoObject):
    """``.Capabilities.APIVersions``: a list of group/versions with ``Has``."""

    _go_type = "chartutil.VersionSet"
    _go_kind = "slice"
    _go_methods = frozenset({"Has"})

    def __init__(self, versions: tuple[str, ...]) -> None:
        self.versions = tuple(versions)

    def Has(self, version: str) -> bool:  # noqa: N802 - Go method name
        return version in self.versions

    def go_string(self) -> str:
        return "[" + " ".join(self.versions) + "]"

    def to_json(self) -> list[str]:
        return list(self.versions)


class HelmVersion(GoObject):
    """``.Capabilities.HelmVersion``: the Helm release this renderer imitates."""

    _go_type = "version.BuildInfo"
    _go_fields = ("Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion")

    def __init__(self) -> None:
        # What Helm 4.2 (the oracle the tests compare with) reports.
        self.Version = "v4.2"
        self.GitCommit = ""
        self.GitTreeState = ""
        self.GoVersion = "go1.26.6"
        self.KubeClientVersion = "v1.36"

    def to_json(self) -> dict[str, str]:
        """Return the JSON form: Helm's json tags, empty ones omitted."""
        keys = {"Version": "version", "GitCommit": "git_commit", "GitTreeState": "git_tree_state", "GoVersion": "go_version", "KubeClientVersion": "kube_client_version"}
        return {tag: getattr(self, field) for field, tag in keys.items() if getattr(self, field)}


class Capabilities(GoObject):
    """``.Capabilities``: the Kubernetes version and API versions rendered against."""

    _go_type = "*chartutil.Capabilities"
    _go_kind = "ptr"
    _go_fields = ("KubeVersion", "APIVersions", "HelmVersion")

    def __init__(self, kube_version: str, api_versions: tuple[str, ...]) -> None:
        self.KubeVersion = KubeVersion(kube_version)
        self.APIVersions = APIVersions(DEFAULT_API_VERSIONS + tuple(v for v in api_versions if v not in DEFAULT_API_VERSIONS))
        self.HelmVersion = HelmVersion()


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a gobwas/glob pattern with '/' as separator (what .Files.Glob uses) to a regex."""
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            if pattern.startswith("**", i):
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            close = pattern.find("]", i + 1)
            if close < 0:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1:close]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = close + 1
                continue
        elif ch == "{":
            close = pattern.find("}", i + 1)
            if close < 0:
                out.append(re.escape(ch))
            else:
                options = pattern[i + 1:close].split(",")
                out.append("(?:" + "|".join(_glob_regex(o).pattern[:-2] for o in options) + ")")
                i = close + 1
                continue
        elif ch == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")


class Files(GoObject):
    """``.Files``: the chart's non-template files with Get, GetBytes, Glob, Lines, AsConfig, AsSecrets."""

    _go_type = "engine.files"
    _go_kind = "map"
    _go_methods = frozenset({"Get", "GetBytes", "Glob", "Lines", "AsConfig", "AsSecrets"})

    def __init__(self, files: dict[str, str]) -> None:
        self.files = dict(sorted(files.items()))

    def Get(self, name: str) -> str:  # noqa: N802 - Go method names
        return self.files.get(name, "")

    def GetBytes(self, name: str) -> bytes:  # noqa: N802
        return self.files.get(name, "").encode()

    def Glob(self, pattern: str) -> Files:  # noqa: N802
        regex = _glob_regex(pattern)
        return Files({k: v for k, v in self.files.items() if regex.match(k)})

    def Lines(self, name: str) -> list[str]:  # noqa: N802
        text = self.files.get(name)
        if not text:
            return []
        # Helm splits on newlines and drops the empty piece after a final newline.
        return text.removesuffix("\n").split("\n")

    def AsConfig(self) -> str:  # noqa: N802
        return to_yaml({posixpath.basename(k): v for k, v in self.files.items()})

    def AsSecrets(self) -> str:  # noqa: N802
        return to_yaml({posixpath.basename(k): base64.b64encode(v.encode()).decode() for k, v in self.files.items()})

    def go_items(self) -> list[tuple[str, bytes]]:
        return [(k, v.encode()) for k, v in self.files.items()]

    def go_string(self) -> str:
        return "map[" + " ".join(f"{k}:{list(v.encode())}" for k, v in self.files.items()) + "]"

    def to_json(self) -> dict[str, str]:
        return {k: base64.b64encode(v.encode()).decode() for k, v in self.files.items()}
