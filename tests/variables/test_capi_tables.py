"""Cluster API's own tests of ``internal/topology/variables`` as our specification.

The tables in ``tests/variables/capi/<line>/`` are Cluster API's test cases (v1beta1 from
release-1.10, v1beta2 from main), converted to plain data by ``capi/convert.py``. Each case
runs our function with the case's inputs and checks the errors as Cluster API's tests do
(type, field path and a text the message must contain). Cases we do not yet pass are
listed in ``capi/known_misses.py`` with the reason; they run as strict xfails, so one that
starts passing fails the suite until it is taken off the list.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.variables import (
    default_variables,
    validate_cluster_variable,
    validate_cluster_variables,
    validate_clusterclass_variable,
    validate_clusterclass_variables,
)
from tests.variables.capi.known_misses import KNOWN_MISSES
from tests.variables.capi.tables import cases, check_errors, expressible, ids, raw_value, variable

TOPOLOGY = "spec.topology.variables"
MACHINE_OVERRIDES = "spec.topology.workers.machineDeployments[mdTopologyName].variables.overrides"


def _params(file: str, test: str) -> list[Any]:
    entries = cases(file, test)
    params = []
    for entry, case_id in zip(entries, ids(entries)):
        marks = []
        reason = KNOWN_MISSES.get(f"{test} {case_id}")
        if reason:
            marks.append(pytest.mark.xfail(reason=reason, strict=True))
        params.append(pytest.param(entry[2], id=case_id, marks=marks))
    return params


def _values(entries: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    decoded = []
    for entry in entries or ():
        ok, value = variable(entry)
        if not ok:
            pytest.skip(f"the value {entry['value']['raw']!r} is not JSON; no cluster.yaml can hold it")
        decoded.append(value)
    return decoded


def _expressible(case: dict[str, Any]) -> None:
    if not expressible(case):
        pytest.skip("a default, example or enum in this case is not JSON; no ClusterClass YAML can hold it")


@pytest.mark.parametrize("case", _params("cluster_variable_validation", "Test_ValidateClusterVariables"))
def test_validate_cluster_variables(case: dict[str, Any]) -> None:
    _expressible(case)
    got = validate_cluster_variables(
        case.get("definitions") or [], _values(case.get("values")), path=TOPOLOGY, validate_required=bool(case.get("validateRequired"))
    )
    check_errors(case.get("wantErrs"), got)


@pytest.mark.parametrize("case", _params("cluster_variable_validation", "Test_ValidateClusterVariable"))
def test_validate_cluster_variable(case: dict[str, Any]) -> None:
    _expressible(case)
    (value,) = _values([case["clusterVariable"]])
    definition = case["clusterClassVariable"]
    # The Go case hands Cluster API the value's JSON bytes, which it prints as they are (spacing included).
    raw = (case["clusterVariable"].get("value") or {}).get("raw")
    got = validate_cluster_variable(value["name"], value["value"], definition, f"{TOPOLOGY}[{value['name']}]", raw=raw)
    check_errors(case.get("wantErrs"), got)


@pytest.mark.parametrize("case", _params("cluster_variable_validation", "Test_ValidateClusterVariable_CELTransitions"))
def test_validate_cluster_variable_cel_transitions(case: dict[str, Any]) -> None:
    _expressible(case)
    (value,) = _values([case["clusterVariable"]])
    old = _values([case["oldClusterVariable"]])[0]["value"] if case.get("oldClusterVariable") else None
    got = validate_cluster_variable(
        value["name"], value["value"], case["clusterClassVariable"], f"{TOPOLOGY}[{value['name']}]",
        old_value=old, has_old="oldClusterVariable" in case and case["oldClusterVariable"] is not None,
    )
    check_errors(case.get("wantErrs"), got)


@pytest.mark.parametrize("case", _params("cluster_variable_validation", "Test_ValidateMachineVariables"))
def test_validate_machine_variables(case: dict[str, Any]) -> None:
    _expressible(case)
    got = validate_cluster_variables(
        case.get("definitions") or [], _values(case.get("values")), path=MACHINE_OVERRIDES, validate_required=False,
        old_values=_values(case.get("oldValues")),
    )
    check_errors(case.get("wantErrs"), got)


def _json_values(entries: list[dict[str, Any]] | None) -> list[tuple[str, Any]]:
    out = []
    for entry in entries or ():
        ok, value = raw_value(entry.get("value"))
        assert ok, entry
        out.append((entry["name"], json.dumps(value, sort_keys=True)))
    return out


@pytest.mark.parametrize("case", _params("cluster_variable_defaulting", "Test_DefaultClusterVariables"))
def test_default_cluster_variables(case: dict[str, Any]) -> None:
    _expressible(case)
    got, errors = default_variables(
        case.get("definitions") or [], _values(case.get("values")), create=bool(case.get("createVariables")), path=TOPOLOGY
    )
    check_errors(case.get("wantErrs"), errors)
    if not case.get("wantErrs"):
        assert [(v["name"], json.dumps(v.get("value"), sort_keys=True)) for v in got] == _json_values(case.get("want"))


@pytest.mark.parametrize("case", _params("cluster_variable_defaulting", "Test_DefaultClusterVariable"))
def test_default_cluster_variable(case: dict[str, Any]) -> None:
    _expressible(case)
    definition = case["clusterClassVariable"]
    values = _values([case["clusterVariable"]]) if case.get("clusterVariable") else []
    got, errors = default_variables([definition], values, create=bool(case.get("createVariable")), path=TOPOLOGY)
    check_errors(case.get("wantErrs"), errors)
    if not case.get("wantErrs"):
        want = [case["want"]] if case.get("want") else []
        assert [(v["name"], json.dumps(v.get("value"), sort_keys=True)) for v in got] == _json_values(want)


@pytest.mark.parametrize("case", _params("clusterclass_variable_validation", "Test_ValidateClusterClassVariables"))
def test_validate_clusterclass_variables(case: dict[str, Any]) -> None:
    _expressible(case)
    # Cluster API's test pins the CEL compatibility version to 1.29 (SetEnvSetVersion), so do we.
    got = validate_clusterclass_variables(
        case.get("clusterClassVariables") or [], "spec.variables", old=case.get("oldClusterClassVariables") or [],
        cel_version=(1, 29),
    )
    check_errors(case.get("wantErrs"), got)


@pytest.mark.parametrize("case", _params("clusterclass_variable_validation", "Test_ValidateClusterClassVariable"))
def test_validate_clusterclass_variable(case: dict[str, Any]) -> None:
    _expressible(case)
    definition = case["clusterClassVariable"]
    got = validate_clusterclass_variable(definition, f"spec.variables[{definition.get('name', '')}]")
    check_errors(case.get("wantErrs"), got)
