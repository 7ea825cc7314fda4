"""Log in and log out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from reechain.api.deps import SESSION_KEY_KEY, SESSION_USER_KEY, ContainerDep
from reechain.domain.errors import TooManyAttempts, Unauthenticated
from reechain.services import auth as auth_service
from reechain.services import sessions as session_service
from reechain.web.templating import flash, render

router = APIRouter(tags=["pages"])


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect would let a link send a user elsewhere after logging in.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "auth/login.html", {"title": "Log in", "next": _safe_next(next), "username": ""})


@router.post("/login")
def login(
    request: Request,
    c: ContainerDep,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    try:
        logged_in = auth_service.log_in(c, username, password)
    except Unauthenticated as e:
        ctx = {"title": "Log in", "next": _safe_next(next), "username": username, "error": e.message}
        response = render(request, "auth/login.html", ctx, status_code=e.http_status)
        if isinstance(e, TooManyAttempts):
            response.headers["Retry-After"] = str(e.retry_after_s)
        return response
    user = logged_in.user
    session = request.session
    session.clear()  # a fresh session (and CSRF value) at each login
    session[SESSION_KEY_KEY] = logged_in.session_key
    session[SESSION_USER_KEY] = user.username
    session["roles"] = sorted(user.roles)
    flash(request, f"Logged in as {user.username}.", "success")
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, c: ContainerDep) -> Response:
    key = request.session.get(SESSION_KEY_KEY)
    if key:
        session_service.end_session(c, str(key))  # the cookie, even if copied, no longer logs anyone in
    request.session.clear()
    flash(request, "Logged out.")
    return RedirectResponse("/login", status_code=303)
