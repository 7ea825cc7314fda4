"""Malformed planning files: every problem named by field path (and line) with its reason."""

from __future__ import annotations

import copy

import pytest

from reechain.domain.errors import InvalidInput
from reechain.planning.reading import read_yaml
from reechain.planning.validation import problem_from_data

from .cases import TINY


def problems_of(data: object) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        problem_from_data(data)
    return {str(p.field): p.reason for p in caught.value.problems}


def test_composition_must_sum_to_one() -> None:
    data = copy.deepcopy(TINY)
    data["feeds"][0]["composition"] = {"A": 0.8, "B": 0.4}
    assert problems_of(data)["feeds[0].composition"] == "fractions sum to 1.2, not 1"


@pytest.mark.parametrize(
    ("path", "value", "field", "reason"),
    [
        (("feeds", 0, "reo_fraction"), 1.5, "feeds[0].reo_fraction", "must be at most 1"),
        (("feeds", 0, "reo_fraction"), "lots", "feeds[0].reo_fraction", "expected a number"),
        (("plants", 0, "feeds"), ["nope"], "plants[0].feeds[0]", "unknown feed 'nope'"),
        (("plants", 0, "outputs"), ["PA"], "plants[0].outputs", "no output takes B"),
        (("demand", 0, "product"), "XX", "demand[0].product", "unknown product 'XX'"),
        (("demand", 0, "min_t_per_period"), 99, "demand[0].min_t_per_period", "exceeds max_t_per_period"),
        (("products", 0, "composition"), {"Q": 1.0}, "products[0].composition.Q", "unknown element 'Q'"),
        (("plants", 0, "capacity_t_reo_per_period"), -1, "plants[0].capacity_t_reo_per_period", "at least 0"),
    ],
)
def test_field_errors(path: tuple, value: object, field: str, reason: str) -> None:
    data = copy.deepcopy(TINY)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    found = problems_of(data)
    assert field in found, found
    assert reason in found[field]


def test_duplicates_and_unknown_quota() -> None:
    data = copy.deepcopy(TINY)
    data["products"].append({"id": "PA", "reo_fraction": 1.0, "composition": {"A": 1.0}})
    data["feeds"][0]["quotas"] = ["missing"]
    found = problems_of(data)
    assert "duplicate product id 'PA'" in found["products[2]"]
    assert "unknown mining quota 'missing'" in found["feeds[0].quotas[0]"]


def test_missing_sections_and_wrong_types() -> None:
    found = problems_of({"periods": "P1"})
    assert found["periods"].startswith("expected a list")
    assert found["feeds"] == "is required"
    assert problems_of([1, 2])["(file)"].startswith("expected a mapping")


def test_yaml_lines_are_reported() -> None:
    text = "name: x\nperiods: [P1]\nelements: [A]\nfeeds:\n  - id: f\n    reo_fraction: 2\n"
    data, lines = read_yaml(text)
    with pytest.raises(InvalidInput) as caught:
        problem_from_data(data, lines=lines)
    problem = next(p for p in caught.value.problems if p.field == "feeds[0].reo_fraction")
    assert problem.line == 6


def test_yaml_syntax_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_yaml("name: [unclosed\nperiods: x\n")
    assert caught.value.problems[0].line is not None


def test_date_like_periods_from_yaml() -> None:
    text = """
periods: [2026-01-05, 2026-01-12]
elements: [A]
quotas: [{id: m, kind: mining, limit_t_reo: 10, cumulative_limits: {2026-01-05: 4}}]
feeds: [{id: f, reo_fraction: 1, composition: {A: 1}, supply_t_per_period: {2026-01-05: 7, 2026-01-12: 9},
         quotas: [m]}]
plants: [{id: p, feeds: [f], capacity_t_reo_per_period: 100, recovery: 1, outputs: [PA]}]
products: [{id: PA, reo_fraction: 1, composition: {A: 1}}]
demand: [{product: PA, max_t_per_period: 100, price_per_t: 1}]
"""
    data, lines = read_yaml(text)
    problem = problem_from_data(data, lines=lines)
    assert problem.periods == ("2026-01-05", "2026-01-12")
    assert problem.feeds[0].supply_t_per_period == (7.0, 9.0)
    assert problem.quotas[0].cumulative_limits == {"2026-01-05": 4.0}
