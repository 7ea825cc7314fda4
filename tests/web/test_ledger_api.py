"""The ledger and quota REST API on SQLite and PostgreSQL (the `container` fixture runs both)."""

from __future__ import annotations

import math

from reechain.bootstrap import Container
from reechain.domain.roles import Role

from .group import (
    HOLDER,
    MINING_LIMIT_T_REO,
    MINING_USED_T_REO,
    ND_T_REO,
    TOTAL_T_REO,
    YEAR,
    load_small_group,
)
from .helpers import api_client

RECEIPT = {
    "kind": "receipt",
    "occurred_on": "2026-03-05",
    "lot": "NDPR-002",
    "product": "NDPR-OX",
    "quantity_t": 4.0,
    "to_location": "WH-1",
    "source": "purchase",
}


def test_stock_by_element_is_the_sum_of_receipts(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.AUDITOR)
    rows = {r["key"]: r for r in client.get("/api/stock", params={"by": "element"}).json()}
    assert math.isclose(rows["Nd"]["t_reo"], ND_T_REO, abs_tol=1e-6)
    assert rows["Dy"]["segment"] == "medium" and rows["Y"]["segment"] == "heavy"
    assert math.isclose(sum(r["t_reo"] for r in rows.values()), TOTAL_T_REO, abs_tol=1e-6)
    by_lot = client.get("/api/stock", params={"by": "lot", "location": "WH-1"}).json()
    assert {r["key"] for r in by_lot} == {"NDPR-001", "DY-001", "Y-001"}


def test_post_movement_changes_stock_and_records_the_poster(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.INVENTORY_CONTROLLER)
    r = client.post("/api/movements", json=RECEIPT)
    assert r.status_code == 201, r.text
    assert r.json()["lots_created"] == ["NDPR-002"]
    rows = {r["key"]: r for r in client.get("/api/stock").json()}
    assert math.isclose(rows["Nd"]["t_reo"], ND_T_REO + 4 * 0.99 * 0.75, abs_tol=1e-6)
    [m] = client.get("/api/movements", params={"lot": "NDPR-002"}).json()
    assert m["posted_by"] == "u-inventorycontroller" and m["quantity_t"] == 4.0


def test_auditor_can_read_but_not_post(container: Container) -> None:
    load_small_group(container)
    auditor = api_client(container, Role.AUDITOR)
    assert auditor.get("/api/movements").status_code == 200
    r = auditor.post("/api/movements", json=RECEIPT)
    assert r.status_code == 403 and r.json()["error"] == "Forbidden"
    assert auditor.get("/api/movements", params={"lot": "NDPR-002"}).json() == []


def test_analyst_cannot_post_a_movement(container: Container) -> None:
    load_small_group(container)
    r = api_client(container, Role.ANALYST).post("/api/movements", json=RECEIPT)
    assert r.status_code == 403


def test_malformed_movement_is_422_with_field_and_reason(container: Container) -> None:
    client = api_client(container, Role.INVENTORY_CONTROLLER)
    r = client.post("/api/movements", json={**RECEIPT, "quantity_t": "lots", "occurred_on": "yesterday"})
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "InvalidInput"
    fields = {p["field"]: p["reason"] for p in body["problems"]}
    assert "quantity_t" in fields and "occurred_on" in fields


def test_overdrawing_a_lot_is_a_rule_violation_and_posts_nothing(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.TRADER)
    sale = {
        "kind": "sale",
        "occurred_on": "2026-03-06",
        "lot": "DY-001",
        "quantity_t": 3.0,
        "from_location": "WH-1",
        "to_location": "CUST-JP",
    }
    r = client.post("/api/movements", json=sale)
    assert r.status_code == 422 and r.json()["error"] == "RuleViolation", r.text
    assert client.get("/api/movements", params={"lot": "DY-001"}).json()[0]["kind"] == "receipt"
    r = client.post("/api/movements", json={**sale, "quantity_t": 1.5})
    assert r.status_code == 201
    rows = {r["key"]: r for r in client.get("/api/stock").json()}
    assert math.isclose(rows["Dy"]["t_reo"], 0.5 * 0.99, abs_tol=1e-6)


def test_unknown_lot_trace_is_404_and_known_lot_traces_to_its_receipt(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.ANALYST)
    r = client.get("/api/lots/NOPE/trace")
    assert r.status_code == 404 and r.json()["error"] == "NotFound"
    t = client.get("/api/lots/ORE-001/trace").json()
    assert t["origins"] == ["ORE-001"] and t["lot"]["receipts"][0]["location"] == "MINE-BY"


def test_import_reports_every_bad_row_and_imports_nothing(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.INVENTORY_CONTROLLER)
    bad = (
        "date,kind,lot,product,quantity_t,from_location,to_location,source\n"
        "2026-03-07,receipt,NDPR-003,NDPR-OX,1.0,,WH-1,purchase\n"
        "2026-13-40,receipt,NDPR-004,NDPR-OX,1.0,,WH-1,purchase\n"
        "2026-03-07,receipt,NDPR-005,NDPR-OX,many,,WH-1,purchase\n"
    )
    r = client.post("/api/movements/import", files={"file": ("moves.csv", bad.encode(), "text/csv")})
    assert r.status_code == 422
    lines = {(p["line"], p["field"]) for p in r.json()["problems"]}
    assert (3, "date") in lines and (4, "quantity_t") in lines
    assert client.get("/api/movements", params={"lot": "NDPR-003"}).json() == []
    good = bad.splitlines()[0] + "\n" + bad.splitlines()[1] + "\n"
    r = client.post("/api/movements/import", files={"file": ("moves.csv", good.encode(), "text/csv")})
    assert r.status_code == 201 and r.json()["posted"] == 1
    r = client.post("/api/movements/import", files={"file": ("moves.csv", b"\xff\xfe\x00bad", "text/csv")})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "file"
    r = client.post("/api/movements/import", files={"file": ("moves.pdf", b"%PDF", "application/pdf")})
    assert r.status_code == 422


def test_quota_status_is_derived_from_the_ledger(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.AUDITOR)
    [q] = client.get(f"/api/quotas/{YEAR}").json()
    assert q["holder"] == HOLDER and math.isclose(q["used_t_reo"], MINING_USED_T_REO)
    assert math.isclose(q["used_share"], MINING_USED_T_REO / MINING_LIMIT_T_REO)
    assert client.get("/api/quotas/1800").status_code == 422


def test_only_planners_define_quotas(container: Container) -> None:
    body = {"year": YEAR, "batch": "second", "kind": "mining", "holder": HOLDER, "limit_t_reo": 50.0}
    assert api_client(container, Role.TRADER).post("/api/quotas", json=body).status_code == 403
    planner = api_client(container, Role.PLANNER)
    assert planner.post("/api/quotas", json=body).status_code == 201
    assert planner.post("/api/quotas", json={**body, "limit_t_reo": -1}).status_code == 422
    assert [q["batch"] for q in planner.get(f"/api/quotas/{YEAR}").json()] == ["second"]


def test_nul_characters_and_huge_numbers_are_refused_cleanly(container: Container) -> None:
    client = api_client(container, Role.ADMIN)
    assert client.get("/api/movements", params={"lot": "a\x00b"}).status_code == 422
    assert client.post("/api/movements", json={**RECEIPT, "quantity_t": 1e300}).status_code == 422
    assert client.post("/api/movements", json={**RECEIPT, "lot": "x\x00"}).status_code == 422
