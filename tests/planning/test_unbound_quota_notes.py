"""A plan made from the ledger says which feeds and separation plants no quota of the year binds: the plan
lets them run up to their supply or capacity, so a planner must read it beside the plan, not find it in the
LP."""

from __future__ import annotations

from dataclasses import replace

from reechain.domain.locations import Plant, PlantKind
from reechain.planning.ledger_problem import QuotaBatch, ledger_problem_with_notes

from .test_ledger_contracts import STATE

MINING_G = QuotaBatch("mining", "G", "first", 10_000, 0)
SEPARATION_G = QuotaBatch("separation", "G", "first", 10_000, 0)
SEPARATION_H = QuotaBatch("separation", "H", "first", 5_000, 0)
SEP2 = Plant("SEP2", PlantKind.SEPARATION, 2000, 0.9, feeds=("CONC",), products=("LA", "PRND"))


def _plant(data: dict[str, object], plant_id: str) -> dict[str, object]:
    plants = data["plants"]
    assert isinstance(plants, list)
    return next(p for p in plants if p["id"] == plant_id)


def test_a_group_holding_both_quotas_gets_no_note() -> None:
    data, notes = ledger_problem_with_notes(replace(STATE, quotas=[MINING_G, SEPARATION_G]))
    assert notes == []
    assert _plant(data, "SEP")["quotas"] == ["separation-2027-G"]


def test_a_year_without_quotas_is_noted_once_per_kind() -> None:
    data, notes = ledger_problem_with_notes(replace(STATE, plants=[*STATE.plants, SEP2], quotas=[]))
    assert notes == [
        "no mining quota is defined for 2027: the plan is not limited by one",
        "no separation quota is defined for 2027: the plan is not limited by one",
    ]
    assert data["quotas"] == []


def test_a_plant_whose_holder_holds_no_separation_quota_is_noted() -> None:
    # the plant's holder is G; only H holds a separation quota, so SEP draws on none.
    _, notes = ledger_problem_with_notes(replace(STATE, quotas=[MINING_G, SEPARATION_H]))
    why = "its holder G holds no separation quota for 2027"
    expected = f"plant SEP is not bound by any separation quota: {why}"
    assert expected in notes


def test_a_plant_without_holder_among_several_holders_is_noted_and_the_others_are_not() -> None:
    # two holders (G and H) hold separation quotas: SEP (holder G) draws on G's; SEP2 names no holder, so the
    # plan cannot tell whose quota it uses and binds it by none. The feed names no holder either, but only G
    # holds a mining quota, so the feed draws on it.
    state = replace(STATE, plants=[*STATE.plants, SEP2], quotas=[MINING_G, SEPARATION_G, SEPARATION_H])
    data, notes = ledger_problem_with_notes(state)
    assert _plant(data, "SEP")["quotas"] == ["separation-2027-G"]
    assert _plant(data, "SEP2")["quotas"] == []
    assert data["feeds"][0]["quotas"] == ["mining-2027-G"]  # type: ignore[index]
    assert notes == [
        "plant SEP2 is not bound by any separation quota: it names no quota holder and the 2027 separation "
        "quotas belong to 2 holders (G, H)",
    ]
