"""``create_app(container)``: the one place that builds the web application.

Every module of ``reechain.api.routers`` (REST, JSON under ``/api/...``) and of ``reechain.web.pages``
(HTML pages) that defines ``router: APIRouter`` is included; a page module's ``NAV = [(label, path)]`` adds
entries to the top navigation.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any

import plotly
from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

from reechain.api.errors import install_error_handlers
from reechain.api.security import (
    SESSION_COOKIE,
    SESSION_MAX_AGE_S,
    BodyLimitMiddleware,
    CsrfMiddleware,
    SecurityHeadersMiddleware,
)
from reechain.api.serving import AccessLogMiddleware
from reechain.bootstrap import Container
from reechain.services import health as health_service

STATIC_DIR = Path(__file__).resolve().parents[1] / "web" / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# The pages of the ledger come first in the navigation, in this order; other areas follow by name.
NAV_FIRST = ("overview", "stock", "movements", "quotas")
# Swagger UI from the vendored copy in web/static/swagger, started by an external script (no inline JS).
SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>reechain API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger/init.js"></script></body></html>
"""


class Liveness(BaseModel):
    status: str = "ok"


class Readiness(BaseModel):
    status: str
    """``ok``, or ``unavailable`` (answered with 503) when the database does not answer."""
    database: str
    database_ok: bool
    version: str


def _modules(package: str) -> list[ModuleType]:
    pkg = importlib.import_module(package)
    names = sorted(info.name for info in pkgutil.iter_modules(pkg.__path__))
    return [importlib.import_module(f"{package}.{name}") for name in names]


def _nav_order(module: ModuleType) -> tuple[int, str]:
    short = module.__name__.rsplit(".", 1)[-1]
    return (NAV_FIRST.index(short) if short in NAV_FIRST else len(NAV_FIRST), short)


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["error", "message", "problems"],
    "properties": {
        "error": {"type": "string", "description": "InvalidInput, RuleViolation, NotFound, Forbidden, ..."},
        "message": {"type": "string"},
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "line": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema, with 422 answers described as they are sent (see ``reechain.api.errors``)."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = schema.get("components", {}).get("schemas", {})
        if "HTTPValidationError" in components:
            components["HTTPValidationError"] = ERROR_SCHEMA
            components.pop("ValidationError", None)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="reechain",
        version="0.1.0",
        description="Quotas, ledger, stock, sales, compliance and market of a rare-earth group. "
        "Authenticate scripts with `Authorization: Bearer TOKEN` (`reechain user token USERNAME`).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.container = container
    install_error_handlers(app)

    @app.get("/health", tags=["health"], summary="Liveness check (no database access)")
    def health() -> Liveness:
        return Liveness()

    @app.get(
        "/api/health",
        response_model=Readiness,
        tags=["health"],
        summary="Readiness check: the database answers (503 when it does not); no login needed",
        responses={503: {"model": Readiness, "description": "The database does not answer."}},
    )
    def readiness() -> Readiness | JSONResponse:
        h = health_service.check(container)
        body = Readiness(
            status="ok" if h.database_ok else "unavailable",
            database=h.database,
            database_ok=h.database_ok,
            version=app.version,
        )
        return body if h.database_ok else JSONResponse(body.model_dump(), status_code=503)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(SWAGGER_PAGE)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    for module in _modules("reechain.api.routers"):
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            app.include_router(router)

    nav: list[tuple[str, str]] = []
    for module in sorted(_modules("reechain.web.pages"), key=_nav_order):
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            app.include_router(router, include_in_schema=False)
            nav.extend(getattr(module, "NAV", []))
    app.state.nav = nav

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]

    settings = container.settings
    # Added last = outermost: headers on every answer, then the session, then the CSRF check inside it.
    app.add_middleware(CsrfMiddleware, secret_key=settings.secret_key)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE_S,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.secure_cookies)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AccessLogMiddleware)
    return app
