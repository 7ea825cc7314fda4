"""Logistics through the API (typed answers, clear refusals) and in headless chromium (queue, maps)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user

from .dcsa_events import event
from .support import PASSWORD, api_client
from .test_shipments import shipped

AIS = Path(__file__).resolve().parents[3] / "shared" / "examples" / "ais"


def _located(e: dict[str, Any], lat: float, lon: float) -> dict[str, Any]:
    loc = e["payload"].get("transportCall", {}).get("location") or e["payload"].get("eventLocation")
    loc |= {"latitude": lat, "longitude": lon}
    return e


def journey_events(ref: str) -> list[dict[str, Any]]:
    return [
        event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", classifier="PLN", ref=ref, locode="CNSHA"),
        event("TRANSPORT", "ARRI", "2026-03-05T04:00:00Z", classifier="PLN", ref=ref, locode="JPYOK"),
        _located(event("TRANSPORT", "DEPA", "2026-03-02T06:00:00Z", ref=ref, locode="CNSHA"), 30.63, 122.07),
        _located(event("TRANSPORT", "ARRI", "2026-03-03T20:00:00Z", ref=ref, locode="KRPUS"), 35.08, 129.04),
        _located(event("TRANSPORT", "ARRI", "2026-03-05T06:00:00Z", ref=ref, locode="JPYOK"), 35.45, 139.66),
    ]


def test_api_track_events_journey_and_receipt(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    shipped(c, "SO-7")
    api = api_client(c, "rita", Role.RISK_MANAGER)
    files = {
        "positions": ("p.csv", (AIS / "positions.csv").read_bytes(), "text/csv"),
        "voyages": ("v.csv", (AIS / "voyages.csv").read_bytes(), "text/csv"),
        "ports": ("ports.csv", (AIS / "ports.csv").read_bytes(), "text/csv"),
    }
    r = api.post("/api/logistics/track", files=files)
    assert r.status_code == 200, r.text
    assert sorted((a["voyage_id"], a["kind"]) for a in r.json()["alerts"]) == [
        ("V2", "ais_gap"),
        ("V3", "loitering"),
    ]

    # files swapped: the refusal names the upload (field and file name), not where the server saved it
    swapped = {"positions": files["voyages"], "voyages": files["positions"]}
    r = api.post("/api/logistics/track", files=swapped)
    assert r.status_code == 422 and "reechain-ais" not in r.text
    assert r.json()["message"] == "voyages file 'p.csv': voyages refused"

    r = api.post("/api/logistics/events", json={"events": journey_events("SO-7")})
    assert r.status_code == 200 and r.json() == {"imported": 5, "unchanged": 0, "shipments": {"SO-7": 5}}
    r = api.get("/api/logistics/shipments/SO-7")
    body = r.json()
    # a controlled shipment that arrived in March has no end-user receipt yet: overdue by now; not discharged,
    # it is still in transit, and its carrier has said nothing since March
    assert [a["kind"] for a in body["alerts"]] == ["unplanned_port_call", "no_news", "receipt_overdue"]
    assert len(body["points"]) == 3 and body["status"] == "in_transit"

    bad = api.post(
        "/api/logistics/shipments/SO-7/receipt",
        content=b'{"received_at": "2026-03-08T00:00:00Z", "received_kg": Infinity, "received_by": "X"}',
        headers={"Content-Type": "application/json"},
    )
    assert bad.status_code == 422
    ok = api.post(
        "/api/logistics/shipments/SO-7/receipt",
        json={
            "received_at": "2026-03-08T00:00:00+09:00",
            "received_kg": 1000.0,
            "received_by": "Nippon Magnet KK",
        },
    )
    assert ok.status_code == 200 and ok.json()["status"] == "closed"
    assert [a["kind"] for a in api.get("/api/logistics/shipments").json()[0]["alerts"]] == [
        "unplanned_port_call"
    ]


def test_api_refuses_a_bad_event_file_and_the_analyst(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    shipped(c, "SO-8")
    api = api_client(c, "rita", Role.RISK_MANAGER)
    r = api.post("/api/logistics/events", json=[{"metadata": {"eventType": "TRANSPORT"}, "payload": {}}])
    assert r.status_code == 422
    assert "events[0].metadata.eventID" in r.text and "events[0].payload.eventClassifierCode" in r.text
    analyst = api_client(c, "ana", Role.ANALYST)
    assert analyst.get("/api/logistics/shipments").status_code == 403


@pytest.mark.browser
def test_shipment_page_and_voyage_map_in_the_browser(
    live_server: str, chromium: Any, sqlite_file_container: Container
) -> None:
    from reechain.services import logistics
    from reechain.services.auth import AuthenticatedUser

    c = sqlite_file_container
    shipped(c, "SO-9")
    create_user(c, "rita", [Role.RISK_MANAGER], PASSWORD)
    create_user(c, "tom", [Role.TRADER], PASSWORD)
    rita = AuthenticatedUser("rita", frozenset({Role.RISK_MANAGER}))
    logistics.import_shipment_events(c, journey_events("SO-9"), user=rita)
    for who in ("rita", "tom"):
        page = chromium.new_context().new_page()
        page.set_default_timeout(30_000)
        page.goto(live_server + "/login")
        page.fill("#username", who)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=current-user]")
        page.goto(live_server + "/logistics")
        assert "unplanned_port_call" in page.inner_text("[data-testid=shipments]")
        page.click("text=SO-9")
        assert "KRPUS" in page.inner_text("[data-testid=alerts]")
        assert "JPYOK" in page.inner_text("[data-testid=milestones]")
        # Plotly fetched the packaged world outline from /static/topojson and drew land and borders
        page.wait_for_function("document.querySelectorAll('div.chart[data-drawn] .geolayer path').length > 2")
    page.goto(live_server + "/logistics/track")
    page.set_input_files("input[name=positions]", str(AIS / "positions.csv"))
    page.set_input_files("input[name=voyages]", str(AIS / "voyages.csv"))
    page.click("form[action='/logistics/track'] button")
    table = page.inner_text("[data-testid=track-alerts]")
    assert "ais_gap" in table and "loitering" in table and "V1" not in table
    page.wait_for_selector("div.chart[data-drawn] .geolayer")


def test_overview_shows_grave_shipment_alerts_to_who_reads_shipments(
    sqlite_file_container: Container,
) -> None:
    from reechain.services import logistics
    from reechain.services.auth import AuthenticatedUser

    c = sqlite_file_container
    shipped(c, "SO-10")
    rita = AuthenticatedUser("rita", frozenset({Role.RISK_MANAGER}))
    logistics.import_shipment_events(c, journey_events("SO-10"), user=rita)
    risk = api_client(c, "rita2", Role.RISK_MANAGER)
    page = risk.get("/")
    assert page.status_code == 200
    assert "shipment SO-10 to JP" in page.text and "unplanned_port_call" in page.text
    analyst = api_client(c, "ana", Role.ANALYST)
    assert "shipment SO-10" not in analyst.get("/").text
