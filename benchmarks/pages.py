"""Web pages after a 200,000-lot import, on PostgreSQL: every page that lists lots or stock stays under 1 s.

Two databases, built by this script:

- baseline: the sample group alone (``load_sample_group``);
- large: the sample group plus an import of N new lots (default 200,000) through the real import service
  (``services.movement_import.import_movements`` on a CSV file written here: one transaction, every
  invariant checked), one receipt per lot into the group's warehouses and plants, spread over this year; a
  third of the lots carry their own assay (``composition`` and ``reo_fraction`` columns), the rest the
  product's.

Each page is fetched through the whole application in process (FastAPI's test client, logged in through the
login form as a user holding every role): one warm-up GET, then the median of ``--repeat`` GETs. Wall and
CPU time (this process; the database server's CPU is not included) are printed for both databases.

Usage: ``.venv/bin/python benchmarks/pages.py [--lots 200000] [--repeat 3] [--reuse]``; ``--reuse`` keeps
databases built by an earlier run (named by ``REECHAIN_BENCH_PAGES_DB``, default ``reechain_bench_pages``),
to compare two versions of the code on the same data. Target: every page < 1 s on the large database;
exits 1 when missed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from reechain.bootstrap import Container, bootstrap
from reechain.domain.roles import Role
from reechain.settings import Settings

ADMIN = os.environ.get("REECHAIN_BENCH_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DB = os.environ.get("REECHAIN_BENCH_PAGES_DB", "reechain_bench_pages")
TARGET_S = 1.0
PASSWORD = "bench-pages-password"
PAGES = (
    "/",
    "/inventory",
    "/stock",
    "/stock?by=product",
    "/stock?by=location",
    "/stock?by=lot",
    "/stock/bridge",
    "/movements",
    "/sales",
    "/quotas",
)
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def url_of(name: str) -> str:
    return ADMIN.rsplit("/", 1)[0] + f"/{name}"


def database(name: str, reuse: bool) -> tuple[Container, bool]:
    """(container, built now)."""
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not (reuse and exists):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    fresh = not (reuse and exists)
    return bootstrap(Settings(database_url=url_of(name)), run_migrations=fresh), fresh


def sample(c: Container) -> None:
    from reechain.services import auth
    from reechain.services.sample import load_sample_group

    load_sample_group(c)
    auth.create_user(c, "pages", list(Role), PASSWORD)


def import_lots(c: Container, n: int, seed: int = 7) -> float:
    """Write and import a CSV of N receipts of new lots; returns the import's seconds."""
    from reechain.services import ledger
    from reechain.services.movement_import import import_movements

    rng = random.Random(seed)
    held = [loc.code for loc in ledger.list_locations(c) if loc.kind in ("warehouse", "plant")]
    products = [
        p for p in ledger.list_products(c) if p.form in ("oxide", "metal", "concentrate", "carbonate")
    ]
    today = date.today()
    start = date(today.year, 1, 1)
    span = max((today - start).days, 1)
    columns = ["date", "kind", "lot", "product", "quantity_t", "to_location", "source", "reference"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lots.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([*columns, "reo_fraction", "composition"])
            for i in range(n):
                p = rng.choice(products)
                row = [
                    (start + timedelta(days=rng.randrange(span))).isoformat(),
                    "receipt",
                    f"IMP-{i:07d}",
                    p.code,
                    f"{rng.uniform(0.5, 40):.3f}",
                    rng.choice(held),
                    rng.choice(("purchase", "import")),
                    f"PO-{i // 50:05d}",
                ]
                assay = ["", ""]
                if i % 3 == 0 and p.composition:  # its own assay: the product's, shifted a little
                    shifted = {el: f * rng.uniform(0.9, 1.1) for el, f in p.composition.items()}
                    total = sum(shifted.values())
                    parts = {el: round(v / total, 4) for el, v in shifted.items()}
                    last = max(parts, key=lambda el: parts[el])  # takes the rounding: sums to 1 exactly
                    parts[last] = round(1 - sum(v for el, v in parts.items() if el != last), 4)
                    assay = [
                        f"{p.reo_fraction * rng.uniform(0.98, 1.0):.4f}",
                        ";".join(f"{el}:{v:.4f}" for el, v in parts.items()),
                    ]
                w.writerow(row + assay)
        t0 = time.perf_counter()
        result = import_movements(c, path, posted_by="pages-benchmark")
        took = time.perf_counter() - t0
    assert result.lots_created == n, result
    return took


def login(c: Container):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from reechain.api.app import create_app

    client = TestClient(create_app(c), raise_server_exceptions=True)
    token = _CSRF_RE.search(client.get("/login").text)
    assert token, "no CSRF token on /login"
    r = client.post(
        "/login",
        data={"username": "pages", "password": PASSWORD, "next": "/", "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client


def time_pages(c: Container, repeat: int) -> dict[str, tuple[float, float, int]]:
    """page -> (median wall s, median CPU s, bytes)."""
    client = login(c)
    out = {}
    for page in PAGES:
        r = client.get(page)
        assert r.status_code == 200, (page, r.status_code, r.text[:500])
        walls, cpus = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            r = client.get(page)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            assert r.status_code == 200, (page, r.status_code)
        out[page] = (statistics.median(walls), statistics.median(cpus), len(r.content))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lots", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reuse", action="store_true", help="keep databases an earlier run built")
    args = ap.parse_args()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average at start "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )

    base, fresh = database(f"{DB}_base", args.reuse)
    if fresh:
        sample(base)
    big, fresh = database(f"{DB}_large", args.reuse)
    if fresh:
        sample(big)
        took = import_lots(big, args.lots)
        print(
            f"import of {args.lots:,} new lots (one transaction, every invariant): {took:.1f} s "
            f"({args.lots / took:,.0f} rows/s)"
        )
    with big.engine.connect() as conn:
        lots = conn.execute(text("SELECT count(*) FROM ledger_lots")).scalar_one()
        moves = conn.execute(text("SELECT count(*) FROM ledger_movements")).scalar_one()
    print(f"large database: {lots:,} lots, {moves:,} movements")

    small = time_pages(base, args.repeat)
    large = time_pages(big, args.repeat)
    print(
        f"\n{'page':<22} {'sample group (wall / CPU)':>26} "
        f"{f'+{args.lots:,} lots (wall / CPU)':>30} {'KB':>7}"
    )
    worst = 0.0
    for page in PAGES:
        (w0, c0, _), (w1, c1, size) = small[page], large[page]
        worst = max(worst, w1)
        flag = "" if w1 < TARGET_S else "  > 1 s"
        print(f"{page:<22} {w0:>12.3f} s / {c0:.3f} s {w1:>16.3f} s / {c1:.3f} s {size / 1024:>7.0f}{flag}")
    met = worst < TARGET_S
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")
    print(
        f"target: every page < {TARGET_S:.0f} s with {args.lots:,} more lots: "
        f"{'met' if met else 'NOT met'} (slowest {worst:.3f} s)"
    )
    base.engine.dispose()
    big.engine.dispose()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
