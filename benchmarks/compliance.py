"""Order compliance check through the REST API: latency at a fixed arrival rate, loopback.

Target (DESIGN.md): p99 < 50 ms at 100 requests/s. The server runs in its own process (uvicorn, 2 workers) on
PostgreSQL with the packaged sample lists loaded (about 22,000 entries). Requests arrive open-loop at RATE per
second; each latency is measured from the moment the request was due, so a slow answer also delays the ones
queued behind it (no coordinated omission). Two mixes, each run through the API and in-process:

- ``repeat``: every request is the example order (its 3 distinct parties are screened once, then cached);
- ``fresh``: FRESH_SHARE of the requests carry an end user and a forwarder never screened before (names made
  of common Chinese surnames, given names and firm words, numbered so no two repeat), the rest repeat.

Baselines in the same run: the same checks called in-process (service function, no HTTP), and a trivial
authenticated GET through the same server. Each figure comes with the CPU it cost: in process
``time.process_time`` per check, for the server the CPU seconds of its worker processes (``/proc``) per
request.
Every worker warms up (``services.compliance.warm_up``: screening index, dictionaries, rules) before it takes
requests, and the load starts only when all of them have said so (a marker file each; up to 15 minutes on a
loaded machine). Exits 1 when a mix misses the target.

    .venv/bin/python benchmarks/compliance.py [--rate 100] [--seconds 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import create_engine, event, text

sys.path.insert(0, str(Path(__file__).parent))
import loadgen

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "examples" / "order_dy_japan.json"
PG_ADMIN = os.environ.get("REECHAIN_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


FRESH_SHARE = 0.9
SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
]
GIVEN = [
    "Wei",
    "Fang",
    "Min",
    "Jing",
    "Lei",
    "Qiang",
    "Yan",
    "Jun",
    "Hui",
    "Ping",
    "Gang",
    "Xin",
    "Tao",
    "Bo",
]
FIRM = ["Trading", "Materials", "Magnetics", "Logistics", "Technology", "Industrial", "Import Export"]


def fresh_order(order: dict, i: int) -> dict:  # type: ignore[type-arg]
    """The example order with an end user (a person) and a forwarder (a firm) nobody screened before."""
    person = f"{SURNAMES[i % 14]} {GIVEN[(i // 14) % 14]}{GIVEN[(i // 196) % 14].lower()} {i}"
    firm = f"{GIVEN[i % 14]}{GIVEN[(i // 14) % 14].lower()} {FIRM[i % 7]} No. {i} Co., Ltd."
    parties = []
    for p in order["parties"]:
        if p["role"] == "end_user":
            p = {**p, "name": person, "schema": "Person"}
        elif p["role"] == "forwarder":
            p = {**p, "name": firm}
        parties.append(p)
    return {**order, "order_id": f"BENCH-{i}", "parties": parties}


def bodies(order: dict, mix: str, offset: int) -> object:  # type: ignore[type-arg]
    """Request ``i``'s body: always the example (``repeat``), or FRESH_SHARE new parties (``fresh``)."""

    def body(i: int) -> dict:  # type: ignore[type-arg]
        if mix == "fresh" and (i % 10) < FRESH_SHARE * 10:
            return fresh_order(order, offset + i)
        return order

    return body


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


READY_DIR = "REECHAIN_BENCH_READY_DIR"
TOKEN: list[str] = []  # the bench user's API token, once made


def make_app() -> object:
    """One worker's application, built and warmed up by ``reechain serve``'s own factory (its warm-up and
    ``gc.freeze`` included); then it leaves a marker file."""
    from reechain.api.serving import app_from_environment

    started = time.perf_counter()
    app = app_from_environment()
    took = time.perf_counter() - started
    ready = os.environ.get(READY_DIR)
    if ready:
        _note_slow_collections(Path(ready) / f"gc-{os.getpid()}")
        (Path(ready) / f"worker-{os.getpid()}").write_text(f"{took:.2f}\n")
    return app


def _note_slow_collections(path: Path, over_s: float = 0.005) -> None:
    """Append to PATH every garbage collection of this worker that took longer than OVER_S (generation,
    milliseconds): whether the collector is behind the slow requests."""
    import gc

    began: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[:] = [time.perf_counter()]
        elif began and (took := time.perf_counter() - began[0]) > over_s:
            with path.open("a") as f:
                f.write(f"{info['generation']} {took * 1000:.1f}\n")

    gc.callbacks.append(callback)


