"""REST: order checks, rules as of a day, licences, the review queue, the allow-list and the audit trail."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.compliance.licences import Licence
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services import compliance as svc
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api/compliance", tags=["compliance"])
Officer = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
Checker = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER, Role.TRADER))]


class LicenceCreate(BaseModel):
    licence_no: str = Field(min_length=1, max_length=64)
    kind: str = Field(pattern="^(dual_use|export)$")
    exporter: str = Field(min_length=1, max_length=300)
    consignee: str | None = None
    end_user: str | None = None
    destination_country: str | None = Field(default=None, min_length=2, max_length=2)
    elements: list[str] = []
    hs_codes: list[str] = []
    quantity_kg: float = Field(gt=0)
    valid_from: date
    valid_until: date


class AllowCreate(BaseModel):
    party_name: str = Field(min_length=1, max_length=300)
    list_name: str = Field(min_length=1, max_length=100)
    entry_id: str = Field(min_length=1, max_length=200)
    entry_fingerprint: str = Field(min_length=1, max_length=128)
    expires_on: date
    reason: str = Field(min_length=1)


class ReviewNote(BaseModel):
    note: str = ""


# Checks of one process that run at once: more only compete for the GIL while one of them holds the audit
# head lock (every check appends to the same stream), which makes them all slower; the rest wait here.
CHECKS_AT_ONCE = 4
_checks = threading.BoundedSemaphore(CHECKS_AT_ONCE)


@router.post("/check", response_model=None)
def check(c: ContainerDep, user: Checker, order: Annotated[dict[str, Any], Body()]) -> JSONResponse:
    """Decide an order (format: docs/compliance.md); the answer is the decision JSON."""
    with _checks:
        result = svc.check_order(c, order, actor=user.username)
    # The result is plain JSON already: sent as it is, without a second walk through the response encoder.
    return JSONResponse(result)


@router.post("/orders/{order_id}/ship")
def ship(order_id: str, c: ContainerDep, user: Checker, on: date | None = None) -> dict[str, Any]:
    return svc.ship_order(c, order_id, actor=user.username, on=on)


@router.get("/orders/{order_id}")
def latest_check(order_id: str, c: ContainerDep, _: CurrentUser) -> dict[str, Any]:
    return svc.latest_check(c, order_id)


@router.get("/rules")
def rules(
    c: ContainerDep, _: CurrentUser, as_of: date | None = None, all_measures: bool = False
) -> list[dict[str, Any]]:
    return svc.rules_as_of(c, as_of or date.today(), all_measures=all_measures)


@router.get("/licences")
def licences(c: ContainerDep, _: CurrentUser) -> list[dict[str, Any]]:
    today = date.today()
    return [svc.licence_json(x, today) for x in svc.list_licences(c)]


@router.post("/licences", status_code=201)
def add_licence(body: LicenceCreate, c: ContainerDep, user: Officer) -> dict[str, Any]:
    lic = Licence(
        licence_no=body.licence_no,
        kind=body.kind,
        exporter=body.exporter,
        consignee=body.consignee or None,
        end_user=body.end_user or None,
        destination_country=body.destination_country.upper() if body.destination_country else None,
        elements=frozenset(body.elements),
        hs_codes=tuple(body.hs_codes),
        quantity_kg=body.quantity_kg,
        drawn_kg=0.0,
        valid_from=body.valid_from,
        valid_until=body.valid_until,
    )
    return svc.licence_json(svc.add_licence(c, lic, actor=user.username, roles=user.roles))


@router.get("/holds")
def holds(
    c: ContainerDep,
    _: CurrentUser,
    status: Annotated[str, Query(pattern="^(pending|released|rejected|all)$")] = "pending",
) -> list[dict[str, Any]]:
    return svc.list_holds(c, None if status == "all" else status)


@router.post("/holds/{hold_id}/approve")
def approve(hold_id: int, c: ContainerDep, user: Officer, body: ReviewNote | None = None) -> dict[str, Any]:
    return svc.approve_hold(c, hold_id, actor=user.username, roles=user.roles, note=body.note if body else "")


@router.post("/holds/{hold_id}/reject")
def reject(hold_id: int, c: ContainerDep, user: Officer, body: ReviewNote | None = None) -> dict[str, Any]:
    return svc.reject_hold(c, hold_id, actor=user.username, roles=user.roles, note=body.note if body else "")


@router.get("/allow-list")
def allow_list(c: ContainerDep, _: CurrentUser) -> list[dict[str, Any]]:
    return svc.list_allow_entries(c)


@router.post("/allow-list", status_code=201)
def add_allow(body: AllowCreate, c: ContainerDep, user: Officer) -> dict[str, Any]:
    return svc.add_allow_entry(c, **body.model_dump(), actor=user.username, roles=user.roles)


@router.get("/audit")
def audit_records(
    c: ContainerDep, _: CurrentUser, limit: Annotated[int, Query(ge=1, le=1000)] = 50
) -> list[dict[str, Any]]:
    return [r.__dict__ for r in audit.latest(c, limit=limit)]


@router.get("/audit/verify")
def audit_verify(c: ContainerDep, _: CurrentUser) -> dict[str, Any]:
    v = audit.verify(c)
    return {
        "ok": v.ok,
        "records": v.records,
        "head": v.head,
        "first_broken_seq": v.first_broken_seq,
        "problem": v.problem,
    }
