"""The Kubernetes base, its example overlay and the Flux objects render with the real kustomize and
validate against the real schemas; the security and availability settings the issue asks for hold."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.deploy.manifests import (
    BASE,
    EXAMPLE_OVERLAY,
    FLUX,
    by_kind,
    kustomize,
    load_yaml,
    problems,
    render_with_flux,
    variables,
)

CORE_KINDS = ["Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "PodDisruptionBudget", "Service"]
FLUX_FILES = ["gitrepository.yaml", "kustomization-git.yaml", "ocirepository.yaml", "kustomization-oci.yaml"]
FLUX_KUSTOMIZATIONS = ["kustomization-git.yaml", "kustomization-oci.yaml"]


def rendered(name: str) -> list[dict[str, Any]]:
    """Render the base through a Flux Kustomization's substitutions, or the example overlay as is."""
    if name == "overlay":
        return kustomize(EXAMPLE_OVERLAY)
    return render_with_flux(load_yaml(FLUX / name))


RENDERINGS = pytest.mark.parametrize(
    "rendering",
    ["kustomization-git.yaml", "kustomization-oci.yaml", "overlay"],
    ids=["the base as the Git Kustomization renders it", "the base as the OCI Kustomization renders it", "the example overlay"],
)


@RENDERINGS
def test_renders_exactly_the_core_kinds(rendering: str) -> None:
    assert sorted(obj["kind"] for obj in rendered(rendering)) == CORE_KINDS


@RENDERINGS
def test_every_rendered_object_validates_against_the_kubernetes_schemas(rendering: str) -> None:
    found = {f"{obj['kind']}/{obj['metadata']['name']}": problems(obj) for obj in rendered(rendering)}
    assert found == {name: [] for name in found}


@RENDERINGS
def test_nothing_is_left_unsubstituted(rendering: str) -> None:
    for obj in rendered(rendering):
        assert "${" not in str(obj), f"{obj['kind']} still holds a variable"


@pytest.mark.parametrize(
    ("rendering", "host", "image"),
    [
        ("kustomization-git.yaml", "stacks.cloud.example.com", "ghcr.io/sovereigncloudstack/cluster-stacks-site:0.1.0"),
        ("overlay", "stacks.cloud.example.com", "ghcr.io/sovereigncloudstack/cluster-stacks-site:0.1.0"),
    ],
    ids=["the Git Kustomization sets host and image tag", "the overlay sets host and image tag"],
)
def test_host_and_image_tag_are_set(rendering: str, host: str, image: str) -> None:
    objects = rendered(rendering)
    ingress = by_kind(objects, "Ingress")
    assert [rule["host"] for rule in ingress["spec"]["rules"]] == [host]
    assert ingress["spec"]["tls"][0]["hosts"] == [host]
    assert "cert-manager.io/cluster-issuer" in ingress["metadata"]["annotations"]
    containers = by_kind(objects, "Deployment")["spec"]["template"]["spec"]["containers"]
    assert [container["image"] for container in containers] == [image]


def test_the_overlay_puts_everything_in_its_namespace() -> None:
    assert {obj["metadata"].get("namespace") for obj in rendered("overlay")} == {"cluster-stacks-site"}


@pytest.mark.parametrize("name", FLUX_KUSTOMIZATIONS, ids=["the Git Kustomization", "the OCI Kustomization"])
def test_flux_substitutes_every_variable_the_base_uses(name: str) -> None:
    base_text = "".join(path.read_text(encoding="utf-8") for path in sorted(BASE.glob("*.yaml")))
    assert variables(base_text) == {"IMAGE_TAG", "SITE_HOST"}
    assert set(load_yaml(FLUX / name)["spec"]["postBuild"]["substitute"]) == {"IMAGE_TAG", "SITE_HOST"}


