"""REST endpoints and the compliance page (TestClient), on both backends."""

from __future__ import annotations

import json
import re

from reechain.bootstrap import Container
from reechain.domain.roles import Role

from .support import EXAMPLE, csrf, web_client

LICENCE = {
    "licence_no": "DU-API-1",
    "kind": "dual_use",
    "exporter": "Sample Rare Earth Group International Trade Co., Ltd.",
    "destination_country": "JP",
    "elements": ["Dy"],
    "quantity_kg": 800,
    "valid_from": "2026-01-01",
    "valid_until": "2026-12-31",
}


def test_api_check_licences_and_two_person_release(container: Container) -> None:
    alice = web_client(container, "alice", Role.COMPLIANCE_OFFICER, token=True)
    bob = web_client(container, "bob", Role.COMPLIANCE_OFFICER, token=True)
    trader = web_client(container, "tom", Role.TRADER, token=True)
    auditor = web_client(container, "audrey", Role.AUDITOR, token=True)
    order = json.loads(EXAMPLE.read_text())
    assert auditor.post("/api/compliance/check", json=order).status_code == 403
    r = trader.post("/api/compliance/check", json=order)
    assert r.status_code == 200 and r.json()["decision"] == "hold"  # no list loaded in this database
    hold = r.json()["hold_id"]
    assert trader.post("/api/compliance/licences", json=LICENCE).status_code == 403
    assert alice.post("/api/compliance/licences", json=LICENCE).status_code == 201
    lic = auditor.get("/api/compliance/licences").json()
    assert lic[0]["remaining_kg"] == 800
    bad = trader.post("/api/compliance/check", json={**order, "lines": [{"line": 1, "form": "oxide"}]})
    assert bad.status_code == 422 and any(p["field"] == "hs_code" for p in bad.json()["problems"])
    assert [h["hold_id"] for h in auditor.get("/api/compliance/holds").json()] == [hold]
    assert trader.post(f"/api/compliance/holds/{hold}/approve").status_code == 403
    assert alice.post(f"/api/compliance/holds/{hold}/approve").json()["status"] == "pending"
    assert alice.post(f"/api/compliance/holds/{hold}/approve").status_code == 422
    assert bob.post(f"/api/compliance/holds/{hold}/approve").json()["status"] == "released"
    v = auditor.get("/api/compliance/audit/verify").json()
    assert v["ok"] and v["records"] == 4  # the malformed order was not recorded
    actions = [x["action"] for x in auditor.get("/api/compliance/audit").json()]
    assert (
        actions
        == ["hold.released", "hold.approved", "licence.added", "order.checked", "order.checked"][
            : len(actions)
        ]
    )
    rules = auditor.get("/api/compliance/rules", params={"as_of": "2025-04-03"}).json()
    assert "MOFCOM_GAC_2025_18" not in {m["id"] for m in rules}


def test_page_shows_queue_and_releases_with_two_officers(container: Container) -> None:
    alice = web_client(container, "alice", Role.COMPLIANCE_OFFICER)
    bob = web_client(container, "bob", Role.COMPLIANCE_OFFICER)
    page = alice.get("/compliance")
    assert page.status_code == 200 and "Nothing waits for review" in page.text
    r = alice.post(
        "/compliance/check",
        data={"order_json": EXAMPLE.read_text(), "csrf_token": csrf(alice, "/compliance")},
    )
    assert r.status_code == 200 and 'data-testid="decision-value">hold<' in r.text
    assert "1C905.b" in r.text and "no restricted-party list is loaded" in r.text
    hold = int(re.search(r'data-testid="hold-(\d+)"', alice.get("/compliance").text).group(1))  # type: ignore[union-attr]
    r = alice.post(f"/compliance/holds/{hold}/approve", data={"csrf_token": csrf(alice, "/compliance")})
    assert "is pending" in r.text
    # the flash says what happened and what the two-person rule still needs
    assert "approved by alice; one more approval by a different compliance officer releases it" in r.text
    r = alice.post(f"/compliance/holds/{hold}/approve", data={"csrf_token": csrf(alice, "/compliance")})
    assert f"alice has already approved hold {hold}; a second, different officer must approve it" in r.text
    r = bob.post(f"/compliance/holds/{hold}/approve", data={"csrf_token": csrf(bob, "/compliance")})
    assert "is released" in r.text and "Nothing waits for review" in r.text
    assert "chain intact" in r.text


