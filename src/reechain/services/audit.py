"""The audit trail: append a record inside the caller's unit of work; verify and show a stream."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from reechain.bootstrap import Container
from reechain.compliance.audit import (
    GENESIS,
    AuditRecord,
    Verification,
    canonical_json,
    record_hash,
    verify_chain,
)
from reechain.domain.errors import Conflict, InvalidInput, Problem
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables.compliance import AuditHeadRow, AuditRow
from reechain.store.uow import UnitOfWork

DEFAULT_STREAM = "compliance"
LOCK_TIMEOUT_MS = 5000
"""How long (PostgreSQL) an append waits for the stream's head lock before giving up with Conflict."""
_LOCK_NOT_AVAILABLE = "55P03"


def _read_only(uow: UnitOfWork) -> None:
    """This unit of work only reads: on SQLite it then does not queue behind writers."""
    uow.session.connection(execution_options={READ_ONLY_OPTION: True})


def _record(row: AuditRow) -> AuditRecord:
    return AuditRecord(
        stream=row.stream,
        seq=row.seq,
        recorded_at=row.recorded_at,
        actor=row.actor,
        action=row.action,
        payload=row.payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


_HEADS = cast(Table, AuditHeadRow.__table__)
_RECORDS = cast(Table, AuditRow.__table__)
# Built once: an append runs in every check, and building and keying a statement cost more CPU than the round
# trip it makes (Core statements, not ORM objects, for the same reason).
_HEAD = select(_HEADS.c.seq, _HEADS.c.hash).where(_HEADS.c.stream == bindparam("head_stream"))
_HEAD_FOR_UPDATE = _HEAD.with_for_update()
# A lock that is never released (a transaction left open, or a second connection of the same caller
# waiting on its own first one) must end in Conflict, not a hang. ``set_config(..., true)`` is ``SET LOCAL
# lock_timeout``; in the WHERE clause it is evaluated while the row is read, before FOR UPDATE waits for its
# lock, and costs no extra round trip (PostgreSQL only).
_HEAD_FOR_UPDATE_PG = _HEAD.where(
    func.set_config("lock_timeout", bindparam("lock_timeout", type_=String), True).is_not(None)
).with_for_update()
_NEW_HEAD = insert(_HEADS)
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.stream == bindparam("head_stream"))
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_NEW_RECORD = insert(_RECORDS)


def append(
    uow: UnitOfWork, *, actor: str, action: str, payload: dict[str, Any], stream: str = DEFAULT_STREAM
) -> AuditRecord:
    """Add the next record of ``stream``. Call it last before ``uow.commit()``.

    The stream's head row is locked first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite has one writer at a
    time), so concurrent appends queue up. Should two transactions still claim the same (stream, seq), the
    primary key refuses the later one at commit with Conflict, nothing half-written.
    """
    s = uow.session
    lock = _HEAD_FOR_UPDATE_PG if s.get_bind().dialect.name == "postgresql" else _HEAD_FOR_UPDATE
    try:
        head = s.execute(lock, {"head_stream": stream, "lock_timeout": f"{LOCK_TIMEOUT_MS}ms"}).first()
    except OperationalError as e:
        if getattr(e.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise Conflict(
                f"audit stream {stream!r} is locked by another transaction (waited {LOCK_TIMEOUT_MS} ms)"
            ) from None
        raise
    if head is None:
        last = s.execute(
            select(AuditRow.seq, AuditRow.hash)
            .where(AuditRow.stream == stream)
            .order_by(AuditRow.seq.desc())
            .limit(1)
        ).first()
        prev_seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    else:
        prev_seq, prev = int(head[0]), str(head[1])
    seq = prev_seq + 1
    recorded_at = datetime.now(UTC).isoformat(timespec="microseconds")
    body = canonical_json(payload)
    digest = record_hash(stream, seq, recorded_at, actor, action, body, prev)
    try:
        if head is None:
            s.execute(_NEW_HEAD, {"stream": stream, "seq": seq, "hash": digest})
        else:
            s.execute(_MOVE_HEAD, {"head_stream": stream, "new_seq": seq, "new_hash": digest})
        s.execute(
            _NEW_RECORD,
            {
                "stream": stream,
                "seq": seq,
                "recorded_at": recorded_at,
                "actor": actor,
                "action": action,
                "payload": body,
                "prev_hash": prev,
                "hash": digest,
            },
        )
    except IntegrityError as e:  # another transaction claimed (stream, seq) first: nothing is kept
        raise Conflict(f"audit stream {stream!r} was appended to concurrently; try again") from e
    return AuditRecord(stream, seq, recorded_at, actor, action, body, prev, digest)


def records(
    c: Container, *, stream: str = DEFAULT_STREAM, after_seq: int = 0, limit: int | None = None
) -> list[AuditRecord]:
    with c.uow() as uow:
        _read_only(uow)
        q = select(AuditRow).where(AuditRow.stream == stream, AuditRow.seq > after_seq).order_by(AuditRow.seq)
        if limit is not None:
            q = q.limit(limit)
        return [_record(r) for r in uow.session.scalars(q)]


def latest(c: Container, *, stream: str = DEFAULT_STREAM, limit: int = 50) -> list[AuditRecord]:
    """The newest ``limit`` records, newest first."""
    with c.uow() as uow:
        _read_only(uow)
        q = select(AuditRow).where(AuditRow.stream == stream).order_by(AuditRow.seq.desc()).limit(limit)
        return [_record(r) for r in uow.session.scalars(q)]


def streams(c: Container) -> list[str]:
    with c.uow() as uow:
        _read_only(uow)
        return list(uow.session.scalars(select(AuditRow.stream).distinct().order_by(AuditRow.stream)))


@dataclass(frozen=True)
class AuditHead:
    """Where a stream stood when an auditor noted it: written ``STREAM:SEQ:HASH`` (``reechain audit head``).

    Kept outside the database (the auditor's own records), it anchors the chain: records may be appended
    after it, but a verification against it fails if record SEQ is gone or differs, which a chain check
    alone cannot see when the whole stream and its head row were deleted."""

    stream: str
    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.stream}:{self.seq}:{self.hash}"

    @staticmethod
    def parse(text: str) -> AuditHead:
        parts = text.strip().rsplit(":", 2)
        if len(parts) != 3 or not parts[1].isdigit() or not _HEX64.fullmatch(parts[2]):
            raise InvalidInput(
                "bad audit head",
                [Problem("write it as STREAM:SEQ:HASH, as `reechain audit head` prints it", field="expect")],
            )
        return AuditHead(parts[0], int(parts[1]), parts[2])


