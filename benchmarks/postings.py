"""Single postings through the API on PostgreSQL: how many receipts per second `reechain serve` takes.

One run, on a fresh PostgreSQL database with the sample group loaded:

- baseline A: the same receipt posted in process through the service (``ledger.post_movement``), one after
  another, no HTTP: what one process can do without the web layer;
- baseline B: ``GET /health`` through the same server (no database): the ceiling of the HTTP stack and of
  this load generator on this machine;
- ``POST /api/movements`` (bearer token, one receipt of a new lot, one transaction each) with
  ``reechain serve --workers 1`` and then ``--workers N`` (default 2), real uvicorn worker processes on
  loopback, closed loop with ``--concurrency`` requests in flight.

The load generator is ``loadgen.py`` (raw asyncio HTTP/1.1 on keep-alive connections), for the baseline and
the postings alike. It runs on the same cores as the server, so it must cost little: httpx spent about 3.8 ms
of CPU per request, more than the server's whole ``GET /health``, and capped that baseline near 200-275/s.
Every figure comes with the CPU it cost per request: the server's (``reechain serve`` and its workers, from
``/proc``; PostgreSQL's backends not included) and the generator's own.

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
from loadgen import Outcome, closed_loop, percentile

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


def measured(
    port: int,
    server_pid: int,
    make: Callable[[int], tuple[str, str, Any]],
    expect: int,
    seconds: float,
    concurrency: int,
    headers: dict[str, str],
) -> tuple[Outcome, float, float]:
    """A closed-loop run, the server's CPU ms per request and the load generator's CPU ms per request."""
    cpu0, own0 = tree_cpu_s(server_pid), time.process_time()
    out = asyncio.run(closed_loop("127.0.0.1", port, make, expect, seconds, concurrency, headers))
    n = max(out.done + out.errors, 1)
    return out, (tree_cpu_s(server_pid) - cpu0) * 1000 / n, (time.process_time() - own0) * 1000 / n


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
        try:
            run_id = os.urandom(3).hex()
            if workers == args.workers:
                health, cpu_ms, own_ms = measured(
                    port,
                    server.pid,
                    lambda i: ("GET", "/health", None),
                    200,
                    args.seconds / 3,
                    args.concurrency,
                    {},
                )
                print(
                    f"baseline B, GET /health, {workers} worker(s):             "
                    f"{health.done / health.elapsed_s:8.1f} requests/s, server CPU {cpu_ms:.2f} ms "
                    f"per request, load generator CPU {own_ms:.2f} ms per request, {health.errors} errors"
                )

            def post(i: int, run_id: str = run_id) -> tuple[str, str, dict[str, Any]]:
                return "POST", "/api/movements", receipt(product, warehouse, f"API-{run_id}-{i}")

            measured(port, server.pid, post, 201, 2.0, args.concurrency, auth)  # warm-up
            out, server_cpu_ms, own_ms = measured(
                port, server.pid, post, 201, args.seconds, args.concurrency, auth
            )
            rate = out.done / out.elapsed_s
        finally:
            server.terminate()
            server.wait(timeout=60)
        results[workers] = rate
        print(
            f"POST /api/movements, {workers} worker(s), {args.concurrency} in flight: "
            f"{rate:8.1f} postings/s, "
            f"server CPU {server_cpu_ms:.2f} ms per posting, load generator CPU {own_ms:.2f} ms, "
            f"p50 {percentile(out.latencies_s, 0.5) * 1000:.1f} ms, "
            f"{out.errors} errors {out.samples[:1]}"
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
