"""REST: order checks, rules as of a day, licences, the review queue, the allow-list and the audit trail."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from reechain.api.compliance_schemas import (
    AllowEntryOut,
    AuditRecordOut,
    AuditVerificationOut,
    CheckOut,
    HoldOut,
    LatestCheckOut,
    LicenceOut,
    MeasureInForceOut,
    OrderDocument,
)
from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.api.sales_schemas import ShipmentOut
from reechain.compliance.licences import Licence
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services import compliance as svc
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api/compliance", tags=["compliance"])
Officer = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
Checker = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER, Role.TRADER))]


class LicenceCreate(BaseModel):
    model_config = {"allow_inf_nan": False}

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


@router.post("/check", response_model=CheckOut)
def check(c: ContainerDep, user: Checker, order: OrderDocument) -> JSONResponse:
    """Decide an order (format: docs/compliance.md); the answer is the decision JSON (``CheckOut``)."""
    with _checks:
        result = svc.check_order(c, order.document(), actor=user.username)
    # The result is plain JSON already, every number finite: sent as it is, without a second walk through
    # the response encoder (its shape is CheckOut, as the tests check).
    return JSONResponse(result)


@router.post("/orders/{order_id}/ship", response_model=ShipmentOut)
def ship(order_id: str, c: ContainerDep, user: Checker, on: date | None = None) -> ShipmentOut:
    """Ship the sales order ``order_id`` (the one shipping path: gate, licences, ledger, audit at once)."""
    return ShipmentOut.model_validate(svc.ship_order(c, order_id, actor=user.username, on=on))


@router.get("/orders/{order_id}", response_model=LatestCheckOut)
def latest_check(order_id: str, c: ContainerDep, _: CurrentUser) -> LatestCheckOut:
    return LatestCheckOut.model_validate(svc.latest_check(c, order_id))


@router.get("/rules", response_model=list[MeasureInForceOut])
def rules(
    c: ContainerDep, _: CurrentUser, as_of: date | None = None, all_measures: bool = False
) -> list[MeasureInForceOut]:
    return [
        MeasureInForceOut.model_validate(r)
        for r in svc.rules_as_of(c, as_of or date.today(), all_measures=all_measures)
    ]


@router.get("/licences", response_model=list[LicenceOut])
def licences(c: ContainerDep, _: CurrentUser) -> list[LicenceOut]:
    today = date.today()
    return [LicenceOut.model_validate(r) for r in [svc.licence_json(x, today) for x in svc.list_licences(c)]]


@router.post("/licences", status_code=201, response_model=LicenceOut)
def add_licence(body: LicenceCreate, c: ContainerDep, user: Officer) -> LicenceOut:
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
    return LicenceOut.model_validate(
        svc.licence_json(svc.add_licence(c, lic, actor=user.username, roles=user.roles))
    )


@router.get("/holds", response_model=list[HoldOut])
def holds(
    c: ContainerDep,
    _: CurrentUser,
    status: Annotated[str, Query(pattern="^(pending|released|rejected|all)$")] = "pending",
) -> list[HoldOut]:
    return [HoldOut.model_validate(r) for r in svc.list_holds(c, None if status == "all" else status)]


@router.post("/holds/{hold_id}/approve", response_model=HoldOut)
def approve(hold_id: int, c: ContainerDep, user: Officer, body: ReviewNote | None = None) -> HoldOut:
    return HoldOut.model_validate(
        svc.approve_hold(c, hold_id, actor=user.username, roles=user.roles, note=body.note if body else "")
    )


@router.post("/holds/{hold_id}/reject", response_model=HoldOut)
def reject(hold_id: int, c: ContainerDep, user: Officer, body: ReviewNote | None = None) -> HoldOut:
    return HoldOut.model_validate(
        svc.reject_hold(c, hold_id, actor=user.username, roles=user.roles, note=body.note if body else "")
    )


@router.get("/allow-list", response_model=list[AllowEntryOut])
def allow_list(c: ContainerDep, _: CurrentUser) -> list[AllowEntryOut]:
    return [AllowEntryOut.model_validate(r) for r in svc.list_allow_entries(c)]


@router.post("/allow-list", status_code=201, response_model=AllowEntryOut)
def add_allow(body: AllowCreate, c: ContainerDep, user: Officer) -> AllowEntryOut:
    return AllowEntryOut.model_validate(
        svc.add_allow_entry(c, **body.model_dump(), actor=user.username, roles=user.roles)
    )


@router.get("/audit", response_model=list[AuditRecordOut])
def audit_records(
    c: ContainerDep, _: CurrentUser, limit: Annotated[int, Query(ge=1, le=1000)] = 50
) -> list[AuditRecordOut]:
    return [AuditRecordOut.model_validate(r) for r in [r.__dict__ for r in audit.latest(c, limit=limit)]]


@router.get("/audit/verify", response_model=AuditVerificationOut)
def audit_verify(c: ContainerDep, _: CurrentUser) -> AuditVerificationOut:
    v = audit.verify(c)
    return AuditVerificationOut.model_validate(
        {
            "ok": v.ok,
            "records": v.records,
            "head": v.head,
            "first_broken_seq": v.first_broken_seq,
            "problem": v.problem,
        }
    )