_HEX64 = re.compile(r"[0-9a-f]{64}")


def head(c: Container, *, stream: str = DEFAULT_STREAM) -> AuditHead:
    """The verified head of ``stream`` (after recomputing the chain); Conflict if the chain is broken."""
    v = verify(c, stream=stream)
    if not v.ok:
        raise Conflict(f"audit stream {stream!r} is broken at seq {v.first_broken_seq}: {v.problem}")
    return AuditHead(stream, v.records, v.head)


def verify(c: Container, *, stream: str = DEFAULT_STREAM, expect: AuditHead | None = None) -> Verification:
    """Recompute the whole chain of ``stream`` in seq order (streamed, not loaded at once); with EXPECT (a
    head noted earlier outside the database), also check that the chain still holds that record."""
    v = _verify_chain(c, stream)
    if not v.ok or expect is None:
        return v
    if expect.stream != stream:
        raise InvalidInput(
            "audit head of another stream",
            [Problem(f"the head is of stream {expect.stream!r}, not {stream!r}", field="expect")],
        )
    if expect.seq == 0:
        return v
    with c.uow() as uow:
        _read_only(uow)
        found = uow.session.execute(
            select(AuditRow.hash).where(AuditRow.stream == stream, AuditRow.seq == expect.seq)
        ).scalar_one_or_none()
    if found is None:
        return Verification(
            False,
            v.records,
            v.head,
            expect.seq,
            f"record {expect.seq} of the noted head is missing: records were removed ({v.records} left)",
        )
    if found != expect.hash:
        return Verification(
            False,
            v.records,
            v.head,
            expect.seq,
            f"record {expect.seq} differs from the noted head (rewritten)",
        )
    return v


def _verify_chain(c: Container, stream: str) -> Verification:
    with c.uow() as uow:
        _read_only(uow)
        rows = uow.session.execute(
            select(AuditRow)
            .where(AuditRow.stream == stream)
            .order_by(AuditRow.seq)
            .execution_options(yield_per=1000)
        ).scalars()
        v = verify_chain(_record(r) for r in rows)
        head = uow.session.get(AuditHeadRow, stream)
        if v.ok and head is not None and (head.seq, head.hash) != (v.records, v.head):
            return Verification(
                False,
                v.records,
                v.head,
                v.records + 1,
                f"the stream's head is seq {head.seq}: records after seq {v.records} were removed",
            )
        return v
