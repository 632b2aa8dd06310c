"""What a Cluster and the ClusterStack that provides its ClusterClass must agree on: one namespace.

The Cluster Stack Operator creates a ClusterStack's ClusterClasses in the
ClusterStack's own namespace, and Cluster API looks up a Cluster's ClusterClass
in the Cluster's namespace (``spec.topology.classNamespace`` is not written by
this generator). Two manifests that are each valid on their own therefore fail
together when their namespaces differ: the Cluster never finds its class. Each
manifest is checked alone elsewhere; this module checks the pair.
"""

from __future__ import annotations

from generator.manifests import fields
from generator.manifests.clusterstack import clusterstack_name
from generator.manifests.diagnostics import Diagnostic, invalid
from generator.manifests.forms import ClusterForm, ClusterStackForm
from generator.model import StackVersion


def provides(version: StackVersion, class_name: str) -> bool:
    """Say whether a ClusterStack of this version is the one for the class: same provider, stack and Kubernetes minor."""
    stem = clusterstack_name(version)
    return class_name.startswith(f"{stem}-") and class_name[len(stem) + 1 :].startswith("v")


def check_namespaces(cluster: ClusterForm, stack_version: StackVersion, stack: ClusterStackForm) -> list[Diagnostic]:
    """Report a Cluster whose namespace is not the one where its ClusterStack makes the ClusterClass.

    The finding is the Cluster's (``metadata.namespace``): it is the Cluster that will not find
    its class. A ClusterStack for another stack or Kubernetes minor is no pair and is not checked.
    """
    if not provides(stack_version, cluster.class_name) or cluster.namespace == stack.namespace:
        return []
    detail = (
        f'the ClusterStack is in namespace "{stack.namespace}", where the Cluster Stack Operator creates '
        f"ClusterClass {cluster.class_name}; a Cluster looks for its ClusterClass in its own namespace, "
        f"so this Cluster will not find it (put the Cluster and the ClusterStack in one namespace)"
    )
    return [invalid(fields.NAMESPACE.text, cluster.namespace, detail)]
