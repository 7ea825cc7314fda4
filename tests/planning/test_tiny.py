"""Tiny plans whose optimum is worked out by hand in the comments."""

from __future__ import annotations

import math

import pytest

from reechain.domain.errors import Infeasible

from .cases import solve, tiny


def test_margin_while_the_valuable_element_sells() -> None:
    # 100 t feed make 30 t A (all the A demand): 100 * (0.3*100 + 0.2*10 - 20) = 1200; more feed loses money.
    doc = solve(tiny())
    assert math.isclose(doc["objective"], 1200.0, rel_tol=1e-9)
    period = doc["periods"][0]
    assert math.isclose(period["feeds"]["ore"]["bought_t"], 100.0, rel_tol=1e-9)
    assert math.isclose(period["production_t"]["PB"], 20.0, rel_tol=1e-9)


def test_binding_mining_quota_and_its_value() -> None:
    # 40 t REO allow 80 t feed: objective 80 * 12 = 960; one more t REO = 2 t feed = 24.
    data = tiny(quotas=[{"id": "m", "kind": "mining", "limit_t_reo": 40}])
    data["feeds"][0]["quotas"] = ["m"]
    doc = solve(data)
    assert math.isclose(doc["objective"], 960.0, rel_tol=1e-9)
    quota = doc["quotas"][0]
    assert math.isclose(quota["value_per_t"], 24.0, rel_tol=1e-9)
    assert math.isclose(quota["planned_t_reo"], 40.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["quota_value_per_t"]["m"], 24.0, rel_tol=1e-9)


def test_used_quota_counts_against_the_limit() -> None:
    # 40 t limit with 30 t already used: 10 t REO = 20 t feed → 240.
    data = tiny(quotas=[{"id": "m", "kind": "mining", "limit_t_reo": 40, "used_t_reo": 30}])
    data["feeds"][0]["quotas"] = ["m"]
    assert math.isclose(solve(data)["objective"], 240.0, rel_tol=1e-9)


def test_plant_capacity_value() -> None:
    # 25 t REO capacity = 50 t feed → 600; one more t REO of capacity = 2 t feed = 24.
    data = tiny()
    data["plants"][0]["capacity_t_reo_per_period"] = 25
    doc = solve(data)
    assert math.isclose(doc["objective"], 600.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["plants"]["sep"]["capacity_value_per_t"], 24.0, rel_tol=1e-9)


def test_cumulative_batch_limits_the_first_periods() -> None:
    # Two periods, 100 t feed each would be best (1200 each). Batch: 20 t REO up to P1 → 40 t feed in P1
    # (480),
    # P2 unconstrained by the horizon limit of 1000 → 1200. Total 1680; batch worth 24 per t REO.
    data = tiny(
        periods=["P1", "P2"],
        quotas=[{"id": "m", "kind": "mining", "limit_t_reo": 1000, "cumulative_limits": {"P1": 20}}],
    )
    data["feeds"][0]["quotas"] = ["m"]
    doc = solve(data)
    assert math.isclose(doc["objective"], 1680.0, rel_tol=1e-9)
    assert math.isclose(doc["quotas"][0]["batches"][0]["value_per_t"], 24.0, rel_tol=1e-9)


def test_separation_quota_counts_reo_fed() -> None:
    data = tiny(quotas=[{"id": "s", "kind": "separation", "limit_t_reo": 10}])
    data["plants"][0]["quotas"] = ["s"]
    assert math.isclose(solve(data)["objective"], 20 * 12.0, rel_tol=1e-9)


def test_recovery_by_element() -> None:
    # A recovered at 50 %: per t feed 0.15 t A (15) + 0.2 t B (2) - 20 = -3 → buy nothing, objective 0.
    data = tiny()
    data["plants"][0]["recovery_by_element"] = {"A": 0.5}
    assert math.isclose(solve(data)["objective"], 0.0, abs_tol=1e-9)
    # with feed at 10: 200 t feed make the 30 t A: 200 * (15 + 2 - 10) = 1400
    data["feeds"][0]["cost_per_t"] = 10
    assert math.isclose(solve(data)["objective"], 1400.0, rel_tol=1e-9)


