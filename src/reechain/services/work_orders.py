"""Executing a plan: release a plan period as work orders, confirm a work order by posting its
transformation to the ledger, and compare plan with actual.

Each user action is one function and one transaction: ``release_period`` stores every work order of the
period or none; ``confirm_work_order`` marks the order confirmed and posts its transformation (through the
ledger's posting code, ``reechain.ledger.posting.post``, the same code ``services.ledger.post_movements``
runs, with every invariant: element mass balance, no negative stock, quotas) in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem, RuleViolation
from reechain.domain.locations import Plant
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process
from reechain.domain.quotas import QUOTA_TOLERANCE_T, QuotaKind
from reechain.domain.roles import Role
from reechain.ledger import catalog, posting, queries
from reechain.planning.work_orders import FeedLot, PlannedStep, output_lots, planned_steps, take_feed
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables.planning import PlanRunRow
from reechain.store.tables.work_orders import WorkOrderRow

OPEN, CONFIRMED, CANCELLED = "open", "confirmed", "cancelled"
RELEASERS = (Role.PLANNER,)
CONFIRMERS = (Role.PLANNER, Role.INVENTORY_CONTROLLER)


@dataclass(frozen=True)
class WorkOrder:
    id: int
    plan_id: int
    period: str
    step: str
    plant: str
    process: str
    status: str
    recovery: float
    planned_feed_t: dict[str, float]
    planned_outputs_t: dict[str, float]
    planned_t_reo: dict[str, float]
    """Element content of the planned outputs, t REO."""
    released_by: str
    released_at: datetime
    confirmed_by: str | None = None
    confirmed_at: datetime | None = None
    occurred_on: date | None = None
    actual_recovery: float | None = None
    actual_feed_t: dict[str, float] | None = None
    actual_outputs_t: dict[str, float] | None = None
    actual_t_reo: dict[str, float] | None = None
    lots: list[str] | None = None

    @property
    def reference(self) -> str:
        return f"WO-{self.id}"


@dataclass(frozen=True)
class ElementExecution:
    period: str
    element: str
    planned_t_reo: float
    """The plan's separated output of the element (``elements_made_t_reo``)."""
    released_t_reo: float
    """In the separation work orders released for the period."""
    actual_t_reo: float
    """In the outputs posted by the confirmed separation work orders."""


@dataclass(frozen=True)
class PlanExecution:
    plan_id: int
    periods: list[str]
    released_periods: list[str]
    """Periods with work orders (cancelled ones included)."""
    releasable_periods: list[str]
    """Periods that may be released: no work order yet, or every one cancelled."""
    work_orders: list[WorkOrder]
    elements: list[ElementExecution]


def _require(roles: Collection[Role], needed: tuple[Role, ...]) -> None:
    if not (set(roles) & set(needed)) and Role.ADMIN not in roles:
        raise Forbidden(f"this needs the role {' or '.join(r.value for r in needed)}")


