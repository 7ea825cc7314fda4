"""Single postings through the API on PostgreSQL: how many receipts per second `reechain serve` takes.

One run, on a fresh PostgreSQL database with the sample group loaded:

- baseline A: the same receipt posted in process through the service (``ledger.post_movement``), one after
  another, no HTTP: what one process can do without the web layer;
- baseline B: ``GET /health`` through the same server (no database): the ceiling of the HTTP stack and of
  this load generator on this machine;
- ``POST /api/movements`` (bearer token, one receipt of a new lot, one transaction each) with
  ``reechain serve --workers 1`` and then ``--workers N`` (default 2), real uvicorn worker processes on
  loopback, closed loop with ``--concurrency`` requests in flight.

Usage: ``.venv/bin/python benchmarks/postings.py [--seconds 15] [--workers 2] [--concurrency 32]``.
Target: at least 300 postings/s with 2 workers; the script exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from api import free_port, fresh_pg_database, prepare

TARGET_PER_S = 300.0
REECHAIN = str(Path(sys.executable).parent / "reechain")


def receipt(product: str, warehouse: str, lot: str) -> dict[str, Any]:
    return {
        "kind": "receipt",
        "occurred_on": "2026-12-30",
        "lot": lot,
        "product": product,
        "quantity_t": 1.0,
        "to_location": warehouse,
        "source": "purchase",
    }


def in_process_rate(url: str, product: str, warehouse: str, seconds: float) -> float:
    from reechain.bootstrap import bootstrap
    from reechain.domain.movements import MovementInput, MovementKind, ReceiptSource
    from reechain.services import ledger
    from reechain.settings import Settings

    c = bootstrap(Settings(database_url=url), run_migrations=False)
    run_id = os.urandom(3).hex()
    n = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        from datetime import date

        ledger.post_movement(
            c,
            MovementInput(
                kind=MovementKind.RECEIPT,
                occurred_on=date(2026, 12, 30),
                lot=f"INPROC-{run_id}-{n}",
                product=product,
                quantity_t=1.0,
                to_location=warehouse,
                source=ReceiptSource.PURCHASE,
                posted_by="bench",
            ),
        )
        n += 1
    rate = n / (time.perf_counter() - started)
    c.engine.dispose()
    return rate


async def closed_loop(
    base: str,
    make: Callable[[int], tuple[str, str, dict[str, Any]]],
    expect: int,
    seconds: float,
    concurrency: int,
) -> tuple[float, int, list[str]]:
    """Requests per second answered with EXPECT, errors, and a few error samples."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    done = errors = 0
    samples: list[str] = []
    counter = iter(range(10**9))
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal done, errors
            while time.perf_counter() < deadline:
                method, path, kwargs = make(next(counter))
                try:
                    r = await client.request(method, path, **kwargs)
                    if r.status_code == expect:
                        done += 1
                    else:
                        errors += 1
                        if len(samples) < 3:
                            samples.append(f"{r.status_code} {r.text[:200]}")
                except httpx.HTTPError as e:
                    errors += 1
                    if len(samples) < 3:
                        samples.append(repr(e))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return done / elapsed, errors, samples


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and all its descendants, from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(p, []))
    return total


def serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REECHAIN_")}
    env.update(REECHAIN_DATABASE_URL=url, REECHAIN_SECRET_KEY=os.urandom(24).hex())
    server = subprocess.Popen(
        [REECHAIN, "serve", "--port", str(port), "--workers", str(workers), "--log-level", "warning"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    url = fresh_pg_database(os.environ.get("REECHAIN_BENCH_POSTINGS_DB", "reechain_bench_postings"))
    token, product, warehouse = prepare(url)
    auth = {"Authorization": f"Bearer {token}"}
    print(
        f"postings benchmark on PostgreSQL, {os.cpu_count()} CPUs, "
        f"load average before {os.getloadavg()[0]:.1f}"
    )
    c0 = time.process_time()
    base_rate = in_process_rate(url, product, warehouse, args.seconds)
    cpu_ms = (time.process_time() - c0) * 1000 / max(base_rate * args.seconds, 1)
    print(
        f"baseline A, in process (service, no HTTP, 1 thread): {base_rate:8.1f} postings/s "
        f"({1000 / base_rate:.1f} ms wall, {cpu_ms:.1f} ms CPU of this process per posting)"
    )
    results: dict[int, float] = {}
    for workers in sorted({1, args.workers}):
        port = free_port()
        server = serve(url, port, workers)
        base = f"http://127.0.0.1:{port}"
        try:
            run_id = os.urandom(3).hex()
            if workers == args.workers:
                health, _, _ = asyncio.run(
                    closed_loop(
                        base, lambda i: ("GET", "/health", {}), 200, args.seconds / 3, args.concurrency
                    )
                )
                print(f"baseline B, GET /health, {workers} worker(s):             {health:8.1f} requests/s")

            def post(i: int, run_id: str = run_id) -> tuple[str, str, dict[str, Any]]:
                body = receipt(product, warehouse, f"API-{run_id}-{i}")
                return "POST", "/api/movements", {"json": body, "headers": auth}

            asyncio.run(closed_loop(base, post, 201, 2.0, args.concurrency))  # warm-up
            cpu0 = tree_cpu_s(server.pid)
            rate, errors, samples = asyncio.run(closed_loop(base, post, 201, args.seconds, args.concurrency))
            server_cpu_ms = (tree_cpu_s(server.pid) - cpu0) * 1000 / max(rate * args.seconds, 1)
        finally:
            server.terminate()
            server.wait(timeout=60)
        results[workers] = rate
        print(
            f"POST /api/movements, {workers} worker(s), {args.concurrency} in flight: "
            f"{rate:8.1f} postings/s, "
            f"server CPU {server_cpu_ms:.1f} ms per posting, "
            f"{errors} errors {samples[:1]}"
        )
    best = results[args.workers]
    print(
        f"ratio API with {args.workers} workers / in process: {best / base_rate:.2f}; "
        f"load average after {os.getloadavg()[0]:.1f}"
    )
    if best < TARGET_PER_S:
        print(f"TARGET MISSED: {best:.1f} < {TARGET_PER_S:.0f} postings/s with {args.workers} workers")
        return 1
    print("target met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