def test_process_and_holding_cost() -> None:
    # Metal M from 2 t PA at 50 per unit; M sells at 400 (max 10). PA direct sale 100 (max 30).
    # PA worth 100 direct; via metal 400 - 50 = 350 per 2 t PA = 175 per t. Feed margin with PA at 175:
    # 0.3*175 + 2 - 20 = 34.5 per t feed. Metal takes 20 t PA (~66.7 t feed) then direct sales 30 t PA
    # (100 t feed).
    # Total feed 166.67 t: revenue 10*400 + 30*100 + 33.33*10 - 10*50 - 166.67*20 = 3500.
    data = tiny()
    data["products"].append({"id": "M"})
    data["processes"] = [
        {
            "id": "reduce",
            "inputs": {"PA": 2},
            "outputs": {"M": 1},
            "capacity_per_period": 100,
            "cost_per_unit": 50,
        }
    ]
    data["demand"].append({"product": "M", "channel": "c", "max_t_per_period": 10, "price_per_t": 400})
    data["demand"][1]["max_t_per_period"] = 1000
    assert math.isclose(solve(data)["objective"], 3500.0, rel_tol=1e-9)


def test_soft_safety_stock_costs_its_penalty() -> None:
    # Safety stock 5 t of PA with penalty 7 per t short: keeping 5 t costs 100 of lost sales (worth 100 each)
    # plus feed, while the shortfall costs only 7 → shortfall 5 t, objective 1200 - 35.
    data = tiny(inventory=[{"product": "PA", "min_t": 5, "shortfall_penalty_per_t": 7}])
    doc = solve(data)
    assert math.isclose(doc["objective"], 1165.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["safety_stock_shortfall_t"]["PA"], 5.0, rel_tol=1e-9)


def test_hard_safety_stock_takes_more_feed() -> None:
    # Hard 6 t of PA at the end: 20 t more feed (0.3*20 = 6 t A) at 20 each, plus 4 t B sold at 10 →
    # 1200 - 360.
    data = tiny(inventory=[{"product": "PA", "min_t": 6, "holding_cost_per_t_period": 0}])
    assert math.isclose(solve(data)["objective"], 1200 - 20 * 20 + 4 * 10, rel_tol=1e-9)


def test_contract_minimum_hard_and_soft() -> None:
    # PA price 10 (below its cost) with a 30 t contract minimum: 100 t feed cost 2000, revenue 300 + 200
    # → -1500.
    data = tiny()
    data["demand"][0].update(price_per_t=10, min_t_per_period=30)
    assert math.isclose(solve(data)["objective"], -1500.0, rel_tol=1e-9)
    # With a shortfall penalty of 1 per t the contract is left unmet: 30 t * 1 = -30.
    data["demand"][0]["shortfall_penalty_per_t"] = 1
    doc = solve(data)
    assert math.isclose(doc["objective"], -30.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["sales"][0]["unmet_t"], 30.0, rel_tol=1e-9)


def test_feed_stock_carried_between_periods() -> None:
    # Feed is available only in P1 (supply 1000, then 0) and A sells 30 t in each period. Keeping
    # product A costs
    # 5 per t, keeping feed 1 per t: 200 t bought, 100 t feed carried → 2 * 1200 - 100 = 2300.
    data = tiny(periods=["P1", "P2"], inventory=[{"product": "PA", "holding_cost_per_t_period": 5}])
    data["feeds"][0].update(
        supply_t_per_period={"P1": 1000, "P2": 0}, initial_stock_t=0, holding_cost_per_t_period=1
    )
    doc = solve(data)
    assert math.isclose(doc["objective"], 2300.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["feeds"]["ore"]["stock_t"], 100.0, rel_tol=1e-9)
    # Without the extension the feed cannot wait: 30 t of A are kept instead → 2400 - 150.
    del data["feeds"][0]["initial_stock_t"], data["feeds"][0]["holding_cost_per_t_period"]
    assert math.isclose(solve(data)["objective"], 2250.0, rel_tol=1e-9)


def test_export_licence_caps_sales() -> None:
    # A to JP only under a 12 t licence: 40 t feed → 12 t A → 40 * 12 = 480.
    data = tiny(
        licences=[{"id": "L1", "product": "PA", "destination": "JP", "limit_t": 12}],
        licence_required_destinations=["JP", "US"],
    )
    data["demand"][0]["destination"] = "JP"
    doc = solve(data)
    assert math.isclose(doc["objective"], 480.0, rel_tol=1e-9)
    assert math.isclose(doc["licences"][0]["value_per_t"], 40.0, rel_tol=1e-9)  # (0.3*100+2-20)/0.3
    data["demand"][0]["destination"] = "US"  # no licence for US: nothing of A may be sold
    assert math.isclose(solve(data)["objective"], 0.0, abs_tol=1e-9)


