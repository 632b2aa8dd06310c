"""Kubernetes rules for names, labels, versions, CIDRs and replica counts, checked before the API server does.

The name and label rules themselves are apimachinery's, in ``generator.kubenames``; this module applies
them to the form's fields.

Each check takes the field path and returns a list of diagnostics (empty when
the value is fine), so callers collect every problem instead of stopping at
the first.
"""

from __future__ import annotations

from typing import Any

from generator.cidr import parse_cidr
from generator.kubenames import LABEL_MESSAGE, LABEL_RE, SUBDOMAIN_MESSAGE, SUBDOMAIN_RE, label_value_problems, qualified_name_problems
from generator.kubeversion import parse_version
from generator.manifests.diagnostics import Diagnostic, invalid, required, warning

INT32_MAX = 2**31 - 1


def check_dns1123_label(path: str, value: Any) -> list[Diagnostic]:
    """Check an RFC 1123 label (namespaces, machine deployment names): at most 63 characters."""
    if not isinstance(value, str) or not value:
        return [required(path)] if value in (None, "") else [invalid(path, value, "must be a string")]
    found = []
    if len(value) > 63:
        found.append(invalid(path, value, "must be no more than 63 characters"))
    if not LABEL_RE.fullmatch(value):
        found.append(invalid(path, value, LABEL_MESSAGE))
    return found


def check_dns1123_subdomain(path: str, value: Any, max_length: int = 253) -> list[Diagnostic]:
    """Check an RFC 1123 subdomain (object names); ``max_length`` is lower where the name also becomes a label value."""
    if not isinstance(value, str) or not value:
        return [required(path)] if value in (None, "") else [invalid(path, value, "must be a string")]
    found = []
    if len(value) > max_length:
        found.append(invalid(path, value, f"must be no more than {max_length} characters"))
    if not SUBDOMAIN_RE.fullmatch(value):
        found.append(invalid(path, value, SUBDOMAIN_MESSAGE))
    return found


def check_cluster_name(path: str, value: Any) -> list[Diagnostic]:
    """Check a Cluster's name: a subdomain, and at most 63 characters because Cluster API copies it into label values."""
    found = check_dns1123_subdomain(path, value)
    if isinstance(value, str) and 63 < len(value) <= 253:
        found.insert(0, invalid(path, value, "must be no more than 63 characters (it becomes the cluster.x-k8s.io/cluster-name label)"))
    return found


def check_labels(path: str, labels: Any) -> list[Diagnostic]:
    """Check label keys (optional DNS prefix, then a qualified name) and values (at most 63 characters, may be empty)."""
    if not isinstance(labels, dict):
        return [invalid(path, labels, "must be a map of strings")]
    found: list[Diagnostic] = []
    for key, value in labels.items():
        key_path = f"{path}[{key}]" if isinstance(key, str) else path
        if not isinstance(key, str) or not key:
            found.append(invalid(path, key, "a label key must be a non-empty string"))
            continue
        found += [invalid(path, key, problem) for problem in qualified_name_problems(key)]
        if not isinstance(value, str):
            found.append(invalid(key_path, value, "a label value must be a string"))
        else:
            found += [invalid(key_path, value, problem) for problem in label_value_problems(value)]
    return found


def check_kubernetes_version(path: str, value: Any) -> list[Diagnostic]:
    """Check a full Kubernetes version such as ``v1.32.5``."""
    if value in (None, ""):
        return [required(path)]
    if parse_kubernetes_version(value) is None:
        return [invalid(path, value, 'must be a Kubernetes version like "v1.32.5" ("v", then major.minor.patch)')]
    return []


def parse_kubernetes_version(value: str) -> tuple[int, int, int] | None:
    """Return (major, minor, patch) of a version like ``v1.32.5``, or None when it is not one."""
    # Cluster API parses spec.topology.version as a semantic version with Kubernetes' leading "v".
    version = parse_version(value)
    return version.core if version is not None and version.v_prefix else None


def check_cidr_blocks(path: str, blocks: Any) -> list[Diagnostic]:
    """Check a CIDR list: each a network in CIDR notation, at most two, one per IP family (dual stack)."""
    if not isinstance(blocks, list):
        return [invalid(path, blocks, "must be a list of CIDR blocks")]
    found: list[Diagnostic] = []
    families: dict[int, int] = {}
    for i, block in enumerate(blocks):
        item = f"{path}[{i}]"
        network = parse_cidr(block)
        if network is None:
            found.append(invalid(item, block, 'must be a CIDR block like "192.168.0.0/16" or "fd00::/108"'))
            continue
        if str(network) != block:
            found.append(warning(item, f"host bits are set; the network is {network}"))
        if network.version in families:
            found.append(invalid(item, block, f"only one IPv{network.version} CIDR block is allowed (dual stack takes one IPv4 and one IPv6 block)"))
        families[network.version] = i
    if len(blocks) > 2:
        found.append(invalid(path, blocks, "must have at most 2 CIDR blocks (one IPv4 and one IPv6)"))
    return found


def overlapping_cidrs(path: str, pods: list[Any], services: list[Any]) -> list[Diagnostic]:
    """Warn when a pod CIDR overlaps a service CIDR: traffic to one would be routed to the other."""
    found = []
    for pod in pods:
        pod_net = parse_cidr(pod)
        for service in services:
            service_net = parse_cidr(service)
            if pod_net and service_net and pod_net.version == service_net.version and pod_net.overlaps(service_net):
                found.append(warning(path, f"the pod CIDR {pod} overlaps the service CIDR {service}"))
    return found


def check_replicas(path: str, value: Any, *, control_plane: bool = False) -> list[Diagnostic]:
    """Check a replica count: an integer from 0 to 2^31-1; for the control plane, warn on an even count."""
    if isinstance(value, bool) or not isinstance(value, int):
        return [invalid(path, value, "must be an integer")]
    if value < 0:
        return [invalid(path, value, "must be greater than or equal to 0")]
    if value > INT32_MAX:
        return [invalid(path, value, f"must be less than or equal to {INT32_MAX}")]
    if control_plane and value % 2 == 0:
        return [warning(path, f"{value} control plane replicas: an odd number is recommended, etcd needs a majority to keep quorum")]
    return []
