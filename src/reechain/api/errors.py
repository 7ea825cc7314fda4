"""Every error mapped to HTTP in one place.

API paths (``/api/...``) get JSON ``{"error", "message", "problems": [{"field", "line", "reason"}]}`` with the
error's status; pages get a readable error page (or the login page when not logged in). Nothing shows a
stack trace; an unexpected exception is logged and answered with a plain 500.
"""

from __future__ import annotations

import logging
from typing import Any, TypedDict
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from reechain.domain.errors import ErrorReport, Problem, ReechainError, Unauthenticated

log = logging.getLogger("reechain.api")

_HTTP_ERROR_NAMES = {
    400: "BadRequest",
    401: "Unauthenticated",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    422: "InvalidInput",
}
_TITLES = {
    400: "Bad request",
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed here",
    409: "Conflict",
    422: "Cannot accept this input",
    500: "Something went wrong",
}


def is_api_request(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/")


class ProblemBody(TypedDict):
    field: str | None
    line: int | None
    reason: str


class ErrorBody(TypedDict):
    """The body of every API error answer (docs/api.md)."""

    error: str
    message: str
    problems: list[ProblemBody]


def error_body(error: str, message: str, problems: list[Problem] | None = None) -> ErrorBody:
    return {
        "error": error,
        "message": message,
        "problems": [{"field": p.field, "line": p.line, "reason": p.reason} for p in problems or []],
    }


def json_error(
    status: int, body: ErrorBody | dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers)


def error_page(
    request: Request,
    status: int,
    message: str,
    problems: list[Problem] | None = None,
    title: str | None = None,
) -> Response:
    from reechain.web.templating import render

    ctx = {
        "status": status,
        "title": title or _TITLES.get(status, "Error"),
        "message": message,
        "problems": [str(p) for p in problems or []],
    }
    return render(request, "error.html", ctx, status_code=status)


def _problems_of_validation(exc: RequestValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        if loc and loc[0] in {"body", "query", "path", "header", "cookie", "form"}:
            loc = loc[1:]
        problems.append(Problem(str(err.get("msg", "invalid value")), field=".".join(loc) or None))
    return problems


async def on_reechain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ReechainError)
    if is_api_request(request):
        report = ErrorReport.of(exc)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthenticated) else None
        body = {"error": report.error, "message": report.message, "problems": report.problems}
        return json_error(exc.http_status, body, headers)
    if isinstance(exc, Unauthenticated) and request.method in {"GET", "HEAD"}:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return error_page(request, exc.http_status, exc.message, exc.problems)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = _problems_of_validation(exc)
    message = "the request has invalid fields"
    if is_api_request(request):
        return json_error(422, error_body("InvalidInput", message, problems))
    return error_page(request, 422, message, problems)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    name = _HTTP_ERROR_NAMES.get(exc.status_code, "HTTPError")
    message = str(exc.detail) if exc.detail else name
    headers = dict(exc.headers) if exc.headers else None
    if is_api_request(request):
        return json_error(exc.status_code, error_body(name, message), headers)
    response = error_page(request, exc.status_code, message)
    if headers:
        response.headers.update(headers)
    return response


async def on_data_error(request: Request, exc: Exception) -> Response:
    """The database refused a value (a NUL character, too long, out of range): the input's fault, not a 500.
    Routes should validate first; this keeps a missed case from becoming a server error."""
    log.warning("database refused a value on %s %s: %s", request.method, request.url.path, exc)
    message = "a value does not fit the database (too long, out of range, or containing a NUL character)"
    if is_api_request(request):
        return json_error(422, error_body("InvalidInput", message))
    return error_page(request, 422, message)


async def on_unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    message = "an unexpected error happened; it has been logged. Nothing you sent was saved."
    if is_api_request(request):
        return json_error(500, error_body("InternalError", message))
    try:
        return error_page(request, 500, message)
    except Exception:
        return Response(message, status_code=500, media_type="text/plain")


async def on_too_deep(request: Request, exc: Exception) -> Response:
    """Input nested deeper than Python's parsers recurse (JSON 5,000 brackets deep on a form): the input's
    fault. Caught here once for every route and page rather than around each ``json.loads``."""
    log.warning("input nested too deeply on %s %s", request.method, request.url.path)
    message = "the input is nested too deeply"
    problems = [Problem("nested more than a few hundred levels deep", field="body")]
    if is_api_request(request):
        return json_error(422, error_body("InvalidInput", message, problems))
    return error_page(request, 422, message, problems)


def csrf_failure_response(request: Request, is_api: bool) -> Response:
    message = "the form's security token is missing or expired; reload the page and try again"
    if is_api:
        return json_error(403, error_body("Forbidden", message + " (send the X-CSRF-Token header)"))
    return error_page(request, 403, message, title="Form expired")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ReechainError, on_reechain_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(DataError, on_data_error)
    app.add_exception_handler(RecursionError, on_too_deep)
    app.add_exception_handler(Exception, on_unexpected_error)
