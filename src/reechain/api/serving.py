"""Production serving: ``reechain serve`` runs uvicorn on a configured database, logs one JSON object a line.

No sample data and no demo logins are created here (that is ``reechain demo``). The database must already
be migrated (``reechain init``); the server refuses to start on an older schema rather than migrating from
several worker processes at once.

With several workers uvicorn binds the listening socket as ``socket(AF_INET)`` (protocol 0), and asyncio
then leaves ``TCP_NODELAY`` off on the accepted connections: every answer waited ~40 ms for the client's
delayed ACK (see docs/performance.md, "Compliance"). ``serve`` binds the socket itself with
``IPPROTO_TCP`` so that every worker's connections get ``TCP_NODELAY`` as a single worker's do.
"""

from __future__ import annotations

import gc
import json
import logging
import socket
import time
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reechain.settings import Settings

ACCESS_LOGGER = "reechain.access"
DEFAULT_SECRET_KEY = Settings.model_fields["secret_key"].default
_RECORD_FIELDS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "color_message",  # uvicorn's copy of the message with terminal colours
}


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str = "info") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn and reechain: everything as JSON lines on stderr."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLogFormatter}},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "reechain": {"handlers": ["default"], "level": level.upper(), "propagate": False},
        },
    }


class AccessLogMiddleware:
    """One log record per request: method, path, status, duration in ms, client address, user if known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.logger = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.logger.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            state = scope.get("state") or {}
            user = getattr(state.get("user"), "username", None)
            client = scope.get("client")
            self.logger.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "client": client[0] if client else None,
                    "user": user,
                },
            )


def pending_migrations(settings: Settings) -> list[str]:
    """Alembic heads the database has not reached yet (empty when the schema is current)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from reechain.store.db import alembic_config, make_engine

    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()
    script = ScriptDirectory.from_config(alembic_config(settings.database_url))
    reached = set(current)
    for head in current:
        reached.update(rev.revision for rev in script.iterate_revisions(head, "base"))
    return sorted(set(script.get_heads()) - reached)


def app_from_environment() -> Any:
    """The application of one worker process, configured from ``REECHAIN_*`` environment variables, warmed
    up (screening index, dictionaries, rules) before the worker takes its first request."""
    from reechain.api.app import create_app
    from reechain.bootstrap import bootstrap
    from reechain.services.compliance.warm_up import warm_up

    container = bootstrap(Settings(), run_migrations=False)
    app = create_app(container)
    warm_up(container)
    # The warmed tables (screening index, dictionaries, readings) live as long as the process: moved out of
    # the collector's generations, a full collection need not walk them during a request. (Measured: it did
    # not by itself bring the check's p99 under 50 ms; docs/performance.md.)
    gc.collect()
    gc.freeze()
    return app


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket made with ``IPPROTO_TCP`` so that asyncio sets ``TCP_NODELAY`` on its connections."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve(host: str, port: int, workers: int, *, log_level: str = "info") -> None:
    """Run the server in the foreground until interrupted."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "reechain.api.serving:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(log_level),
        access_log=False,
        proxy_headers=True,
        server_header=False,
        # A worker answers the supervisor's ping only once the application is imported, which takes a few
        # seconds, and minutes on an overloaded machine; uvicorn's 5 s default then kills and restarts it
        # forever. A hung worker is therefore noticed only after this long.
        timeout_worker_healthcheck=300,
    )
    sock = listening_socket(host, port)
    if workers == 1:
        uvicorn.Server(config).run(sockets=[sock])
    else:
        Multiprocess(config, sockets=[sock]).run()
