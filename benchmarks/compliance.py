"""Order compliance check through the REST API: latency at a fixed arrival rate, loopback.

Target (DESIGN.md): p99 < 50 ms at 100 requests/s. The server runs in its own process (uvicorn, 2 workers) on
PostgreSQL with the packaged sample lists loaded (about 30,000 entries). Requests arrive open-loop at RATE per
second; each latency is measured from the moment the request was due, so a slow answer also delays the ones
queued behind it (no coordinated omission). Baseline in the same run: the same check called in-process
(service function, no HTTP), and a trivial authenticated GET through the same server.

    .venv/bin/python benchmarks/compliance.py [--rate 100] [--seconds 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import create_engine, event, text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "order_dy_japan.json"
PG_ADMIN = os.environ.get("REECHAIN_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def make_app() -> object:
    from reechain.api.app import create_app
    from reechain.bootstrap import bootstrap
    from reechain.settings import Settings

    return create_app(bootstrap(Settings(), run_migrations=False))


def serve(url: str, port: int, workers: int) -> None:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ["REECHAIN_DATABASE_URL"] = url
    sys.path.insert(0, str(Path(__file__).parent))  # what uvicorn.run's app_dir does
    config = uvicorn.Config(
        "compliance:make_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
    if workers == 1:
        uvicorn.Server(config).run()
        return
    # With several workers uvicorn binds the socket itself as socket.socket(AF_INET) (proto 0), and asyncio
    # then leaves TCP_NODELAY off on accepted connections: every response waits ~40 ms for the client's
    # delayed ACK (Nagle). A socket made with proto IPPROTO_TCP gets TCP_NODELAY like a single worker's.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()


def open_loop(
    client: httpx.Client, method: str, path: str, body: object, rate: float, seconds: float
) -> list[float]:
    n = int(rate * seconds)
    start = time.perf_counter() + 0.2
    lat: list[float] = []
    lock = threading.Lock()
    errors: list[int] = []

    def one(i: int) -> None:
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        r = client.request(method, path, json=body) if body is not None else client.request(method, path)
        done = time.perf_counter()
        with lock:
            lat.append(done - due)
            if r.status_code >= 400:
                errors.append(r.status_code)

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(one, range(n)))
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. HTTP {errors[0]}")
    return lat


def fresh_post(base: str, headers: dict[str, str], order: object) -> httpx.Response:
    with httpx.Client(base_url=base, headers=headers, timeout=180.0) as one:
        return one.post("/api/compliance/check", json=order)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    args = ap.parse_args()

    from reechain.bootstrap import bootstrap
    from reechain.domain.roles import Role
    from reechain.services import auth, compliance, screening
    from reechain.settings import Settings

    name = f"reechain_bench_compliance_{uuid.uuid4().hex[:6]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    proc = None
    try:
        c = bootstrap(Settings(database_url=url))
        t0 = time.perf_counter()
        reports = screening.load_sample_lists(c)
        entries = sum(r.entries for r in reports)
        print(f"loaded {len(reports)} sample lists, {entries} entries in {time.perf_counter() - t0:.1f} s")
        auth.create_user(c, "bench", [Role.COMPLIANCE_OFFICER], "bench-password-1")
        token = auth.issue_token(c, "bench")
        order = json.loads(EXAMPLE.read_text(encoding="utf-8"))

        compliance.check_order(c, order, actor="bench")  # builds the screener once
        statements: list[str] = []

        def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
            statements.append(statement)

        event.listen(c.engine, "before_cursor_execute", count)
        compliance.check_order(c, order, actor="bench")
        event.remove(c.engine, "before_cursor_execute", count)
        inproc = []
        for _ in range(200):
            t = time.perf_counter()
            compliance.check_order(c, order, actor="bench")
            inproc.append(time.perf_counter() - t)

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", url, str(port), str(args.workers)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(
            base_url=base, headers=headers, timeout=180.0, limits=httpx.Limits(max_connections=64)
        ) as client:
            deadline = time.monotonic() + 180
            while True:
                try:
                    if client.get("/api/me").status_code == 200:
                        break
                except httpx.TransportError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                time.sleep(0.2)
            # warm-up: every worker process builds its screener; new connections reach every worker
            for _ in range(4 * args.workers):
                with ThreadPoolExecutor(max_workers=8) as pool:
                    for r in pool.map(lambda _: fresh_post(base, headers, order), range(8)):
                        r.raise_for_status()
            trivial = open_loop(client, "GET", "/api/me", None, args.rate, min(args.seconds, 10.0))
            checks = open_loop(client, "POST", "/api/compliance/check", order, args.rate, args.seconds)
        ms = 1000.0
        print(f"SQL statements per in-process check (BEGIN/COMMIT not counted): {len(statements)}")
        print(
            f"in-process check_order (baseline): median {statistics.median(inproc) * ms:.1f} ms, "
            f"p99 {pct(inproc, 0.99) * ms:.1f} ms over {len(inproc)} calls"
        )
        print(f"server: {args.workers} uvicorn worker process(es); load average {os.getloadavg()}")
        print(
            f"GET /api/me at {args.rate:g}/s (baseline): p50 {pct(trivial, 0.5) * ms:.1f} ms, "
            f"p99 {pct(trivial, 0.99) * ms:.1f} ms"
        )
        p99 = pct(checks, 0.99)
        print(
            f"POST /api/compliance/check at {args.rate:g}/s for {args.seconds:g} s ({len(checks)} requests): "
            f"p50 {pct(checks, 0.5) * ms:.1f} ms, p95 {pct(checks, 0.95) * ms:.1f} ms, "
            f"p99 {p99 * ms:.1f} ms, max {max(checks) * ms:.1f} ms"
        )
        print(
            f"ratio API p99 / in-process median: {p99 / statistics.median(inproc):.1f}x; "
            f"target p99 < 50 ms: {'met' if p99 < 0.050 else 'NOT met'}"
        )
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
