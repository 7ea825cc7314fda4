"""The contracts page: upload a contract for review against a standard form; a review shows the two texts
side by side with the deviations marked, and takes the approvals of the roles it needs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, ReechainError
from reechain.risk.contracts import library
from reechain.services import contracts as svc
from reechain.services.auth import AuthenticatedUser
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Contracts", "/contracts")]
Submitter = Annotated[AuthenticatedUser, Depends(require_roles(*svc.SUBMITTERS))]
MAX_UPLOAD_BYTES = 5_000_000


def _context(c: Container, **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "title": "Contracts",
        "templates": library.templates(),
        "reviews": svc.list_reviews(c, limit=100),
        "errors": [],
        "contract_code": "",
    }
    ctx.update(extra)
    return ctx


@router.get("/contracts")
def contracts_page(request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    return render(request, "contracts/index.html", _context(c))


@router.post("/contracts/reviews")
async def submit(
    request: Request,
    c: ContainerDep,
    user: Submitter,
    file: Annotated[UploadFile, File()],
    contract_code: Annotated[str, Form()] = "",
    template_code: Annotated[str, Form()] = "",
) -> Response:
    name = file.filename or "upload"
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    try:
        if len(data) > MAX_UPLOAD_BYTES:
            raise InvalidInput(f"{name}: larger than {MAX_UPLOAD_BYTES} bytes")
        out = svc.submit_review(
            c,
            contract_code=contract_code,
            template_code=template_code,
            file_name=name,
            data=data,
            actor=user.username,
            roles=user.roles,
        )
    except ReechainError as e:
        errors = [e.message, *(str(p) for p in e.problems)]
        ctx = _context(c, errors=errors, contract_code=contract_code)
        return render(request, "contracts/index.html", ctx, status_code=422)
    flash(request, f"Review {out['id']} of {contract_code}: {out['status']}.", "success")
    return RedirectResponse(f"/contracts/reviews/{out['id']}", status_code=303)


@router.get("/contracts/reviews/{review_id}")
def review_page(request: Request, review_id: int, c: ContainerDep, user: CurrentUser) -> Response:
    review = svc.get_review(c, review_id)
    trail = svc.review_trail(c, review_id)
    can_decide = [
        r for r in review["waiting_for"] if r in user.roles and user.username != review["submitted_by"]
    ]
    ctx = {"title": f"Review {review_id}", "review": review, "trail": trail, "can_decide": can_decide}
    return render(request, "contracts/review.html", ctx)


@router.post("/contracts/reviews/{review_id}/decide")
def decide(
    request: Request,
    review_id: int,
    c: ContainerDep,
    user: CurrentUser,
    role: Annotated[str, Form()] = "",
    verdict: Annotated[str, Form()] = "approve",
    note: Annotated[str, Form()] = "",
) -> Response:
    try:
        out = svc.decide_review(
            c,
            review_id,
            role=role,
            approve=verdict == "approve",
            actor=user.username,
            roles=user.roles,
            note=note,
        )
    except ReechainError as e:
        flash(request, f"Decision refused: {e.message}", "error")
    else:
        flash(request, f"Review {review_id} is {out['status']}.", "success")
    return RedirectResponse(f"/contracts/reviews/{review_id}", status_code=303)
