"""REST: counterparty due diligence — assessment of uploaded files, the party register, reviews, and the
effect of each list import on the register."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.roles import Role
from reechain.services import diligence, parties
from reechain.services.auth import AuthenticatedUser
from reechain.services.parties_rescreen import recent_rescreens

router = APIRouter(prefix="/api/risk", tags=["risk"])
RiskManager = Annotated[AuthenticatedUser, Depends(require_roles(Role.RISK_MANAGER))]
MAX_FILE_BYTES = 16 * 2**20


class FactorOut(BaseModel):
    code: str
    points: int
    evidence: str
    guidance: str


class AssessmentOut(BaseModel):
    id: str
    score: int = Field(ge=0, le=100)
    band: str
    listed: bool
    owned_by_listed_share: float
    blocked_by_ownership: bool
    factors: list[FactorOut]


class DiligenceOut(BaseModel):
    parties: list[AssessmentOut]


class RegisterImportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    parties_file: str
    added: int
    updated: int
    holdings: int
    documents: int
    listed: int
    blocked_by_ownership: int
    bands: dict[str, int]


class PartySummaryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    party_id: str
    name: str
    schema_: str | None = Field(alias="schema", validation_alias="schema")
    country: str | None
    roles: list[str]
    score: int | None
    band: str | None
    listed: bool
    review_due_on: date | None
    flagged: bool
    flag_reason: str


class LinkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    party_id: str
    name: str
    share: float
    blocked: bool


class HitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    list_name: str
    list_version: int
    entry_id: str
    entry_name: str
    score: float


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    kind: str
    reference: str
    expires_on: date | None


class NameOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    name: str
    script: str


class ReviewOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    reviewed_at: str
    reviewer: str
    score: int
    band: str
    next_due_on: date
    note: str


class EdgeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    owner_id: str
    owned_id: str
    share: float


class PartyOut(BaseModel):
    summary: PartySummaryOut
    names: list[NameOut]
    registration_ids: list[tuple[str, str]]
    addresses: list[str]
    transit_countries: list[str]
    annex_ii: list[str]
    red_flags: list[str]
    late_payments: int
    documents: list[DocumentOut]
    hits: list[HitOut]
    factors: list[FactorOut]
    owners: list[LinkOut]
    owned: list[LinkOut]
    reviews: list[ReviewOut]
    ownership_edges: list[EdgeOut]
    source: str


class ReviewIn(BaseModel):
    note: str = Field("", max_length=2000)


class RescreenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    list_name: str
    list_version: int
    ran_at: str
    entries_changed: int
    register_size: int
    rescreened: int
    new_hits: int
    parties_marked: int
    rescored: int
    orders_rechecked: int
    holds_opened: int
    orders_blocked: int
    elapsed_s: float


async def _text(upload: UploadFile | None, what: str) -> str | None:
    if upload is None:
        return None
    data = await upload.read()
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"{upload.filename}: file too large", [Problem("at most 16 MiB", what)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{upload.filename}: not UTF-8 text", [Problem("save the CSV as UTF-8", what)]
        ) from None


def _summary(p: parties.PartySummary) -> PartySummaryOut:
    return PartySummaryOut.model_validate({**p.__dict__, "roles": list(p.roles), "schema": p.schema})


@router.post("/diligence")
async def diligence_files(
    c: ContainerDep,
    _: CurrentUser,
    parties_file: Annotated[UploadFile, File(alias="parties")],
    ownership_file: Annotated[UploadFile | None, File(alias="ownership")] = None,
) -> DiligenceOut:
    """`reechain risk diligence` on uploaded files: screening, the 50 % rule, the score. Nothing is stored."""
    text = await _text(parties_file, "parties") or ""
    own = await _text(ownership_file, "ownership")
    result = diligence.assess_files(
        c,
        text,
        parties_file.filename or "parties",
        own,
        (ownership_file.filename if ownership_file else None) or "ownership",
    )
    return DiligenceOut.model_validate({"parties": [diligence.assessment_json(a) for a in result]})


@router.post("/parties/import", status_code=201)
async def import_parties(
    c: ContainerDep,
    user: RiskManager,
    parties_file: Annotated[UploadFile, File(alias="parties")],
    ownership_file: Annotated[UploadFile | None, File(alias="ownership")] = None,
    documents_file: Annotated[UploadFile | None, File(alias="documents")] = None,
) -> RegisterImportOut:
    """Add or update parties (and their owners and documents) in the register, all or nothing."""
    r = parties.import_register(
        c,
        await _text(parties_file, "parties") or "",
        parties_file.filename or "parties",
        actor=user.username,
        roles=user.roles,
        ownership_text=await _text(ownership_file, "ownership"),
        ownership_file=(ownership_file.filename if ownership_file else None) or "ownership",
        documents_text=await _text(documents_file, "documents"),
        documents_file=(documents_file.filename if documents_file else None) or "documents",
    )
    return RegisterImportOut.model_validate(r)


@router.get("/parties")
def list_parties(
    c: ContainerDep,
    _: CurrentUser,
    band: Annotated[str | None, Query(pattern="^(low|medium|high|prohibited)$")] = None,
    marked: bool = False,
    q: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[PartySummaryOut]:
    """Parties of the register, the riskiest first."""
    return [_summary(p) for p in parties.list_parties(c, band=band, flagged=marked, query=q, limit=limit)]


@router.get("/parties/{party_id}")
def get_party(party_id: str, c: ContainerDep, _: CurrentUser) -> PartyOut:
    """One party: names in every script, owners and what it owns, documents, hits, factors, reviews."""
    v = parties.get_party(c, party_id)
    r = v.record
    return PartyOut(
        summary=_summary(v.summary),
        names=[NameOut.model_validate(n) for n in r.names()],
        registration_ids=list(r.registration_ids),
        addresses=list(r.addresses),
        transit_countries=list(r.transit_countries),
        annex_ii=list(r.annex_ii),
        red_flags=list(r.red_flags),
        late_payments=r.late_payments,
        documents=[DocumentOut.model_validate(d) for d in r.documents],
        hits=[HitOut.model_validate(h) for h in v.hits],
        factors=[FactorOut.model_validate(f) for f in v.factors],
        owners=[LinkOut.model_validate(o) for o in v.owners],
        owned=[LinkOut.model_validate(o) for o in v.owned],
        reviews=[ReviewOut.model_validate(x) for x in v.reviews],
        ownership_edges=[EdgeOut.model_validate(e) for e in v.graph_edges],
        source=v.source,
    )


@router.get("/reviews")
def reviews_due(
    c: ContainerDep, _: CurrentUser, on: Annotated[date | None, Query()] = None
) -> list[PartySummaryOut]:
    """The work queue: parties due for review on ``on`` (default today), marked ones and worst bands first."""
    return [_summary(p) for p in parties.due_reviews(c, on)]


@router.post("/parties/{party_id}/review")
def review(party_id: str, body: ReviewIn, c: ContainerDep, user: RiskManager) -> ReviewOut:
    """Record a review; the next one falls due after the band's period."""
    return ReviewOut.model_validate(
        parties.review_party(c, party_id, note=body.note, actor=user.username, roles=user.roles)
    )


@router.get("/rescreens")
def rescreens(c: ContainerDep, _: CurrentUser) -> list[RescreenOut]:
    """What each recent list import did to the register: re-screened, new hits, holds opened."""
    return [RescreenOut.model_validate(r) for r in recent_rescreens(c)]
