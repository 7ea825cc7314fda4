"""Sales page: orders (add, allocate, compliance check, ship), contracts, velocity, share by segment."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

import plotly.graph_objects as go
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, NotFound, Problem, RuleViolation
from reechain.domain.roles import Role
from reechain.services import ledger, market_position
from reechain.services import sales as svc
from reechain.services.auth import AuthenticatedUser
from reechain.services.compliance_forms import order_decision
from reechain.trade.channels import Channel, parse_channel
from reechain.trade.orders import OrderInput, OrderStatus
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Sales", "/sales")]
Trader = Annotated[AuthenticatedUser, Depends(require_roles(Role.TRADER))]
Analyst = Annotated[AuthenticatedUser, Depends(require_roles(Role.ANALYST))]
Checker = Annotated[AuthenticatedUser, Depends(require_roles(Role.TRADER, Role.COMPLIANCE_OFFICER))]
Text = Annotated[str, Form(max_length=200)]
ACTIONS = ("allocate", "ship", "cancel")  # Check has its own route (trader or compliance officer)


def velocity_figure(rows: list[dict[str, Any]]) -> go.Figure:
    fig = go.Figure()
    for ch in sorted({r["channel"] for r in rows}):
        part = [r for r in rows if r["channel"] == ch]
        fig.add_bar(x=[r["product"] for r in part], y=[r["t_per_30_days"] for r in part], name=ch)
    fig.update_layout(barmode="stack", yaxis_title="t per 30 days", height=320, margin={"t": 20, "b": 60})
    return fig


def share_figure(rows: list[dict[str, Any]]) -> go.Figure:
    seg = [r for r in rows if r["scope"] == "segment" and r["share"] is not None]
    fig = go.Figure(go.Bar(x=[r["key"] for r in seg], y=[100 * r["share"] for r in seg]))
    fig.update_layout(yaxis_title="group share, %", height=300, margin={"t": 20, "b": 40})
    return fig


ORDERS_PER_PAGE = 50


def _context(c: Container, year: int, days: int, page: int = 1, status: str = "") -> dict[str, Any]:
    vel = [asdict(v) for v in market_position.sales_velocity(c, days=days)]
    share = [asdict(s) for s in market_position.market_share(c, year)]
    total = svc.count_orders(c, status or None)
    pages = max(1, -(-total // ORDERS_PER_PAGE))
    page = min(page, pages)
    return {
        "title": "Sales",
        "orders": svc.list_orders(c, status or None, ORDERS_PER_PAGE, (page - 1) * ORDERS_PER_PAGE),
        "orders_total": total,
        "page": page,
        "pages": pages,
        "status": status,
        "statuses": [s.value for s in OrderStatus],
        "contracts": svc.list_contracts(c),
        "velocity": vel,
        "velocity_chart": plotly_div(velocity_figure(vel), label="sales velocity") if vel else None,
        "share": share,
        "share_chart": plotly_div(share_figure(share), label="share by segment")
        if any(r["share"] is not None for r in share)
        else None,
        "year": year,
        "days": days,
        "channels": [ch.value for ch in Channel],
        "customers": ledger.list_locations(c, "customer"),
        "products": ledger.list_products(c),
        "actions": ACTIONS,
    }


@router.get("/sales")
def sales_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    year: Annotated[int | None, Query(ge=1901, le=2199)] = None,
    days: Annotated[int, Query(ge=1, le=3650)] = 90,
    decision: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    status: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    try:
        ctx = _context(c, year or date.today().year, days, page, status)
    except InvalidInput as e:
        return _fail(request, c, e)
    if decision:  # after a Check: the order's decision, with each hit and a hold's release state
        try:
            ctx["result"] = order_decision(c, decision)
        except NotFound as e:
            ctx["error_message"] = e.message
    return render(request, "sales/index.html", ctx)


def _number(name: str, text: str, problems: list[Problem], *, required: bool = False) -> float | None:
    if not text.strip():
        if required:
            problems.append(Problem("is required", field=name))
        return None
    try:
        return float(text)
    except ValueError:
        problems.append(Problem(f"not a number: {text!r}", field=name))
        return None


def _fail(request: Request, c: Container, e: Exception) -> Response:
    """The page again with the refusal: its message (which order, what was refused) and its problems."""
    ctx = _context(c, date.today().year, 90) | {
        "error_message": getattr(e, "message", str(e)),
        "errors": list(getattr(e, "problems", [])),
    }
    return render(request, "sales/index.html", ctx, status_code=422 if not isinstance(e, NotFound) else 404)


@router.post("/sales/orders")
def add_order(
    request: Request,
    c: ContainerDep,
    user: Trader,
    code: Text = "",
    channel: Text = "spot",
    customer: Text = "",
    product: Text = "",
    quantity_t: Text = "",
    min_purity: Text = "",
    price_cny_per_t: Text = "",
    contract: Text = "",
    index_cny_per_t: Text = "",
    destination_country: Text = "",
) -> Response:
    problems: list[Problem] = []
    qty = _number("quantity_t", quantity_t, problems, required=True)
    purity = _number("min_purity", min_purity, problems)
    price = _number("price_cny_per_t", price_cny_per_t, problems)
    index = _number("index_cny_per_t", index_cny_per_t, problems)
    try:
        if problems:
            raise InvalidInput("order is not valid", problems)
        order = OrderInput(
            code.strip(),
            parse_channel(channel),
            customer,
            product,
            qty or 0.0,
            date.today(),
            destination_country.strip().upper() or None,
            purity,
            price,
            contract.strip() or None,
        )
        svc.add_order(c, order, by=user.username, index_cny_per_t=index)
    except (InvalidInput, RuleViolation, Conflict, NotFound) as e:
        return _fail(request, c, e)
    flash(request, f"Order {code} added.", "success")
    return RedirectResponse("/sales", status_code=303)


@router.post("/sales/orders/{code}/check")
def check_order(request: Request, c: ContainerDep, user: Checker, code: str) -> Response:
    """The Check button of an order (trader or compliance officer): the compliance gate on that order, then
    the Sales page with its decision (each hit with its list entry, a hold's release state)."""
    try:
        decision = svc.check_order_compliance(c, code, actor=user.username)["decision"]
    except (InvalidInput, RuleViolation, Conflict, NotFound) as e:
        return _fail(request, c, e)
    flash(request, f"Order {code}: {decision}", "success")
    return RedirectResponse(f"/sales?decision={quote(code, safe='')}#decision", status_code=303)


@router.post("/sales/orders/{code}/{action}")
def order_action(request: Request, c: ContainerDep, user: Trader, code: str, action: str) -> Response:
    try:
        if action == "allocate":
            lines = svc.allocate_order(c, code)
            message = f"Order {code} allocated: " + ", ".join(f"{x.lot} {x.quantity_t:g} t" for x in lines)
        elif action == "ship":
            svc.ship_order(c, code, actor=user.username)
            message = f"Order {code} shipped; the sale is posted in the ledger."
        elif action == "cancel":
            svc.cancel_order(c, code)
            message = f"Order {code} cancelled."
        else:
            raise NotFound(f"no action {action!r}")
    except (InvalidInput, RuleViolation, Conflict, NotFound) as e:
        return _fail(request, c, e)
    flash(request, message, "success")
    return RedirectResponse("/sales", status_code=303)


@router.post("/sales/market-sizes")
def add_market_size(
    request: Request,
    c: ContainerDep,
    user: Analyst,
    year: Text = "",
    scope: Text = "segment",
    key: Text = "",
    market_t_reo: Text = "",
    source: Text = "",
) -> Response:
    problems: list[Problem] = []
    size = _number("market_t_reo", market_t_reo, problems, required=True)
    try:
        y = int(year)
    except ValueError:
        problems.append(Problem(f"a year, got {year!r}", field="year"))
        y = 0
    try:
        if problems:
            raise InvalidInput("market size is not valid", problems)
        market_position.add_market_size(c, y, scope, key.strip(), size or 0.0, source, by=user.username)
    except InvalidInput as e:
        return _fail(request, c, e)
    flash(request, f"Market size {y} {scope} {key} saved.", "success")
    return RedirectResponse(f"/sales?year={y}", status_code=303)