def test_a_malformed_order_in_the_form_is_shown_back(container: Container) -> None:
    alice = web_client(container, "alice", Role.COMPLIANCE_OFFICER)
    r = alice.post(
        "/compliance/check", data={"order_json": "{oops", "csrf_token": csrf(alice, "/compliance")}
    )
    assert r.status_code == 422 and "line 1" in r.text and "{oops" in r.text


def test_api_refuses_non_finite_numbers_at_the_edge_and_records_nothing(container: Container) -> None:
    trader = web_client(container, "tom", Role.TRADER, token=True)
    auditor = web_client(container, "audrey", Role.AUDITOR, token=True)
    order = json.loads(EXAMPLE.read_text())
    records = auditor.get("/api/compliance/audit/verify").json()["records"]
    for bad in ("Infinity", "NaN", "-Infinity", "1e999"):
        text = json.dumps(order).replace('"quantity_kg": 500', f'"quantity_kg": {bad}')
        assert bad in text
        r = trader.post("/api/compliance/check", content=text, headers={"Content-Type": "application/json"})
        assert r.status_code == 422, (bad, r.text)
        assert [p["field"] for p in r.json()["problems"]] == ["lines.0.quantity_kg"]
    assert auditor.get("/api/compliance/audit/verify").json()["records"] == records


def test_api_check_answers_in_its_declared_shape(container: Container) -> None:
    from reechain.api.compliance_schemas import CheckOut

    trader = web_client(container, "tom", Role.TRADER, token=True)
    order = json.loads(EXAMPLE.read_text())
    order["parties"][2]["schema"] = "Company"
    r = trader.post("/api/compliance/check", json=order)
    assert r.status_code == 200
    parsed = CheckOut.model_validate(r.json())
    assert parsed.parties[2].schema_ == "Company" and parsed.content_sha256 == r.json()["content_sha256"]
    bad = trader.post(
        "/api/compliance/check", json={**order, "parties": [{**order["parties"][0], "schema": "Robot"}]}
    )
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "parties.0.schema"


def test_both_ship_routes_take_the_one_shipping_path(container: Container) -> None:
    from reechain.services import screening

    from .sales_world import add_domestic_order, add_export_order, define_sales_world, stock_t

    define_sales_world(container)
    screening.import_list(container, screening.SAMPLE_LISTS_DIR / "csl_sample.csv", "csl-csv", "csl")
    alice = web_client(container, "alice", Role.COMPLIANCE_OFFICER, token=True)
    trader = web_client(container, "tom", Role.TRADER, token=True)
    add_export_order(container, "EX-1", 0.5)
    add_domestic_order(container, "DO-1", 1.0)
    r = trader.post("/api/sales/orders/EX-1/check")
    assert r.status_code == 200 and r.json()["decision"] == "licence_required"
    refused = trader.post("/api/compliance/orders/EX-1/ship")
    assert refused.status_code == 422 and "licence_required" in refused.json()["message"]
    lic = {**LICENCE, "quantity_kg": 600, "valid_until": "2027-12-31"}
    assert alice.post("/api/compliance/licences", json=lic).status_code == 201
    shipped = trader.post("/api/compliance/orders/EX-1/ship")
    assert shipped.status_code == 200, shipped.text
    body = shipped.json()
    assert body["decision"] == "clear" and body["drawn"] == [
        {"line": 1, "licence_no": "DU-API-1", "quantity_kg": 500.0}
    ]
    assert body["order"]["status"] == "shipped" and body["lots"][0]["quantity_t"] == 0.5
    again = trader.post("/api/sales/orders/EX-1/ship")
    assert again.status_code == 422 and "is shipped" in again.json()["message"]
    domestic = trader.post("/api/sales/orders/DO-1/ship")
    assert domestic.status_code == 200 and domestic.json()["check_id"] is None
    assert stock_t(container) == 0.5
    assert trader.get("/api/compliance/licences").json()[0]["remaining_kg"] == 100
