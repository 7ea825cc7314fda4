"""A batch without transformations is written in one statement on PostgreSQL: what that statement must keep.
Each test runs on SQLite and PostgreSQL (the ``world`` fixture) unless it says otherwise."""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, RuleViolation
from reechain.ledger import posting
from reechain.services import ledger
from reechain.store.tables import ledger as t

from .helpers import define_world, receipt, sale, transfer


def test_a_new_lot_with_its_own_composition_gets_its_derived_row(world: Container) -> None:
    comp = {"La": 0.3, "Nd": 0.7}
    ledger.post_movement(world, receipt("OWN", 10.0, composition=comp, reo_fraction=0.6))
    with world.uow() as uow:
        s = uow.session
        text_ = s.execute(select(t.lots.c.composition).where(t.lots.c.code == "OWN")).scalar_one()
        row = s.execute(select(t.compositions).where(t.compositions.c.composition == text_)).one()
        mv = s.execute(select(t.movements.c.quantity_g, t.movements.c.reo_g, t.movements.c.posted_by)).one()
        bal = s.execute(select(t.balances.c.quantity_g)).scalar_one()
    assert json.loads(text_) == comp
    assert (row.la, row.nd, row.ce, row.pr) == (0.3, 0.7, None, None)
    assert tuple(mv) == (10_000_000, 6_000_000, None)  # 10 t at 60 % REO
    assert bal == 10_000_000


def test_withdrawing_more_of_a_new_lot_than_its_receipt_in_the_same_batch_is_refused(
    world: Container,
) -> None:
    batch = [receipt("N1", 10.0, to="WH"), sale("N1", 15.0)]
    with pytest.raises(RuleViolation) as e:
        ledger.post_movements(world, batch)
    [problem] = e.value.problems
    assert problem.line == 2
    assert problem.reason == "lot N1 at WH: 0.000000 t available, 5.000000 t needed"
    assert ledger.list_lots(world) == []  # nothing of the batch was kept
    ledger.post_movements(world, [receipt("N1", 10.0, to="WH"), sale("N1", 10.0)])
    assert {(r.key, r.location, r.t_product) for r in ledger.stock_balance(world, by="lot")} == set()
    assert len(ledger.list_movements(world, limit=10)) == 2


def test_a_batch_of_transfers_updates_each_balance_once(world: Container) -> None:
    ledger.post_movements(world, [receipt("A", 50.0), receipt("B", 20.0)])
    ledger.post_movements(
        world,
        [
            transfer("A", 30.0, "MINE", "WH"),
            transfer("A", 5.0, "WH", "SEP"),
            transfer("B", 20.0, "MINE", "WH"),
        ],
    )
    held = {(r.key, r.location, r.t_product) for r in ledger.stock_balance(world, by="lot")}
    assert held == {("A", "MINE", 20.0), ("A", "WH", 25.0), ("A", "SEP", 5.0), ("B", "WH", 20.0)}


@pytest.mark.postgres
def test_the_same_new_lot_posted_concurrently_is_a_conflict_and_kept_once(
    pg_committing_container: Container,
) -> None:
    c = pg_committing_container
    define_world(c)
    first_posted = threading.Event()
    outcome: list[str] = []

    def second() -> None:
        first_posted.wait()
        try:
            ledger.post_movement(c, receipt("RACE", 2.0))
            outcome.append("ok")
        except Conflict as e:
            outcome.append(f"Conflict: {e.message}")

    racer = threading.Thread(target=second)
    racer.start()
    with c.uow() as uow:  # the first posting holds its new lot uncommitted while the second one writes
        posting.post(uow.session, [receipt("RACE", 1.0)])
        first_posted.set()
        time.sleep(0.5)
        uow.commit()
    racer.join()
    assert len(outcome) == 1 and outcome[0].startswith("Conflict: the posting conflicts with data written")
    [lot] = ledger.list_lots(c)
    assert lot.code == "RACE"
    [row] = ledger.stock_balance(c, by="lot")
    assert row.t_product == 1.0
