"""Partners pages: the register (partners, their plants, agreements), its import, and the chain view (a
Plotly Sankey of own and partner flows with the group's share of each world stage beside it)."""

from __future__ import annotations

from typing import Annotated, Any

import plotly.graph_objects as go
from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.api.routers.ledger import read_upload
from reechain.domain.errors import InvalidInput, Problem
from reechain.services import partners
from reechain.web.charts import plotly_div
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Partners", "/partners"), ("Chain", "/partners/chain")]
OWN_COLOUR = "rgba(31,119,180,0.55)"
PARTNER_COLOUR = "rgba(255,127,14,0.65)"


def sankey_figure(doc: dict[str, Any]) -> go.Figure:
    nodes: list[str] = doc["nodes"]
    index = {n: i for i, n in enumerate(nodes)}
    links = doc["links"]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": nodes, "pad": 14, "thickness": 16},
            link={
                "source": [index[x["source"]] for x in links],
                "target": [index[x["target"]] for x in links],
                "value": [x["value"] for x in links],
                "color": [PARTNER_COLOUR if x["owner"] == "partner" else OWN_COLOUR for x in links],
                "customdata": [f"{x['label']} · {x['owner']} · {x['ref']}" for x in links],
                "hovertemplate": "%{value:,.1f} · %{customdata}<extra></extra>",
            },
        )
    )
    fig.update_layout(
        title=f"Chain {doc['year']}: own (blue) and partner (orange) flows", height=520, margin={"t": 40}
    )
    return fig


def _register_page(
    request: Request,
    c: ContainerDep,
    user: Any,
    *,
    errors: list[Problem] | None = None,
    message: str = "",
    status_code: int = 200,
) -> Response:
    doc = partners.register_document(partners.get_register(c, user))
    ctx = {"title": "Partners", "partners": doc["partners"], "errors": errors or [], "error_message": message}
    return render(request, "partners/index.html", ctx, status_code=status_code)


@router.get("/partners")
def register_page(request: Request, c: ContainerDep, user: CurrentUser) -> Response:
    return _register_page(request, c, user)


@router.post("/partners/import")
async def import_page(
    request: Request, c: ContainerDep, user: CurrentUser, file: Annotated[UploadFile, File()]
) -> Response:
    name = file.filename or ""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if suffix not in (".csv", ".yaml", ".yml"):
            raise InvalidInput("unsupported file", [Problem("a .csv, .yaml or .yml file", "file")])
        text = (await read_upload(file)).decode("utf-8")
        counts = partners.import_register_text(
            c, text, suffix=suffix, actor=user, by=user.username, name=name
        )
    except InvalidInput as e:
        return _register_page(
            request, c, user, errors=e.problems, message=f"{name}: {e.message}", status_code=422
        )
    except UnicodeDecodeError:
        return _register_page(request, c, user, message=f"{name}: not UTF-8 text", status_code=422)
    flash(
        request,
        f"Imported {name}: {counts['partners']} partners, {counts['plants']} plants, "
        f"{counts['agreements']} agreements.",
        "success",
    )
    return RedirectResponse("/partners", status_code=303)


@router.get("/partners/chain")
def chain_page(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    year: Annotated[int, Query(ge=1900, le=2200)] = 2026,
) -> Response:
    doc = partners.chain_document(partners.chain(c, year, user))
    ctx = {
        "title": "Chain",
        "year": year,
        "chain": doc,
        "sankey": plotly_div(sankey_figure(doc), label="chain Sankey diagram"),
    }
    return render(request, "partners/chain.html", ctx)
