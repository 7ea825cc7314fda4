"""Partners REST API: the register (partners, their plants, agreements), its import, and the chain view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.api.routers.ledger import read_upload
from reechain.domain.errors import InvalidInput, Problem
from reechain.services import partners

router = APIRouter(prefix="/api/partners", tags=["partners"])


class PartnerPlantPublic(BaseModel):
    id: str
    partner: str
    stage: str
    capacity_t_per_year: float
    unit: str
    recovery: float
    cost_cny_per_t: float
    illustrative: bool
    source: str
    confidence: str
    note: str


class AgreementPublic(BaseModel):
    id: str
    kind: str = Field(description="offtake | supply | tolling")
    partner: str
    product: str
    plant: str | None
    start_on: str
    end_on: str
    volume_t_per_year: float
    min_t_per_year: float
    max_t_per_year: float | None
    max_t: float
    price_basis: str
    price_cny_per_t: float | None
    index_factor: float | None
    premium_cny_per_t: float
    price_formula: str
    illustrative: bool
    source: str
    confidence: str
    note: str


class PartnerPublic(BaseModel):
    id: str
    name: str
    kind: str
    share: float = Field(description="the group's ownership share, 0-1")
    consolidation: str
    since: str
    until: str | None
    country: str
    active: bool
    illustrative: bool
    source: str
    confidence: str
    note: str
    plants: list[PartnerPlantPublic]
    agreements: list[AgreementPublic]


class RegisterPublic(BaseModel):
    partners: list[PartnerPublic]


class ImportedPublic(BaseModel):
    partners: int
    plants: int
    agreements: int


class ChainLinkPublic(BaseModel):
    source: str
    target: str
    value: float
    unit: str
    owner: str = Field(description="own | partner")
    label: str
    ref: str = Field(description="an API query of the movements behind the flow, or agreement:ID")


class StageSharePublic(BaseModel):
    stage: str
    own: float
    partner_share: float
    world: float
    unit: str
    world_year: int
    source: str
    confidence: str
    share: float
    own_share: float


class ChainPublic(BaseModel):
    year: int
    nodes: list[str]
    links: list[ChainLinkPublic]
    stages: list[StageSharePublic]


@router.get("", response_model=RegisterPublic, summary="Partners with their plants and agreements")
def list_partners(c: ContainerDep, user: CurrentUser) -> RegisterPublic:
    return RegisterPublic.model_validate(partners.register_document(partners.get_register(c, user)))


@router.post(
    "/import", response_model=ImportedPublic, summary="Import a partners file, all or nothing (admin)"
)
async def import_partners(
    c: ContainerDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File(description="partners .yaml, or one .csv")],
) -> ImportedPublic:
    name = file.filename or ""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in (".csv", ".yaml", ".yml"):
        raise InvalidInput("unsupported file", [Problem("a .csv, .yaml or .yml file", "file")])
    try:
        text = (await read_upload(file)).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("file is not UTF-8 text", [Problem("not UTF-8", "file")]) from None
    counts = partners.import_register_text(c, text, suffix=suffix, actor=user, by=user.username, name=name)
    return ImportedPublic(**counts)


@router.get(
    "/chain", response_model=ChainPublic, summary="Chain flows, own and partner, and world-stage shares"
)
def chain(
    c: ContainerDep, user: CurrentUser, year: Annotated[int, Query(ge=1900, le=2200)] = 2026
) -> ChainPublic:
    return ChainPublic.model_validate(partners.chain_document(partners.chain(c, year, user)))
