"""The one shipping path on both backends: gate, licence draw-down, ledger sale, shipment row and audit
record in one transaction; nothing kept when any step fails; a release clears only what was reviewed; the
gate reads the sales order itself under the shipping day's rules."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from reechain.bootstrap import Container
from reechain.domain.errors import RuleViolation
from reechain.services import audit, sales
from reechain.services import compliance as svc
from reechain.store.tables import trade as t

from .sales_world import (
    END_USER,
    add_domestic_order,
    add_export_order,
    counts,
    define_sales_world,
    export_doc,
    move,
    stock_t,
)
from .support import OFFICER, FakeScreening, dy_licence, uel_hit

SHIP_DAY = date(2026, 11, 30)


@pytest.fixture
def world(container: Container) -> Container:
    define_sales_world(container)
    return container


def licence(c: Container, quantity_kg: float = 1000.0) -> None:
    svc.add_licence(
        c, dy_licence(quantity_kg=quantity_kg, valid_until=date(2027, 12, 31)), actor="o1", roles=OFFICER
    )


def drawn_kg(c: Container) -> float:
    return next(x.drawn_kg for x in svc.list_licences(c) if x.licence_no == "DU-2026-001")


def test_export_shipment_draws_licence_posts_sale_and_records_once(world: Container) -> None:
    c, fake = world, FakeScreening()
    licence(c)
    add_export_order(c, "EX-1", 0.5)
    assert svc.check_sales_order(c, "EX-1", actor="t", screening=fake.as_service())["decision"] == "clear"
    before = counts(c)
    out = svc.ship_order(c, "EX-1", actor="t", on=SHIP_DAY, screening=fake.as_service())
    assert out["decision"] == "clear" and out["drawn"] == [
        {"line": 1, "licence_no": "DU-2026-001", "quantity_kg": 500.0}
    ]
    assert out["lots"] == [{"lot": "DY-A", "location": "WH1", "quantity_t": 0.5}]
    assert out["order"]["status"] == "shipped" and out["order"]["compliance_state"] == "clear"
    assert drawn_kg(c) == 500.0 and stock_t(c) == pytest.approx(1.5)
    # one ship-time check, one shipment, two audit records (the decision and the shipment)
    assert counts(c) == {
        "checks": before["checks"] + 1,
        "shipments": before["shipments"] + 1,
        "audit": before["audit"] + 2,
    }
    assert [r.action for r in audit.latest(c, limit=2)] == ["order.shipped", "order.checked"]
    with pytest.raises(RuleViolation, match="is shipped"):
        svc.ship_order(c, "EX-1", actor="t", on=SHIP_DAY, screening=fake.as_service())
    assert drawn_kg(c) == 500.0 and audit.verify(c).ok


def test_a_failure_half_way_keeps_nothing_and_the_retry_ships(world: Container) -> None:
    c, fake = world, FakeScreening()
    licence(c)
    add_export_order(c, "EX-1", 0.5)
    svc.check_sales_order(c, "EX-1", actor="t", screening=fake.as_service())
    move(c, 1.8, "WH1", "WH2")  # stock moved meanwhile: 0.2 t left where 0.5 t are allocated
    before = counts(c)
    with pytest.raises(RuleViolation):
        svc.ship_order(c, "EX-1", actor="t", on=SHIP_DAY, screening=fake.as_service())
    assert counts(c) == before  # no check, no shipment, no audit record
    assert drawn_kg(c) == 0.0 and stock_t(c) == pytest.approx(0.2)
    assert sales.get_order(c, "EX-1")["status"] == "allocated"
    move(c, 1.8, "WH2", "WH1")  # fixed
    out = svc.ship_order(c, "EX-1", actor="t", on=SHIP_DAY, screening=fake.as_service())
    assert out["order"]["status"] == "shipped" and drawn_kg(c) == 500.0
    assert stock_t(c) == pytest.approx(1.5)


def test_a_domestic_order_ships_through_the_same_path(world: Container) -> None:
    c = world
    add_domestic_order(c, "DO-1", 1.0)
    out = svc.ship_order(c, "DO-1", actor="t", on=SHIP_DAY)
    assert out["check_id"] is None and out["order"]["status"] == "shipped"
    assert stock_t(c) == pytest.approx(1.0)
    assert [r.action for r in audit.latest(c, stream="sales", limit=1)] == ["order.shipped"]
    with pytest.raises(RuleViolation, match="is shipped"):
        sales.ship_order(c, "DO-1", actor="t")


def test_release_then_ship_without_a_recheck(world: Container) -> None:
    c = world
    fake = FakeScreening(hits={END_USER: [uel_hit(0.8)]})  # between review (0.70) and block (0.90)
    licence(c)
    add_export_order(c, "EX-1", 0.5)
    r = svc.check_sales_order(c, "EX-1", actor="t", screening=fake.as_service())
    assert r["decision"] == "hold" and sales.get_order(c, "EX-1")["compliance_state"] == "hold"
    svc.approve_hold(c, r["hold_id"], actor="o1", roles=OFFICER)
    assert sales.get_order(c, "EX-1")["compliance_state"] == "hold"  # one approval does not release
    svc.approve_hold(c, r["hold_id"], actor="o2", roles=OFFICER)
    assert sales.get_order(c, "EX-1")["compliance_state"] == "clear"  # written in the release's transaction
    out = svc.ship_order(c, "EX-1", actor="t", on=SHIP_DAY, screening=fake.as_service())
    assert out["order"]["status"] == "shipped"
    (party,) = [p for p in latest_parties(c) if p["role"] == "end_user"]
    assert party["hits"][0]["outcome"] == "released"


def latest_parties(c: Container) -> list[dict]:  # type: ignore[type-arg]
    return list(svc.latest_check(c, "EX-1")["parties"])


def test_a_release_does_not_clear_more_kg_or_a_new_consignee(world: Container) -> None:
    c = world
    fake = FakeScreening(hits={END_USER: [uel_hit(0.8)]})
    licence(c, 60_000.0)
    add_export_order(c, "EX-1", 0.001)  # 1 kg reviewed and released
    r = svc.check_sales_order(c, "EX-1", actor="t", screening=fake.as_service())
    svc.approve_hold(c, r["hold_id"], actor="o1", roles=OFFICER)
    svc.approve_hold(c, r["hold_id"], actor="o2", roles=OFFICER)
    # the order is changed behind the gate's back: 50 kg to a new consignee
    changed = export_doc(consignee="New Trading Co.")
    with c.uow() as uow:
        import json

        uow.session.execute(
            update(t.orders)
            .where(t.orders.c.code == "EX-1")
            .values(quantity_t=0.05, export_doc=json.dumps(changed))
        )
        uow.commit()
    with pytest.raises(RuleViolation, match="is hold at the compliance gate"):
        svc.ship_order(c, "EX-1", actor="t", on=SHIP_DAY, screening=fake.as_service())
    assert drawn_kg(c) == 0.0 and sales.get_order(c, "EX-1")["status"] == "allocated"


def test_the_gate_checks_the_order_itself_on_the_shipping_day(world: Container) -> None:
    c, fake = world, FakeScreening()
    # export_doc.lines claims 1 kg of equipment; ordered_on is back-dated before No. 18 (2025-04-04)
    add_export_order(
        c,
        "EX-1",
        0.5,
        lines=[
            {"line": 1, "product": "pump", "form": "equipment", "hs_code": "8413702100", "quantity_kg": 1}
        ],
    )
    with c.uow() as uow:
        uow.session.execute(
            update(t.orders).where(t.orders.c.code == "EX-1").values(ordered_on=date(2025, 1, 1))
        )
        uow.commit()
    r = svc.check_sales_order(c, "EX-1", actor="t", screening=fake.as_service())
    assert r["decision"] == "licence_required" and r["as_of"] == date.today().isoformat()
    assert [(ln["product"], ln["quantity_kg"]) for ln in r["lines"]] == [("DY-OX-995", 500.0)]
    assert "MOFCOM_GAC_2025_18" in {m["id"] for m in r["lines"][0]["measures"]}
    # a harmless order checked under the same id changes nothing at shipping
    harmless = {
        "order_id": "EX-1",
        "date": "2025-01-01",
        "exporter": {"name": "x"},
        "destination_country": "JP",
        "parties": [{"role": "end_user", "name": "Someone Else", "country": "JP"}],
        "lines": [
            {
                "line": 1,
                "product": "La",
                "form": "oxide",
                "hs_code": "2846901990",
                "composition": {"La": 1},
                "quantity_kg": 1,
            }
        ],
    }
    assert svc.check_order(c, harmless, actor="t", screening=fake.as_service())["decision"] == "clear"
    with pytest.raises(RuleViolation, match="licence_required"):
        svc.ship_order(c, "EX-1", actor="t", on=date(2025, 1, 2), screening=fake.as_service())
    assert stock_t(c) == pytest.approx(2.0)


@pytest.mark.parametrize("bad", [float("inf"), float("nan"), "Infinity", "NaN", "-Infinity"])
def test_non_finite_quantities_are_refused_before_anything_is_written(
    container: Container, example_order, fake_screening, bad: object
) -> None:
    from reechain.domain.errors import InvalidInput

    order = example_order()
    order["lines"][0]["quantity_kg"] = bad
    before = counts(container)
    with pytest.raises(InvalidInput) as e:
        svc.check_order(container, order, actor="t", screening=fake_screening.as_service())
    assert any(p.field == "quantity_kg" for p in e.value.problems)
    assert counts(container) == before
