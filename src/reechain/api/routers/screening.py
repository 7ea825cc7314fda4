"""REST: restricted-party lists (versions, diff, import) and name screening."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.roles import Role
from reechain.services import screening as svc
from reechain.services.auth import AuthenticatedUser

router = APIRouter(prefix="/api/screening", tags=["screening"])
Officer = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER))]


class ScreenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    schema_: str = Field("Company", alias="schema")
    country: str | None = Field(default=None, max_length=8)
    threshold: float | None = Field(default=None, ge=0, le=1)


class ScoreRequest(BaseModel):
    left: str = Field(max_length=300)
    right: str = Field(max_length=300)
    schema_: str = Field("Company", alias="schema")


class ListVersionPublic(BaseModel):
    list_: str = Field(alias="list")
    version: int
    format: str
    source: str
    entries: int
    imported_at: str
    active: bool


class ListVersions(BaseModel):
    active: dict[str, int] = Field(description="Each list's version in force.")
    versions: list[ListVersionPublic]


class EntryPublic(BaseModel):
    entry_id: str
    name: str
    schema_: str = Field(alias="schema")
    country: str | None
    aliases: list[str]


class EntryChange(BaseModel):
    before: EntryPublic
    after: EntryPublic


class ListDiff(BaseModel):
    list_: str = Field(alias="list")
    from_: int | None = Field(alias="from")
    to: int | None
    added: list[EntryPublic]
    removed: list[EntryPublic]
    changed: list[EntryChange]


class RecheckPublic(BaseModel):
    order_id: str
    decision: str
    hold_id: int | None
    hold_opened: bool
    error: str | None = None


class ImportRescreen(BaseModel):
    """What the new version changed in the party register and open orders (only the parties the changed
    entries can match were screened again)."""

    list_name: str
    list_version: int
    entries_changed: int
    register_size: int
    rescreened: int
    new_hits: int
    parties_marked: list[str]
    rescored: int
    orders_rechecked: int
    holds_opened: int
    orders_blocked: int
    elapsed_s: float
    orders: list[RecheckPublic]


class ListImported(BaseModel):
    list_name: str
    version: int
    format: str
    entries: int
    file_sha256: str
    previous_version: int | None
    added: int
    removed: int
    changed: int
    rescreen: ImportRescreen | None = None


class FeaturePublic(BaseModel):
    name: str
    score: float
    detail: str


class HitPublic(BaseModel):
    list_: str = Field(alias="list")
    list_version: int
    entry_id: str
    entry_name: str
    matched_name: str
    entry_schema: str
    entry_country: str | None
    score: float
    features: list[FeaturePublic]
    entry_fingerprint: str


class Screening(BaseModel):
    list_versions: dict[str, int]
    hits: list[HitPublic]


class Score(BaseModel):
    score: float
    features: list[FeaturePublic]


def _entry(e: Any) -> EntryPublic:
    return EntryPublic.model_validate(
        {
            "entry_id": e.entry_id,
            "name": e.name,
            "schema": e.schema,
            "country": e.country,
            "aliases": list(e.aliases),
        }
    )


@router.get("/lists", response_model=ListVersions)
def list_versions(c: ContainerDep, _: CurrentUser) -> ListVersions:
    """Every version of every list; `active` maps each list to the version in force."""
    return ListVersions.model_validate(
        {
            "active": svc.active_list_versions(c),
            "versions": [
                {
                    "list": v.list_name,
                    "version": v.version,
                    "format": v.format,
                    "source": v.source_name,
                    "entries": v.entry_count,
                    "imported_at": v.imported_at.isoformat(),
                    "active": v.active,
                }
                for v in svc.list_versions(c)
            ],
        }
    )


@router.get("/lists/{list_name}/diff", response_model=ListDiff, response_model_by_alias=True)
def diff(
    list_name: str,
    c: ContainerDep,
    _: CurrentUser,
    old: Annotated[int | None, Query(alias="from")] = None,
    new: Annotated[int | None, Query(alias="to")] = None,
) -> ListDiff:
    d = svc.diff_versions(c, list_name, old, new)
    return ListDiff.model_validate(
        {
            "list": d.list_name,
            "from": d.old_version,
            "to": d.new_version,
            "added": [_entry(e) for e in d.added],
            "removed": [_entry(e) for e in d.removed],
            "changed": [{"before": _entry(a), "after": _entry(b)} for a, b in d.changed],
        }
    )


@router.post("/lists/{list_name}/import", status_code=201, response_model=ListImported)
async def import_list(
    list_name: str,
    c: ContainerDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File()],
    fmt: Annotated[str, Form(alias="format")] = "csv",
) -> ListImported:
    data = await file.read()
    report = svc.import_list_upload(c, data, file.filename or "", fmt, list_name, actor=user)
    out = dict(report.__dict__)
    out["rescreen"] = asdict(report.rescreen) if report.rescreen is not None else None
    return ListImported.model_validate(out)


@router.post("/screen", response_model=Screening)
def screen(body: ScreenRequest, c: ContainerDep, _: CurrentUser) -> Screening:
    """Screen one party against every list in force; hits best first with their features."""
    hits = svc.screen_party(c, body.name, body.schema_, body.country, threshold=body.threshold)
    return Screening.model_validate(
        {"list_versions": svc.active_list_versions(c), "hits": [h.to_dict() for h in hits]}
    )


@router.post("/score", response_model=Score)
def score(body: ScoreRequest, _: CurrentUser) -> Score:
    """The match score of two names and the features behind it."""
    result = svc.score_names(body.left, body.right, body.schema_)
    # each feature's fields by name: a compiled Feature (mypyc, ``matching._compiled``) has no ``__dict__``
    features = [{"name": f.name, "score": f.score, "detail": f.detail} for f in result.features]
    return Score.model_validate({"score": result.score, "features": features})
