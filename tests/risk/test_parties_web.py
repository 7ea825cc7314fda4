"""The risk API and the party pages through the test client (both databases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import parties

from .diligence_support import (
    EXAMPLE,
    LIST_V2_EXTRA,
    api_client,
    csrf,
    fresh_caches,
    import_example_register,
    load_example_list,
    page_client,
)

KEYS = {"id", "score", "band", "listed", "owned_by_listed_share", "blocked_by_ownership", "factors"}


@pytest.fixture(autouse=True)
def _clean() -> None:
    fresh_caches()


def _files(ownership: str | None = None) -> dict[str, tuple[str, bytes, str]]:
    files = {"parties": ("parties.csv", (EXAMPLE / "parties.csv").read_bytes(), "text/csv")}
    files["ownership"] = (
        "ownership.csv",
        ownership.encode() if ownership is not None else (EXAMPLE / "ownership.csv").read_bytes(),
        "text/csv",
    )
    return files


def test_api_diligence_gives_the_design_keys(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    client = api_client(container, Role.ANALYST)
    r = client.post("/api/risk/diligence", files=_files())
    assert r.status_code == 200, r.text
    got = {p["id"]: p for p in r.json()["parties"]}
    assert set(got["P3"]) == KEYS and {"code", "points", "evidence"} <= set(got["P3"]["factors"][0])
    assert [got[p]["listed"] for p in ("P1", "P2")] == [True, True]
    assert [got[p]["blocked_by_ownership"] for p in ("P3", "P4", "P5", "P6")] == [True, True, False, False]
    assert got["P3"]["owned_by_listed_share"] == 0.55 and got["P5"]["band"] == "medium"
    assert parties.register_size(container) == 0  # nothing stored


def test_api_import_is_for_risk_managers_and_refuses_bad_files_whole(container: Container) -> None:
    trader = api_client(container, Role.TRADER)
    assert trader.post("/api/risk/parties/import", files=_files()).status_code == 403
    rm = api_client(container, Role.RISK_MANAGER)
    r = rm.post("/api/risk/parties/import", files=_files("owner_id,owned_id\nP1,P3\n"))
    assert r.status_code == 422 and "ownership.csv" in r.json()["message"]
    assert r.json()["problems"] == [{"field": "share", "line": 1, "reason": "missing column share"}]
    assert parties.register_size(container) == 0
    r = rm.post("/api/risk/parties/import", files=_files())
    assert r.status_code == 201 and r.json()["added"] == 6


def test_api_register_party_review_and_rescreen_effect(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    import_example_register(container)
    rm = api_client(container, Role.RISK_MANAGER)
    listed = rm.get("/api/risk/parties", params={"band": "prohibited"}).json()
    assert [p["party_id"] for p in listed] == ["P1", "P2", "P3", "P4"] and listed[0]["schema"] == "Company"
    p5 = rm.get("/api/risk/parties/P5").json()
    assert p5["owners"] == [
        {"party_id": "P1", "name": "Boreal Dual Use Holdings Ltd", "share": 0.4, "blocked": True}
    ]
    assert p5["factors"][0]["code"] == "owned_by_listed"
    assert {(e["owner_id"], e["owned_id"]) for e in p5["ownership_edges"]} >= {("P1", "P5"), ("P5", "P6")}
    assert rm.get("/api/risk/parties/P9").status_code == 404
    r = rm.post("/api/risk/parties/P5/review", json={"note": "ok"})
    assert r.status_code == 200 and r.json()["band"] == "medium"
    assert "P5" not in [p["party_id"] for p in rm.get("/api/risk/reviews").json()]
    officer = api_client(container, Role.COMPLIANCE_OFFICER)
    body = LIST_V2_EXTRA.encode()
    r = officer.post(
        "/api/screening/lists/example/import",
        data={"format": "csv"},
        files={"file": ("l.csv", (EXAMPLE / "list.csv").read_bytes() + body, "text/csv")},
    )
    assert r.status_code == 201, r.text
    assert r.json()["rescreen"]["parties_marked"] == ["P5"] and r.json()["rescreen"]["holds_opened"] == 0
    effects = rm.get("/api/risk/rescreens").json()
    assert effects[0]["list_version"] == 2 and effects[0]["new_hits"] == 1


def test_pages_register_party_and_screening_effects(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    client = page_client(container, Role.RISK_MANAGER)
    token = csrf(client, "/risk/parties")
    r = client.post("/risk/parties/import", data={"csrf_token": token}, files=_files(), follow_redirects=True)
    assert r.status_code == 200 and 'data-testid="parties"' in r.text and "6 added" in r.text
    html = client.get("/risk/parties/P3").text
    assert 'data-testid="factors"' in html and "blocked_by_ownership" in html
    assert 'data-testid="ownership-graph"' in html and "data-plotly" in html
    load_example_list(container, tmp_path, LIST_V2_EXTRA)
    html = client.get("/screening").text
    assert 'data-testid="rescreens"' in html and " of 6</td>" in html
    r = client.post(
        "/risk/parties/P5/review",
        data={"note": "seen", "csrf_token": csrf(client, "/risk/parties/P5")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "seen" in client.get("/risk/parties/P5").text
