"""Server-rendered pages: ``render(request, "area/page.html", {...})``.

Templates live in ``reechain/web/templates/<area>/``, extend ``base.html`` and fill ``{% block content %}``.
Every template can call ``csrf_input(request)`` (put it in every form) and sees ``nav``, ``user``,
``user_roles`` and ``flashes``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from reechain.api.security import csrf_input, csrf_token, htmx_headers

TEMPLATES_DIR = Path(__file__).parent / "templates"
FLASH_KEY = "flashes"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals.update(csrf_input=csrf_input, csrf_token=csrf_token, htmx_headers=htmx_headers)


def flash(request: Request, message: str, category: str = "info") -> None:
    """Show MESSAGE on the next page rendered for this session (after a redirect, say)."""
    session = request.scope.get("session")
    if isinstance(session, dict):
        session.setdefault(FLASH_KEY, []).append({"category": category, "message": message})


def _pop_flashes(request: Request) -> list[dict[str, str]]:
    session = request.scope.get("session")
    if not isinstance(session, dict):
        return []
    flashes: list[dict[str, str]] = session.pop(FLASH_KEY, [])
    return flashes


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    session = request.scope.get("session")
    user = getattr(request.state, "user", None)
    username = user.username if user is not None else (session or {}).get("username")
    roles = sorted(user.roles) if user is not None else (session or {}).get("roles", [])
    app_state = request.app.state
    ctx: dict[str, Any] = {
        "nav": getattr(app_state, "nav", []),
        "user": username,
        "user_roles": roles,
        "flashes": _pop_flashes(request),
        "has_session": isinstance(session, dict),
    }
    ctx.update(context or {})
    response: HTMLResponse = templates.TemplateResponse(request, template, ctx, status_code=status_code)
    return response
