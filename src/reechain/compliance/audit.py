"""The hash chain of the audit trail: canonical JSON, each record's hash, and verification.

hash = sha256(canonical JSON of {stream, seq, recorded_at, actor, action, payload, prev_hash}), where the
canonical JSON has sorted keys, no spaces and UTF-8 text. The first record of a stream has prev_hash GENESIS.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


@dataclass(frozen=True)
class AuditRecord:
    stream: str
    seq: int
    recorded_at: str
    actor: str
    action: str
    payload: str
    """The payload as canonical JSON text, stored byte for byte."""
    prev_hash: str
    hash: str


def record_hash(
    stream: str, seq: int, recorded_at: str, actor: str, action: str, payload: str, prev: str
) -> str:
    body = {
        "stream": stream,
        "seq": seq,
        "recorded_at": recorded_at,
        "actor": actor,
        "action": action,
        "payload": payload,
        "prev_hash": prev,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verification:
    ok: bool
    records: int
    head: str
    first_broken_seq: int | None = None
    problem: str = ""


def verify_chain(records: Iterable[AuditRecord]) -> Verification:
    """Walk one stream in seq order; report the first record whose link or hash does not hold."""
    prev = GENESIS
    expected_seq = 1
    n = 0
    for r in records:
        if r.seq != expected_seq:
            return Verification(
                False, n, prev, r.seq, f"expected seq {expected_seq}, found {r.seq} (record missing)"
            )
        if r.prev_hash != prev:
            return Verification(False, n, prev, r.seq, "prev_hash does not match the previous record's hash")
        digest = record_hash(r.stream, r.seq, r.recorded_at, r.actor, r.action, r.payload, r.prev_hash)
        if digest != r.hash:
            return Verification(False, n, prev, r.seq, "content does not match its hash (edited)")
        prev = r.hash
        expected_seq += 1
        n += 1
    return Verification(True, n, prev)
