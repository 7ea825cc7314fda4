"""Ledger posting throughput on PostgreSQL with every invariant, against a plain INSERT of the same rows.

Posts N movements (receipts of new lots from an own mine under a quota, transfers, sales, and separations
at a plant: one transformation for every fifth receipt, whose element mass balance is checked and whose loss
goes to a residue lot) through ``services.ledger.post_movements`` in batches (one transaction each):
references resolved, quota checked (mining and separation), mass balance checked, guarded running balances
updated, lots created. The baseline inserts the very same movement rows, in the
same batch sizes, into the same table (same indexes, constraints and foreign keys) with a plain Core
executemany INSERT, the statement the posting itself uses for them.

    .venv/bin/python benchmarks/ledger.py [--movements 40000] [--batch 5000]

Exits with status 1 when a target (>= 5,000 movement lines/s, >= 0.5 of the plain insert rate) is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta

from sqlalchemy import create_engine, insert, select, text

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.domain.quotas import Quota, QuotaKind
from reechain.services import ledger, quotas
from reechain.settings import Settings
from reechain.store.db import make_engine, make_session_factory, migrate
from reechain.store.tables import ledger as t

ADMIN = os.environ.get("REECHAIN_BENCH_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DB = os.environ.get("REECHAIN_BENCH_LEDGER_DB", "reechain_bench_ledger")  # one per concurrent run


def fresh_database() -> Container:
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{DB}"'))
    admin.dispose()
    url = ADMIN.rsplit("/", 1)[0] + f"/{DB}"
    engine = make_engine(url)
    migrate(engine)
    return Container(Settings(database_url=url), engine, make_session_factory(engine))


def world(c: Container) -> None:
    for code, kind in (
        ("MINE", LocationKind.MINE),
        ("WH1", LocationKind.WAREHOUSE),
        ("WH2", LocationKind.WAREHOUSE),
        ("CUST", LocationKind.CUSTOMER),
        ("PLANT", LocationKind.PLANT),
        ("RES", LocationKind.RESIDUE),
    ):
        ledger.define_location(c, Location(code, code, kind, "Bench Group"))
    ledger.define_product(c, Product("CONC", "Concentrate", Form.CONCENTRATE, 0.5, COMP))
    ledger.define_product(c, Product("LA-OX", "La oxide", Form.OXIDE, 0.99, {"La": 1.0}))
    ledger.define_product(c, Product("REST-OX", "Ce-Pr-Nd oxide", Form.OXIDE, 0.99, REST))
    quotas.define_quota(c, Quota(2026, "b1", QuotaKind.MINING, "Bench Group", 10_000_000.0))
    quotas.define_quota(c, Quota(2026, "b1", QuotaKind.SEPARATION, "Bench Group", 10_000_000.0))


COMP = {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2}
REST = {"Ce": 0.5 / 0.75, "Pr": 0.05 / 0.75, "Nd": 0.2 / 0.75}
SEPARATED_T = 20.0


def separation(lot: str, on: date) -> MovementInput:
    """20 t of concentrate (10 t REO) separated at 96 % into La oxide and Ce-Pr-Nd oxide, stated 95 %."""
    reo = SEPARATED_T * 0.5 * 0.96
    return MovementInput(
        MovementKind.TRANSFORMATION,
        on,
        plant="PLANT",
        process=Process.SEPARATION,
        recovery=0.95,
        inputs=(LotLine(lot, SEPARATED_T),),
        outputs=(
            LotLine(f"{lot}-LA", round(reo * 0.25 / 0.99, 6), "LA-OX"),
            LotLine(f"{lot}-REST", round(reo * 0.75 / 0.99, 6), "REST-OX"),
        ),
    )


def movements(n: int, seed: int = 1, separate_every: int = 5) -> list[MovementInput]:
    """About 1 receipt (a new 100 t lot at the mine) for 9 transfers / sales of 1 t from it."""
    rng = random.Random(seed)
    out: list[MovementInput] = []
    lots: list[str] = []
    day = date(2026, 1, 1)
    serial = 0
    while len(out) < n:
        lot = f"L{serial:07d}"
        serial += 1
        lots.append(lot)
        on = day + timedelta(days=min(serial // 15, 364))  # dates never go back: history stays valid
        separated = separate_every > 0 and serial % separate_every == 0
        out.append(
            MovementInput(
                MovementKind.RECEIPT,
                on,
                lot=lot,
                product="CONC",
                quantity_t=SEPARATED_T if separated else 100.0,
                to_location="PLANT" if separated else "MINE",
                source=ReceiptSource.OWN_MINE,
            )
        )
        if separated:
            out.append(separation(lot, on))
            lots.pop()  # the whole lot is consumed: transfers and sales take other lots
            continue
        for _ in range(9):
            src = rng.choice(lots[-50:])
            kind = rng.random()
            if kind < 0.5:
                m = MovementInput(
                    MovementKind.TRANSFER,
                    on,
                    lot=src,
                    quantity_t=1.0,
                    from_location="MINE",
                    to_location=rng.choice(["WH1", "WH2"]),
                )
            else:
                m = MovementInput(
                    MovementKind.SALE, on, lot=src, quantity_t=0.5, from_location="MINE", to_location="CUST"
                )
            out.append(m)
    return out[:n]


def run_once(n: int, batch: int, separate_every: int = 5) -> tuple[int, float, float, int]:
    """One fresh database: (movement rows, posting seconds, plain insert seconds, negative balances)."""
    c = fresh_database()
    world(c)
    todo = movements(n, separate_every=separate_every)
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(todo), batch):
        ledger.post_movements(c, todo[i : i + batch])
    posting_s = time.perf_counter() - t0
    posting_cpu = time.process_time() - c0
    with c.engine.connect() as conn:
        tf = conn.execute(text("SELECT count(*) FROM ledger_transformations")).scalar_one()
    print(f"posted {len(todo):,} movements, of which {tf:,} transformations (mass balance checked)")
    with c.engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(t.movements).order_by(t.movements.c.id))]
    for r in rows:
        del r["id"]
    # Baseline: the same rows, inserted again into the same table (same indexes, constraints and foreign
    # keys) with the same Core executemany INSERT and batch size, one transaction per batch.
    t0 = time.perf_counter()
    for i in range(0, len(rows), batch):
        with c.engine.begin() as conn:
            conn.execute(insert(t.movements), rows[i : i + batch])
    plain_s = time.perf_counter() - t0
    print(
        f"posting {posting_s:.2f} s wall, {posting_cpu:.2f} s CPU in this process; "
        f"plain insert {plain_s:.2f} s"
    )
    with c.engine.connect() as conn:
        negative = conn.execute(
            text("SELECT count(*) FROM ledger_balances WHERE quantity_g < 0")
        ).scalar_one()
    c.engine.dispose()
    return len(rows), posting_s, plain_s, int(negative)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--movements", type=int, default=40_000)
    ap.add_argument("--batch", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5, help="fresh runs; the best time of each side counts")
    ap.add_argument(
        "--separate-every",
        type=int,
        default=5,
        help="a separation for every Nth receipt (0: none, to compare)",
    )
    args = ap.parse_args()
    print(f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    runs = [run_once(args.movements, args.batch, args.separate_every) for _ in range(args.repeat)]
    n = runs[0][0]
    for i, (_, p, b, neg) in enumerate(runs, 1):
        print(
            f"run {i}: posting {n / p:,.0f}/s, plain insert {n / b:,.0f}/s, ratio {b / p:.2f}, negative {neg}"
        )
    posting_s, plain_s = min(r[1] for r in runs), min(r[2] for r in runs)
    rate, plain = n / posting_s, n / plain_s
    print(f"movements posted (best):      {n:,} in {posting_s:.2f} s -> {rate:,.0f} movements/s")
    print(f"plain INSERT same rows (best): {n:,} in {plain_s:.2f} s -> {plain:,.0f} rows/s")
    paired = sorted(b / p for _, p, b, _ in runs)
    median = paired[len(paired) // 2]
    print(f"ratio posting / plain insert:  {median:.2f} median of the runs (each pair back to back)")
    print(f"                               {rate / plain:.2f} best / best")
    met = rate >= 5_000 and median >= 0.5
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"targets (>= 5,000 movement lines/s and a median ratio >= 0.5): {'met' if met else 'NOT met'}")
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'))
    admin.dispose()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
