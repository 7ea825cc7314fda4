"""The audit trail: hash chain, tamper detection on both backends, concurrent appends conflict cleanly."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import delete, update

from reechain.bootstrap import Container
from reechain.compliance.audit import GENESIS, AuditRecord, canonical_json, record_hash, verify_chain
from reechain.domain.errors import Conflict
from reechain.services import audit
from reechain.store.tables.compliance import AuditRow


def _append(c: Container, n: int, stream: str = "compliance") -> None:
    for i in range(n):
        with c.uow() as uow:
            audit.append(
                uow, actor=f"user{i % 2}", action="test.event", payload={"i": i, "名": "镝"}, stream=stream
            )
            uow.commit()


def test_hash_is_sha256_over_canonical_json() -> None:
    import hashlib

    body = {
        "stream": "s",
        "seq": 1,
        "recorded_at": "t",
        "actor": "a",
        "action": "x",
        "payload": "{}",
        "prev_hash": GENESIS,
    }
    expected = hashlib.sha256(json_bytes(body)).hexdigest()
    assert record_hash("s", 1, "t", "a", "x", "{}", GENESIS) == expected
    assert canonical_json({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'


def json_bytes(d: dict[str, object]) -> bytes:
    import json

    return json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _chain(n: int) -> list[AuditRecord]:
    out: list[AuditRecord] = []
    prev = GENESIS
    for i in range(1, n + 1):
        payload = canonical_json({"i": i})
        h = record_hash("s", i, f"2026-01-0{i}", "a", "x", payload, prev)
        out.append(AuditRecord("s", i, f"2026-01-0{i}", "a", "x", payload, prev, h))
        prev = h
    return out


def test_pure_chain_detects_edit_delete_and_reorder() -> None:
    recs = _chain(5)
    assert verify_chain(recs).ok and verify_chain(recs).records == 5
    edited = [*recs[:2], AuditRecord(**{**recs[2].__dict__, "payload": '{"i":99}'}), *recs[3:]]
    assert verify_chain(edited).first_broken_seq == 3
    assert verify_chain(recs[:1] + recs[2:]).first_broken_seq == 3  # record 2 deleted
    swapped = [
        recs[0],
        AuditRecord(**{**recs[2].__dict__, "seq": 2}),
        AuditRecord(**{**recs[1].__dict__, "seq": 3}),
    ]
    assert not verify_chain(swapped).ok


def test_verify_on_the_database_and_an_edited_payload(container: Container) -> None:
    _append(container, 4)
    v = audit.verify(container)
    assert v.ok and v.records == 4
    with container.uow() as uow:
        uow.session.execute(
            update(AuditRow)
            .where(AuditRow.stream == "compliance", AuditRow.seq == 3)
            .values(payload='{"i":7}')
        )
        uow.commit()
    v = audit.verify(container)
    assert not v.ok and v.first_broken_seq == 3 and "edited" in v.problem


def test_a_deleted_record_is_detected(container: Container) -> None:
    _append(container, 4)
    with container.uow() as uow:
        uow.session.execute(delete(AuditRow).where(AuditRow.stream == "compliance", AuditRow.seq == 2))
        uow.commit()
    v = audit.verify(container)
    assert not v.ok and v.first_broken_seq == 3 and "missing" in v.problem


def test_reordered_records_are_detected(container: Container) -> None:
    _append(container, 4)
    with container.uow() as uow:
        s = uow.session
        rows = {r.seq: r for r in s.query(AuditRow).filter(AuditRow.stream == "compliance")}
        # swap the contents of records 2 and 3 (keeping each one's own hash with it)
        a, b = rows[2], rows[3]
        fields = ("recorded_at", "actor", "action", "payload", "prev_hash", "hash")
        va, vb = [getattr(a, f) for f in fields], [getattr(b, f) for f in fields]
        for f, x, y in zip(fields, va, vb, strict=True):
            setattr(a, f, y)
            setattr(b, f, x)
        uow.commit()
    v = audit.verify(container)
    assert not v.ok and v.first_broken_seq == 2


def test_streams_are_chained_separately(container: Container) -> None:
    _append(container, 2, stream="compliance")
    _append(container, 3, stream="other")
    assert audit.verify(container, stream="other").records == 3
    assert audit.records(container, stream="compliance")[-1].seq == 2


@pytest.mark.postgres
def test_concurrent_appends_queue_on_the_head_lock(pg_committing_container: Container) -> None:
    c = pg_committing_container
    _append(c, 1)
    barrier = threading.Barrier(8)
    errors: list[Exception] = []

    def worker(i: int) -> None:
        barrier.wait()
        try:
            for _ in range(5):
                with c.uow() as uow:
                    audit.append(uow, actor=f"w{i}", action="race", payload={"who": i})
                    uow.commit()
        except Exception as e:  # pragma: no cover - the assertion below reports it
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    v = audit.verify(c)
    assert v.ok and v.records == 41


@pytest.mark.postgres
def test_a_second_record_with_the_same_seq_is_a_clean_conflict(pg_committing_container: Container) -> None:
    c = pg_committing_container
    _append(c, 2)
    first = audit.records(c)[0]
    with c.uow() as uow:
        uow.session.add(AuditRow(**{**first.__dict__, "actor": "intruder"}))
        with pytest.raises(Conflict):
            uow.commit()
    assert audit.verify(c).ok


def test_records_cut_off_the_end_are_detected(container: Container) -> None:
    _append(container, 3)
    with container.uow() as uow:
        uow.session.execute(delete(AuditRow).where(AuditRow.stream == "compliance", AuditRow.seq == 3))
        uow.commit()
    v = audit.verify(container)
    assert not v.ok and v.records == 2 and "removed" in v.problem


@pytest.mark.postgres
def test_a_head_lock_held_too_long_is_a_conflict_not_a_hang(
    pg_committing_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = pg_committing_container
    monkeypatch.setattr(audit, "LOCK_TIMEOUT_MS", 300)
    _append(c, 1)
    with c.uow() as holder:  # holds the head lock until it commits
        audit.append(holder, actor="a", action="held", payload={})
        started = time.monotonic()
        with pytest.raises(Conflict, match="locked by another transaction"), c.uow() as other:
            audit.append(other, actor="b", action="waits", payload={})
        assert 0.25 < time.monotonic() - started < 5
        holder.commit()
    v = audit.verify(c)
    assert v.ok and v.records == 2
