"""Contract standardization REST API: the template library, comparison of an uploaded contract, reviews and
their approvals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from pydantic import BaseModel, Field

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.domain.errors import InvalidInput, Problem
from reechain.risk.contracts import library
from reechain.services import contracts as svc
from reechain.services.auth import AuthenticatedUser

PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
MAX_UPLOAD_BYTES = 5_000_000
router = APIRouter(prefix="/api/contracts", tags=["contracts"])
Submitter = Annotated[AuthenticatedUser, Depends(require_roles(*svc.SUBMITTERS))]
Code = Annotated[str, Form(min_length=1, max_length=64, pattern=PRINTABLE)]


class TemplatePublic(BaseModel):
    code: str
    title: str
    file: str
    channel: str
    clauses: int


class DeviationPublic(BaseModel):
    clause: str = Field(description="The template's clause number; for an added clause, the contract's.")
    contract_clause: str | None
    kind: str = Field(description="changed | missing | added")
    category: str = Field(
        description="number | incoterm | governing_law | negation | party | date | currency | text"
    )
    template_text: str
    contract_text: str
    severity: str = Field(description="minor | major | critical")
    approver_role: str | None
    reason: str


class ComparisonPublic(BaseModel):
    template: str
    contract: str
    decision: str = Field(description="standard | needs_approval")
    required_approvals: list[str]
    deviations: list[DeviationPublic]


class ClausePublic(BaseModel):
    number: str
    label: str
    text: str


class RowPublic(BaseModel):
    template: ClausePublic | None
    contract: ClausePublic | None
    similarity: float
    deviation: int | None = Field(description="Index into the review's deviations.")
    changes: list[list[str]] = Field(description="Word diff: [op, template words, contract words].")


class ApprovalPublic(BaseModel):
    role: str
    username: str
    verdict: str
    note: str
    decided_at: str


class ReviewPublic(BaseModel):
    id: int
    contract_code: str
    template_code: str
    file_name: str
    file_sha256: str
    decision: str
    status: str = Field(description="standard | pending | approved | rejected")
    required_roles: list[str]
    waiting_for: list[str]
    submitted_by: str
    submitted_at: str | None
    deviations: list[DeviationPublic]
    approvals: list[ApprovalPublic]
    rows: list[RowPublic]


class DecisionCreate(BaseModel):
    role: str = Field(min_length=1, max_length=32, pattern=PRINTABLE)
    approve: bool
    note: str = Field("", max_length=2000)


async def _read(upload: UploadFile) -> tuple[str, bytes]:
    name = upload.filename or "upload"
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput(
            f"{name}: larger than {MAX_UPLOAD_BYTES} bytes", [Problem("too large", field="file")]
        )
    return name, data


@router.get("/templates")
def templates(_: CurrentUser) -> list[TemplatePublic]:
    return [
        TemplatePublic(code=t.code, title=t.title, file=t.file, channel=t.channel, clauses=len(t.tags))
        for t in library.templates()
    ]


@router.post("/compare")
async def compare(
    _: CurrentUser,
    template_code: Code,
    file: Annotated[UploadFile, File(description="The contract: .docx, .md or .txt")],
) -> ComparisonPublic:
    """Compare an uploaded contract with a library form; nothing is stored."""
    name, data = await _read(file)
    result = svc.compare_upload(template_code, name, data)
    return ComparisonPublic.model_validate(result.as_json())


@router.post("/reviews", status_code=201)
async def submit(
    c: ContainerDep,
    user: Submitter,
    contract_code: Code,
    template_code: Code,
    file: Annotated[UploadFile, File(description="The contract: .docx, .md or .txt")],
) -> ReviewPublic:
    """Compare and keep the review; a contract with material deviations then waits for its approvals."""
    name, data = await _read(file)
    out = svc.submit_review(
        c,
        contract_code=contract_code,
        template_code=template_code,
        file_name=name,
        data=data,
        actor=user.username,
        roles=user.roles,
    )
    return ReviewPublic.model_validate(out)


@router.get("/reviews")
def reviews(
    c: ContainerDep,
    _: CurrentUser,
    contract_code: Annotated[str | None, Query(max_length=64, pattern=PRINTABLE)] = None,
) -> list[ReviewPublic]:
    return [ReviewPublic.model_validate(r) for r in svc.list_reviews(c, contract_code=contract_code)]


@router.get("/reviews/{review_id}")
def review(review_id: Annotated[int, Path(ge=1, le=2**62)], c: ContainerDep, _: CurrentUser) -> ReviewPublic:
    return ReviewPublic.model_validate(svc.get_review(c, review_id))


@router.post("/reviews/{review_id}/decisions")
def decide(
    review_id: Annotated[int, Path(ge=1, le=2**62)], body: DecisionCreate, c: ContainerDep, user: CurrentUser
) -> ReviewPublic:
    """One required role approves or rejects (the user must hold that role and not be the submitter)."""
    out = svc.decide_review(
        c,
        review_id,
        role=body.role,
        approve=body.approve,
        actor=user.username,
        roles=user.roles,
        note=body.note,
    )
    return ReviewPublic.model_validate(out)
