"""Session cookies, CSRF tokens and security headers.

The session is Starlette's signed cookie session (HttpOnly, SameSite=Lax, Secure when
``Settings.secure_cookies``). CSRF: the session holds a random value; forms carry it signed with
``Settings.secret_key`` (itsdangerous) as ``csrf_token``, htmx sends it as the ``X-CSRF-Token`` header.
One middleware checks every unsafe request that relies on the cookie, so no page can forget it.
Only a request authenticated by a valid ``Authorization: Bearer TOKEN`` skips the check (a token is no
ambient credential); any other ``Authorization`` header is checked like a cookie request, and the routes
never fall back to the cookie when such a header is present (``reechain.api.deps.current_user``).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSRF_SESSION_KEY = "csrf"
CSRF_MAX_AGE_S = 12 * 3600
SESSION_COOKIE = "reechain_session"
SESSION_MAX_AGE_S = 8 * 3600

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="reechain-csrf")


def _session(request_or_scope: Request | Scope) -> dict[str, Any]:
    scope = request_or_scope.scope if isinstance(request_or_scope, Request) else request_or_scope
    session = scope.get("session")
    return session if isinstance(session, dict) else {}


def csrf_token(request: Request) -> str:
    session = request.scope.get("session")
    if not isinstance(session, dict):
        return ""
    if CSRF_SESSION_KEY not in session:
        session[CSRF_SESSION_KEY] = secrets.token_urlsafe(24)
    token: str = _serializer(request.app.state.container.settings.secret_key).dumps(session[CSRF_SESSION_KEY])
    return token


def csrf_input(request: Request) -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, csrf_token(request))


def csrf_valid(secret_key: str, session: dict[str, Any], token: str | None) -> bool:
    expected = session.get(CSRF_SESSION_KEY)
    if not token or not expected:
        return False
    try:
        value = _serializer(secret_key).loads(token, max_age=CSRF_MAX_AGE_S)
    except BadSignature:
        return False
    return isinstance(value, str) and secrets.compare_digest(value, str(expected))


class CsrfMiddleware:
    """Refuse unsafe requests that ride on the session cookie without a valid CSRF token."""

    def __init__(self, app: ASGIApp, secret_key: str) -> None:
        self.app = app
        self.secret_key = secret_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        session = _session(scope)
        is_api = scope["path"].startswith("/api/")
        if await _valid_bearer(scope, headers.get("authorization")) or (
            is_api and not headers.get("authorization") and not session.get("sid")
        ):
            # A valid API token, or an API call with no credential at all: the route answers 401 if needed.
            await self.app(scope, receive, send)
            return
        token = headers.get(CSRF_HEADER)
        replay = receive
        if token is None:
            body = await _read_body(receive)
            token = await _form_token(scope, body)
            replay = _replaying(body, receive)
        if not csrf_valid(self.secret_key, session, token):
            from reechain.api.errors import csrf_failure_response

            await csrf_failure_response(Request(scope), is_api)(scope, replay, send)
            return
        await self.app(scope, replay, send)


async def _valid_bearer(scope: Scope, authorization: str | None) -> bool:
    """Whether AUTHORIZATION is ``Bearer <token>`` with a token that authenticates a user right now."""
    if not authorization:
        return False
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    from reechain.api.deps import user_for_token_async
    from reechain.domain.errors import Unauthenticated

    try:
        await user_for_token_async(scope["app"].state.container, token.strip())
    except Unauthenticated:
        return False
    return True


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _form_token(scope: Scope, body: bytes) -> str | None:
    content_type = Headers(scope=scope).get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    request = Request(scope, _replaying(body, None))
    try:
        form = await request.form()
    except Exception:  # a malformed body: no token, so the request is refused below
        return None
    try:
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


def _replaying(body: bytes, then: Receive | None) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if self.hsts:
                    headers["strict-transport-security"] = "max-age=31536000"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def htmx_headers(request: Request) -> str:
    """The ``hx-headers`` attribute value that makes every htmx request carry the CSRF token."""
    return json.dumps({"X-CSRF-Token": csrf_token(request)})


class BodyTooLarge(HTTPException):
    """Raised while reading a body past the limit (an HTTPException, so that FastAPI passes it on as 413
    instead of calling it a body it could not parse)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"the request body is larger than {max_bytes} bytes")


class BodyLimitMiddleware:
    """Refuse a request body larger than ``max_bytes`` with 413, from its ``Content-Length`` before reading
    anything, or as soon as a body sent without one (chunked) passes the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        from starlette.responses import JSONResponse

        body = {
            "error": "PayloadTooLarge",
            "message": f"the request body is larger than {self.max_bytes} bytes",
            "problems": [],
        }
        await JSONResponse(body, status_code=413, headers={"Connection": "close"})(scope, receive, send)
