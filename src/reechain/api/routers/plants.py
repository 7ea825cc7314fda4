"""Plants API: consumption records (file or JSON), KPIs per t REO, limit flags, cost what-if, references."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.green.kpis import Kpis, exceedance_json
from reechain.services import green as svc

router = APIRouter(prefix="/api/plants", tags=["plants"])

PlantQuery = Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
PeriodQuery = Annotated[
    str | None, Query(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$", description="YYYY-MM, or YYYY for a year")
]


class RecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plant: str = Field(max_length=64)
    period: str = Field(max_length=7, description="YYYY-MM")
    item: str = Field(max_length=64, description="an item of docs/plants.md, its unit in its name")
    quantity: float = Field(allow_inf_nan=False)
    zone: str = Field("general", max_length=16, description="general or special (GB 26451-2011)")
    note: str = Field("", max_length=2000)


class RecordsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    records: list[RecordIn] = Field(max_length=svc.MAX_ROWS)
    replace: bool = False


class RecordOut(BaseModel):
    plant: str
    period: str
    item: str
    quantity: float
    zone: str
    note: str


class ImportOut(BaseModel):
    rows: int
    added: int
    replaced: int


class ExceedanceOut(BaseModel):
    plant: str
    period: str
    item: str
    zone: str
    measured: float
    limit: float
    unit: str
    standard: str


class KpisOut(BaseModel):
    plant: str
    period: str
    t_reo: float = Field(description="t REO produced, from the ledger's transformations")
    totals: dict[str, float]
    per_t_reo: dict[str, float | None]
    measured: dict[str, float]
    co2e_scope1_kg: float
    co2e_scope2_kg: float
    co2e_kg_per_t_reo: float | None
    cost_cny_per_t_reo: float | None
    exceedances: list[ExceedanceOut]


class KpiReportOut(BaseModel):
    plant: str | None
    period: str | None
    plants: list[KpisOut]
    months: list[KpisOut]
    exceedances: list[ExceedanceOut]


class WhatIfIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plant: str = Field(max_length=64)
    annual_net_savings_cny: float = Field(
        allow_inf_nan=False, description="yearly savings minus the upgrade's own running cost, CNY"
    )
    start_period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    period: str | None = Field(None, pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$")


class WhatIfMonthOut(BaseModel):
    period: str
    t_reo: float
    cost_cny_per_t_reo: float | None
    saving_cny: float
    cost_after_cny_per_t_reo: float | None


class WhatIfOut(BaseModel):
    plant: str
    annual_net_savings_cny: float
    start_period: str
    months: list[WhatIfMonthOut]


def _kpis(k: Kpis) -> KpisOut:
    return KpisOut.model_validate(k.as_json())


@router.get("/kpis", response_model=KpiReportOut, summary="KPIs per t REO by plant and month")
def kpis(
    c: ContainerDep, _: CurrentUser, plant: PlantQuery = None, period: PeriodQuery = None
) -> KpiReportOut:
    report = svc.plant_kpis(c, plant=plant, period=period)
    return KpiReportOut(
        plant=report.plant,
        period=report.period,
        plants=[_kpis(k) for k in report.plants],
        months=[_kpis(k) for k in report.months],
        exceedances=[
            ExceedanceOut.model_validate(exceedance_json(e)) for k in report.months for e in k.exceedances
        ],
    )


@router.get("/records", response_model=list[RecordOut], summary="Stored consumption records")
def records(
    c: ContainerDep, _: CurrentUser, plant: PlantQuery = None, period: PeriodQuery = None
) -> list[RecordOut]:
    return [
        RecordOut(plant=r.plant, period=r.period, item=r.item, quantity=r.quantity, zone=r.zone, note=r.note)
        for r in svc.list_records(c, plant=plant, period=period)
    ]


@router.post("/records", response_model=ImportOut, summary="Enter records (all or nothing)")
def enter(body: RecordsIn, c: ContainerDep, user: CurrentUser) -> ImportOut:
    rows = [(i, r.model_dump()) for i, r in enumerate(body.records, start=1)]
    rep = svc.store_records(c, rows, source="entered", replace=body.replace, actor=user)
    return ImportOut(rows=rep.rows, added=rep.added, replaced=rep.replaced)


@router.post(
    "/records/import", response_model=ImportOut, summary="Import a CSV or .xlsx file (all or nothing)"
)
async def import_file(
    c: ContainerDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File()],
    replace: Annotated[bool, Query()] = False,
) -> ImportOut:
    data = await file.read(svc.MAX_FILE_BYTES + 1)
    rep = svc.import_records(c, file.filename or "upload.csv", data, replace=replace, actor=user)
    return ImportOut(rows=rep.rows, added=rep.added, replaced=rep.replaced)


@router.post(
    "/whatif", response_model=WhatIfOut, summary="An upgrade's savings in the plant's cost per t REO"
)
def whatif(body: WhatIfIn, c: ContainerDep, _: CurrentUser) -> WhatIfOut:
    months = svc.cost_what_if(
        c,
        plant=body.plant,
        annual_net_savings_cny=body.annual_net_savings_cny,
        start_period=body.start_period,
        period=body.period,
    )
    return WhatIfOut(
        plant=body.plant,
        annual_net_savings_cny=body.annual_net_savings_cny,
        start_period=body.start_period,
        months=[WhatIfMonthOut.model_validate(m.as_json()) for m in months],
    )


class ReferenceOut(BaseModel):
    name: str
    rows: list[dict[str, str]]


@router.get("/reference/{name}", response_model=ReferenceOut, summary="Packaged items, CO2e factors, limits")
def reference(
    name: Annotated[str, Path(pattern=r"^(items|co2e_factors|gb26451_limits)$")],
    c: ContainerDep,
    _: CurrentUser,
) -> ReferenceOut:
    return ReferenceOut(name=name, rows=svc.reference_rows(name))
