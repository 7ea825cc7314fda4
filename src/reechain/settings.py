"""One typed settings object, read from the environment (prefix ``REECHAIN_``) and passed in."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REECHAIN_", frozen=True)

    database_url: str = "sqlite:///reechain.db"
    """SQLAlchemy URL. Default: the embedded SQLite file in the working directory."""

    secret_key: str = "change-me-in-production-0123456789abcdef"
    """Signs session cookies and CSRF tokens. Set it in production."""

    secure_cookies: bool = False
    """Send session cookies with the Secure flag (set true behind HTTPS)."""

    host: str = "127.0.0.1"
    port: int = 8000

    cache_dir: Path | None = None
    """Folder for caches that are safe to delete (the screening index). Default: `.reechain-cache` next to
    the SQLite file; with PostgreSQL no file cache unless this is set."""

    rules_dir: Path | None = None
    """Folder of export-control rule files; default: the packaged rules."""

    echo_sql: bool = False

    max_body_bytes: int = 64 * 1024 * 1024
    """Largest request body accepted (bytes); a larger one is refused with 413 before it is read whole."""

    allocation_rule: str = "fifo"
    """How orders take lots: `fifo` (oldest lot first) or `fefo` (earliest expiry first)."""

    shipment_no_news_days: int = Field(default=7, ge=1, le=365)
    """A shipment in transit whose latest carrier event was reported more than this many days ago raises the
    derived alert `no_news` (``reechain.risk.logistics.milestones.NO_NEWS_DAYS`` is the same default)."""