def slow_collections(ready_dir: str, pattern: str = "gc-*") -> str:
    """The workers' collections over 5 ms so far (``pattern``: the load generator's, ``loadgen-gc``): how
    many, per generation, and the longest."""
    rows = [line.split() for f in Path(ready_dir).glob(pattern) for line in f.read_text().splitlines()]
    if not rows:
        return "none over 5 ms"
    per_gen = {g: sum(1 for r in rows if r[0] == g) for g in sorted({r[0] for r in rows})}
    longest = max(float(r[1]) for r in rows)
    return f"{len(rows)} over 5 ms (by generation {per_gen}), longest {longest:.1f} ms"


def children_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by the direct children of ``pid`` (the uvicorn workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # fields[1] is the parent pid; utime, stime are fields 11 and 12 after ")"
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


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
        # A worker answers the supervisor's ping only once its application is built and warmed up; uvicorn's
        # 5 s default would kill and restart it forever on a loaded machine (as ``reechain serve`` does).
        timeout_worker_healthcheck=900,
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


SPELLS: dict[str, str] = {}  # path and mix -> where the requests over 50 ms fell in the run


def open_loop(port: int, method: str, path: str, body: object, rate: float, seconds: float) -> list[float]:
    """``body``: None, a JSON value, or a function of the request's number giving its JSON value. Runs the
    asyncio generator of ``loadgen.py`` (one thread, prebuilt requests on keep-alive connections): the
    threads and httpx of before cost the generator several ms of CPU per request on the server's cores,
    and a thread woken late sent its request late, which counted as the server's latency."""
    make = (lambda i: (method, path, body(i))) if callable(body) else (lambda i: (method, path, body))
    out = asyncio.run(
        loadgen.open_loop(
            "127.0.0.1", port, make, 200, rate, seconds, {"Authorization": f"Bearer {TOKEN[0]}"}
        )
    )
    if out.errors:
        raise SystemExit(f"{out.errors} requests failed, e.g. {out.samples[:1]}")
    SPELLS[f"{method} {path} {len(SPELLS)}"] = loadgen.slow_spells(out, 0.050)
    return out.latencies_s


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

    print(f"load average at the start {os.getloadavg()}")
    name = f"reechain_bench_compliance_{uuid.uuid4().hex[:6]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    proc = None
    exit_code = 0
    try:
        c = bootstrap(Settings(database_url=url))
        t0 = time.perf_counter()
        reports = screening.load_sample_lists(c)
        entries = sum(r.entries for r in reports)
        print(f"loaded {len(reports)} sample lists, {entries} entries in {time.perf_counter() - t0:.1f} s")
        auth.create_user(c, "bench", [Role.COMPLIANCE_OFFICER], "bench-password-1")
        token = auth.issue_token(c, "bench")
        TOKEN.append(token)
        order = json.loads(EXAMPLE.read_text(encoding="utf-8"))

        compliance.check_order(c, order, actor="bench")  # builds the screener once
        statements: list[str] = []

        def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
            statements.append(statement)

        event.listen(c.engine, "before_cursor_execute", count)
        compliance.check_order(c, order, actor="bench")
        event.remove(c.engine, "before_cursor_execute", count)
        inproc: dict[str, list[float]] = {}
        inproc_cpu: dict[str, float] = {}
        for mix, offset in (("repeat", 0), ("fresh", 1_000_000)):
            body = bodies(order, mix, offset)
            inproc[mix] = []
            cpu = time.process_time()
            for i in range(200):
                t = time.perf_counter()
                compliance.check_order(c, body(i), actor="bench")  # type: ignore[operator]
                inproc[mix].append(time.perf_counter() - t)
            inproc_cpu[mix] = (time.process_time() - cpu) / 200

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        ready_dir = tempfile.mkdtemp(prefix="reechain-bench-ready-")
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", url, str(port), str(args.workers)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), READY_DIR: ready_dir},
        )
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(
            base_url=base, headers=headers, timeout=180.0, limits=httpx.Limits(max_connections=64)
        ) as client:
            deadline = time.monotonic() + 900  # a loaded machine starts slowly: every worker builds its index
            while len(list(Path(ready_dir).glob("worker-*"))) < args.workers:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the server's workers did not all warm up within 900 s")
                time.sleep(0.5)
            while True:
                try:
                    if client.get("/api/me").status_code == 200:
                        break
                except httpx.TransportError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                time.sleep(0.2)
            warm = [float(f.read_text()) for f in Path(ready_dir).glob("worker-*")]
            print(
                f"server ready after {time.monotonic() - started:.1f} s; worker warm-up "
                + ", ".join(f"{w:.1f} s" for w in sorted(warm))
            )
            # a few requests per worker (connections, the token cache, the parties' hit cache)
            for _ in range(2 * args.workers):
                with ThreadPoolExecutor(max_workers=8) as pool:
                    for r in pool.map(lambda _: fresh_post(base, headers, order), range(8)):
                        r.raise_for_status()
            # The load generator's own collections would stall every request in flight: this process also
            # holds the in-process baseline's screener and caches, which it keeps but no longer changes.
            gc.collect()
            gc.freeze()
            _note_slow_collections(Path(ready_dir) / "loadgen-gc")
            own0 = time.process_time()
            trivial = open_loop(port, "GET", "/api/me", None, args.rate, min(args.seconds, 10.0))
            own_trivial = (time.process_time() - own0) / len(trivial)
            checks: dict[str, list[float]] = {}
            server_cpu: dict[str, float] = {}
            own_cpu: dict[str, float] = {}
            for mix, offset in (("repeat", 0), ("fresh", 2_000_000)):
                before, own0 = children_cpu_s(proc.pid), time.process_time()
                checks[mix] = open_loop(
                    port, "POST", "/api/compliance/check", bodies(order, mix, offset), args.rate, args.seconds
                )
                server_cpu[mix] = (children_cpu_s(proc.pid) - before) / len(checks[mix])
                own_cpu[mix] = (time.process_time() - own0) / len(checks[mix])
        ms = 1000.0
        print(f"SQL statements per in-process check (BEGIN/COMMIT not counted): {len(statements)}")
        print(f"server: {args.workers} uvicorn worker process(es); load average {os.getloadavg()}")
        print(
            f"GET /api/me at {args.rate:g}/s (baseline): p50 {pct(trivial, 0.5) * ms:.1f} ms, "
            f"p99 {pct(trivial, 0.99) * ms:.1f} ms; load generator CPU {own_trivial * ms:.2f} ms per request"
        )
        missed = []
        for mix, lat in checks.items():
            base = inproc[mix]
            print(
                f"[{mix}] in-process check_order (baseline): median {statistics.median(base) * ms:.1f} ms, "
                f"p99 {pct(base, 0.99) * ms:.1f} ms over {len(base)} calls; "
                f"CPU {inproc_cpu[mix] * ms:.2f} ms per check"
            )
            p99 = pct(lat, 0.99)
            print(
                f"[{mix}] POST /api/compliance/check at {args.rate:g}/s for {args.seconds:g} s "
                f"({len(lat)} requests): p50 {pct(lat, 0.5) * ms:.1f} ms, p95 {pct(lat, 0.95) * ms:.1f} ms, "
                f"p99 {p99 * ms:.1f} ms, max {max(lat) * ms:.1f} ms; "
                f"ratio API p99 / in-process median {p99 / statistics.median(base):.1f}x; "
                f"server CPU {server_cpu[mix] * ms:.2f} ms per request (workers, not PostgreSQL), "
                f"load generator CPU {own_cpu[mix] * ms:.2f} ms; "
                f"target p99 < 50 ms: {'met' if p99 < 0.050 else 'NOT met'}"
            )
            if p99 >= 0.050:
                missed.append(mix)
        print(f"the workers' garbage collections during the whole run: {slow_collections(ready_dir)}")
        print(f"the load generator's, during the runs: {slow_collections(ready_dir, 'loadgen-gc')}")
        for run, spells in SPELLS.items():
            print(f"requests over 50 ms, by the second of the run they were due in ({run}): {spells}")
        print(f"load average at the end {os.getloadavg()}")
        if missed:
            exit_code = 1
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
    raise SystemExit(exit_code)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
