"""Ledger REST API: stock, lots and their trace, movements (post one, import a file), master data."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel, Field, StringConstraints

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process, ReceiptSource
from reechain.domain.quotas import QuotaOverride
from reechain.domain.roles import Role
from reechain.ledger.bridge import StockBridge
from reechain.services import ledger, movement_import
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api", tags=["ledger"])

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Codes and free text: bounded, no control characters (PostgreSQL refuses NUL in text).
Code = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")]
Text = Annotated[str, StringConstraints(max_length=1000, pattern=r"^[^\x00]*$")]
Tonnes = Annotated[float, Field(ge=-1e9, le=1e9, allow_inf_nan=False)]
Fraction = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
StockBy = Literal["element", "product", "lot", "location"]

Poster = Annotated[
    AuthenticatedUser,
    Depends(require_roles(Role.INVENTORY_CONTROLLER, Role.PLANNER, Role.TRADER)),
]
Importer = Annotated[AuthenticatedUser, Depends(require_roles(Role.INVENTORY_CONTROLLER))]


class BalancePublic(BaseModel):
    by: str
    key: str
    t_reo: float
    t_reo_by_element: dict[str, float]
    t_product: float | None = None
    t_metal: float | None = None
    product: str | None = None
    location: str | None = None
    segment: str | None = None


class LotPublic(BaseModel):
    code: str
    product: str
    reo_fraction: float
    composition: dict[str, float]
    created_on: date
    on_hand_t: float


class LocationPublic(BaseModel):
    code: str
    name: str
    kind: str
    holder: str | None
    country: str | None


class ProductPublic(BaseModel):
    code: str
    name: str
    form: str
    reo_fraction: float
    composition: dict[str, float]
    spec: str
    purity: float | None


class MovementPublic(BaseModel):
    id: int
    kind: str
    occurred_on: date
    lot: str
    product: str
    from_location: str | None
    to_location: str | None
    quantity_t: float
    t_reo: float
    source: str | None
    transformation_id: int | None
    override_id: int | None
    reason: str | None
    reference: str | None
    posted_by: str | None


class LotLineCreate(BaseModel):
    lot: Code
    quantity_t: Tonnes
    product: Code | None = None
    reo_fraction: Fraction | None = None
    composition: dict[Code, Fraction] | None = None


class MovementCreate(BaseModel):
    """One movement; which fields a kind needs is in docs/ledger.md (quantities in t of product)."""

    kind: MovementKind
    occurred_on: date
    lot: Code | None = None
    quantity_t: Tonnes = 0.0
    product: Code | None = None
    from_location: Code | None = None
    to_location: Code | None = None
    source: ReceiptSource | None = None
    reo_fraction: Fraction | None = None
    composition: dict[Code, Fraction] | None = None
    plant: Code | None = None
    process: Process | None = None
    recovery: Fraction | None = None
    inputs: list[LotLineCreate] = Field(default_factory=list, max_length=1000)
    outputs: list[LotLineCreate] = Field(default_factory=list, max_length=1000)
    reason: Text | None = None
    reference: Text | None = None
    override_by: Text | None = None
    override_reason: Text | None = None

    def to_input(self, posted_by: str) -> MovementInput:
        override = None
        if self.override_by is not None or self.override_reason is not None:
            override = QuotaOverride(self.override_by or "", self.override_reason or "")
        return MovementInput(
            kind=self.kind,
            occurred_on=self.occurred_on,
            lot=self.lot,
            quantity_t=self.quantity_t,
            product=self.product,
            from_location=self.from_location,
            to_location=self.to_location,
            source=self.source,
            reo_fraction=self.reo_fraction,
            composition=self.composition,
            plant=self.plant,
            process=self.process,
            recovery=self.recovery,
            inputs=tuple(LotLine(**line.model_dump()) for line in self.inputs),
            outputs=tuple(LotLine(**line.model_dump()) for line in self.outputs),
            reason=self.reason,
            reference=self.reference,
            override=override,
            posted_by=posted_by,
        )


class PostingPublic(BaseModel):
    posted: int
    entries: int
    lots_created: list[str]
    override_ids: list[int]


class ImportPublic(BaseModel):
    rows: int
    posted: int
    entries: int
    lots_created: int


@router.get("/stock", response_model=list[BalancePublic], summary="Stock held by the group")
def stock(
    c: ContainerDep,
    _: CurrentUser,
    by: StockBy = "element",
    at: date | None = None,
    location: Annotated[Code | None, Query()] = None,
    product: Annotated[Code | None, Query()] = None,
) -> list[BalancePublic]:
    return [
        BalancePublic.model_validate(asdict(r))
        for r in ledger.stock_balance(c, at, by, location=location, product=product)
    ]


@router.get(
    "/stock/bridge",
    response_model=StockBridge,
    summary="Why stock sits where it does: opening, flows in and out, closing (t REO)",
)
def stock_bridge(
    c: ContainerDep,
    _: CurrentUser,
    elements: Annotated[Code, Query(description="Element symbols, e.g. Dy or Pr,Nd (or PrNd)")] = "PrNd",
    start: date | None = Query(None, description="First day; default 1 January of the end's year"),
    end: date | None = Query(None, description="Last day; default today"),
    location: Annotated[Code | None, Query()] = None,
) -> StockBridge:
    return ledger.stock_bridge(c, elements, start, end, location=location)


@router.get("/lots", response_model=list[LotPublic], summary="Lots, newest first")
def lots(
    c: ContainerDep,
    _: CurrentUser,
    product: Annotated[Code | None, Query()] = None,
    on_hand_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[LotPublic]:
    rows = ledger.list_lots(c, product=product, on_hand_only=on_hand_only, limit=limit, offset=offset)
    return [LotPublic.model_validate(asdict(r)) for r in rows]


class TraceNodePublic(BaseModel):
    """One lot of a trace; ``receipts`` say where an ore/feed lot came from, ``sales`` where it went."""

    lot: str
    product: str
    form: str
    created_on: date
    via: str | None
    receipts: list[dict[str, str | float | int | None]]
    sales: list[dict[str, str | float | int | None]]
    children: list[TraceNodePublic]


class TracePublic(BaseModel):
    lot: TraceNodePublic
    ancestors: list[TraceNodePublic]
    descendants: list[TraceNodePublic]
    origins: list[str]
    customers: list[str]


@router.get(
    "/lots/{code}/trace",
    response_model=TracePublic,
    summary="A lot's ancestors back to the ore and descendants to customers",
)
def trace(code: Code, c: ContainerDep, _: CurrentUser) -> TracePublic:
    t = ledger.trace_lot(c, code)
    return TracePublic.model_validate({**t.to_dict(), "origins": t.origins(), "customers": t.customers()})


@router.get("/locations", response_model=list[LocationPublic])
def locations(
    c: ContainerDep, _: CurrentUser, kind: Annotated[Code | None, Query()] = None
) -> list[LocationPublic]:
    return [LocationPublic.model_validate(asdict(r)) for r in ledger.list_locations(c, kind)]


@router.get("/products", response_model=list[ProductPublic])
def products(
    c: ContainerDep, _: CurrentUser, form: Annotated[Code | None, Query()] = None
) -> list[ProductPublic]:
    return [ProductPublic.model_validate(asdict(r)) for r in ledger.list_products(c, form)]


@router.get("/movements", response_model=list[MovementPublic], summary="Posted movements, newest first")
def movements(
    c: ContainerDep,
    _: CurrentUser,
    lot: Annotated[Code | None, Query()] = None,
    location: Annotated[Code | None, Query()] = None,
    kind: Annotated[Code | None, Query()] = None,
    since: date | None = None,
    until: date | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[MovementPublic]:
    rows = ledger.list_movements(
        c, lot=lot, location=location, kind=kind, since=since, until=until, limit=limit, offset=offset
    )
    return [MovementPublic.model_validate(asdict(r)) for r in rows]


@router.post("/movements", response_model=PostingPublic, status_code=201, summary="Post one movement")
def post_movement(body: MovementCreate, c: ContainerDep, user: Poster) -> PostingPublic:
    result = ledger.post_movement(c, body.to_input(user.username))
    return PostingPublic(**asdict(result))


@router.post(
    "/movements/import",
    response_model=ImportPublic,
    status_code=201,
    summary="Import a CSV or Excel file of movements: all or nothing, every bad row reported",
)
async def import_file(
    c: ContainerDep, user: Importer, file: Annotated[UploadFile, File(description=".csv or .xlsx")]
) -> ImportPublic:
    result = import_upload(c, await read_upload(file), file.filename or "", user.username)
    return ImportPublic(**asdict(result))


async def read_upload(file: UploadFile) -> bytes:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("file too large", [Problem(f"at most {MAX_UPLOAD_BYTES // 2**20} MiB", "file")])
    return data


def import_upload(c: Container, data: bytes, filename: str, username: str) -> movement_import.ImportResult:
    suffix = Path(filename).suffix.lower()
    if suffix not in {".csv", ".txt", ".xlsx", ".xlsm"}:
        raise InvalidInput("unsupported file type", [Problem("send a .csv or .xlsx file", "file")])
    # the service checks UTF-8 and NUL characters, as for the command line
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        return movement_import.import_movements(c, path, posted_by=username)
