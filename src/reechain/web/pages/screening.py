"""The screening page: list versions and diffs, list import, screening one party with the evidence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.compliance.lists import FORMATS
from reechain.domain.errors import ReechainError
from reechain.domain.roles import Role
from reechain.services import screening as svc
from reechain.services.auth import AuthenticatedUser
from reechain.services.parties_rescreen import recent_rescreens
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Screening", "/screening")]
Officer = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
SCHEMAS = ["Company", "Person", "Organization", "Vessel", "LegalEntity"]


def _context(c: Container, **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "title": "Screening",
        "versions": svc.list_versions(c),
        "active": svc.active_list_versions(c),
        "formats": list(FORMATS),
        "schemas": SCHEMAS,
        "query": {"name": "", "schema": "Company", "country": ""},
        "hits": None,
        "diff": None,
        "errors": [],
        "rescreens": recent_rescreens(c),
    }
    ctx.update(extra)
    return ctx


def _errors(e: ReechainError) -> list[str]:
    return [str(p) for p in e.problems] or [e.message]


@router.get("/screening")
def screening_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    diff_list: Annotated[str, Query(alias="list", max_length=100)] = "",
    old: Annotated[int | None, Query(alias="from")] = None,
    new: Annotated[int | None, Query(alias="to")] = None,
) -> Response:
    if not diff_list:
        return render(request, "screening/index.html", _context(c))
    try:
        diff = svc.diff_versions(c, diff_list, old, new)
    except ReechainError as e:
        return render(
            request, "screening/index.html", _context(c, errors=_errors(e)), status_code=e.http_status
        )
    return render(request, "screening/index.html", _context(c, diff=diff))


@router.post("/screening/screen")
def screen_party(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    name: Annotated[str, Form(max_length=300)] = "",
    schema_: Annotated[str, Form(alias="schema", max_length=32)] = "Company",
    country: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    query = {"name": name, "schema": schema_, "country": country}
    try:
        hits = svc.screen_party(c, name, schema_, country.strip().upper() or None)
    except ReechainError as e:
        ctx = _context(c, query=query, errors=_errors(e))
        return render(request, "screening/index.html", ctx, status_code=e.http_status)
    return render(request, "screening/index.html", _context(c, query=query, hits=hits))


@router.post("/screening/import")
async def import_list(
    request: Request,
    c: ContainerDep,
    _: Officer,
    file: Annotated[UploadFile, File()],
    fmt: Annotated[str, Form(alias="format", max_length=32)] = "csv",
    list_name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        report = svc.import_list_upload(c, await file.read(), file.filename or "", fmt, list_name or fmt)
    except ReechainError as e:
        ctx = _context(c, errors=[f"{file.filename}: {e.message}", *_errors(e)])
        return render(request, "screening/index.html", ctx, status_code=e.http_status)
    change = (
        f"+{report.added} −{report.removed} ~{report.changed} since v{report.previous_version}"
        if report.previous_version
        else "first version"
    )
    flash(request, f"{report.list_name} v{report.version}: {report.entries} entries ({change}).", "success")
    if report.rescreen is not None:
        r = report.rescreen
        flash(
            request,
            f"Re-screened {r.rescreened} parties: {r.new_hits} new hit(s), {r.holds_opened} hold(s) opened.",
        )
    return RedirectResponse("/screening", status_code=303)
