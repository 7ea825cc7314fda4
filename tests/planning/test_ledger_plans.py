"""Plans built from the ledger: the problem builder (pure) and the stored-plan services on both databases."""

from __future__ import annotations

import math
from datetime import date

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import NotFound
from reechain.domain.locations import Plant, PlantKind
from reechain.planning.ledger_problem import LedgerProduct, LedgerState, QuotaBatch, problem_data_from_ledger
from reechain.planning.run import solve_problem
from reechain.planning.validation import problem_from_data

STATE = LedgerState(
    year=2027,
    plants=[
        Plant(
            "SEP",
            PlantKind.SEPARATION,
            4000,
            0.95,
            feeds=("CONC",),
            products=("LA", "PRND"),
            holder="G",
            extra={"cost_cny_per_t_reo": 1000},
        ),
        Plant("MET", PlantKind.METAL, 400, 0.97, feeds=("PRND",), products=("PRND-MET",), holder="G"),
    ],
    products={
        "CONC": LedgerProduct("CONC", "concentrate", 0.5, {"La": 0.6, "Pr": 0.1, "Nd": 0.3}),
        "LA": LedgerProduct("LA", "oxide", 0.99, {"La": 1.0}),
        "PRND": LedgerProduct("PRND", "oxide", 0.99, {"Pr": 0.25, "Nd": 0.75}),
        "PRND-MET": LedgerProduct("PRND-MET", "metal", 1.17, {}),
    },
    quotas=[
        QuotaBatch("mining", "G", "b1", 1000, 100),
        QuotaBatch("mining", "G", "b2", 1000, 0),
        QuotaBatch("separation", "G", "b1", 1500, 0),
    ],
    opening_stock_t={"LA": 12.0, "CONC": 50.0},
    oxide_price_cny_per_t={"La": 4000, "Pr": 500000, "Nd": 600000},
    product_price_cny_per_t={"CONC": 20000},
)


def test_builder_maps_quotas_plants_and_stock() -> None:
    data = problem_data_from_ledger(STATE)
    assert data["periods"] == ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]
    mining = next(q for q in data["quotas"] if q["kind"] == "mining")
    # two batches of 1000 released evenly: the first caps the running total at the end of Q2
    assert mining["limit_t_reo"] == 2000 and mining["used_t_reo"] == 100
    assert mining["cumulative_limits"] == {"2027-Q2": 1000}
    plant = data["plants"][0]
    assert plant["capacity_t_reo_per_period"] == 1000 and plant["quotas"] == ["separation-2027-G"]
    (process,) = data["processes"]
    # t of oxide per t of metal = 1.17 t REO / (0.99 t REO per t oxide * 0.97 recovery)
    assert math.isclose(process["inputs"]["PRND"], 1.17 / (0.99 * 0.97), rel_tol=1e-6)
    assert math.isclose(process["capacity_per_period"], 100 / 1.17, rel_tol=1e-3)
    feed = data["feeds"][0]
    assert feed["initial_stock_t"] == 50.0 and feed["cost_per_t"] == 20000
    assert next(r for r in data["inventory"] if r["product"] == "LA")["initial_t"] == 12.0
    prnd = next(p for p in data["products"] if p["id"] == "PRND")
    assert (
        prnd["variable_composition"] is True
    )  # the ore's Pr/Nd split (1:3) is not forced to the typical one


def test_builder_starts_at_the_current_period() -> None:
    state = LedgerState(**{**STATE.__dict__, "year": 2027, "today": date(2027, 8, 1)})
    data = problem_data_from_ledger(state)
    assert data["periods"] == ["2027-Q3", "2027-Q4"]
    mining = next(q for q in data["quotas"] if q["kind"] == "mining")
    assert "cumulative_limits" not in mining  # the first batch's window is over


def test_built_problem_solves_within_the_remaining_quota() -> None:
    doc = solve_problem(problem_from_data(problem_data_from_ledger(STATE)))
    mining = next(q for q in doc["quotas"] if q["kind"] == "mining")
    assert mining["planned_t_reo"] <= 2000 - 100 + 1e-6
    assert mining["batches"][0]["used_to_date_t_reo"] <= 1000 + 1e-6
    separation = next(q for q in doc["quotas"] if q["kind"] == "separation")
    assert separation["planned_t_reo"] <= 1500 + 1e-6
    assert separation["value_per_t"] > 0  # 1500 t REO < 4 * 1000 t capacity: the quota binds


def test_run_plan_from_the_sample_group_is_stored(container: Container) -> None:
    from reechain.services.planning import get_plan, list_plans, run_plan
    from reechain.services.quotas import quota_status
    from reechain.services.sample import load_sample_group

    load_sample_group(container)
    doc = run_plan(
        container, 2026, today=date(2026, 10, 1), explain=True, overrides=["demand.*.price_per_t=*1.0"]
    )
    assert doc["status"] == "optimal" and doc["periods"][0]["period"] == "2026-Q4"
    remaining = {}
    for row in quota_status(container, 2026):
        remaining[row.kind] = remaining.get(row.kind, 0.0) + row.remaining_t_reo
    for quota in doc["quotas"]:
        assert quota["planned_t_reo"] <= max(remaining[quota["kind"]], 0.0) + 1e-6
    stored = get_plan(container, doc["id"])
    assert math.isclose(stored["objective"], doc["objective"], rel_tol=1e-12)
    assert next(p.id for p in list_plans(container, year=2026)) == doc["id"]
    with pytest.raises(NotFound):
        get_plan(container, 10**9)


def test_an_infeasible_ledger_plan_names_only_the_planners_limits(container: Container) -> None:
    """The mix of a product of variable composition (PrNd oxide) is an identity of the model, not a limit
    anyone set: the diagnosis names it among the links, never as 'variable-mix: at least 0'."""
    from reechain.domain.errors import RuleViolation
    from reechain.services.planning import run_plan
    from reechain.services.quotas import quota_status
    from reechain.services.sample import load_sample_group

    load_sample_group(container)
    used = sum(r.used_t_reo for r in quota_status(container, 2026) if r.kind == "separation")
    quota = f"quotas.separation-2026-Northern-Sample-Group.limit_t_reo={used + 100:.0f}"
    with pytest.raises(RuleViolation) as refused:
        run_plan(container, 2026, today=date(2026, 10, 1), overrides=[quota, "inventory.PRND-OX.min_t=590"])
    fields = [p.field for p in refused.value.problems]
    assert "inventory.PRND-OX.min_t" in fields and "variable-mix" not in fields
    linked = next(p.reason for p in refused.value.problems if p.field == "(linked by)")
    assert "mix of a product of variable composition (" in linked and "PRND-OX" in linked


def test_a_year_without_quotas_is_planned_with_a_note(container: Container) -> None:
    """A year with no quota batch (a typo, or next year before the batches are issued) is planned without
    quota limits: the plan says so instead of looking like a normal plan."""
    from reechain.services.planning import run_plan
    from reechain.services.sample import load_sample_group

    load_sample_group(container)
    notes = run_plan(container, 2030, today=date(2026, 10, 1))["source"]["notes"]
    assert notes[:2] == [
        "no mining quota is defined for 2030: the plan is not limited by one",
        "no separation quota is defined for 2030: the plan is not limited by one",
    ]
    notes = run_plan(container, 2026, today=date(2026, 10, 1), overrides=["demand.*.price_per_t=*1.0"])
    assert not any("quota is defined" in n for n in notes["source"]["notes"])
