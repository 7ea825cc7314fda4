"""API latency at a steady request rate on loopback, against a real uvicorn server.

Open loop: request i is due at t0 + i / rate whatever the previous answers did, and its latency is counted
from that due time (so queueing behind a slow answer is included, not hidden). Three endpoints, each for the
same duration and rate, one after another on the same server:

- baseline: ``GET /health`` (no database, no authentication): the cost of the HTTP stack and the client;
- read: ``GET /api/stock?by=element`` (bearer token, stock of the sample group summed from the ledger);
- write: ``POST /api/movements`` (bearer token, a receipt of a new lot, one transaction, with the role check).

Usage: ``python benchmarks/api.py [--rate 100] [--seconds 10] [--database-url URL]``
(default: a fresh SQLite file with the sample group; ``--postgres`` for a fresh PostgreSQL database).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

SERVER_CODE = """
import sys, uvicorn
from reechain.api.app import create_app
from reechain.bootstrap import bootstrap
from reechain.settings import Settings
c = bootstrap(Settings(database_url=sys.argv[1]), run_migrations=False)
uvicorn.run(create_app(c), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


@dataclass
class Run:
    name: str
    latencies_ms: list[float]
    errors: int
    duration_s: float
    error_samples: list[str]

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, round(q / 100 * (len(xs) - 1)))]

    def row(self) -> str:
        return (
            f"{self.name:<34} {len(self.latencies_ms) / self.duration_s:7.1f} {self.pct(50):8.2f} "
            f"{self.pct(95):8.2f} {self.pct(99):8.2f} {max(self.latencies_ms):8.2f} "
            f"{statistics.fmean(self.latencies_ms):8.2f} {self.errors:6d}"
        )


PG_ADMIN_URL = os.environ.get(
    "REECHAIN_BENCH_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def fresh_pg_database(name: str) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(database_url: str) -> tuple[str, str, str]:
    """Migrate, load the sample group, make a user and token; pick a product and a warehouse for receipts."""
    from reechain.bootstrap import bootstrap
    from reechain.domain.roles import Role
    from reechain.services import auth, ledger
    from reechain.services.sample import load_sample_group
    from reechain.settings import Settings

    c = bootstrap(Settings(database_url=database_url))
    load_sample_group(c)
    if "bench" not in {u.username for u in auth.list_users(c)}:
        auth.create_user(c, "bench", [Role.INVENTORY_CONTROLLER], "bench-password")
    token = auth.issue_token(c, "bench", "benchmark")
    product = next(p.code for p in ledger.list_products(c) if p.form == "oxide")
    warehouse = next(loc.code for loc in ledger.list_locations(c) if loc.kind == "warehouse")
    c.engine.dispose()
    return token, product, warehouse


async def steady(
    client: httpx.AsyncClient, name: str, rate: float, seconds: float, make: Any, expect: int
) -> Run:
    n = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    samples: list[str] = []
    t0 = time.perf_counter() + 0.05

    async def one(i: int) -> None:
        nonlocal errors
        due = t0 + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        method, path, kwargs = make(i)
        try:
            r = await client.request(method, path, **kwargs)
            ok = r.status_code == expect
            if not ok:
                samples.append(f"{r.status_code} {r.text[:200]}")
        except httpx.HTTPError as e:
            ok = False
            samples.append(repr(e))
        latencies.append((time.perf_counter() - due) * 1000)
        errors += not ok

    await asyncio.gather(*(one(i) for i in range(n)))
    return Run(name, latencies, errors, time.perf_counter() - t0, samples)


async def measure(
    base: str, token: str, product: str, warehouse: str, rate: float, seconds: float
) -> list[Run]:
    auth = {"Authorization": f"Bearer {token}"}
    run_id = os.urandom(3).hex()
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for _ in range(50):  # warm-up: connections, caches, first queries
            await client.get("/api/stock", headers=auth)
        baseline = await steady(
            client, "baseline GET /health", rate, seconds, lambda i: ("GET", "/health", {}), 200
        )
        read = await steady(
            client,
            "read GET /api/stock?by=element",
            rate,
            seconds,
            lambda i: ("GET", "/api/stock", {"params": {"by": "element"}, "headers": auth}),
            200,
        )

        def receipt(i: int) -> tuple[str, str, dict[str, Any]]:
            body = {
                "kind": "receipt",
                "occurred_on": "2026-12-30",
                "lot": f"BENCH-{run_id}-{i}",
                "product": product,
                "quantity_t": 1.0,
                "to_location": warehouse,
                "source": "purchase",
            }
            return "POST", "/api/movements", {"json": body, "headers": auth}

        write = await steady(client, "write POST /api/movements", rate, seconds, receipt, 201)
    return [baseline, read, write]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--database-url", default=None, help="an empty database (default: a new SQLite file)")
    parser.add_argument(
        "--postgres", action="store_true", help=f"a fresh database on the PostgreSQL server {PG_ADMIN_URL}"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        if args.postgres:
            url = fresh_pg_database("reechain_bench_api")
        token, product, warehouse = prepare(url)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER_CODE, url, str(port)])
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            runs = asyncio.run(measure(base, token, product, warehouse, args.rate, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
    backend = url.split(":", 1)[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"API latency, open loop at {args.rate:g} req/s for {args.seconds:g} s each, loopback, {backend}")
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at the end")
    heads = ("req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean")
    print(f"{'endpoint':<34} {heads[0]:>7} " + " ".join(f"{h:>8}" for h in heads[1:]) + f" {'errors':>6}")
    for r in runs:
        print(r.row())
    base_p50 = runs[0].pct(50)
    for r in runs[1:]:
        p50_ratio, p99_ratio = r.pct(50) / base_p50, r.pct(99) / runs[0].pct(99)
        print(f"{r.name}: p50 = {p50_ratio:.1f} x baseline, p99 = {p99_ratio:.1f} x baseline")
    for r in runs:
        for sample in sorted(set(r.error_samples))[:5]:
            print(f"  {r.name} error: {sample}")
    if any(r.errors for r in runs):
        sys.exit("some requests failed")


if __name__ == "__main__":
    main()
