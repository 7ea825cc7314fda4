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
    r = alice.post(f"/compliance/holds/{hold}/approve", data={"csrf_token": csrf(alice, "/compliance")})
    assert "already approved" in r.text
    r = bob.post(f"/compliance/holds/{hold}/approve", data={"csrf_token": csrf(bob, "/compliance")})
    assert "is released" in r.text and "Nothing waits for review" in r.text
    assert "chain intact" in r.text


def test_a_malformed_order_in_the_form_is_shown_back(container: Container) -> None:
    alice = web_client(container, "alice", Role.COMPLIANCE_OFFICER)
    r = alice.post(
        "/compliance/check", data={"order_json": "{oops", "csrf_token": csrf(alice, "/compliance")}
    )
    assert r.status_code == 422 and "line 1" in r.text and "{oops" in r.text