def _element_total(by_product: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for elements in by_product.values():
        for e, v in elements.items():
            out[e] = round(out.get(e, 0.0) + float(v), 6)
    return out


def _view(r: WorkOrderRow) -> WorkOrder:
    return WorkOrder(
        id=r.id,
        plan_id=r.plan_id,
        period=r.period,
        step=r.step,
        plant=r.plant,
        process=r.process,
        status=r.status,
        recovery=r.recovery,
        planned_feed_t=dict(r.planned_feed_t),
        planned_outputs_t=dict(r.planned_outputs_t),
        planned_t_reo=_element_total(r.planned_t_reo),
        released_by=r.released_by,
        released_at=r.released_at,
        confirmed_by=r.confirmed_by,
        confirmed_at=r.confirmed_at,
        occurred_on=r.occurred_on,
        actual_recovery=r.actual_recovery,
        actual_feed_t=None if r.actual_feed_t is None else dict(r.actual_feed_t),
        actual_outputs_t=None if r.actual_outputs_t is None else dict(r.actual_outputs_t),
        actual_t_reo=None if r.actual_t_reo is None else dict(r.actual_t_reo),
        lots=None if r.lots is None else list(r.lots),
    )


def release_period(
    c: Container, plan_id: int, period: str, *, actor: str, roles: Collection[Role]
) -> list[WorkOrder]:
    """Release one period of a stored plan: one work order per plant step that runs in it, all stored in
    one transaction. InvalidInput when the period is not in the plan or a step's plant is not in the ledger;
    RuleViolation when a separation step draws on a quota that is not on record for the period's year, or the
    plan was solved without limiting that plant by a separation quota (see ``_quota_problems``); Conflict when
    the period has work orders that are open or confirmed (each named). A period whose work orders were all
    cancelled is released again: new orders next to the cancelled ones, and the audit trail records each
    release (``plan.period.release``, naming the cancelled orders it replaces)."""
    _require(roles, RELEASERS)
    from reechain.services import audit

    with c.uow() as uow:
        s = uow.session
        plan = s.get(PlanRunRow, plan_id)
        if plan is None:
            raise NotFound(f"no plan {plan_id}")
        if plan.status != "optimal":
            raise InvalidInput(f"plan {plan_id} is {plan.status}", [Problem("only an optimal plan", "plan")])
        steps = planned_steps(plan.document, plan.problem, period)
        if not steps:
            raise InvalidInput(f"no plant runs in {period}", [Problem("nothing to release", field="period")])
        earlier = list(
            s.scalars(
                select(WorkOrderRow)
                .where(WorkOrderRow.plan_id == plan_id, WorkOrderRow.period == period)
                .order_by(WorkOrderRow.id)
            )
        )
        live = [r for r in earlier if r.status != CANCELLED]
        if live:
            raise Conflict(
                f"period {period} of plan {plan_id} is already released: "
                f"{len(live)} of its work orders are open or confirmed",
                [
                    Problem(
                        f"WO-{r.id} ({r.step}) is {r.status}"
                        + (": cancel it to release the period again" if r.status == OPEN else ""),
                        field=f"work_orders.{r.id}",
                    )
                    for r in live
                ],
            )
        plants = {p.location: p for p in catalog.list_plants(s)}
        missing = sorted({st.plant for st in steps} - set(plants))
        if missing:
            raise InvalidInput(
                f"plan {plan_id} names plants that are not in the ledger",
                [Problem(f"no ledger plant {code!r}", field="plant") for code in missing],
            )
        year = _period_year(plan, period)
        unbound = _quota_problems(s, plan.problem, steps, plants, year)
        if unbound:
            raise RuleViolation(
                f"period {period} of plan {plan_id} cannot be released: its separation is not bound by a "
                f"{year} quota on record",
                unbound,
            )
        _refuse_overlapping_open_orders(s, plan_id, period, {st.plant for st in steps})
        now = datetime.now(UTC)
        rows = []
        for st in steps:
            plant = plants[st.plant]
            process = Process.SEPARATION if st.kind == "separation" else _process(plant.processes)
            rows.append(
                WorkOrderRow(
                    plan_id=plan_id,
                    period=period,
                    step=st.step,
                    plant=st.plant,
                    kind=st.kind,
                    process=process.value,
                    recovery=plant.recovery,
                    status=OPEN,
                    planned_feed_t=st.feed_t,
                    planned_outputs_t=st.outputs_t,
                    planned_t_reo=st.expected_t_reo,
                    released_at=now,
                    released_by=actor,
                )
            )
        s.add_all(rows)
        try:
            s.flush()
        except IntegrityError as e:
            raise Conflict(f"period {period} of plan {plan_id} was released meanwhile") from e
        out = [_view(r) for r in rows]
        audit.append(
            uow,
            actor=actor,
            action="plan.period.release",
            payload={
                "plan": plan_id,
                "period": period,
                "work_orders": [r.id for r in rows],
                "replaces": [r.id for r in earlier],
            },
        )
        uow.commit()
    return out


_YEAR = re.compile(r"(\d{4})(?!\d)")
_SPAN = re.compile(r"^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2])|W(\d{2}))$")


def _span(period: str) -> tuple[date, date] | None:
    """First and last day of a period label (``2026-Q4``, ``2026-10``, ``2026-W40``; ISO weeks), or None."""
    m = _SPAN.match(period)
    if m is None:
        return None
    year, quarter, month, week = int(m.group(1)), m.group(2), m.group(3), m.group(4)
    if week is not None:
        try:
            return date.fromisocalendar(year, int(week), 1), date.fromisocalendar(year, int(week), 7)
        except ValueError:
            return None
    first, last = (3 * int(quarter) - 2, 3 * int(quarter)) if quarter else (int(month), int(month))
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)


