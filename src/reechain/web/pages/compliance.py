"""The compliance page: review queue (two-person release), allow-list, licences, audit trail, and an order
check from a form, from pasted JSON or an uploaded file, or from a sales order's Check button."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.compliance.order import PARTY_ROLES
from reechain.compliance.order_form import PARTY_SCHEMAS, OrderForm, blank_form, place_problems, read_form
from reechain.compliance.rules import FORMS
from reechain.domain.errors import InvalidInput, NotFound, Problem, ReechainError
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services import compliance as svc
from reechain.services import compliance_forms as views
from reechain.services.auth import AuthenticatedUser
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Compliance", "/compliance")]
Officer = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
Checker = Annotated[AuthenticatedUser, Depends(require_roles(Role.COMPLIANCE_OFFICER, Role.TRADER))]
MAX_ORDER_BYTES = 1_000_000


def _context(c: Container, **extra: Any) -> dict[str, Any]:
    today = date.today()
    v = audit.verify(c)
    ctx: dict[str, Any] = {
        "title": "Compliance",
        "holds": [views.hold_view(c, h) for h in svc.list_holds(c, "pending")],
        "licences": [svc.licence_json(x, today) for x in svc.list_licences(c)],
        "allow": svc.list_allow_entries(c),
        "checks": svc.recent_checks(c, 10),
        "audit": audit.latest(c, limit=20),
        "verification": v,
        "default_expiry": (today + timedelta(days=180)).isoformat(),
        "order_text": "",
        "result": None,
        "errors": [],
        "form": blank_form(),
        "party_roles": PARTY_ROLES,
        "party_schemas": PARTY_SCHEMAS,
        "line_forms": sorted(FORMS),
    }
    ctx.update(extra)
    return ctx


@router.get("/compliance")
def compliance_page(request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    return render(request, "compliance/index.html", _context(c))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > 300:
        raise ValueError(f"{text[:20]}... is too large a number")
    return int(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number the order may carry")


def _order_from_json(text: str) -> Any:
    """The pasted or uploaded order; NaN, Infinity and numbers too large for a float are refused here."""
    try:
        return json.loads(text, parse_float=_finite, parse_int=_whole, parse_constant=_no_constant)
    except ValueError as e:
        if not isinstance(e, json.JSONDecodeError):
            raise InvalidInput("the order is not valid", [Problem(str(e))]) from None
        raise InvalidInput("the order is not JSON", [Problem(e.msg, line=e.lineno)]) from None
    except RecursionError:
        raise InvalidInput("the order is not JSON", [Problem("nested too deeply")]) from None


@router.post("/compliance/check")
async def check_order(
    request: Request,
    c: ContainerDep,
    user: Checker,
    order_json: Annotated[str, Form(max_length=MAX_ORDER_BYTES)] = "",
    order_file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Check an order pasted as JSON or uploaded as a JSON file (format: docs/compliance.md)."""
    text = order_json
    try:
        if order_file is not None and order_file.filename:
            data = await order_file.read(MAX_ORDER_BYTES + 1)
            if len(data) > MAX_ORDER_BYTES:
                raise InvalidInput(
                    "file too large", [Problem(f"at most {MAX_ORDER_BYTES} bytes", "order_file")]
                )
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidInput(
                    "the file is not UTF-8", [Problem("not UTF-8 text", "order_file")]
                ) from None
        result = svc.check_order(c, _order_from_json(text), actor=user.username)
    except InvalidInput as e:
        errors = [str(p) for p in e.problems] or [e.message]
        ctx = _context(c, order_text=text, errors=[e.message, *errors] if e.problems else errors)
        return render(request, "compliance/index.html", ctx, status_code=422)
    ctx = _context(c, order_text=text, result=views.decision_view(c, result))
    return render(request, "compliance/index.html", ctx)


@router.post("/compliance/check-form")
async def check_order_form(request: Request, c: ContainerDep, user: Checker) -> Response:
    """Check an order typed into the form: per-field problems come back on the form, nothing is saved."""
    fields = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    form, order = read_form(fields)
    if order is not None:
        try:
            result = svc.check_order(c, order, actor=user.username)
        except InvalidInput as e:
            place_problems(form, order, e.problems or [Problem(e.message)])
        else:
            ctx = _context(c, form=form, result=views.decision_view(c, result))
            return render(request, "compliance/index.html", ctx)
    return _form_refused(request, c, form)


def _form_refused(request: Request, c: Container, form: OrderForm) -> Response:
    ctx = _context(c, form=form, form_errors=form.error_list())
    return render(request, "compliance/index.html", ctx, status_code=422)


@router.get("/compliance/orders/{code}")
def order_decision_page(request: Request, c: ContainerDep, _: CurrentUser, code: str) -> Response:
    """The latest decision of an order, with each hit's list entry and the hold's release state."""
    try:
        result = views.order_decision(c, code)
    except NotFound as e:
        return render(request, "error.html", {"title": "Not found", "message": e.message}, status_code=404)
    return render(request, "compliance/order.html", {"title": f"Order {code}", "result": result})


def _review(request: Request, action: str, run: Any) -> Response:
    try:
        out = run()
    except ReechainError as e:
        flash(request, f"{action} refused: {e.message}", "error")
    else:
        text = f"Hold {out['hold_id']} is {out['status']}."
        approvers = [a["username"] for a in out.get("approvals") or []]
        if out["status"] == "pending" and approvers:
            text = (
                f"Hold {out['hold_id']} is pending: approved by {', '.join(approvers)}; "
                "one more approval by a different compliance officer releases it."
            )
        flash(request, text, "success")
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
