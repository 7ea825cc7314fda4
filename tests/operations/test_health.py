"""/health and /api/health: typed answers; readiness says 503 when the database does not answer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.settings import Settings
from reechain.store.db import make_engine, make_session_factory


def test_health_answers_on_both_databases_without_a_login(container: Container) -> None:
    client = TestClient(create_app(container))
    assert client.get("/health").json() == {"status": "ok"}
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["database_ok"] is True
    assert r.json()["database"] == container.engine.dialect.name


def test_readiness_is_503_when_the_database_does_not_answer() -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"  # nothing listens on port 1
    engine = make_engine(url)
    c = Container(
        settings=Settings(database_url=url), engine=engine, session_factory=make_session_factory(engine)
    )
    client = TestClient(create_app(c), raise_server_exceptions=False)
    r = client.get("/api/health")
    assert r.status_code == 503
    assert r.json() == {
        "status": "unavailable",
        "database": "postgresql",
        "database_ok": False,
        "version": "0.1.0",
    }
    assert client.get("/health").status_code == 200  # liveness does not depend on the database
    engine.dispose()
