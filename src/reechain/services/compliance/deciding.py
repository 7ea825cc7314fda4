"""Decide a screened order inside the caller's transaction and record the decision: the check row, a hold
for review when one is needed, and the audit record.

Everything the decision reads (licences, the allow-list, this order's holds) is read in the same
transaction that records it. A hold's release counts only for the same order with the same content
(``compliance.order.content_sha256``): a hold released for 1 kg does not clear 50 kg with a new consignee.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update

from reechain.compliance.classification import Classification
from reechain.compliance.decisions import AllowEntry, Release, decide_line, decide_party, overall
from reechain.compliance.licences import assign_licences
from reechain.compliance.order import Order, content_sha256
from reechain.compliance.rules import RuleBook
from reechain.services import audit
from reechain.services.compliance._base import now
from reechain.services.compliance.audit_payloads import check_payload
from reechain.services.compliance.licences import usable_licences
from reechain.services.compliance.party_screening import Screened
from reechain.store.tables.compliance import AllowEntryRow, CheckRow, HoldApprovalRow, HoldRow
from reechain.store.uow import UnitOfWork

_ALLOW = cast(Table, AllowEntryRow.__table__)
_HOLDS = cast(Table, HoldRow.__table__)
_CHECKS = cast(Table, CheckRow.__table__)
# Core statements built once (rows, not ORM objects): the same round trips at a fraction of the CPU, which is
# what a check costs on a busy server.
_ALLOWED = select(_ALLOW).where(_ALLOW.c.revoked.is_(False))
_HOLDS_OF = select(_HOLDS).where(_HOLDS.c.order_id == bindparam("hold_order")).order_by(_HOLDS.c.id)
_NEW_CHECK = insert(_CHECKS)
_CHECK_RESULT = (
    update(_CHECKS).where(_CHECKS.c.id == bindparam("check_row")).values(result_json=bindparam("result"))
)


def _hit_key(party: str, h: dict[str, Any]) -> str:
    return f"{party}\x1f{h['list']}\x1f{h['entry_id']}\x1f{h['entry_fingerprint']}"


def _releases(uow: UnitOfWork, holds: list[Any], content: str) -> list[Release]:
    s = uow.session
    out: list[Release] = []
    for h in holds:
        if h.status != "released" or h.content_sha256 != content:
            continue
        approvers = tuple(
            s.scalars(
                select(HoldApprovalRow.username)
                .where(HoldApprovalRow.hold_id == h.id)
                .order_by(HoldApprovalRow.approved_at, HoldApprovalRow.username)
            )
        )
        for party in json.loads(h.hits_json):
            for hit in party["hits"]:
                out.append(
                    Release(
                        h.id, party["name"], hit["list"], hit["entry_id"], hit["entry_fingerprint"], approvers
                    )
                )
    return out


def decide_and_record(
    uow: UnitOfWork,
    parsed: Order,
    order_text: str,
    book: RuleBook,
    classes: dict[int, Classification],
    screened: Screened,
    actor: str,
) -> dict[str, Any]:
    """The decision of ``parsed`` (rules of ``parsed.date``), recorded in ``uow`` (the caller commits)."""
    s = uow.session
    content = content_sha256(parsed)
    licences = usable_licences(uow)
    allow = [
        AllowEntry(
            r.id, r.party_name, r.list_name, r.entry_id, r.entry_fingerprint, r.expires_on, r.approved_by
        )
        for r in s.execute(_ALLOWED)
    ]
    holds = list(s.execute(_HOLDS_OF, {"hold_order": parsed.order_id}))
    releases = _releases(uow, holds, content)
    assigned = assign_licences(parsed, classes, licences)
    lines = [decide_line(parsed, classes[ln.line], assigned.get(ln.line)) for ln in parsed.lines]
    parties = [
        decide_party(
            p,
            screened.of(p),
            book.policy,
            allow,
            releases,
            max(parsed.date, date.today()),  # an allow-list entry must hold on the order's day and today
            bool(screened.versions),
        )
        for p in parsed.parties
    ]
    decision, reasons = overall(lines, parties)
    rejected = [h for h in holds if h.status == "rejected"]
    if rejected:
        decision = "blocked"
        reasons.insert(0, f"hold {rejected[-1].id} on this order was rejected by {rejected[-1].resolved_by}")
    checked_at = now()
    inserted = s.connection().execute(
        _NEW_CHECK,
        {
            "order_id": parsed.order_id,
            "decision": decision,
            "order_json": order_text,
            "result_json": "{}",
            "actor": actor,
            "checked_at": checked_at,
            "content_sha256": content,
        },
    )
    check_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
    hold_id: int | None = None
    if decision == "hold":
        held = [
            {"role": p["role"], "name": p["name"], "hits": [h for h in p["hits"] if h["outcome"] == "hold"]}
            for p in parties
            if p["decision"] == "hold"
        ]
        keys = sorted(_hit_key(p["name"], h) for p in held for h in p["hits"])
        pending: Any = next(
            (
                h
                for h in holds
                if h.status == "pending"
                and h.content_sha256 == content
                and sorted(_hit_key(p["name"], x) for p in json.loads(h.hits_json) for x in p["hits"]) == keys
            ),
            None,
        )
        if pending is None:
            pending = HoldRow(
                check_id=check_id,
                order_id=parsed.order_id,
                status="pending",
                hits_json=json.dumps(held, ensure_ascii=False),
                reasons_json=json.dumps(reasons, ensure_ascii=False),
                created_at=checked_at,
                note="",
                content_sha256=content,
            )
            s.add(pending)
            s.flush()
        hold_id = pending.id
    result: dict[str, Any] = {
        "order_id": parsed.order_id,
        "decision": decision,
        "as_of": parsed.date.isoformat(),
        "checked_at": checked_at.isoformat(),
        "checked_by": actor,
        "check_id": check_id,
        "hold_id": hold_id,
        "content_sha256": content,
        "rules_version": book.version,
        "policy": {
            "id": book.policy.id,
            "review_threshold": book.policy.review_threshold,
            "block_threshold": book.policy.block_threshold,
        },
        "list_versions": screened.versions or {},
        "reasons": reasons,
        "lines": lines,
        "parties": parties,
    }
    rec = audit.append(uow, actor=actor, action="order.checked", payload=check_payload(result, order_text))
    result["audit"] = {"stream": rec.stream, "seq": rec.seq, "hash": rec.hash}
    s.execute(
        _CHECK_RESULT, {"check_row": check_id, "result": json.dumps(result, ensure_ascii=False, default=str)}
    )
    return result
