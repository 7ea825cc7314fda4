"""The party register: the list with the review queue and the import form, and one page per party with its
score, the factors behind it, its names, documents, hits, reviews and ownership graph."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import plotly.graph_objects as go
from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from reechain.api.deps import ContainerDep, CurrentUser, require_roles
from reechain.bootstrap import Container
from reechain.domain.errors import ReechainError
from reechain.domain.roles import Role
from reechain.services import parties
from reechain.services.auth import AuthenticatedUser
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Parties", "/risk/parties")]
RiskManager = Annotated[AuthenticatedUser, Depends(require_roles(Role.RISK_MANAGER))]
BANDS = ["", "prohibited", "high", "medium", "low"]
BLOCKED, CLEAR, SELF = "#c0392b", "#2e86c1", "#f39c12"


def ownership_figure(view: parties.PartyView) -> go.Figure:
    """Owners above the party, what it owns below, one row per step; blocked parties in red."""
    me = view.summary.party_id
    level = {me: 0}
    up, down = defaultdict(list), defaultdict(list)
    for e in view.graph_edges:
        down[e.owner_id].append(e.owned_id)
        up[e.owned_id].append(e.owner_id)
    frontier = [me]
    while frontier:  # owners: negative levels, what is owned: positive; first reach wins
        nxt = []
        for n in frontier:
            for o in up.get(n, []):
                if o not in level:
                    level[o] = level[n] - 1
                    nxt.append(o)
            for o in down.get(n, []):
                if o not in level:
                    level[o] = level[n] + 1
                    nxt.append(o)
        frontier = nxt
    rows: dict[int, list[str]] = defaultdict(list)
    for pid in sorted(level, key=lambda p: (level[p], p)):
        rows[level[pid]].append(pid)
    pos = {pid: (i - (len(ids) - 1) / 2, -lv) for lv, ids in rows.items() for i, pid in enumerate(ids)}
    fig = go.Figure()
    for e in view.graph_edges:
        if e.owner_id in pos and e.owned_id in pos:
            (x0, y0), (x1, y1) = pos[e.owner_id], pos[e.owned_id]
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1],
                    y=[y0, y1],
                    mode="lines",
                    line={"color": "#999"},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
            fig.add_annotation(
                x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=f"{e.share:.0%}", showarrow=False, bgcolor="white"
            )
    names = view.graph_nodes
    ids = list(pos)
    colours = [SELF if p == me else BLOCKED if names.get(p, ("", False))[1] else CLEAR for p in ids]
    fig.add_trace(
        go.Scatter(
            x=[pos[p][0] for p in ids],
            y=[pos[p][1] for p in ids],
            mode="markers+text",
            text=[p for p in ids],
            textposition="top center",
            hovertext=[
                f"{p}: {names.get(p, (p, False))[0]}{' (blocked)' if names.get(p, ('', False))[1] else ''}"
                for p in ids
            ],
            hoverinfo="text",
            marker={"size": 18, "color": colours, "line": {"width": 1, "color": "#333"}},
            showlegend=False,
        )
    )
    fig.update_layout(
        height=120 + 110 * len(rows),
        margin={"t": 20, "b": 20, "l": 20, "r": 20},
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
    )
    return fig


def _list_context(c: Container, **extra: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "title": "Parties",
        "bands": BANDS,
        "filters": {"band": "", "q": "", "marked": False},
        "parties": [],
        "due": parties.due_reviews(c),
        "size": parties.register_size(c),
        "errors": [],
    }
    ctx.update(extra)
    return ctx


def _errors(e: ReechainError) -> list[str]:
    return [e.message, *(str(p) for p in e.problems)]


@router.get("/risk/parties")
def parties_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    band: Annotated[str, Query(max_length=16)] = "",
    q: Annotated[str, Query(max_length=100)] = "",
    marked: bool = False,
) -> Response:
    rows = parties.list_parties(c, band=band or None, flagged=marked, query=q)
    ctx = _list_context(c, parties=rows, filters={"band": band, "q": q, "marked": marked})
    return render(request, "risk_parties/index.html", ctx)


@router.post("/risk/parties/import")
async def import_parties(
    request: Request,
    c: ContainerDep,
    user: RiskManager,
    parties_file: Annotated[UploadFile, File(alias="parties")],
    ownership_file: Annotated[UploadFile | None, File(alias="ownership")] = None,
    documents_file: Annotated[UploadFile | None, File(alias="documents")] = None,
) -> Response:
    async def text(f: UploadFile | None) -> str | None:
        if f is None or not f.filename:
            return None
        return (await f.read()).decode("utf-8-sig", errors="replace")

    try:
        r = parties.import_register(
            c,
            await text(parties_file) or "",
            parties_file.filename or "parties",
            actor=user.username,
            roles=user.roles,
            ownership_text=await text(ownership_file),
            ownership_file=(ownership_file.filename if ownership_file else None) or "ownership",
            documents_text=await text(documents_file),
            documents_file=(documents_file.filename if documents_file else None) or "documents",
        )
    except ReechainError as e:
        ctx = _list_context(c, errors=_errors(e))
        return render(request, "risk_parties/index.html", ctx, status_code=e.http_status)
    bands = ", ".join(f"{k} {v}" for k, v in sorted(r.bands.items()))
    flash(request, f"{r.parties_file}: {r.added} added, {r.updated} updated ({bands}).", "success")
    return RedirectResponse("/risk/parties", status_code=303)


@router.get("/risk/parties/{party_id}")
def party_page(party_id: str, request: Request, c: ContainerDep, _: CurrentUser) -> Response:
    try:
        view = parties.get_party(c, party_id)
    except ReechainError as e:
        return render(
            request, "risk_parties/index.html", _list_context(c, errors=_errors(e)), status_code=e.http_status
        )
    chart: Markup | None = None
    if view.graph_edges:
        chart = plotly_div(ownership_figure(view), label=f"ownership of {party_id}")
    return render(
        request,
        "risk_parties/party.html",
        {"title": view.summary.name, "v": view, "chart": chart, "errors": []},
    )


@router.post("/risk/parties/{party_id}/review")
def review_party(
    party_id: str,
    request: Request,
    c: ContainerDep,
    user: RiskManager,
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        r = parties.review_party(c, party_id, note=note, actor=user.username, roles=user.roles)
    except ReechainError as e:
        view = parties.get_party(c, party_id)
        ctx = {"title": view.summary.name, "v": view, "chart": None, "errors": _errors(e)}
        return render(request, "risk_parties/party.html", ctx, status_code=e.http_status)
    flash(request, f"{party_id} reviewed: {r.band} ({r.score}); next review {r.next_due_on}.", "success")
    return RedirectResponse(f"/risk/parties/{party_id}", status_code=303)
