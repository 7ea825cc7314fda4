"""A small HTTP/1.1 load generator on raw asyncio streams, for the API benchmarks.

httpx costs the generator about as much CPU per request as the server's own work for a trivial route, and the
benchmarks run the generator on the same cores as the server: measured with httpx, `GET /health` told more
about the client than about the server. This client writes each request as prebuilt bytes on a keep-alive
connection and reads the answer by its ``Content-Length`` (or chunks), nothing else: no cookies, redirects,
pools or header objects.

- ``closed_loop``: CONCURRENCY connections, each sending its next request when the last one was answered;
- ``open_loop``: requests due at fixed times (RATE per second), each latency measured from the time it was
  due, so a slow answer also counts against the ones queued behind it (no coordinated omission); a request
  that finds no idle connection opens a new one.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Request = tuple[str, str, Any]
"""(method, path, JSON body or None)."""


@dataclass
class Answer:
    status: int
    body: bytes


@dataclass
class Outcome:
    latencies_s: list[float] = field(default_factory=list)
    due_s: list[float] = field(default_factory=list)
    """open loop: when each request of ``latencies_s`` was due, in seconds from the start of the run"""
    done: int = 0
    errors: int = 0
    samples: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0

    def note(self, answer: Answer | BaseException, expect: int) -> None:
        if isinstance(answer, Answer) and answer.status == expect:
            self.done += 1
            return
        self.errors += 1
        if len(self.samples) < 3:
            text = f"{answer.status} {answer.body[:200]!r}" if isinstance(answer, Answer) else repr(answer)
            self.samples.append(text)


IDLE_REOPEN_S = 4.0
"""A keep-alive connection idle this long is opened afresh before its next request: uvicorn closes one
idle for 5 s (``timeout_keep_alive``), and a request sent as it does so is lost (IncompleteReadError). An
open loop takes the connection used last, so one opened in a burst may lie idle for seconds."""


class Connection:
    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self.fixed = "".join(f"{k}: {v}\r\n" for k, v in {"Host": f"{host}:{port}", **headers}.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = 0.0

    async def request(self, method: str, path: str, body: Any = None) -> Answer:
        if self.writer is not None and time.perf_counter() - self.used > IDLE_REOPEN_S:
            self.close()  # the server may be closing it right now: a request sent on it would find it shut
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        payload = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\n{self.fixed}"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        head += f"Content-Length: {len(payload)}\r\n\r\n"
        self.writer.write(head.encode("latin-1") + payload)
        try:
            answer = await self._answer(self.reader)
        except BaseException:
            self.close()
            raise
        self.used = time.perf_counter()
        return answer

    async def _answer(self, reader: asyncio.StreamReader) -> Answer:
        lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = 0, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        if chunked:
            parts = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append((await reader.readexactly(size + 2))[:-2])
            await reader.readuntil(b"\r\n")
            data = b"".join(parts)
        else:
            data = await reader.readexactly(length)
        if close:
            self.close()
        return Answer(status, data)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def closed_loop(
    host: str,
    port: int,
    make: Callable[[int], Request],
    expect: int,
    seconds: float,
    concurrency: int,
    headers: dict[str, str] | None = None,
) -> Outcome:
    """Answers with status EXPECT per second (``done / elapsed_s``), from CONCURRENCY keep-alive
    connections each sending its next request as soon as the last one was answered."""
    out = Outcome()
    counter = iter(range(10**9))
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        conn = Connection(host, port, headers or {})
        try:
            while time.perf_counter() < deadline:
                method, path, body = make(next(counter))
                t = time.perf_counter()
                try:
                    answer: Answer | BaseException = await conn.request(method, path, body)
                except (OSError, asyncio.IncompleteReadError, ValueError) as e:
                    answer = e
                out.latencies_s.append(time.perf_counter() - t)
                out.note(answer, expect)
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    out.elapsed_s = time.perf_counter() - started
    return out


async def open_loop(
    host: str,
    port: int,
    make: Callable[[int], Request],
    expect: int,
    rate: float,
    seconds: float,
    headers: dict[str, str] | None = None,
) -> Outcome:
    """RATE requests per second for SECONDS, each latency counted from the time the request was due."""
    out = Outcome()
    idle: list[Connection] = []
    n = int(rate * seconds)
    start = time.perf_counter() + 0.1

    async def one(i: int) -> None:
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        conn = idle.pop() if idle else Connection(host, port, headers or {})
        method, path, body = make(i)
        try:
            answer: Answer | BaseException = await conn.request(method, path, body)
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            answer = e
        out.latencies_s.append(time.perf_counter() - due)
        out.due_s.append(due - start)
        out.note(answer, expect)
        idle.append(conn)

    tasks = []
    for i in range(n):  # start each task shortly before it is due, not all n at once
        due = start + i / rate
        ahead = due - time.perf_counter() - 0.05
        if ahead > 0:
            await asyncio.sleep(ahead)
        tasks.append(asyncio.create_task(one(i)))
    await asyncio.gather(*tasks)
    out.elapsed_s = time.perf_counter() - start
    for conn in idle:
        conn.close()
    return out


def slow_spells(out: Outcome, over_s: float) -> str:
    """Where the requests slower than OVER_S fell in the run: how many, and the seconds they were due at
    (runs of them joined), e.g. ``12 slow: 3.1-3.4 s, 9.8 s`` — bursts, or spread evenly."""
    due = sorted(d for d, lat in zip(out.due_s, out.latencies_s, strict=True) if lat > over_s)
    if not due:
        return "0 slow"
    spells: list[list[float]] = [[due[0], due[0]]]
    for d in due[1:]:
        if d - spells[-1][1] <= 0.5:
            spells[-1][1] = d
        else:
            spells.append([d, d])
    shown = ", ".join(f"{a:.1f}-{b:.1f} s" if b > a else f"{a:.1f} s" for a, b in spells[:8])
    return f"{len(due)} slow: {shown}{' ...' if len(spells) > 8 else ''}"


def percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]
