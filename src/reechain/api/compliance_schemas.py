"""Typed edges of the compliance API: the order a check reads and everything the gate answers.

Numbers are finite (``allow_inf_nan=False``): ``quantity_kg: Infinity`` or ``NaN`` is refused with 422
before anything runs. Fields the order format requires are optional here: the gate's own reading
(``compliance.order.parse_order``) names every missing or bad field at once. Unknown fields of an order (an
address, a note) are kept and passed on.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Decision = Literal["clear", "licence_required", "hold", "blocked"]
Schema = Literal["Person", "Company", "Organization", "Vessel", "LegalEntity"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", allow_inf_nan=False, populate_by_name=True)


class OrderPartyIn(_Open):
    role: str
    name: str
    country: str | None = None
    schema_: Schema | None = Field(default=None, alias="schema")


class OrderLineIn(_Open):
    line: int | None = None
    product: str | None = None
    form: str | None = None
    purity: float | None = None
    hs_code: str | int | None = None
    composition: dict[str, float] = {}
    quantity_kg: float | None = None
    unit_price: float | None = None
    currency: str | None = None


class ExporterIn(_Open):
    name: str
    country: str | None = None


class OrderDocument(_Open):
    """An order as ``POST /api/compliance/check`` reads it (docs/compliance.md, "Order file")."""

    order_id: str
    date: str | None = None
    exporter: ExporterIn
    destination_country: str
    incoterm: str | None = None
    end_use: str | None = None
    parties: list[OrderPartyIn]
    lines: list[OrderLineIn]

    def document(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True)


class FeatureOut(BaseModel):
    name: str | None
    score: float | None
    detail: str | None


class HitOut(BaseModel):
    list_: str = Field(alias="list")
    list_version: int | str | None
    entry_id: str
    entry_name: str
    score: float
    features: list[FeatureOut]
    entry_fingerprint: str
    programs: list[str] = []
    outcome: str


class PartyDecisionOut(BaseModel):
    role: str
    name: str
    country: str | None
    schema_: str | None = Field(default=None, alias="schema")
    decision: Decision
    reasons: list[str]
    hits: list[HitOut]


class MeasureOut(BaseModel):
    id: str
    title: str
    control_codes: list[str]
    reason: str


class LicenceUseOut(BaseModel):
    licence_no: str
    quantity_kg: float


class LineDecisionOut(BaseModel):
    line: int
    product: str
    form: str
    hs_code: str
    quantity_kg: float
    decision: Decision
    measures: list[MeasureOut]
    licence: LicenceUseOut | None
    reasons: list[str]


class PolicyOut(BaseModel):
    id: str
    review_threshold: float
    block_threshold: float


class AuditRefOut(BaseModel):
    stream: str
    seq: int
    hash: str


class CheckOut(BaseModel):
    order_id: str
    decision: Decision
    as_of: date
    checked_at: str
    checked_by: str
    check_id: int
    hold_id: int | None
    content_sha256: str
    rules_version: str
    policy: PolicyOut
    list_versions: dict[str, int]
    reasons: list[str]
    lines: list[LineDecisionOut]
    parties: list[PartyDecisionOut]
    audit: AuditRefOut


class LatestCheckOut(CheckOut):
    order: dict[str, Any] = Field(description="the order document as it was checked")
    content_sha256: str | None = None  # type: ignore[assignment]  # checks recorded before it existed


class DrawnOut(BaseModel):
    line: int
    licence_no: str
    quantity_kg: float


class ShippedLotOut(BaseModel):
    lot: str
    location: str
    quantity_t: float


class MeasureInForceOut(BaseModel):
    id: str
    title: str
    status: str
    why: str
    effective: date
    lapses: date | None
    elements: list[str]
    forms: list[str]
    hs_codes: int = Field(description="how many HS code lines the measure lists")
    licence_kinds: list[str]
    source: list[str]


class LicenceOut(BaseModel):
    licence_no: str
    kind: str
    exporter: str
    consignee: str | None
    end_user: str | None
    destination_country: str | None
    elements: list[str]
    hs_codes: list[str]
    quantity_kg: float
    drawn_kg: float
    valid_from: date
    valid_until: date
    revoked: bool
    remaining_kg: float
    usable: bool | None = None


class HeldPartyOut(BaseModel):
    role: str
    name: str
    hits: list[HitOut]


class ApprovalOut(BaseModel):
    username: str
    at: str


class HoldOut(BaseModel):
    hold_id: int
    order_id: str
    check_id: int
    status: Literal["pending", "released", "rejected"]
    created_at: str
    content_sha256: str | None
    parties: list[HeldPartyOut]
    reasons: list[str]
    approvals: list[ApprovalOut]
    resolved_by: str | None
    note: str


class AllowEntryOut(BaseModel):
    id: int
    party_name: str
    list_: str = Field(alias="list")
    entry_id: str
    entry_fingerprint: str
    expires_on: date
    approved_by: str
    reason: str
    revoked: bool


class AuditRecordOut(BaseModel):
    stream: str
    seq: int
    recorded_at: str
    actor: str
    action: str
    payload: str = Field(description="canonical JSON of the record's payload (what the hash covers)")
    prev_hash: str
    hash: str


class AuditVerificationOut(BaseModel):
    ok: bool
    records: int
    head: str | None
    first_broken_seq: int | None
    problem: str | None