def test_the_deployment_is_hardened() -> None:
    deployment = by_kind(rendered("overlay"), "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    assert deployment["spec"]["replicas"] == 2
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    (container,) = pod["containers"]
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "privileged": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert set(container["resources"]) == {"requests", "limits"}
    assert set(container["resources"]["limits"]) == {"cpu", "memory"}
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["ports"] == [{"name": "http", "containerPort": 8080, "protocol": "TCP"}]
    # The only writable filesystem is the emptyDir nginx needs for its pid file and temporary files.
    assert container["volumeMounts"] == [{"name": "tmp", "mountPath": "/tmp"}]
    assert [volume["name"] for volume in pod["volumes"] if "emptyDir" in volume] == ["tmp"]


def test_availability_objects_select_the_deployments_pods() -> None:
    objects = rendered("overlay")
    pod_labels = by_kind(objects, "Deployment")["spec"]["template"]["metadata"]["labels"]
    for kind, selector in [
        ("PodDisruptionBudget", by_kind(objects, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"]),
        ("NetworkPolicy", by_kind(objects, "NetworkPolicy")["spec"]["podSelector"]["matchLabels"]),
        ("Service", by_kind(objects, "Service")["spec"]["selector"]),
    ]:
        assert selector.items() <= pod_labels.items(), f"{kind} selects no pod of the Deployment"
    hpa = by_kind(objects, "HorizontalPodAutoscaler")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "cluster-stacks-site"}
    assert hpa["minReplicas"] == 2


def test_the_network_policy_admits_only_the_web_port_and_no_egress() -> None:
    policy = by_kind(rendered("overlay"), "NetworkPolicy")["spec"]
    assert policy["policyTypes"] == ["Ingress", "Egress"]
    assert "egress" not in policy
    assert [rule["ports"] for rule in policy["ingress"]] == [[{"port": "http", "protocol": "TCP"}]]


@pytest.mark.parametrize("name", FLUX_FILES, ids=["the GitRepository", "the Git Kustomization", "the OCIRepository", "the OCI Kustomization"])
def test_flux_objects_validate_against_the_real_crds(name: str) -> None:
    assert problems(load_yaml(FLUX / name)) == []


def test_the_namespace_validates_against_the_kubernetes_schemas() -> None:
    assert problems(load_yaml(FLUX / "namespace.yaml")) == []


@pytest.mark.parametrize("name", FLUX_KUSTOMIZATIONS, ids=["the Git Kustomization", "the OCI Kustomization"])
def test_flux_kustomizations_reconcile_the_base_and_check_the_deployments_health(name: str) -> None:
    spec = load_yaml(FLUX / name)["spec"]
    source = load_yaml(FLUX / ("gitrepository.yaml" if spec["sourceRef"]["kind"] == "GitRepository" else "ocirepository.yaml"))
    assert spec["sourceRef"] == {"kind": source["kind"], "name": source["metadata"]["name"]}
    assert spec["healthChecks"] == [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "cluster-stacks-site", "namespace": spec["targetNamespace"]}]
    assert spec["targetNamespace"] == load_yaml(FLUX / "namespace.yaml")["metadata"]["name"]
    assert spec["prune"] is True


def test_the_git_kustomization_points_at_the_base() -> None:
    assert load_yaml(FLUX / "kustomization-git.yaml")["spec"]["path"] == "./deploy/kubernetes/base"


def _set(obj: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(obj)
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


@pytest.mark.parametrize(
    ("source", "path", "value", "expected"),
    [
        ("Deployment", ["spec", "replicas"], "two", ("spec.replicas", "'two' is not of type 'integer'")),
        ("Deployment", ["spec", "template", "spec", "containers", 0, "securityContext", "readOnly"], True, ("spec.template.spec.containers[0].securityContext", "'readOnly' was unexpected")),
        ("Service", ["spec", "ports", 0, "port"], "http", ("spec.ports[0].port", "'http' is not of type 'integer'")),
        ("kustomization-git.yaml", ["spec", "prune"], "yes", ("spec.prune", "must be of type boolean")),
        ("gitrepository.yaml", ["spec", "reference"], {"branch": "main"}, ("spec.reference", "field not declared in schema")),
    ],
    ids=[
        "rejects replicas that are not a number",
        "rejects an unknown field in a container's securityContext",
        "rejects a service port given by name",
        "rejects a Flux Kustomization whose prune is not a boolean",
        "rejects an unknown field in a GitRepository",
    ],
)
def test_validation_catches_broken_objects(source: str, path: list[Any], value: Any, expected: tuple[str, str]) -> None:
    obj = by_kind(rendered("overlay"), source) if source[0].isupper() else load_yaml(FLUX / source)
    found = problems(_set(obj, path, value))
    field, message = expected
    assert any(line.startswith(field + ":") and message in line for line in found), found
