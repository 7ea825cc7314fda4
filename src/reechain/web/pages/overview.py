"""Overview: quota use per quota, stock by element and by light/medium/heavy segment, alerts."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any

import plotly.graph_objects as go
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.bootstrap import Container
from reechain.ledger.views import BalanceRow, QuotaStatusRow
from reechain.services import ledger, quotas
from reechain.services.auth import AuthenticatedUser
from reechain.web.charts import plotly_div
from reechain.web.templating import render

router = APIRouter()
NAV = [("Overview", "/")]

SEGMENT_COLOURS = {"light": "#4c78a8", "medium": "#f58518", "heavy": "#e45756"}
QUOTA_WARNING_SHARE = 0.9


def stock_by_element_figure(rows: list[BalanceRow]) -> go.Figure:
    fig = go.Figure()
    for segment, colour in SEGMENT_COLOURS.items():
        seg = [r for r in rows if r.segment == segment]
        if seg:
            fig.add_bar(x=[r.key for r in seg], y=[r.t_reo for r in seg], name=segment, marker_color=colour)
    other = [r for r in rows if r.segment not in SEGMENT_COLOURS]
    if other:
        fig.add_bar(x=[r.key for r in other], y=[r.t_reo for r in other], name="other", marker_color="#999")
    fig.update_layout(yaxis_title="t REO", margin={"t": 20, "b": 40, "l": 60, "r": 10}, height=360)
    return fig


def stock_by_segment(rows: list[BalanceRow]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for r in rows:
        totals[r.segment or "other"] += r.t_reo
    return dict(totals)


def segment_figure(totals: dict[str, float]) -> go.Figure:
    labels = list(totals)
    fig = go.Figure(
        go.Pie(
            labels=labels,
            values=[totals[k] for k in labels],
            marker={"colors": [SEGMENT_COLOURS.get(k, "#999") for k in labels]},
            hole=0.45,
            sort=False,
        )
    )
    fig.update_layout(margin={"t": 20, "b": 20, "l": 20, "r": 20}, height=360)
    return fig


def quota_figure(rows: list[QuotaStatusRow]) -> go.Figure:
    labels = [f"{r.kind} · {r.holder} · {r.batch}" for r in rows]
    fig = go.Figure()
    fig.add_bar(
        y=labels, x=[r.used_t_reo for r in rows], name="used", orientation="h", marker_color="#1f5fa8"
    )
    fig.add_bar(
        y=labels,
        x=[max(r.remaining_t_reo, 0.0) for r in rows],
        name="remaining",
        orientation="h",
        marker_color="#c9d6ea",
    )
    fig.update_layout(
        barmode="stack",
        xaxis_title="t REO",
        margin={"t": 20, "b": 40, "l": 10, "r": 10},
        height=max(220, 60 + 40 * len(rows)),
        yaxis={"automargin": True},
    )
    return fig


def alerts(
    c: Container,
    quota_rows: list[QuotaStatusRow],
    by_element: list[BalanceRow] | None = None,
    stock_t: dict[tuple[str, str], float] | None = None,
) -> list[dict[str, str]]:
    """Quotas of the year nearly or fully used (batches of a kind and holder together), then stock alerts."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for q in quota_rows:
        totals[(q.kind, q.holder)][0] += q.limit_t_reo
        totals[(q.kind, q.holder)][1] += q.used_t_reo
    out = []
    for (kind, holder), (limit_t_reo, used_t_reo) in sorted(totals.items()):
        share = used_t_reo / limit_t_reo if limit_t_reo else 1.0
        if share >= QUOTA_WARNING_SHARE:
            out.append(
                {
                    "level": "bad" if used_t_reo >= limit_t_reo else "warn",
                    "what": f"{kind} quota of {holder}",
                    "message": f"{share:.0%} used, {limit_t_reo - used_t_reo:,.1f} t REO left this year",
                }
            )
    out.extend(inventory_alerts(c, by_element, stock_t))
    return out


def _where(location: str) -> str:
    """A stock alert's location as a reader says it: a policy for every location is "all locations"."""
    from reechain.inventory.alerts import ALL_LOCATIONS

    return "all locations" if location == ALL_LOCATIONS else location


def inventory_alerts(
    c: Container,
    by_element: list[BalanceRow] | None = None,
    stock_t: dict[tuple[str, str], float] | None = None,
) -> list[dict[str, str]]:
    """Stock alerts of the inventory controls (policy levels, low cover, slow movers)."""
    from reechain.services.inventory import stock_alerts

    order = {"bad": 0, "warn": 1, "info": 2}
    return [
        {
            "level": a.severity if a.severity in order else "warn",
            "what": f"{a.product} at {_where(a.location)}" if a.location else a.product,
            "message": a.message,
        }
        for a in sorted(stock_alerts(c, by_element, stock_t), key=lambda a: order.get(a.severity, 1))
    ]


def logistics_alerts(c: Container, user: AuthenticatedUser) -> list[dict[str, str]]:
    """Shipments with major or critical logistics alerts, for the users who may read shipments."""
    from reechain.services import logistics

    if not user.has_any(logistics.READERS):
        return []
    out = []
    for q in logistics.shipment_queue(c, user=user):
        grave = [a for a in q.alerts if a.severity in ("critical", "major")]
        if grave:
            out.append(
                {
                    "level": "bad" if any(a.severity == "critical" for a in grave) else "warn",
                    "what": f"shipment {q.reference} to {q.destination_country}",
                    "message": "; ".join(f"{a.kind}: {a.evidence}" for a in grave) + " (Logistics)",
                }
            )
    return out


@router.get("/")
def overview(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    year: Annotated[int | None, Query(ge=1901, le=2199)] = None,
) -> Response:
    year = year or date.today().year
    quota_rows = quotas.quota_status(c, year)
    element_rows, stock_t = ledger.held_now(c)  # one pass over the balances for the page and its alerts
    by_element = [r for r in element_rows if abs(r.t_reo) > 1e-9]
    segments = stock_by_segment(by_element)
    ctx: dict[str, Any] = {
        "title": "Overview",
        "year": year,
        "quotas": quota_rows,
        "quota_chart": plotly_div(quota_figure(quota_rows), label="quota use") if quota_rows else None,
        "stock_rows": by_element,
        "total_t_reo": sum(r.t_reo for r in by_element),
        "segments": segments,
        "element_chart": plotly_div(stock_by_element_figure(by_element), label="stock by element")
        if by_element
        else None,
        "segment_chart": plotly_div(segment_figure(segments), label="stock by segment")
        if by_element
        else None,
        "alerts": alerts(c, quota_rows, element_rows, stock_t) + logistics_alerts(c, user),
    }
    return render(request, "overview/index.html", ctx)
