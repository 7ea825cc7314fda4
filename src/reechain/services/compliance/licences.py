"""Licences: register, list, and draw down (within the caller's transaction when shipping)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, select, update

from reechain.bootstrap import Container
from reechain.compliance.licences import Licence, check_draw_down, validate_licence
from reechain.domain.errors import Conflict, NotFound, RuleViolation
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services.compliance._base import now, read_only, require
from reechain.store.tables.compliance import DrawDownRow, LicenceRow
from reechain.store.uow import UnitOfWork


def licence_of(row: LicenceRow) -> Licence:
    return Licence(
        licence_no=row.licence_no,
        kind=row.kind,
        exporter=row.exporter,
        consignee=row.consignee,
        end_user=row.end_user,
        destination_country=row.destination_country,
        elements=frozenset(e for e in row.elements.split(",") if e),
        hs_codes=tuple(h for h in row.hs_codes.split(",") if h),
        quantity_kg=row.quantity_kg,
        drawn_kg=row.drawn_kg,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        revoked=row.revoked,
    )


def licence_json(lic: Licence, on: date | None = None) -> dict[str, Any]:
    d = asdict(lic)
    d["elements"] = sorted(lic.elements)
    d["hs_codes"] = list(lic.hs_codes)
    d["valid_from"] = lic.valid_from.isoformat()
    d["valid_until"] = lic.valid_until.isoformat()
    d["remaining_kg"] = lic.remaining_kg
    if on is not None:
        d["usable"] = not lic.revoked and lic.valid_from <= on <= lic.valid_until and lic.remaining_kg > 0
    return d


def add_licence(c: Container, lic: Licence, *, actor: str, roles: Collection[Role]) -> Licence:
    require(roles, Role.COMPLIANCE_OFFICER)
    validate_licence(lic)
    with c.uow() as uow:
        s = uow.session
        if s.scalar(select(LicenceRow.id).where(LicenceRow.licence_no == lic.licence_no)) is not None:
            raise Conflict(f"licence {lic.licence_no} already exists")
        s.add(
            LicenceRow(
                licence_no=lic.licence_no,
                kind=lic.kind,
                exporter=lic.exporter,
                consignee=lic.consignee,
                end_user=lic.end_user,
                destination_country=lic.destination_country,
                elements=",".join(sorted(lic.elements)),
                hs_codes=",".join(lic.hs_codes),
                quantity_kg=lic.quantity_kg,
                drawn_kg=0.0,
                valid_from=lic.valid_from,
                valid_until=lic.valid_until,
                revoked=False,
                created_by=actor,
                created_at=now(),
            )
        )
        s.flush()
        audit.append(uow, actor=actor, action="licence.added", payload=licence_json(lic))
        uow.commit()
    return lic


def list_licences(c: Container) -> list[Licence]:
    with c.uow() as uow:
        read_only(uow)
        return [
            licence_of(r) for r in uow.session.scalars(select(LicenceRow).order_by(LicenceRow.licence_no))
        ]


_LICENCES = cast(Table, LicenceRow.__table__)
_USABLE = select(_LICENCES).where(_LICENCES.c.revoked.is_(False))


def usable_licences(uow: UnitOfWork) -> list[Licence]:
    """Every licence not revoked, read in the caller's transaction (as rows: every check reads them)."""
    return [licence_of(cast(LicenceRow, r)) for r in uow.session.execute(_USABLE)]


def draw(
    uow: UnitOfWork, licence_no: str, quantity_kg: float, order_id: str, line: int, on: date, actor: str
) -> None:
    """Draw ``quantity_kg`` in the caller's transaction (one conditional UPDATE: two concurrent draw-downs
    can never take the licence past its quantity)."""
    s = uow.session
    row = s.scalar(select(LicenceRow).where(LicenceRow.licence_no == licence_no))
    if row is None:
        raise NotFound(f"no licence {licence_no}")
    check_draw_down(licence_of(row), quantity_kg, on)
    done = s.execute(
        update(LicenceRow)
        .where(
            LicenceRow.id == row.id,
            LicenceRow.drawn_kg + quantity_kg <= LicenceRow.quantity_kg + 1e-9,
            LicenceRow.revoked.is_(False),
        )
        .values(drawn_kg=LicenceRow.drawn_kg + quantity_kg)
        .execution_options(synchronize_session=False)
    )
    if getattr(done, "rowcount", 1) != 1:
        raise RuleViolation(
            f"licence {licence_no} no longer has {quantity_kg:g} kg left (drawn concurrently)"
        )
    s.add(
        DrawDownRow(
            licence_id=row.id, order_id=order_id, line=line, quantity_kg=quantity_kg, drawn_on=on, actor=actor
        )
    )


def draw_down(
    c: Container, licence_no: str, quantity_kg: float, *, order_id: str, line: int, on: date, actor: str
) -> Licence:
    """Draw ``quantity_kg`` from a licence for one order line; expired, revoked or exhausted: refused."""
    with c.uow() as uow:
        draw(uow, licence_no, quantity_kg, order_id, line, on, actor)
        uow.session.flush()
        payload = {"licence_no": licence_no, "quantity_kg": quantity_kg, "order_id": order_id, "line": line}
        audit.append(uow, actor=actor, action="licence.drawn", payload={**payload, "on": on.isoformat()})
        row = uow.session.scalar(select(LicenceRow).where(LicenceRow.licence_no == licence_no))
        assert row is not None
        uow.session.refresh(row)
        lic = licence_of(row)
        uow.commit()
    return lic
