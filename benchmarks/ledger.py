"""Ledger posting throughput on PostgreSQL with every invariant, against a plain INSERT of the same rows.

Posts N movements (receipts of new lots from an own mine under a quota, transfers and sales) through
``services.ledger.post_movements`` in batches (one transaction each): references resolved, quota checked,
guarded running balances updated, lots created. The baseline inserts the very same movement rows, in the
same batch sizes, into the same table (same indexes, constraints and foreign keys) with a plain Core
executemany INSERT, the statement the posting itself uses for them.

    .venv/bin/python benchmarks/ledger.py [--movements 40000] [--batch 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, timedelta

from sqlalchemy import create_engine, insert, select, text

from reechain.bootstrap import Container
from reechain.domain.locations import Location, LocationKind
from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
from reechain.domain.products import Form, Product
from reechain.domain.quotas import Quota, QuotaKind
from reechain.services import ledger, quotas
from reechain.settings import Settings
from reechain.store.db import make_engine, make_session_factory, migrate
from reechain.store.tables import ledger as t

ADMIN = os.environ.get("REECHAIN_BENCH_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DB = "reechain_bench_ledger"


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
    ):
        ledger.define_location(c, Location(code, code, kind, "Bench Group"))
    comp = {"La": 0.25, "Ce": 0.5, "Pr": 0.05, "Nd": 0.2}
    ledger.define_product(c, Product("CONC", "Concentrate", Form.CONCENTRATE, 0.5, comp))
    quotas.define_quota(c, Quota(2026, "b1", QuotaKind.MINING, "Bench Group", 10_000_000.0))


def movements(n: int, seed: int = 1) -> list[MovementInput]:
    """About 1 receipt (a new 100 t lot at the mine) for 9 transfers / sales of 1 t from it."""
    rng = random.Random(seed)
    out: list[MovementInput] = []
    lots: list[str] = []
    day = date(2026, 1, 1)
    while len(out) < n:
        lot = f"L{len(lots):07d}"
        lots.append(lot)
        on = day + timedelta(days=min(len(lots) // 15, 364))  # dates never go back: history stays valid
        out.append(
            MovementInput(
                MovementKind.RECEIPT,
                on,
                lot=lot,
                product="CONC",
                quantity_t=100.0,
                to_location="MINE",
                source=ReceiptSource.OWN_MINE,
            )
        )
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


def run_once(n: int, batch: int) -> tuple[int, float, float, int]:
    """One fresh database: (movement rows, posting seconds, plain insert seconds, negative balances)."""
    c = fresh_database()
    world(c)
    todo = movements(n)
    t0 = time.perf_counter()
    for i in range(0, len(todo), batch):
        ledger.post_movements(c, todo[i : i + batch])
    posting_s = time.perf_counter() - t0
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
    with c.engine.connect() as conn:
        negative = conn.execute(
            text("SELECT count(*) FROM ledger_balances WHERE quantity_g < 0")
        ).scalar_one()
    c.engine.dispose()
    return len(rows), posting_s, plain_s, int(negative)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--movements", type=int, default=40_000)
    ap.add_argument("--batch", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5, help="fresh runs; the best time of each side counts")
    args = ap.parse_args()
    runs = [run_once(args.movements, args.batch) for _ in range(args.repeat)]
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
    print("targets: >= 5,000 movements/s and a ratio >= 0.5")
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)'))
    admin.dispose()


if __name__ == "__main__":
    main()
