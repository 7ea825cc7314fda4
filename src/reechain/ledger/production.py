"""t REO produced per plant and month, derived from the ledger (never stored): the REO in the output lots
of the transformations posted at the plant (for a metal plant, the REO its metal lots carry)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reechain.domain.movements import EntryKind
from reechain.domain.quantities import to_t
from reechain.store.tables import ledger as t


def produced_t_reo(
    session: Session, *, plant: str | None = None, start: date | None = None, end: date | None = None
) -> dict[tuple[str, str], float]:
    """{(plant code, "YYYY-MM"): t REO produced}, over [START, END] when given."""
    m, tr, loc = t.movements, t.transformations, t.locations
    q = (
        select(loc.c.code, m.c.occurred_on, func.sum(m.c.reo_g))
        .join(tr, tr.c.id == m.c.transformation_id)
        .join(loc, loc.c.id == tr.c.plant_location_id)
        .where(m.c.kind == EntryKind.PRODUCE.value)
        .group_by(loc.c.code, m.c.occurred_on)
    )
    if plant is not None:
        q = q.where(loc.c.code == plant)
    if start is not None:
        q = q.where(m.c.occurred_on >= start)
    if end is not None:
        q = q.where(m.c.occurred_on <= end)
    grams: dict[tuple[str, str], int] = defaultdict(int)
    for code, day, g in session.execute(q):
        grams[(code, f"{day.year:04d}-{day.month:02d}")] += int(g or 0)
    return {k: to_t(g) for k, g in sorted(grams.items())}
