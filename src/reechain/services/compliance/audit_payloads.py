"""What the audit trail and the review queue show of a check and of a hold."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reechain.store.tables.compliance import HoldApprovalRow, HoldRow


def check_payload(result: dict[str, Any], order_text: str) -> dict[str, Any]:
    """The audit record of a decision: enough to show which rules, lists and entries decided it."""
    return {
        "order_id": result["order_id"],
        "order_sha256": hashlib.sha256(order_text.encode("utf-8")).hexdigest(),
        "content_sha256": result["content_sha256"],
        "decision": result["decision"],
        "as_of": result["as_of"],
        "check_id": result["check_id"],
        "hold_id": result["hold_id"],
        "rules_version": result["rules_version"],
        "policy": result["policy"],
        "list_versions": result["list_versions"],
        "lines": [
            {
                "line": ln["line"],
                "decision": ln["decision"],
                "measures": [m["id"] for m in ln["measures"]],
                "control_codes": [cc for m in ln["measures"] for cc in m["control_codes"]],
                "licence": ln["licence"],
            }
            for ln in result["lines"]
        ],
        "parties": [
            {
                "role": p["role"],
                "name": p["name"],
                "decision": p["decision"],
                "hits": [
                    {
                        k: h[k]
                        for k in ("list", "list_version", "entry_id", "score", "entry_fingerprint", "outcome")
                    }
                    for h in p["hits"]
                ],
            }
            for p in result["parties"]
        ],
    }


def hold_json(s: Session, h: HoldRow) -> dict[str, Any]:
    approvals = s.execute(
        select(HoldApprovalRow.username, HoldApprovalRow.approved_at)
        .where(HoldApprovalRow.hold_id == h.id)
        .order_by(HoldApprovalRow.approved_at, HoldApprovalRow.username)
    ).all()
    return {
        "hold_id": h.id,
        "order_id": h.order_id,
        "check_id": h.check_id,
        "status": h.status,
        "created_at": h.created_at.isoformat(),
        "content_sha256": h.content_sha256,
        "parties": json.loads(h.hits_json),
        "reasons": json.loads(h.reasons_json),
        "approvals": [{"username": u, "at": a.isoformat()} for u, a in approvals],
        "resolved_by": h.resolved_by,
        "note": h.note,
    }