def _overlap(a: str, b: str) -> bool:
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return a == b
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def _refuse_overlapping_open_orders(s: Session, plan_id: int, period: str, plants: set[str]) -> None:
    """Two plans must not send the same plant work for the same days: Conflict when another plan's work
    orders for an overlapping period at one of these plants are still open (confirm or cancel them first)."""
    rows = s.scalars(
        select(WorkOrderRow).where(
            WorkOrderRow.plan_id != plan_id,
            WorkOrderRow.status == OPEN,
            WorkOrderRow.plant.in_(sorted(plants)),
        )
    )
    clash = [r for r in rows if _overlap(r.period, period)]
    if clash:
        raise Conflict(
            f"period {period} of plan {plan_id} overlaps open work orders of another plan at the same plants",
            [
                Problem(
                    f"WO-{r.id} of plan {r.plan_id} ({r.period}, {r.step}) is open: confirm or cancel it "
                    "before releasing another plan for these days",
                    field=f"plants.{r.plant}",
                )
                for r in sorted(clash, key=lambda r: r.id)
            ],
        )


def _period_year(plan: PlanRunRow, period: str) -> int:
    """The year whose quotas a period draws on: the year its label starts with (``2026-Q4``, ``2026-W14``),
    else the plan's year (a plan from the ledger). A plan from a file with undated labels (``P1``) cannot say
    which year's quota its work would draw on and is refused."""
    m = _YEAR.match(period)
    if m is not None:
        return int(m.group(1))
    if plan.year is not None:
        return int(plan.year)
    raise InvalidInput(
        f"period {period!r} of plan {plan.id} names no year, so the quota its work would draw on is unknown",
        [
            Problem(
                "label the plan's periods by year (2026-Q4, 2026-10, 2026-W40) and solve it again", "period"
            )
        ],
    )


def _quota_problems(
    s: Session, problem: Mapping[str, Any], steps: list[PlannedStep], plants: Mapping[str, Plant], year: int
) -> list[Problem]:
    """Why the period's separation steps are not bound by a quota, one problem per holder or plant.

    The ledger checks a separation posting against the (year, holder) quota only when one is on record;
    with none it posts without limit. So a separation step at a plant whose holder has no quota batch of
    ``year`` on record would feed plants without any limit: refused, naming the year, the holder and how to
    record it. A plan solved while no quota was on record (or a planning file whose plant lists no
    separation quota) was not limited by one either, even if a quota has been recorded since: refused,
    asking for a new plan. A plan that assumes a larger separation quota than the one on record (a scenario
    that raises it, or a planning file's own figure) is refused too. Downstream steps (reduction to metal)
    draw on no quota; mining quotas are drawn when ore is received, not by work orders."""
    separation = [st for st in steps if st.kind == "separation" and plants[st.plant].holder]
    out: list[Problem] = []
    missing: set[str] = set()
    on_record: dict[str, float] = {}
    for holder in sorted({str(plants[st.plant].holder) for st in separation}):
        limit = catalog.quota_limits(s, year, QuotaKind.SEPARATION, holder, lock=False)
        if limit is not None:
            on_record[holder] = float(limit)
        else:
            missing.add(holder)
            out.append(
                Problem(
                    f"no {year} separation quota of {holder} is on record: record the year's quota batch "
                    f"(reechain quota add --year {year} --kind separation --holder '{holder}' --batch ... "
                    f"--limit ..., or POST /api/quotas), then run the plan again and release that plan",
                    field=f"quotas.separation-{year}",
                )
            )
    quotas = {str(q.get("id")): q for q in problem.get("quotas", []) or [] if isinstance(q, Mapping)}
    quota_kinds = {qid: q.get("kind") for qid, q in quotas.items()}
    above: set[str] = set()
    plan_plants = {str(p.get("id")): p for p in problem.get("plants", []) or [] if isinstance(p, Mapping)}
    for st in separation:
        if plants[st.plant].holder in missing:
            continue
        drawn = plan_plants.get(st.plant, {}).get("quotas") or []
        if not any(quota_kinds.get(str(q)) == "separation" for q in drawn):
            out.append(
                Problem(
                    f"the plan was solved without a separation quota on plant {st.plant}, so nothing "
                    f"limited its output: run the plan again (the {year} quota is now on record) and "
                    "release that plan",
                    field=f"plants.{st.plant}.quotas",
                )
            )
        holder = str(plants[st.plant].holder)
        for qid in map(str, drawn):
            assumed = float(quotas.get(qid, {}).get("limit_t_reo") or 0.0)
            if quota_kinds.get(qid) != "separation" or qid in above:
                continue
            if assumed > on_record[holder] + QUOTA_TOLERANCE_T:
                above.add(qid)
                out.append(
                    Problem(
                        f"the plan assumes separation quota {qid} of {assumed:,.1f} t REO, more than the "
                        f"{on_record[holder]:,.1f} t REO on record for {holder} in {year}: a scenario that "
                        "raises a quota is a what-if; release a plan solved within the quota on record",
                        field=f"quotas.{qid}.limit_t_reo",
                    )
                )
    return out