def test_minimum_run_rate_hard_and_on_off() -> None:
    # Hard minimum 100 t REO (200 t feed): A sells 30 t only: 200*(-20) + 3000 + 40*10 = -600.
    data = tiny()
    data["demand"][1]["max_t_per_period"] = 1000
    data["plants"][0]["min_run_t_reo_per_period"] = 100
    doc = solve(data)
    assert math.isclose(doc["objective"], -600.0, rel_tol=1e-9)
    assert doc["mip"] is False
    # The plant may stop instead (binary): stopping (0) beats running at the minimum (-600).
    data["plants"][0]["can_shut_down"] = True
    doc = solve(data)
    assert doc["mip"] is True
    assert math.isclose(doc["objective"], 0.0, abs_tol=1e-6)
    assert doc["periods"][0]["plants"]["sep"]["running"] is False
    # With a minimum of 40 t REO (80 t feed, margin 960 > 0) it runs and reaches the unconstrained optimum.
    data["plants"][0]["min_run_t_reo_per_period"] = 40
    assert math.isclose(solve(data)["objective"], 1200.0, rel_tol=1e-9)


def test_higher_grade_may_serve_a_lower_grade_line() -> None:
    # PA2 is a higher grade of A (same element) only sold against the PA line via `accepts`.
    data = tiny()
    data["products"].append({"id": "PA2", "reo_fraction": 1.0, "composition": {"A": 1.0}, "grade": "4N"})
    data["plants"][0]["outputs"] = ["PA2", "PB"]
    assert math.isclose(solve(data)["objective"], 0.0, abs_tol=1e-9)  # PA2 has no market: buy nothing
    data["demand"][0]["accepts"] = ["PA2"]
    doc = solve(data)
    assert math.isclose(doc["objective"], 1200.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["sales"][0]["shipped_t"]["PA2"], 30.0, rel_tol=1e-9)


def test_infeasible_names_the_conflict() -> None:
    data = tiny(quotas=[{"id": "m", "kind": "mining", "limit_t_reo": 5}])
    data["feeds"][0]["quotas"] = ["m"]
    data["demand"][0]["min_t_per_period"] = 30
    with pytest.raises(Infeasible) as caught:
        solve(data)
    fields = {p.field for p in caught.value.problems}
    assert "quotas.m.limit_t_reo" in fields
    assert "demand.PA/c.min_t_per_period" in fields


def test_variable_composition_product_takes_what_the_ore_brings() -> None:
    # A mixed product "AB" of fixed 50/50 composition cannot take a 60/40 feed alone (nothing can be made);
    # with a variable composition it takes every recovered tonne: per t feed 0.5 t REO → 0.5 t AB at 50
    # → 25 - 20.
    data = tiny()
    data["products"] = [{"id": "AB", "reo_fraction": 1.0, "composition": {"A": 0.5, "B": 0.5}}]
    data["plants"][0]["outputs"] = ["AB"]
    data["demand"] = [{"product": "AB", "channel": "c", "max_t_per_period": 50, "price_per_t": 50}]
    assert math.isclose(solve(data)["objective"], 0.0, abs_tol=1e-9)
    data["products"][0]["variable_composition"] = True
    doc = solve(data)
    assert math.isclose(doc["objective"], 100 * 5.0, rel_tol=1e-9)
    mix = doc["periods"][0]["plants"]["sep"]["mix_t_reo"]["AB"]
    assert math.isclose(mix["A"], 30.0, rel_tol=1e-9) and math.isclose(mix["B"], 20.0, rel_tol=1e-9)
    assert math.isclose(doc["periods"][0]["elements_made_t_reo"]["A"], 30.0, rel_tol=1e-9)


def test_infeasible_only_because_of_on_off_decisions() -> None:
    # 5 t REO of quota allow 10 t feed, enough for the 3 t contract, but the plant runs 0 or >= 100 t REO.
    data = tiny(quotas=[{"id": "m", "kind": "mining", "limit_t_reo": 5}])
    data["feeds"][0]["quotas"] = ["m"]
    data["plants"][0].update(min_run_t_reo_per_period=100, can_shut_down=True)
    data["demand"][0]["min_t_per_period"] = 3
    with pytest.raises(Infeasible) as caught:
        solve(data)
    assert [p.field for p in caught.value.problems] == ["plants.sep.min_run_t_reo_per_period"]
    data["quotas"][0]["limit_t_reo"] = 1  # now even part load cannot meet the contract: the IIS names them
    with pytest.raises(Infeasible) as caught:
        solve(data)
    fields = {p.field for p in caught.value.problems}
    assert {"quotas.m.limit_t_reo", "demand.PA/c.min_t_per_period"} <= fields
