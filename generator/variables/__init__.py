"""Cluster API variable semantics: validation and defaulting of Cluster variables, ClusterClass checks, form descriptions."""

from generator.variables.cluster_variable_defaulting import default_cluster_variables, default_variables
from generator.variables.cluster_variable_validation import validate_cluster_variable, validate_cluster_variables
from generator.variables.clusterclass_variable_validation import validate_clusterclass_variable, validate_clusterclass_variables
from generator.variables.errors import FieldError
from generator.variables.form_schema import form_schema

__all__ = [
    "FieldError",
    "default_cluster_variables",
    "default_variables",
    "form_schema",
    "validate_cluster_variable",
    "validate_cluster_variables",
    "validate_clusterclass_variable",
    "validate_clusterclass_variables",
]
