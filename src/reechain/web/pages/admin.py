"""Admin: open browser sessions and valid API tokens, each with a button that ends it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.services import sessions as session_service
from reechain.web.templating import flash, render

router = APIRouter()
NAV = [("Sessions", "/admin/sessions")]


@router.get("/admin/sessions")
def sessions_page(request: Request, c: ContainerDep, user: CurrentUser) -> Response:
    found = session_service.active_credentials(c, user)  # Forbidden unless admin
    return render(request, "admin/sessions.html", {"title": "Sessions", "credentials": found})


@router.post("/admin/sessions/{kind}/{credential_id}/end")
def end_credential(
    request: Request,
    c: ContainerDep,
    user: CurrentUser,
    kind: Literal["session", "token"],
    credential_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    session_service.end_credential(c, user, kind, credential_id)
    flash(request, f"{kind.capitalize()} {credential_id} ended.", "success")
    return RedirectResponse("/admin/sessions", status_code=303)