def _claim_open(s: Session, row: WorkOrderRow, status: str) -> None:
    """Move an open work order to ``status`` with a conditional update, so two users acting on it at once
    cannot both succeed; Conflict (with the status it has now) when it is no longer open."""
    claimed: CursorResult[Any] = s.execute(  # type: ignore[assignment]
        update(WorkOrderRow)
        .where(WorkOrderRow.id == row.id, WorkOrderRow.status == OPEN)
        .values(status=status)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        s.refresh(row)
        raise Conflict(f"work order {row.id} is {row.status}, not open")


def _process(names: tuple[str, ...]) -> Process:
    for name in names:
        if name in Process.__members__.values():
            return Process(name)
    return Process.OTHER


def confirm_work_order(
    c: Container,
    work_order_id: int,
    *,
    actor: str,
    roles: Collection[Role],
    actual_t: Mapping[str, float] | None = None,
    recovery: float | None = None,
    on: date | None = None,
) -> WorkOrder:
    """Confirm a work order: take its feed from the lots held at the plant (oldest lot code first), post
    the transformation into new output lots ``WO<id>-<product>``, and mark the order confirmed, in one
    transaction. ``actual_t`` gives actual quantities by product (feed or output) where they differ from the
    plan; ``recovery`` the recovery achieved (default: the plant's). RuleViolation when the feed is not at
    the plant or the outputs do not balance the feed element by element; Conflict when the order is not
    open (e.g. confirmed meanwhile)."""
    _require(roles, CONFIRMERS)
    actual = dict(actual_t or {})
    bad = [Problem(f"must be > 0, got {v!r}", field=f"actual.{k}") for k, v in actual.items() if not v > 0]
    if recovery is not None and not 0 < recovery <= 1:
        hint = f" ({recovery / 100:g} for {recovery:g} %?)" if 1 < recovery <= 100 else ""
        bad.append(Problem(f"a fraction in (0, 1], got {recovery:g}{hint}", field="recovery"))
    if bad:
        raise InvalidInput("bad actual quantities", bad)
    with c.uow() as uow:
        s = uow.session
        row = s.get(WorkOrderRow, work_order_id)
        if row is None:
            raise NotFound(f"no work order {work_order_id}")
        unknown = sorted(set(actual) - set(row.planned_feed_t) - set(row.planned_outputs_t))
        if unknown:
            raise InvalidInput(
                f"work order {work_order_id} neither takes nor makes these products",
                [Problem("not a feed or output of the work order", field=f"actual.{k}") for k in unknown],
            )
        _claim_open(s, row, CONFIRMED)
        day = on or date.today()
        m = _YEAR.match(row.period)
        if m is not None and row.kind == "separation" and day.year != int(m.group(1)):
            raise InvalidInput(
                f"work order {work_order_id} is for {row.period}: a separation on {day.isoformat()} would "
                f"draw on the {day.year} quota, not the {m.group(1)} one",
                [Problem(f"give the day the plant ran it, in {m.group(1)}", field="on")],
            )
        feed = {k: actual.get(k, float(v)) for k, v in row.planned_feed_t.items()}
        lots = [
            FeedLot(
                b.key,
                str(b.product),
                float(b.t_product or 0.0),
                {e: v / float(b.t_product or 1.0) for e, v in b.t_reo_by_element.items()},
            )
            for product in feed
            for b in queries.stock_balance(s, None, "lot", location=row.plant, product=product)
            if (b.t_product or 0.0) > 0
        ]
        taken = take_feed(lots, feed, row.plant)
        achieved = row.recovery if recovery is None else recovery
        reo = {p.code: float(p.reo_fraction) for p in queries.list_products(s)}
        outputs_t = {k: actual[k] for k in row.planned_outputs_t if k in actual}
        made = output_lots(taken, row.planned_t_reo, reo, achieved, outputs_t)
        codes = [f"WO{row.id}-{o.product}" for o in made]
        movement = MovementInput(
            MovementKind.TRANSFORMATION,
            day,
            plant=row.plant,
            process=Process(row.process),
            recovery=achieved,
            inputs=tuple(LotLine(lot.lot, t) for lot, t in taken),
            outputs=tuple(
                LotLine(code, o.quantity_t, o.product, o.reo_fraction, o.composition)
                for code, o in zip(codes, made, strict=True)
            ),
            reference=f"WO-{row.id}",
            posted_by=actor,
        ).validate()
        try:
            posting.post(s, [movement])
        except IntegrityError as e:
            raise Conflict(f"the posting conflicts with data written meanwhile: {e.orig}") from e
        row.status = CONFIRMED
        row.confirmed_by = actor
        row.confirmed_at = datetime.now(UTC)
        row.occurred_on = day
        row.actual_recovery = achieved
        row.actual_feed_t = {k: round(sum(t for lot, t in taken if lot.product == k), 6) for k in feed}
        row.actual_outputs_t = {o.product: o.quantity_t for o in made}
        row.actual_t_reo = _element_total({o.product: o.t_reo for o in made})
        row.lots = codes
        s.flush()
        out = _view(row)
        uow.commit()
    return out


def cancel_work_order(
    c: Container, work_order_id: int, *, actor: str, roles: Collection[Role], reason: str
) -> WorkOrder:
    """Cancel an open work order (the plant will not run it): nothing is posted; who and why go to the audit
    trail in the same transaction. Conflict when the order is not open. Once every work order of a plan period
    is cancelled, the period may be released again (``release_period``)."""
    _require(roles, RELEASERS)
    if not reason.strip():
        raise InvalidInput("a cancellation needs a reason", [Problem("required", field="reason")])
    from reechain.services import audit

    with c.uow() as uow:
        s = uow.session
        row = s.get(WorkOrderRow, work_order_id)
        if row is None:
            raise NotFound(f"no work order {work_order_id}")
        _claim_open(s, row, CANCELLED)
        audit.append(
            uow,
            actor=actor,
            action="plan.work_order.cancel",
            payload={
                "work_order": work_order_id,
                "plan": row.plan_id,
                "period": row.period,
                "reason": reason,
            },
        )
        s.refresh(row)
        out = _view(row)
        uow.commit()
    return out


def list_work_orders(c: Container, plan_id: int, period: str | None = None) -> list[WorkOrder]:
    with c.uow() as uow:
        uow.session.connection(execution_options={READ_ONLY_OPTION: True})
        q = select(WorkOrderRow).where(WorkOrderRow.plan_id == plan_id).order_by(WorkOrderRow.id)
        if period is not None:
            q = q.where(WorkOrderRow.period == period)
        return [_view(r) for r in uow.session.scalars(q)]


def get_work_order(c: Container, work_order_id: int) -> WorkOrder:
    with c.uow() as uow:
        row = uow.session.get(WorkOrderRow, work_order_id)
        if row is None:
            raise NotFound(f"no work order {work_order_id}")
        return _view(row)


def plan_execution(c: Container, plan_id: int) -> PlanExecution:
    """Plan against actual per period and element (separation output, t REO), with every work order; one
    read transaction."""
    with c.uow() as uow:
        s = uow.session
        s.connection(execution_options={READ_ONLY_OPTION: True})
        plan = s.get(PlanRunRow, plan_id)
        if plan is None:
            raise NotFound(f"no plan {plan_id}")
        doc = plan.document
        orders = [
            _view(r)
            for r in s.scalars(
                select(WorkOrderRow).where(WorkOrderRow.plan_id == plan_id).order_by(WorkOrderRow.id)
            )
        ]
    released: dict[tuple[str, str], float] = {}
    actual: dict[tuple[str, str], float] = {}
    for wo in orders:
        if wo.process != Process.SEPARATION.value or wo.status == CANCELLED:
            continue  # cancelled: nothing released; downstream steps convert separated output (counted once)
        for e, v in wo.planned_t_reo.items():
            released[(wo.period, e)] = released.get((wo.period, e), 0.0) + v
        for e, v in (wo.actual_t_reo or {}).items():
            actual[(wo.period, e)] = actual.get((wo.period, e), 0.0) + v
    rows = []
    for p in doc.get("periods", []):
        for e, planned in p.get("elements_made_t_reo", {}).items():
            key = (p["period"], e)
            if planned > 0 or key in released or key in actual:
                rows.append(
                    ElementExecution(
                        p["period"],
                        e,
                        float(planned),
                        round(released.get(key, 0.0), 6),
                        round(actual.get(key, 0.0), 6),
                    )
                )
    periods = [p["period"] for p in doc.get("periods", [])]
    live = {wo.period for wo in orders if wo.status != CANCELLED}
    return PlanExecution(
        plan_id=plan_id,
        periods=periods,
        released_periods=sorted({wo.period for wo in orders}),
        releasable_periods=[p for p in periods if p not in live],
        work_orders=orders,
        elements=rows,
    )
