"""Build and parse cluster.yaml and clusterstack.yaml for a Cluster Stack version (pure: no I/O)."""

from generator.manifests.cluster import build_cluster, generate_cluster
from generator.manifests.clusterstack import build_clusterstack, clusterstack_name, generate_clusterstack, has_release_template
from generator.manifests.diagnostics import Diagnostic, Generated, Parsed
from generator.manifests.forms import ClusterForm, ClusterStackForm, MachineDeploymentSpec, default_cluster_form, default_clusterstack_form, form_inputs
from generator.manifests.importing import Imported, import_form
from generator.manifests.pairing import check_namespaces
from generator.manifests.parsing import parse_cluster, parse_clusterstack
from generator.manifests.switching import Parked, carry_cluster_form, carry_clusterstack_form

__all__ = [
    "ClusterForm",
    "ClusterStackForm",
    "Diagnostic",
    "Generated",
    "Imported",
    "MachineDeploymentSpec",
    "Parked",
    "Parsed",
    "build_cluster",
    "build_clusterstack",
    "carry_cluster_form",
    "carry_clusterstack_form",
    "check_namespaces",
    "clusterstack_name",
    "default_cluster_form",
    "default_clusterstack_form",
    "form_inputs",
    "generate_cluster",
    "generate_clusterstack",
    "has_release_template",
    "import_form",
    "parse_cluster",
    "parse_clusterstack",
]
