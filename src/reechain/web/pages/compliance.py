"""The compliance page: review queue (two-person release), allow-list, licences, audit trail, order check."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, Problem, ReechainError
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services import compliance as svc
from reechain.services.auth import AuthenticatedUser
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Compliance", "/compliance")]
Officer = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
Checker = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER, Role.TRADER))]


def _context(c: Container, **extra: Any) -> dict[str, Any]:
    today = date.today()
    v = audit.verify(c)
    ctx: dict[str, Any] = {
        "title": "Compliance",
        "holds": svc.list_holds(c, "pending"),
        "licences": [svc.licence_json(x, today) for x in svc.list_licences(c)],
        "allow": svc.list_allow_entries(c),
        "checks": svc.recent_checks(c, 10),
        "audit": audit.latest(c, limit=20),
        "verification": v,
        "default_expiry": (today + timedelta(days=180)).isoformat(),
        "order_text": "",
        "result": None,
        "errors": [],
    }
    ctx.update(extra)
    return ctx


@router.get("/compliance")
def compliance_page(request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    return render(request, "compliance/index.html", _context(c))


@router.post("/compliance/check")
def check_order(
    request: Request, c: ContainerDep, user: Checker, order_json: Annotated[str, Form()] = ""
) -> Response:
    try:
        try:
            order = json.loads(order_json)
        except json.JSONDecodeError as e:
            raise InvalidInput("the order is not JSON", [Problem(e.msg, line=e.lineno)]) from None
        result = svc.check_order(c, order, actor=user.username)
    except InvalidInput as e:
        errors = [str(p) for p in e.problems] or [e.message]
        ctx = _context(c, order_text=order_json, errors=errors)
        return render(request, "compliance/index.html", ctx, status_code=422)
    return render(request, "compliance/index.html", _context(c, order_text=order_json, result=result))


def _review(request: Request, action: str, run: Any) -> Response:
    try:
        out = run()
    except ReechainError as e:
        flash(request, f"{action} refused: {e.message}", "error")
    else:
        flash(request, f"Hold {out['hold_id']} is {out['status']}.", "success")
    return RedirectResponse("/compliance", status_code=303)


@router.post("/compliance/holds/{hold_id}/approve")
def approve(request: Request, hold_id: int, c: ContainerDep, user: Officer) -> Response:
    return _review(
        request, "Approval", lambda: svc.approve_hold(c, hold_id, actor=user.username, roles=user.roles)
    )


@router.post("/compliance/holds/{hold_id}/reject")
def reject(
    request: Request, hold_id: int, c: ContainerDep, user: Officer, note: Annotated[str, Form()] = ""
) -> Response:
    return _review(
        request,
        "Rejection",
        lambda: svc.reject_hold(c, hold_id, actor=user.username, roles=user.roles, note=note),
    )


@router.post("/compliance/allow")
def allow(
    request: Request,
    c: ContainerDep,
    user: Officer,
    party_name: Annotated[str, Form()] = "",
    list_name: Annotated[str, Form()] = "",
    entry_id: Annotated[str, Form()] = "",
    entry_fingerprint: Annotated[str, Form()] = "",
    expires_on: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    try:
        try:
            expiry = date.fromisoformat(expires_on)
        except ValueError:
            raise InvalidInput("bad expiry", [Problem("a date YYYY-MM-DD", field="expires_on")]) from None
        e = svc.add_allow_entry(
            c,
            party_name=party_name,
            list_name=list_name,
            entry_id=entry_id,
            entry_fingerprint=entry_fingerprint,
            expires_on=expiry,
            reason=reason,
            actor=user.username,
            roles=user.roles,
        )
    except ReechainError as err:
        flash(request, f"Allow-list entry refused: {err}", "error")
    else:
        flash(request, f"Allow-list entry {e['id']} added: {party_name} ~ {list_name} {entry_id}.", "success")
    return RedirectResponse("/compliance", status_code=303)
