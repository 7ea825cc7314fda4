"""Plan execution: work orders from a plan period (pure), and release / confirm / plan-versus-actual through
the services on both databases, posting real transformations with the element mass balance."""

from __future__ import annotations

from datetime import date

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.roles import Role
from reechain.planning.work_orders import FeedLot, output_lots, planned_steps, take_feed
from reechain.services import ledger, work_orders
from reechain.services.planning import run_plan
from reechain.services.sample import load_sample_group

PLANNER = frozenset({Role.PLANNER})
DOC = {
    "periods": [
        {
            "period": "P1",
            "plants": {
                "SEP": {"feed_t": {"CONC": 100.0}, "made_t": {"LA": 29.0, "PRND": 19.0, "X": 0.0}},
                "IDLE": {"feed_t": {"CONC": 0.0}, "made_t": {}},
            },
            "processes": {"MET:M": {"activity": 10.0}, "MET:N": {"activity": 0.0}},
            "elements_made_t_reo": {"La": 29.0, "Pr": 4.75, "Nd": 14.25},
        }
    ]
}
PROBLEM = {
    "products": [
        {"id": "LA", "reo_fraction": 1.0, "composition": {"La": 1.0}},
        {"id": "PRND", "reo_fraction": 1.0, "composition": {"Pr": 0.25, "Nd": 0.75}},
        {"id": "M"},
    ],
    "processes": [{"id": "MET:M", "inputs": {"PRND": 1.2}, "outputs": {"M": 1.0}}],
}


def test_planned_steps_of_a_period() -> None:
    sep, met = planned_steps(DOC, PROBLEM, "P1")
    assert (sep.step, sep.kind, sep.feed_t, sep.outputs_t) == (
        "SEP",
        "separation",
        {"CONC": 100.0},
        {"LA": 29.0, "PRND": 19.0},
    )
    assert sep.expected_t_reo == {"LA": {"La": 29.0}, "PRND": {"Pr": 4.75, "Nd": 14.25}}
    # 10 t of metal take 12 t of PRND: 3 t Pr and 9 t Nd REO go into the metal
    assert (met.plant, met.feed_t, met.outputs_t) == ("MET", {"PRND": 12.0}, {"M": 10.0})
    assert met.expected_t_reo == {"M": {"Pr": 3.0, "Nd": 9.0}}
    with pytest.raises(InvalidInput):
        planned_steps(DOC, PROBLEM, "P2")


def test_outputs_split_the_feed_by_the_plans_proportions() -> None:
    # 80 t of a 50 % REO feed, La 60 % / Pr 10 % / Nd 30 %: 24 t La, 4 t Pr, 12 t Nd REO; recovery 0.9
    lot = FeedLot("C1", "CONC", 100.0, {"La": 0.3, "Pr": 0.05, "Nd": 0.15})
    taken = take_feed([lot], {"CONC": 80.0}, "SEP")
    assert taken == [(lot, 80.0)]
    la, prnd = output_lots(
        taken,
        DOC["periods"][0] and {"LA": {"La": 29.0}, "PRND": {"Pr": 4.75, "Nd": 14.25}},
        {"LA": 0.99, "PRND": 0.99},
        0.9,
    )
    assert la.t_reo["La"] == pytest.approx(21.6, abs=1e-5)
    assert la.quantity_t == pytest.approx(21.6 / 0.99, abs=1e-6) and la.quantity_t <= 21.6 / 0.99
    assert prnd.composition == pytest.approx({"Pr": 3.6 / 14.4, "Nd": 10.8 / 14.4})
    with pytest.raises(RuleViolation) as e:
        take_feed([lot], {"CONC": 120.0}, "SEP")
    assert e.value.problems[0].field == "feed.CONC"
    with pytest.raises(RuleViolation):  # the plan makes nothing that carries Nd
        output_lots(taken, {"LA": {"La": 1.0}, "PRND": {"Pr": 1.0}}, {"LA": 1.0, "PRND": 1.0}, 0.9)


