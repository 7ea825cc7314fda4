"""Quotas: every batch of a year with its use derived from the ledger, and the recorded overrides."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.services import quotas
from reechain.web.charts import plotly_div
from reechain.web.pages.overview import quota_figure
from reechain.web.templating import render

router = APIRouter()
NAV = [("Quotas", "/quotas")]


@router.get("/quotas")
def quotas_page(
    request: Request,
    c: ContainerDep,
    _: CurrentUser,
    year: Annotated[int | None, Query(ge=1901, le=2199)] = None,
) -> Response:
    year = year or date.today().year
    rows = quotas.quota_status(c, year)
    ctx = {
        "title": "Quotas",
        "year": year,
        "quotas": rows,
        "chart": plotly_div(quota_figure(rows), label="quota use") if rows else None,
        "overrides": quotas.list_overrides(c, year),
    }
    return render(request, "quotas/index.html", ctx)
