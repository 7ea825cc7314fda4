"""The planner uses partners' plants and agreements: tiny LPs with hand-computed optima, and invariants."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.domain.errors import Infeasible, InvalidInput
from reechain.planning.run import solve_problem
from reechain.planning.validation import problem_from_data

SHARED = Path(__file__).resolve().parents[3] / "shared" / "examples"


def tiny(**extra: Any) -> dict[str, Any]:
    """Own plant 100 t REO; a JV plant of 200 t REO, the group holding 50 %; demand far above both."""
    data: dict[str, Any] = {
        "name": "jv-tiny",
        "periods": ["P1"],
        "elements": ["Nd"],
        "partners": [{"id": "jv", "name": "Sample JV", "share": 0.5}],
        "feeds": [
            {
                "id": "ore",
                "reo_fraction": 1.0,
                "composition": {"Nd": 1.0},
                "supply_t_per_period": 1000,
                "cost_per_t": 10,
            }
        ],
        "plants": [
            {
                "id": "own",
                "feeds": ["ore"],
                "capacity_t_reo_per_period": 100,
                "recovery": 1.0,
                "outputs": ["Nd2O3"],
            },
            {
                "id": "jvplant",
                "partner": "jv",
                "feeds": ["ore"],
                "capacity_t_reo_per_period": 200,
                "recovery": 1.0,
                "cost_per_t_reo": 5,
                "outputs": ["Nd2O3"],
            },
        ],
        "products": [{"id": "Nd2O3", "reo_fraction": 1.0, "composition": {"Nd": 1.0}}],
        "demand": [{"product": "Nd2O3", "channel": "spot", "max_t_per_period": 1000, "price_per_t": 100}],
    }
    data.update(extra)
    return data


def solve(data: dict[str, Any]) -> dict[str, Any]:
    return solve_problem(problem_from_data(data))


def test_jv_plant_supplies_the_rest_by_share() -> None:
    doc = solve(tiny())
    # 100 own + 0.5 × 200 at the JV: revenue 200 × 100, ore 200 × 10, JV processing 100 × 5
    assert math.isclose(doc["objective"], 20000 - 2000 - 500)
    jv = doc["periods"][0]["plants"]["jvplant"]
    assert jv["reo_fed_t"] == pytest.approx(100.0)
    assert jv["capacity_t_reo"] == 100.0 and jv["plant_capacity_t_reo"] == 200.0 and jv["partner"] == "jv"
    taken = doc["partners"][0]
    assert taken["partner"] == "jv" and taken["processed_t_reo"] == pytest.approx(100.0)
    assert taken["processing_cost"] == pytest.approx(500.0)


def test_offtake_volume_replaces_the_share() -> None:
    doc = solve(
        tiny(
            agreements=[
                {
                    "id": "OFF-1",
                    "kind": "offtake",
                    "partner": "jv",
                    "plant": "jvplant",
                    "volume_t_reo_per_period": 150,
                }
            ]
        )
    )
    assert doc["periods"][0]["plants"]["jvplant"]["reo_fed_t"] == pytest.approx(150.0)
    assert math.isclose(doc["objective"], 250 * 100 - 250 * 10 - 150 * 5)


def test_supply_agreement_minimum_forces_a_dearer_purchase() -> None:
    data = tiny(
        partners=[{"id": "jv", "share": 0.5}, {"id": "parent", "share": 1.0}],
        agreements=[
            {
                "id": "SUP-1",
                "partner": "parent",
                "feed": "ore",
                "price_per_t": 50,
                "min_t_per_period": 30,
                "max_t_per_period": 60,
            }
        ],
    )
    doc = solve(data)
    # own ore at 10 is cheaper, yet 30 t must be taken at 50: 200 t sold, 170 t own ore
    assert math.isclose(doc["objective"], 20000 - 170 * 10 - 30 * 50 - 500)
    assert doc["agreements"][0]["taken_t"]["P1"] == pytest.approx(30.0)
    parent = next(p for p in doc["partners"] if p["partner"] == "parent")
    assert parent["supplied_t"] == pytest.approx(30.0) and parent["supply_cost"] == pytest.approx(1500.0)
    assert doc["objective_terms"]["partner_supply_cost"] == pytest.approx(1500.0)


def test_supply_agreement_maximum_caps_the_take() -> None:
    data = tiny(
        partners=[{"id": "jv", "share": 0.5}, {"id": "parent", "share": 1.0}],
        agreements=[
            {"id": "SUP-1", "partner": "parent", "feed": "ore", "price_per_t": 12, "max_t_per_period": 150}
        ],
    )
    data["feeds"][0]["supply_t_per_period"] = 0  # the only ore comes under the agreement
    doc = solve(data)
    # 150 t: 100 at the own plant (free), 50 at the JV (5 each)
    assert math.isclose(doc["objective"], 150 * 100 - 150 * 12 - 50 * 5)
    assert doc["agreements"][0]["taken_t"]["P1"] == pytest.approx(150.0)


def test_minimum_take_beyond_capacity_is_named() -> None:
    data = tiny(
        partners=[{"id": "jv", "share": 0.5}, {"id": "parent", "share": 1.0}],
        agreements=[
            {
                "id": "SUP-1",
                "partner": "parent",
                "feed": "ore",
                "price_per_t": 1,
                "min_t_per_period": 500,
                "max_t_per_period": 600,
            }
        ],
    )
    with pytest.raises(Infeasible) as e:
        solve(data)
    assert "agreements.SUP-1.min_t_per_period" in str(e.value.__dict__) + str(e.value)


def test_bad_partner_fields_are_named() -> None:
    data = tiny(
        partners=[{"id": "jv", "share": 1.5}],
        agreements=[
            {
                "id": "A",
                "partner": "nobody",
                "feed": "coal",
                "price_per_t": 1,
                "max_t_per_period": 5,
                "min_t_per_period": 9,
            },
            {"id": "B", "kind": "offtake", "partner": "jv", "plant": "own", "volume_t_reo_per_period": 1},
        ],
    )
    data["plants"][1]["partner"] = "ghost"
    with pytest.raises(InvalidInput) as e:
        problem_from_data(data)
    fields = {p.field for p in e.value.problems}
    assert {
        "partners[0].share",
        "plants[1].partner",
        "agreements[0].partner",
        "agreements[0].feed",
        "agreements[0].min_t_per_period",
        "agreements[1].plant",
    } <= fields


def test_old_planning_file_gives_identical_results() -> None:
    raw = yaml.safe_load((SHARED / "planning_small.yaml").read_text())
    before = solve(copy.deepcopy(raw))
    assert "partners" not in before and "agreements" not in before
    assert "partner_supply_cost" not in before["objective_terms"]
    empty = solve({**raw, "partners": [], "agreements": []})
    for key in ("objective", "objective_terms", "periods", "quotas", "licences"):
        assert before[key] == empty[key]


@settings(max_examples=30, deadline=None)
@given(
    share=st.floats(0.05, 1.0),
    jv_capacity=st.floats(0.0, 500.0),
    demand=st.floats(0.0, 1000.0),
    low=st.floats(0.0, 50.0),
    extra=st.floats(0.0, 300.0),
    price=st.floats(0.0, 200.0),
)
def test_takes_stay_within_share_and_agreement_bounds(
    share: float, jv_capacity: float, demand: float, low: float, extra: float, price: float
) -> None:
    data = tiny(
        partners=[{"id": "jv", "share": share}, {"id": "parent", "share": 1.0}],
        agreements=[
            {
                "id": "SUP-1",
                "partner": "parent",
                "feed": "ore",
                "price_per_t": price,
                "min_t_per_period": low,
                "max_t_per_period": low + extra,
            }
        ],
    )
    data["plants"][1]["capacity_t_reo_per_period"] = jv_capacity
    data["demand"][0]["max_t_per_period"] = demand
    data["inventory"] = [{"product": "Nd2O3", "max_t": 10_000}]
    doc = solve(data)
    jv = next(p for p in doc["partners"] if p["partner"] == "jv")
    assert jv["processed_t_reo"] <= share * jv_capacity + 1e-6
    taken = doc["agreements"][0]["taken_t"]["P1"]
    assert low - 1e-6 <= taken <= low + extra + 1e-6
