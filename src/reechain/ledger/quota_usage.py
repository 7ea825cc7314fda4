"""Quota consumption derived from the ledger (never stored): mining = REO of ore received from the holder's
own mines; separation = REO fed into separation at the holder's plants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reechain.domain.movements import EntryKind, Process, ReceiptSource
from reechain.domain.quantities import to_t
from reechain.domain.quotas import QuotaKind
from reechain.store.tables import ledger as t


def used_t_reo(
    session: Session, year: int, kind: QuotaKind, holder: str, *, until: date | None = None
) -> float:
    return used_by_holder(session, year, kind, until=until).get(holder, 0.0)


def used_by_holder(
    session: Session, year: int, kind: QuotaKind, *, until: date | None = None
) -> dict[str, float]:
    m, loc = t.movements, t.locations
    start, end = date(year, 1, 1), date(year, 12, 31)
    if until is not None:
        end = min(end, until)
    if kind is QuotaKind.MINING:
        q = (
            select(loc.c.holder, func.sum(m.c.reo_g))
            .join(loc, loc.c.id == m.c.to_location_id)
            .where(m.c.kind == EntryKind.RECEIPT.value, m.c.source == ReceiptSource.OWN_MINE.value)
            .where(m.c.occurred_on >= start, m.c.occurred_on <= end)
        )
    else:
        # The consume lines of a transformation carry its date: the year is selected on the (far fewer)
        # transformations, whose lines are then found by their index.
        tr = t.transformations
        q = (
            select(loc.c.holder, func.sum(m.c.reo_g))
            .select_from(tr)
            .join(m, m.c.transformation_id == tr.c.id)
            .join(loc, loc.c.id == tr.c.plant_location_id)
            .where(m.c.kind == EntryKind.CONSUME.value, tr.c.process == Process.SEPARATION.value)
            .where(tr.c.occurred_on >= start, tr.c.occurred_on <= end)
        )
    q = q.where(loc.c.holder.is_not(None)).group_by(loc.c.holder)
    return {holder: to_t(int(g or 0)) for holder, g in session.execute(q)}
