"""Posting with invariants, on SQLite and PostgreSQL (the `container` fixture runs each test on both)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, QuotaExceeded, RuleViolation
from reechain.domain.movements import LotLine, MovementInput, MovementKind
from reechain.domain.quotas import Quota, QuotaKind, QuotaOverride
from reechain.services import ledger, quotas

from .helpers import HOLDER, receipt, sale, separation, transfer


def by_key(rows: list[ledger.BalanceRow] | list, attr: str = "t_reo") -> dict[str, float]:  # type: ignore[type-arg]
    return {r.key: getattr(r, attr) for r in rows}


def test_hand_computed_balances(world: Container) -> None:
    ledger.post_movements(world, [receipt("C1", 100.0), transfer("C1", 40.0, "MINE", "WH")])
    # 100 t concentrate at 50 % REO: La 12.5, Ce 25, Pr 2.5, Nd 10 t REO.
    assert by_key(ledger.stock_balance(world)) == {"La": 12.5, "Ce": 25.0, "Pr": 2.5, "Nd": 10.0}
    nd = next(r for r in ledger.stock_balance(world) if r.key == "Nd")
    assert math.isclose(nd.t_metal or 0, 10.0 * 0.8574)
    assert by_key(ledger.stock_balance(world, by="location"), "t_reo") == {"MINE": 30.0, "WH": 20.0}
    lots = ledger.stock_balance(world, by="lot")
    assert {(r.key, r.location, r.t_product) for r in lots} == {("C1", "MINE", 60.0), ("C1", "WH", 40.0)}
    products = ledger.stock_balance(world, by="product")
    assert products[0].t_product == 100.0 and products[0].t_reo_by_element["Ce"] == 25.0
    ledger.post_movement(world, sale("C1", 15.0))
    assert by_key(ledger.stock_balance(world, by="product"), "t_product") == {"CONC": 85.0}


def test_balance_at_a_date(world: Container) -> None:
    ledger.post_movements(
        world,
        [
            receipt("C1", 100.0, on=date(2026, 1, 5)),
            transfer("C1", 100.0, "MINE", "WH", on=date(2026, 2, 1)),
            sale("C1", 30.0, on=date(2026, 3, 1)),
        ],
    )
    assert ledger.stock_balance(world, at=date(2026, 1, 4)) == []
    assert by_key(ledger.stock_balance(world, at=date(2026, 1, 31), by="location")) == {"MINE": 50.0}
    assert by_key(ledger.stock_balance(world, at=date(2026, 2, 1), by="location")) == {"WH": 50.0}
    assert by_key(ledger.stock_balance(world, at=date(2026, 3, 1), by="location")) == {"WH": 35.0}
    assert ledger.stock_balance(world, at=date(2026, 12, 31), by="lot") == ledger.stock_balance(
        world, by="lot"
    )


def test_negative_stock_is_refused_and_nothing_is_posted(world: Container) -> None:
    ledger.post_movement(world, receipt("C1", 10.0))
    with pytest.raises(RuleViolation) as e:
        ledger.post_movements(world, [transfer("C1", 6.0, "MINE", "WH"), transfer("C1", 6.0, "MINE", "WH")])
    assert (
        "C1 at MINE" in e.value.problems[0].reason and "10.000000 t available" in e.value.problems[0].reason
    )
    assert by_key(ledger.stock_balance(world, by="location")) == {"MINE": 5.0}  # unchanged: all or nothing
    with pytest.raises(RuleViolation):
        ledger.post_movement(world, sale("C1", 0.001, frm="WH"))  # nothing at WH at all


def test_withdraw_before_receipt_within_a_batch_is_refused(world: Container) -> None:
    ledger.post_movement(world, receipt("C1", 10.0))
    # net +0 for C1 at MINE, but the withdrawal comes first: the balance would dip to -5.
    with pytest.raises(RuleViolation):
        ledger.post_movements(world, [transfer("C1", 15.0, "MINE", "WH"), receipt("C1", 5.0)])
    ledger.post_movements(world, [receipt("C1", 5.0), transfer("C1", 15.0, "MINE", "WH")])
    assert by_key(ledger.stock_balance(world, by="location")) == {"WH": 7.5}


def test_back_dated_withdrawal_that_would_overdraw_history_is_refused(world: Container) -> None:
    # 100 t in on 5 Jan, all of it moved on 1 Mar, 50 t back on 1 Apr: today's balance is 50 t.
    ledger.post_movements(
        world,
        [
            receipt("C1", 100.0, on=date(2026, 1, 5)),
            transfer("C1", 100.0, "MINE", "WH", on=date(2026, 3, 1)),
            transfer("C1", 50.0, "WH", "MINE", on=date(2026, 4, 1)),
        ],
    )
    # Taking 50 t on 1 Feb leaves 50 t then, but -50 t at the end of 1 Mar: refused, naming the date.
    with pytest.raises(RuleViolation) as e:
        ledger.post_movement(world, transfer("C1", 50.0, "MINE", "WH", on=date(2026, 2, 1)))
    reason = e.value.problems[0].reason
    assert "C1 at MINE" in reason and "-50.000000 t on 2026-03-01" in reason
    assert e.value.problems[0].field == "occurred_on"
    lots = ledger.stock_balance(world, by="lot")
    assert {(r.location, r.t_product) for r in lots} == {("MINE", 50.0), ("WH", 50.0)}
    # The same withdrawal dated on or after 1 Apr is fine, and so is one on 1 Feb that history can carry.
    ledger.post_movement(world, transfer("C1", 10.0, "MINE", "WH", on=date(2026, 4, 1)))
    with pytest.raises(RuleViolation):
        ledger.post_movement(world, transfer("C1", 1.0, "MINE", "WH", on=date(2026, 2, 1)))
    ledger.post_movement(world, transfer("C1", 40.0, "MINE", "WH", on=date(2026, 4, 2)))
    assert {(r.location, r.t_product) for r in ledger.stock_balance(world, by="lot")} == {("WH", 100.0)}


def test_withdrawal_dated_before_its_receipt_in_the_same_batch_is_refused(world: Container) -> None:
    # Line order is fine (receipt first) but the dates are not: on 1 Feb there is nothing to take.
    with pytest.raises(RuleViolation) as e:
        ledger.post_movements(
            world,
            [
                receipt("C1", 10.0, on=date(2026, 3, 1)),
                transfer("C1", 10.0, "MINE", "WH", on=date(2026, 2, 1)),
            ],
        )
    assert e.value.problems[0].line == 2
    assert ledger.stock_balance(world) == []


def test_invalid_input_names_every_bad_line(world: Container) -> None:
    bad = [
        receipt("C1", 10.0),
        receipt("C2", -1.0),
        transfer("NOPE", 1.0, "MINE", "WH"),
        transfer("C1", 1.0, "MINE", "MOON"),
        MovementInput(
            MovementKind.ADJUSTMENT, date(2026, 1, 5), lot="C1", quantity_t=-1.0, to_location="MINE"
        ),
    ]
    with pytest.raises(InvalidInput) as e:
        ledger.post_movements(world, bad)
    lines = {p.line for p in e.value.problems}
    assert lines == {2, 5}  # form problems are reported first: quantity, missing reason
    with pytest.raises(InvalidInput) as e:
        ledger.post_movements(world, [bad[0], bad[2], bad[3]])
    assert {(p.line, p.field) for p in e.value.problems} == {(2, "lot"), (3, "to_location")}
    assert ledger.list_lots(world) == []


def test_adjustment_needs_a_reason_and_moves_stock(world: Container) -> None:
    ledger.post_movement(world, receipt("C1", 10.0))
    adj = MovementInput(
        MovementKind.ADJUSTMENT,
        date(2026, 1, 6),
        lot="C1",
        quantity_t=-2.0,
        to_location="MINE",
        reason="count",
    )
    ledger.post_movement(world, adj)
    assert by_key(ledger.stock_balance(world, by="product"), "t_product") == {"CONC": 8.0}
    mv = ledger.list_movements(world, kind="adjustment")
    assert mv[0].reason == "count" and mv[0].from_location == "MINE" and mv[0].quantity_t == 2.0


def test_separation_balances_and_posts_loss_to_residue(world: Container) -> None:
    ledger.post_movements(world, [receipt("C1", 100.0), transfer("C1", 100.0, "MINE", "SEP")])
    result = ledger.post_movement(
        world,
        separation(
            [("C1", 100.0)],
            [LotLine("LA1", 12.0, "LA-OX"), LotLine("CE1", 24.0, "CE-OX"), LotLine("PN1", 12.0, "PRND-OX")],
        ),
    )
    assert result.lots_created == ["LA1", "CE1", "PN1", "LA1-RES"]
    assert by_key(ledger.stock_balance(world)) == {"La": 12.0, "Ce": 24.0, "Pr": 2.4, "Nd": 9.6}
    residue = ledger.list_movements(world, kind="residue")
    assert len(residue) == 1 and residue[0].to_location == "RES" and math.isclose(residue[0].t_reo, 2.0)


def test_unbalanced_transformation_is_refused_naming_the_element(world: Container) -> None:
    ledger.post_movements(world, [receipt("C1", 100.0), transfer("C1", 100.0, "MINE", "SEP")])
    with pytest.raises(RuleViolation) as e:
        ledger.post_movement(
            world,
            separation(
                [("C1", 100.0)],
                [
                    LotLine("LA1", 12.0, "LA-OX"),
                    LotLine("CE1", 24.0, "CE-OX"),
                    LotLine("PN1", 13.0, "PRND-OX"),
                ],
            ),
        )  # PrNd out: Pr 2.6 > 2.5 in, Nd 10.4 > 10 in
    assert {p.field for p in e.value.problems} == {"Pr", "Nd"}
    assert "Pr" in e.value.message and any("0.400000" in p.reason for p in e.value.problems)
    assert ledger.list_lots(world, product="LA-OX") == []


def test_transformation_input_must_be_at_the_plant(world: Container) -> None:
    ledger.post_movement(world, receipt("C1", 100.0))  # still at the mine
    with pytest.raises(RuleViolation):
        ledger.post_movement(
            world, separation([("C1", 100.0)], [LotLine("LA1", 12.0, "LA-OX")], recovery=0.01)
        )


def test_quota_exceeded_is_refused_and_override_is_recorded(world: Container) -> None:
    quotas.define_quota(world, Quota(2026, "batch1", QuotaKind.MINING, HOLDER, 60.0))
    ledger.post_movement(world, receipt("C1", 100.0))  # 50 t REO of 60
    with pytest.raises(QuotaExceeded) as e:
        ledger.post_movement(world, receipt("C2", 30.0))  # +15 t REO → 65 > 60
    assert "over by 5.000 t REO" in e.value.message
    assert ledger.list_lots(world, product="CONC")[0].code == "C1"
    res = ledger.post_movement(
        world, receipt("C2", 30.0, override=QuotaOverride("chief planner", "state approval"))
    )
    assert len(res.override_ids) == 1
    overrides = quotas.list_overrides(world, 2026)
    assert overrides[0]["who"] == "chief planner" and math.isclose(float(overrides[0]["over_by_t_reo"]), 5.0)  # type: ignore[arg-type]
    assert ledger.list_movements(world, lot="C2")[0].override_id == res.override_ids[0]
    status = quotas.quota_status(world, 2026)
    assert [(s.used_t_reo, s.remaining_t_reo) for s in status] == [(65.0, -5.0)]
    # a receipt bought from outside does not use the mining quota
    ledger.post_movement(
        world,
        receipt("C3", 10.0, to="WH", source=__import__("reechain").domain.movements.ReceiptSource.PURCHASE),
    )
    assert quotas.quota_status(world, 2026)[0].used_t_reo == 65.0


def test_separation_quota_counts_feed_and_batches_fill_in_order(world: Container) -> None:
    quotas.define_quota(world, Quota(2026, "b1", QuotaKind.SEPARATION, HOLDER, 30.0, issued_on="2026-01-01"))
    quotas.define_quota(world, Quota(2026, "b2", QuotaKind.SEPARATION, HOLDER, 30.0, issued_on="2026-06-01"))
    ledger.post_movements(
        world,
        [receipt("C1", 100.0), transfer("C1", 100.0, "MINE", "SEP"), receipt("C2", 100.0, to="SEP")],
    )
    out = [LotLine("LA1", 9.6, "LA-OX"), LotLine("CE1", 19.2, "CE-OX"), LotLine("PN1", 9.6, "PRND-OX")]
    ledger.post_movement(world, separation([("C1", 80.0)], out))  # 40 t REO fed
    rows = quotas.quota_status(world, 2026)
    assert [(r.batch, r.used_t_reo, r.remaining_t_reo) for r in rows] == [
        ("b1", 30.0, 0.0),
        ("b2", 10.0, 20.0),
    ]
    with pytest.raises(QuotaExceeded):
        out = [LotLine("LA2", 6.0, "LA-OX"), LotLine("CE2", 12.0, "CE-OX"), LotLine("PN2", 6.0, "PRND-OX")]
        ledger.post_movement(world, separation([("C1", 20.0), ("C2", 30.0)], out))  # +25 t REO: 65 > 60

    assert quotas.quota_status(world, 2025) == []


def test_list_services(world: Container) -> None:
    ledger.post_movements(world, [receipt("C1", 10.0), transfer("C1", 4.0, "MINE", "WH")])
    assert [loc.code for loc in ledger.list_locations(world, kind="plant")] == ["MET", "SEP"]
    assert {p.code for p in ledger.list_products(world, form="oxide")} == {"LA-OX", "CE-OX", "PRND-OX"}
    lots = ledger.list_lots(world, on_hand_only=True)
    assert [(lt.code, lt.on_hand_t) for lt in lots] == [("C1", 10.0)]
    mv = ledger.list_movements(world, location="WH")
    assert [(m.kind, m.quantity_t, m.t_reo) for m in mv] == [("transfer", 4.0, 2.0)]
    plants = ledger.list_plants(world)
    assert plants[0].location == "SEP" and plants[0].residue_location == "RES" and plants[0].recovery == 0.95
