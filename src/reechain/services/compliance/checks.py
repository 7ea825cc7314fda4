"""Checks: decide an order document or a sales order in one pass: screen its parties first (outside any
transaction), then decide and record in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.compliance.classification import Classification, classify_line
from reechain.compliance.order import Order, content_sha256, parse_order
from reechain.compliance.rules import RuleBook
from reechain.domain.errors import Conflict, NotFound, RuleViolation
from reechain.services.compliance._base import read_only
from reechain.services.compliance.deciding import decide_and_record
from reechain.services.compliance.party_screening import (
    Screened,
    Screening,
    default_screening,
    note_lists,
    screen_order_parties,
)
from reechain.services.compliance.rules import rule_book
from reechain.services.compliance.sales_orders import gate_document, order_row
from reechain.store.tables import trade as t
from reechain.store.tables.compliance import CheckRow
from reechain.store.uow import UnitOfWork
from reechain.trade.orders import ComplianceState, OrderStatus, require_status

RETRIES = 3
"""A decision whose audit append met a lock timeout is decided and recorded again (not screened again)."""
LIST_CHANGES = 3
"""How many times a check screens again because a list import landed while it was screening."""


class ListsChanged(Exception):
    """The lists in force are not those the parties were screened under: screen again."""


@dataclass(frozen=True)
class Prepared:
    """An order parsed, classified under the rules of its day, and its parties screened."""

    parsed: Order
    order_text: str
    book: RuleBook
    classes: dict[int, Classification]
    screened: Screened
    confirm_lists: Callable[[Session], Any] | None = None
    """Set when the parties were screened under the lists this process saw last (``trust_seen``): the
    decision's transaction reads the lists in force first and refuses (``ListsChanged``) if they differ."""

    @property
    def content_sha256(self) -> str:
        return content_sha256(self.parsed)

    def record(self, uow: UnitOfWork, actor: str, c: Container | None = None) -> dict[str, Any]:
        if self.confirm_lists is not None:
            lists = self.confirm_lists(uow.session)
            if c is not None:
                note_lists(c, lists)
            if lists != self.screened.lists:
                raise ListsChanged
        return decide_and_record(
            uow, self.parsed, self.order_text, self.book, self.classes, self.screened, actor
        )


def prepare(
    c: Container, document: Any, screening: Screening | None = None, *, trust_seen: bool = False
) -> Prepared:
    """Parse, classify and screen ``document``. ``trust_seen``: screen under the lists this process saw last
    (no transaction of its own); ``Prepared.record`` then confirms them in the decision's transaction."""
    parsed = parse_order(document)
    book = rule_book(c)
    classes = {ln.line: classify_line(book, ln, parsed.date) for ln in parsed.lines}
    scr = screening or default_screening()
    screened = screen_order_parties(
        c, scr, parsed.parties, book.policy.review_threshold, trust_seen=trust_seen
    )
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    confirm = scr.lists_in if trust_seen else None
    return Prepared(parsed, text, book, classes, screened, confirm)


def check_order(
    c: Container, order: dict[str, Any], *, actor: str, screening: Screening | None = None
) -> dict[str, Any]:
    """Decide an export order: clear | licence_required | hold | blocked, with reasons per line and party.

    The rules are those in force on the order's date. A hold goes to the review queue. The decision, with
    the rule and list versions used, is appended to the audit trail.
    """
    # Screened under the lists this process saw last; the decision's transaction confirms them as its first
    # statement (a repeated check then costs one transaction, not two), and a list import in between means
    # screening again under the new lists.
    prepared = prepare(c, order, screening, trust_seen=True)
    last: Conflict | None = None
    conflicts = changes = 0
    while True:
        try:
            with c.uow() as uow:
                result = prepared.record(uow, actor, c)
                uow.commit()
            return result
        except ListsChanged:
            changes += 1
            if changes > LIST_CHANGES:
                raise Conflict(
                    "the restricted-party lists kept changing during the check; try again"
                ) from None
            prepared = prepare(c, order, screening, trust_seen=True)
        except Conflict as e:  # the audit stream stayed locked: record the same decision again
            last = e
            conflicts += 1
            if conflicts >= RETRIES:
                raise last from None


def check_sales_order(
    c: Container, code: str, *, actor: str, screening: Screening | None = None, on: date | None = None
) -> dict[str, Any]:
    """Put an export sales order through the gate under the rules of ``on`` (default today) and record the
    decision on the order, in one transaction."""
    on = on or date.today()
    with c.uow() as uow:
        read_only(uow)
        row = order_row(uow.session, code)
        _require_checkable(code, row)
        document = gate_document(uow.session, row, on)
    prepared = prepare(c, document, screening)
    with c.uow() as uow:
        s = uow.session
        row = order_row(s, code, lock=True)
        _require_checkable(code, row)
        if content_sha256(parse_order(gate_document(s, row, on))) != prepared.content_sha256:
            raise Conflict(f"order {code} changed while it was being checked; check it again")
        result = prepared.record(uow, actor)
        s.execute(
            update(t.orders)
            .where(t.orders.c.id == row["id"])
            .values(
                compliance_state=ComplianceState(result["decision"]).value,
                compliance_check_id=str(result["check_id"]),
            )
        )
        uow.commit()
    return result


def _require_checkable(code: str, row: Any) -> None:
    if not row["export"]:
        raise RuleViolation(f"order {code} is domestic: it needs no export check")
    require_status(code, row["status"], OrderStatus.OPEN, OrderStatus.ALLOCATED)


def latest_check(c: Container, order_id: str) -> dict[str, Any]:
    with c.uow() as uow:
        read_only(uow)
        row = uow.session.scalar(
            select(CheckRow).where(CheckRow.order_id == order_id).order_by(CheckRow.id.desc()).limit(1)
        )
        if row is None:
            raise NotFound(f"order {order_id} has never been checked")
        out: dict[str, Any] = json.loads(row.result_json)
        out["order"] = json.loads(row.order_json)
        return out


def recent_checks(c: Container, limit: int = 20) -> list[dict[str, Any]]:
    with c.uow() as uow:
        read_only(uow)
        rows = uow.session.scalars(select(CheckRow).order_by(CheckRow.id.desc()).limit(limit))
        return [
            {
                "check_id": r.id,
                "order_id": r.order_id,
                "decision": r.decision,
                "actor": r.actor,
                "checked_at": r.checked_at.isoformat(),
            }
            for r in rows
        ]
