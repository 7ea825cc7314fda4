"""Quota use cases: define a quota batch, and the status of every quota of a year (use derived from the
ledger, allocated to batches in order of issue)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.quotas import Quota, QuotaKind
from reechain.domain.roles import Role
from reechain.ledger import catalog
from reechain.ledger.quota_usage import used_by_holder
from reechain.ledger.views import QuotaStatusRow
from reechain.services.auth import AuthenticatedUser
from reechain.services.permissions import require_role
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables import ledger as t
from reechain.store.uow import UnitOfWork


def _read_only(uow: UnitOfWork) -> None:
    """This unit of work only reads: on SQLite it then starts deferred and does not wait behind a writer."""
    uow.session.connection(execution_options={READ_ONLY_OPTION: True})


def define_quota(c: Container, quota: Quota, *, actor: AuthenticatedUser | None = None) -> int:
    """Add or replace the quota batch (year, batch, kind, holder); returns its id. Needs the planner role."""
    require_role(actor, Role.PLANNER)
    with c.uow() as uow:
        qid = catalog.upsert_quota(uow.session, quota)
        uow.commit()
        return qid


def quota_status(c: Container, year: int, *, at: date | None = None) -> list[QuotaStatusRow]:
    """Every quota batch of ``year`` with its limit, use derived from the ledger (up to ``at``) and what
    remains. Use is filled into batches in order of issue; any excess shows on the last batch (negative
    remaining, only possible with a recorded override)."""
    with c.uow() as uow:
        _read_only(uow)
        q = t.quotas
        rows = list(
            uow.session.execute(
                select(q).where(q.c.year == year).order_by(q.c.kind, q.c.holder, q.c.issued_on, q.c.batch)
            )
        )
        used = {kind: used_by_holder(uow.session, year, kind, until=at) for kind in QuotaKind}
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in rows:
        groups[(r.kind, r.holder)].append(r)
    out = []
    for (kind, holder), batch_rows in groups.items():
        left = used[QuotaKind(kind)].get(holder, 0.0)
        for i, r in enumerate(batch_rows):
            lim = float(r.limit_t_reo)
            take = left if i == len(batch_rows) - 1 else min(left, lim)
            left -= take
            out.append(
                QuotaStatusRow(
                    id=int(r.id),
                    year=year,
                    batch=r.batch,
                    kind=kind,
                    holder=holder,
                    limit_t_reo=lim,
                    used_t_reo=round(take, 6),
                    remaining_t_reo=round(lim - take, 6),
                    source=r.source,
                )
            )
    return out


def list_overrides(c: Container, year: int) -> list[dict[str, object]]:
    """Quota overrides recorded in ``year``: who allowed exceeding which quota, why, and by how much."""
    with c.uow() as uow:
        _read_only(uow)
        o = t.quota_overrides
        return [
            dict(r._mapping) for r in uow.session.execute(select(o).where(o.c.year == year).order_by(o.c.id))
        ]
