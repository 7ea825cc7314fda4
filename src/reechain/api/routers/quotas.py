"""Quotas REST API: status (use derived from the ledger), overrides, and defining a batch."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field, StringConstraints

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.quotas import Quota, QuotaKind
from reechain.domain.roles import Role
from reechain.services import quotas
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api/quotas", tags=["quotas"])

Year = Annotated[int, Path(ge=1901, le=2199)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")]
QuotaWriter = Annotated[AuthenticatedUser, Depends(require_roles(Role.PLANNER))]


class QuotaStatusPublic(BaseModel):
    id: int
    year: int
    batch: str
    kind: str
    holder: str
    limit_t_reo: float
    used_t_reo: float
    remaining_t_reo: float
    used_share: float
    source: str = ""


class QuotaCreate(BaseModel):
    year: int = Field(ge=1901, le=2199)
    batch: Code
    kind: QuotaKind
    holder: Code
    limit_t_reo: float = Field(ge=0, le=1e9, allow_inf_nan=False)
    source: Annotated[str, StringConstraints(max_length=1000, pattern=r"^[^\x00]*$")] = ""
    issued_on: date | None = None


class QuotaCreated(BaseModel):
    id: int


@router.get("/{year}", response_model=list[QuotaStatusPublic], summary="Use of every quota batch of a year")
def status(year: Year, c: ContainerDep, _: CurrentUser, at: date | None = None) -> list[QuotaStatusPublic]:
    return [
        QuotaStatusPublic.model_validate(r)
        for r in [{**asdict(r), "used_share": r.used_share} for r in quotas.quota_status(c, year, at=at)]
    ]


class QuotaOverridePublic(BaseModel):
    id: int
    year: int
    kind: str
    holder: str
    who: str
    why: str
    over_by_t_reo: float
    recorded_at: datetime


@router.get(
    "/{year}/overrides",
    response_model=list[QuotaOverridePublic],
    summary="Quota overrides recorded in a year (who, why, by how much)",
)
def overrides(year: Year, c: ContainerDep, _: CurrentUser) -> list[QuotaOverridePublic]:
    return [QuotaOverridePublic.model_validate(r) for r in [dict(o) for o in quotas.list_overrides(c, year)]]


@router.post("", response_model=QuotaCreated, status_code=201, summary="Define (or replace) a quota batch")
def define(body: QuotaCreate, c: ContainerDep, user: CurrentUser) -> QuotaCreated:
    quota = Quota(
        year=body.year,
        batch=body.batch,
        kind=body.kind,
        holder=body.holder,
        limit_t_reo=body.limit_t_reo,
        source=body.source,
        issued_on=body.issued_on.isoformat() if body.issued_on else None,
    )
    return QuotaCreated(id=quotas.define_quota(c, quota, actor=user))
