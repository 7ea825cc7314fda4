"""Stock: a filterable table and chart, and a lot's trace as a tree."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

import plotly.graph_objects as go
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.locations import HELD_KIND_VALUES
from reechain.ledger.bridge import StockBridge
from reechain.ledger.views import BalanceRow
from reechain.services import ledger
from reechain.web.charts import plotly_div
from reechain.web.templating import render

router = APIRouter()
NAV = [("Stock", "/stock")]

GROUPINGS = ("element", "product", "lot", "location")
LOTS_PER_PAGE = 200
Filter = Annotated[str, Query(max_length=100)]


def _date(text: str, field: str = "at") -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("bad date", [Problem("use YYYY-MM-DD", field)]) from None


def stock_figure(rows: list[BalanceRow], by: str) -> go.Figure:
    top = sorted(rows, key=lambda r: -r.t_reo)[:40]
    labels = [f"{r.key} @ {r.location}" if by == "lot" and r.location else r.key for r in top]
    fig = go.Figure(go.Bar(x=labels, y=[r.t_reo for r in top], marker_color="#1f5fa8"))
    fig.update_layout(yaxis_title="t REO", margin={"t": 20, "b": 80, "l": 60, "r": 10}, height=360)
    return fig


@router.get("/stock")
def stock_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    by: Filter = "element",
    location: Filter = "",
    product: Filter = "",
    at: Filter = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    errors: list[Problem] = []
    if by not in GROUPINGS:
        errors.append(Problem(f"choose one of {', '.join(GROUPINGS)}", "by"))
        by = "element"
    rows: list[BalanceRow] = []
    total_t_reo, count = 0.0, 0
    try:
        on = _date(at)
        loc, prod = location or None, product or None
        if by == "lot":  # one row per lot and location: a page of them; the total over all of them
            rows = ledger.stock_balance(
                c, on, by, location=loc, product=prod, limit=LOTS_PER_PAGE, offset=offset
            )
            total_t_reo, count = ledger.element_total_and_count(c, on, location=loc, product=prod)
        else:
            rows = ledger.stock_balance(c, on, by, location=loc, product=prod)
    except (InvalidInput, NotFound) as e:
        errors.extend(e.problems or [Problem(e.message)])
    rows = [r for r in rows if abs(r.t_reo) > 1e-9 or (r.t_product or 0) > 1e-9]
    if by != "lot":
        total_t_reo, count = sum(r.t_reo for r in rows), len(rows)
    pages = {
        "offset": offset,
        "shown": len(rows),
        "count": count,
        "previous": max(offset - LOTS_PER_PAGE, 0) if offset > 0 else None,
        "next": offset + LOTS_PER_PAGE if by == "lot" and offset + LOTS_PER_PAGE < count else None,
    }
    ctx: dict[str, Any] = {
        "title": "Stock",
        "rows": rows,
        "by": by,
        "groupings": GROUPINGS,
        "filters": {"location": location, "product": product, "at": at},
        "locations": ledger.list_locations(c),
        "products": ledger.list_products(c),
        "chart": plotly_div(stock_figure(rows, by), label="stock") if rows else None,
        "errors": [str(p) for p in errors],
        "total_t_reo": total_t_reo,
        "pages": pages,
    }
    return render(request, "stock/index.html", ctx, status_code=422 if errors else 200)


def bridge_figure(b: StockBridge) -> go.Figure:
    """Waterfall: opening, each flow, closing (t REO)."""
    labels = ["opening", *[ln.label for ln in b.lines], "closing"]
    fig = go.Figure(
        go.Waterfall(
            x=labels,
            y=[b.opening_t_reo, *[ln.t_reo for ln in b.lines], b.closing_t_reo],
            measure=["absolute", *["relative"] * len(b.lines), "total"],
            increasing={"marker": {"color": "#2e7d32"}},
            decreasing={"marker": {"color": "#c62828"}},
            totals={"marker": {"color": "#1f5fa8"}},
            connector={"line": {"color": "#999"}},
        )
    )
    fig.update_layout(yaxis_title="t REO", margin={"t": 20, "b": 100, "l": 70, "r": 10}, height=380)
    return fig


@router.get("/stock/bridge")
def bridge_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    elements: Filter = "PrNd",
    start: Filter = "",
    end: Filter = "",
    location: Filter = "",
) -> Response:
    errors: list[Problem] = []
    b: StockBridge | None = None
    try:
        first, last = _date(start, "start"), _date(end, "end")
        b = ledger.stock_bridge(c, elements or "PrNd", first, last, location=location or None)
    except (InvalidInput, NotFound) as e:
        errors.extend(e.problems or [Problem(e.message)])
    ctx: dict[str, Any] = {
        "title": "Stock bridge",
        "bridge": b,
        "filters": {"elements": elements, "start": start, "end": end, "location": location},
        "locations": [loc for loc in ledger.list_locations(c) if loc.kind in HELD_KIND_VALUES],
        "chart": plotly_div(bridge_figure(b), label="stock bridge") if b and b.lines else None,
        "errors": [str(p) for p in errors],
    }
    return render(request, "stock/bridge.html", ctx, status_code=422 if errors else 200)


@router.get("/stock/trace")
def trace_search(lot: Filter = "") -> Response:
    return RedirectResponse(f"/stock/lots/{quote(lot.strip(), safe='')}" if lot.strip() else "/stock", 303)


@router.get("/stock/lots/{code}")
def lot_trace(request: Request, code: str, c: ContainerDep, _: CurrentUser) -> Response:
    trace = ledger.trace_lot(c, code)
    movements = ledger.list_movements(c, lot=code, limit=200)
    ctx = {
        "title": f"Lot {code}",
        "trace": trace,
        "origins": trace.origins(),
        "customers": trace.customers(),
        "movements": movements,
    }
    return render(request, "stock/lot.html", ctx)
