"""Contract standardization use cases: compare a contract with its standard form, keep the review and its
approvals (audit stream ``contracts``), and refuse orders under a contract still waiting for approval."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.audit import AuditRecord
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem, RuleViolation
from reechain.domain.roles import Role
from reechain.risk.contracts import library
from reechain.risk.contracts.compare import compare
from reechain.risk.contracts.model import AlignedRow, Clause, Comparison, ContractText
from reechain.risk.contracts.reading import read_contract
from reechain.services import audit
from reechain.store.tables import contracts as ct
from reechain.store.uow import UnitOfWork
from reechain.trade.orders import has_control_characters


def read_file(path: Path) -> ContractText:
    """A contract file from disk, or a library template by its code (``S-OX-2``) when no such file exists."""
    if not path.exists():
        code = str(path)
        if code in {t.code for t in library.templates()}:
            return library.template(code).text()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InvalidInput(
            f"{path}: cannot be read", [Problem(e.strerror or str(e), field=str(path))]
        ) from None
    return read_contract(str(path), data)


def compare_texts(
    template: ContractText, contract: ContractText, *, channel: str | None = None
) -> Comparison:
    """Compare with the library's tags and channel when TEMPLATE is one of its forms (by file name or
    title code), with tags read off the clauses otherwise."""
    known = library.template_for_file(template.name) or next(
        (
            t
            for t in library.templates()
            if t.code in template.title.split(" ") or f"{t.code})" in template.title
        ),
        None,
    )
    tags = known.tags if known else {}
    band_channel = channel if channel is not None else (known.channel if known else "")
    return compare(template, contract, library.approval_matrix(), declared_tags=tags, channel=band_channel)


def compare_upload(template_code: str, file_name: str, data: bytes) -> Comparison:
    """Compare an uploaded contract with a library form; nothing is stored."""
    form = library.template(template_code)
    contract = read_contract(file_name, data)
    return compare(
        form.text(), contract, library.approval_matrix(), declared_tags=form.tags, channel=form.channel
    )


# ---------------------------------------------------------------- reviews and approvals

SUBMITTERS = (Role.RISK_MANAGER, Role.LEGAL, Role.TRADER, Role.SALES_HEAD)
AUDIT_STREAM = "contracts"


class ReviewStatus(StrEnum):
    STANDARD = "standard"  # no material deviation: usable at once
    PENDING = "pending"  # waits for one or more approvals
    APPROVED = "approved"  # every required role approved
    REJECTED = "rejected"  # an approver refused: submit a corrected contract


def _now() -> datetime:
    return datetime.now(UTC)


def _row_json(row: AlignedRow, index: dict[int, int]) -> dict[str, Any]:
    def clause(c: Clause | None) -> dict[str, Any] | None:
        return None if c is None else {"number": c.number, "label": c.label, "text": c.text}

    d = row.deviation
    return {
        "template": clause(row.template),
        "contract": clause(row.contract),
        "similarity": round(row.similarity, 4),
        "deviation": None if d is None else index[id(d)],
        "changes": [] if d is None else [[ch.op, ch.template_words, ch.contract_words] for ch in d.changes],
    }


def submit_review(
    c: Container,
    *,
    contract_code: str,
    template_code: str,
    file_name: str,
    data: bytes,
    actor: str,
    roles: Collection[Role],
) -> dict[str, Any]:
    """Compare an uploaded contract with a library form and keep the review (one transaction, audited).
    A bad file is refused before anything is stored."""
    _require(roles, *SUBMITTERS)
    problems = []
    if not contract_code.strip() or len(contract_code) > 64 or has_control_characters(contract_code):
        problems.append(Problem("1 to 64 printable characters", field="contract_code"))
    if problems:
        raise InvalidInput("the review is not valid", problems)
    form = library.template(template_code)
    result = compare_upload(template_code, file_name, data)
    index = {id(d): n for n, d in enumerate(result.deviations)}
    status = ReviewStatus.PENDING if result.required_approvals else ReviewStatus.STANDARD
    with c.uow() as uow:
        s = uow.session
        review_id = s.execute(
            insert(ct.reviews)
            .values(
                contract_code=contract_code,
                template_code=form.code,
                file_name=file_name[-255:],
                file_sha256=hashlib.sha256(data).hexdigest(),
                decision=result.decision.value,
                status=status.value,
                required_roles=",".join(result.required_approvals),
                rows_json=json.dumps([_row_json(r, index) for r in result.rows], ensure_ascii=False),
                submitted_by=actor,
                submitted_at=_now(),
            )
            .returning(ct.reviews.c.id)
        ).scalar_one()
        similarity = {id(r.deviation): r.similarity for r in result.rows if r.deviation is not None}
        for seq, d in enumerate(result.deviations):
            s.execute(
                insert(ct.deviations).values(
                    review_id=review_id,
                    seq=seq,
                    clause=d.clause,
                    contract_clause=d.contract_clause,
                    kind=d.kind.value,
                    category=d.category.value,
                    template_text=d.template_text,
                    contract_text=d.contract_text,
                    severity=d.severity.value,
                    approver_role=d.approver_role,
                    reason=d.reason,
                    similarity=similarity.get(id(d), 0.0),
                )
            )
        audit.append(
            uow,
            actor=actor,
            action="contract.reviewed",
            stream=AUDIT_STREAM,
            payload={
                "review_id": review_id,
                "contract_code": contract_code,
                "template": form.code,
                "file_sha256": hashlib.sha256(data).hexdigest(),
                "decision": result.decision.value,
                "deviations": len(result.deviations),
                "required_roles": list(result.required_approvals),
            },
        )
        out = _review_json(uow, review_id)
        uow.commit()
    return out


def _review_row(uow: UnitOfWork, review_id: int) -> RowMapping:
    row = uow.session.execute(select(ct.reviews).where(ct.reviews.c.id == review_id)).mappings().first()
    if row is None:
        raise NotFound(f"no contract review {review_id}")
    return row


def _review_json(uow: UnitOfWork, review_id: int, *, with_rows: bool = True) -> dict[str, Any]:
    row = _review_row(uow, review_id)
    devs = uow.session.execute(
        select(ct.deviations).where(ct.deviations.c.review_id == review_id).order_by(ct.deviations.c.seq)
    ).mappings()
    decided = uow.session.execute(
        select(ct.approvals).where(ct.approvals.c.review_id == review_id).order_by(ct.approvals.c.role)
    ).mappings()
    required = [r for r in row["required_roles"].split(",") if r]
    out = {k: v for k, v in row.items() if k not in ("rows_json", "required_roles")}
    out["submitted_at"] = row["submitted_at"].isoformat() if row["submitted_at"] else None
    out["required_roles"] = required
    out["deviations"] = [{k: v for k, v in d.items() if k != "review_id"} for d in devs]
    out["approvals"] = [
        {**{k: v for k, v in a.items() if k != "review_id"}, "decided_at": a["decided_at"].isoformat()}
        for a in decided
    ]
    done = {a["role"] for a in out["approvals"] if a["verdict"] == "approved"}
    out["waiting_for"] = [r for r in required if r not in done] if row["status"] == "pending" else []
    out["rows"] = json.loads(row["rows_json"]) if with_rows else []
    return out


def get_review(c: Container, review_id: int) -> dict[str, Any]:
    with c.uow() as uow:
        return _review_json(uow, review_id)


def list_reviews(c: Container, *, contract_code: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    with c.uow() as uow:
        q = select(ct.reviews.c.id).order_by(ct.reviews.c.id.desc()).limit(limit)
        if contract_code is not None:
            q = q.where(ct.reviews.c.contract_code == contract_code)
        return [_review_json(uow, i, with_rows=False) for i in uow.session.scalars(q)]


def review_trail(c: Container, review_id: int) -> list[AuditRecord]:
    """The audit records of one review, oldest first."""
    return [
        r
        for r in audit.records(c, stream=AUDIT_STREAM)
        if json.loads(r.payload).get("review_id") == review_id
    ]


def decide_review(
    c: Container,
    review_id: int,
    *,
    role: str,
    approve: bool,
    actor: str,
    roles: Collection[Role],
    note: str = "",
) -> dict[str, Any]:
    """One required role's approval (or refusal) of a pending review, by a user holding that role who did
    not submit it. The last approval makes the contract usable; a refusal makes it unusable."""
    try:
        needed = Role(role)
    except ValueError:
        raise InvalidInput(
            f"unknown role {role!r}", [Problem("a role of the matrix", field="role")]
        ) from None
    _require(roles, needed, admin_passes=False)
    with c.uow() as uow:
        s = uow.session
        row = _review_row(uow, review_id)
        if row["status"] != ReviewStatus.PENDING.value:
            raise RuleViolation(f"review {review_id} is {row['status']}, not pending")
        required = [r for r in row["required_roles"].split(",") if r]
        if role not in required:
            raise RuleViolation(
                f"review {review_id} needs no {role} approval; it waits for {', '.join(required)}"
            )
        if actor == row["submitted_by"]:
            raise RuleViolation(f"{actor} submitted review {review_id}; another {role} must decide")
        if s.scalar(
            select(ct.approvals.c.role).where(
                ct.approvals.c.review_id == review_id, ct.approvals.c.role == role
            )
        ):
            raise RuleViolation(f"the {role} decision on review {review_id} is already recorded")
        s.execute(
            insert(ct.approvals).values(
                review_id=review_id,
                role=role,
                username=actor,
                verdict="approved" if approve else "rejected",
                note=note,
                decided_at=_now(),
            )
        )
        done = set(
            s.scalars(
                select(ct.approvals.c.role).where(
                    ct.approvals.c.review_id == review_id, ct.approvals.c.verdict == "approved"
                )
            )
        )
        status = ReviewStatus.PENDING
        if not approve:
            status = ReviewStatus.REJECTED
        elif set(required) <= done:
            status = ReviewStatus.APPROVED
        changed = s.execute(
            update(ct.reviews)
            .where(ct.reviews.c.id == review_id, ct.reviews.c.status == ReviewStatus.PENDING.value)
            .values(status=status.value)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(f"review {review_id} changed while it was being decided; try again")
        audit.append(
            uow,
            actor=actor,
            action={
                ReviewStatus.PENDING: "contract.approved",
                ReviewStatus.APPROVED: "contract.released",
                ReviewStatus.REJECTED: "contract.rejected",
            }[status],
            stream=AUDIT_STREAM,
            payload={
                "review_id": review_id,
                "contract_code": row["contract_code"],
                "role": role,
                "verdict": "approved" if approve else "rejected",
                "status": status.value,
                "note": note,
            },
        )
        out = _review_json(uow, review_id)
        uow.commit()
    return out


def assert_contract_usable(session: Session, contract_code: str) -> None:
    """Refuse (RuleViolation) an order under a contract whose newest review is pending or rejected.
    A contract never reviewed is usable: review is asked for where the contract is drafted, not here."""
    row = session.execute(
        select(ct.reviews.c.id, ct.reviews.c.status, ct.reviews.c.required_roles)
        .where(ct.reviews.c.contract_code == contract_code)
        .order_by(ct.reviews.c.id.desc())
        .limit(1)
    ).first()
    if row is None or row.status in (ReviewStatus.STANDARD.value, ReviewStatus.APPROVED.value):
        return
    if row.status == ReviewStatus.REJECTED.value:
        raise RuleViolation(
            f"contract {contract_code} was rejected in review {row.id}; submit a corrected contract",
            [Problem("rejected", field="contract")],
        )
    done = set(
        session.scalars(
            select(ct.approvals.c.role).where(
                ct.approvals.c.review_id == row.id, ct.approvals.c.verdict == "approved"
            )
        )
    )
    waiting = [r for r in row.required_roles.split(",") if r and r not in done]
    raise RuleViolation(
        f"contract {contract_code} waits for approval by {', '.join(waiting)} (review {row.id})",
        [Problem(f"needs {r} approval", field="contract") for r in waiting],
    )


def _require(roles: Collection[Role], *needed: Role, admin_passes: bool = True) -> None:
    if set(roles) & set(needed) or (admin_passes and Role.ADMIN in roles):
        return
    raise Forbidden(f"this needs the role {' or '.join(r.value for r in needed)}")
