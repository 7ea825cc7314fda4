"""`reechain serve` on a real PostgreSQL database, in its own processes, as in production."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from conftest import create_pg_database, drop_pg_database
from reechain.api.serving import listening_socket

REECHAIN = str(Path(sys.executable).parent / "reechain")
SECRET = "s" * 40

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"reechain_serve_{uuid.uuid4().hex[:8]}"
    yield create_pg_database(name)
    drop_pg_database(name)


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REECHAIN_")}
    env.update(REECHAIN_DATABASE_URL=url, REECHAIN_SECRET_KEY=SECRET, **extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_with_two_workers_answers_health_and_has_no_demo_users(pg_url: str, tmp_path: Path) -> None:
    init = subprocess.run([REECHAIN, "init"], env=_env(pg_url), capture_output=True, text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [REECHAIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=_env(pg_url),
        stderr=log,
        stdout=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600  # worker start-up is slow on a busy machine
        while True:
            try:
                health = httpx.get(f"{base}/api/health", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert health.status_code == 200
        assert health.json() == {
            "status": "ok",
            "database": "postgresql",
            "database_ok": True,
            "version": "0.1.0",
        }
        assert httpx.get(f"{base}/health").json() == {"status": "ok"}
        # No demo login was created: nobody can log in, and the users table is empty.
        assert httpx.get(f"{base}/api/me").status_code == 401
        engine = create_engine(pg_url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM users")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM ledger_movements")).scalar_one() == 0
        engine.dispose()
    finally:
        server.terminate()
        server.wait(timeout=120)
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "serve.log").read_text().splitlines() if line.strip()]
    requests = [e for e in lines if e["logger"] == "reechain.access"]
    assert any(e["path"] == "/api/health" and e["status"] == 200 for e in requests), lines
    assert all({"time", "level", "method", "duration_ms"} <= e.keys() for e in requests)


def test_serve_refuses_the_default_secret_key_and_an_unmigrated_database(pg_url: str) -> None:
    env = _env(pg_url)
    env.pop("REECHAIN_SECRET_KEY")
    refused = subprocess.run([REECHAIN, "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert "REECHAIN_SECRET_KEY" in refused.stderr
    unmigrated = subprocess.run(
        [REECHAIN, "serve"], env=_env(pg_url), capture_output=True, text=True, timeout=60
    )
    assert unmigrated.returncode == 2
    assert "reechain init" in unmigrated.stderr


def _nodelay_of_accepted_connection(sock: socket.socket) -> int:
    async def run() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_connect(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            conn = writer.get_extra_info("socket")
            seen.set_result(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=sock)
        port = sock.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        value = await asyncio.wait_for(seen, 5)
        writer.close()
        server.close()
        return value

    return asyncio.run(run())


def test_the_served_socket_gives_connections_tcp_nodelay() -> None:
    """Connections accepted on the socket `serve` binds get TCP_NODELAY; uvicorn's own (protocol 0) not."""
    ours = listening_socket("127.0.0.1", 0)
    assert _nodelay_of_accepted_connection(ours) != 0
    plain = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # what uvicorn binds with several workers
    plain.bind(("127.0.0.1", 0))
    assert _nodelay_of_accepted_connection(plain) == 0