def _receive_feed(c: Container, wo: work_orders.WorkOrder, share: float) -> None:
    ledger.post_movements(
        c,
        [
            MovementInput(
                MovementKind.RECEIPT,
                date(2026, 10, 2),
                lot=f"FEED-{wo.id}-{product}",
                product=product,
                quantity_t=round(t * share, 3),
                to_location=wo.plant,
                source=ReceiptSource.PURCHASE,
            )
            for product, t in wo.planned_feed_t.items()
        ],
    )


def test_release_confirm_and_plan_versus_actual(container: Container) -> None:
    load_sample_group(container)
    plan = run_plan(container, 2026, today=date(2026, 10, 1))
    released = work_orders.release_period(container, plan["id"], "2026-Q4", actor="pat", roles=PLANNER)
    steps = {wo.step: wo for wo in released}
    assert "SEP-BT1" in steps and all(wo.status == "open" for wo in released)
    doc_q4 = plan["periods"][0]["plants"]["SEP-BT1"]
    assert steps["SEP-BT1"].planned_feed_t == pytest.approx(doc_q4["feed_t"])
    with pytest.raises(Conflict):
        work_orders.release_period(container, plan["id"], "2026-Q4", actor="pat", roles=PLANNER)
    with pytest.raises(Forbidden):
        work_orders.release_period(container, plan["id"], "2026-Q4", actor="x", roles={Role.ANALYST})

    wo = steps["SEP-BT1"]
    with pytest.raises(RuleViolation):  # no feed at the plant yet: nothing is posted, the order stays open
        work_orders.confirm_work_order(container, wo.id, actor="pat", roles=PLANNER, on=date(2026, 10, 5))
    assert work_orders.get_work_order(container, wo.id).status == "open"
    _receive_feed(container, wo, 0.9)
    (feed_product,) = wo.planned_feed_t
    actual_feed = round(wo.planned_feed_t[feed_product] * 0.9, 3)
    with pytest.raises(RuleViolation):  # 10x the La the feed holds: the mass balance refuses it
        work_orders.confirm_work_order(
            container,
            wo.id,
            actor="pat",
            roles=PLANNER,
            actual_t={feed_product: actual_feed, "LA-OX": 1e6},
            on=date(2026, 10, 5),
        )
    assert work_orders.get_work_order(container, wo.id).status == "open"
    done = work_orders.confirm_work_order(
        container,
        wo.id,
        actor="pat",
        roles={Role.INVENTORY_CONTROLLER},
        actual_t={feed_product: actual_feed},
        recovery=0.94,
        on=date(2026, 10, 5),
    )
    assert done.status == "confirmed" and done.actual_feed_t == {feed_product: actual_feed}
    # element by element, output = 0.94 × the REO of the feed actually taken (the receipt's composition)
    fed = {
        e: actual_feed * 0.5 * f
        for e, f in next(
            p for p in ledger.list_products(container) if p.code == feed_product
        ).composition.items()
    }
    assert done.actual_t_reo is not None
    for e, v in fed.items():
        assert done.actual_t_reo.get(e, 0.0) == pytest.approx(0.94 * v, abs=2e-5), e
    held = {b.key: b.t_product for b in ledger.stock_balance(container, by="lot", location="SEP-BT1")}
    assert done.lots and all(code in held for code in done.lots)
    assert f"FEED-{wo.id}-{feed_product}" not in held  # the whole receipt was consumed
    moves = ledger.list_movements(container, location="SEP-BT1", kind="consume")
    assert any(m.reference == f"WO-{wo.id}" for m in moves)
    with pytest.raises(Conflict):
        work_orders.confirm_work_order(container, wo.id, actor="pat", roles=PLANNER)

    execution = work_orders.plan_execution(container, plan["id"])
    assert execution.released_periods == ["2026-Q4"]
    nd = next(r for r in execution.elements if r.period == "2026-Q4" and r.element == "Nd")
    assert nd.actual_t_reo == pytest.approx(done.actual_t_reo["Nd"], abs=1e-6)
    assert nd.planned_t_reo >= nd.released_t_reo > nd.actual_t_reo > 0
