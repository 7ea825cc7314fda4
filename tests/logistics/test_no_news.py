"""The derived alert ``no_news``: a shipment in transit whose latest carrier event was reported more than
``REECHAIN_SHIPMENT_NO_NEWS_DAYS`` days ago (default 7). Hand-computed days, the boundary, delivered and
closed shipments; and the alert in the service queue (SQLite and PostgreSQL), the API, the command line and
the Logistics page, derived on read and never stored."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.roles import Role
from reechain.risk.logistics.dcsa import parse_events
from reechain.risk.logistics.milestones import (
    NO_NEWS_DAYS,
    LanePolicy,
    Receipt,
    ShipmentFacts,
    journey,
)
from reechain.services import logistics
from reechain.services.auth import AuthenticatedUser, create_user, issue_token
from reechain.settings import Settings

from .dcsa_events import event
from .support import api_client
from .test_shipments import shipped

FACTS = ShipmentFacts("SO-1", date(2026, 3, 1), "CN", "JP", "Nippon Magnet KK", True, 1000.0)
POLICY = LanePolicy(delay_slack_h=12, transit_days=10, receipt_days=14)
RISK = AuthenticatedUser("rita", frozenset({Role.RISK_MANAGER}))
# departed on 2 March 10:00 (reported then: an actual event is not reported before it happens, although this
# one says it was created on 1 March); then an estimate of the arrival, created 3 March 08:00
SAILING = [
    event("TRANSPORT", "DEPA", "2026-03-02T10:00:00Z", locode="CNSHA", event_id="dep"),
    event(
        "TRANSPORT",
        "ARRI",
        "2026-03-09T06:00:00Z",
        classifier="EST",
        locode="JPYOK",
        created="2026-03-03T08:00:00Z",
        event_id="eta",
    ),
]
LAST = datetime(2026, 3, 3, 8, tzinfo=UTC)  # the estimate is the latest news


def _no_news(
    events: list[dict[str, Any]], now: datetime, *, days: int = NO_NEWS_DAYS, receipt: Receipt | None = None
) -> list[Any]:
    j = journey(parse_events(events) if events else [], FACTS, receipt, POLICY, now, no_news_days=days)
    return [a for a in j.alerts if a.kind == "no_news"]


def test_days_since_the_latest_reported_event_hand_computed() -> None:
    # 13 March 20:00 is 10 days 12 hours after 3 March 08:00: 10 whole days
    (alert,) = _no_news(SAILING, datetime(2026, 3, 13, 20, tzinfo=UTC))
    assert alert.severity == "major" and alert.event_ids == ("eta",)
    assert alert.at == LAST + timedelta(days=7)  # when the silence became an alert
    assert alert.evidence == (
        "in transit with no carrier event for 10 days (threshold 7 days): the latest, "
        "eta (EST ARRI at JPYOK, 2026-03-09 06:00), was reported 2026-03-03 08:00 UTC"
    )
    # an actual event reported late counts from when it happened: arrived in Busan on 6 March 18:00
    busan = event("TRANSPORT", "ARRI", "2026-03-06T18:00:00+09:00", locode="KRPUS", event_id="busan")
    (alert,) = _no_news([*SAILING, busan], datetime(2026, 3, 16, tzinfo=UTC))
    assert alert.event_ids == ("busan",) and "for 9 days" in alert.evidence  # 6 March 09:00 UTC + 9 d 15 h
    assert "reported 2026-03-06 09:00 UTC" in alert.evidence


def test_exactly_at_the_threshold_is_not_yet_an_alert() -> None:
    assert _no_news(SAILING, LAST + timedelta(days=7)) == []
    (alert,) = _no_news(SAILING, LAST + timedelta(days=7, seconds=1))
    assert "for 7 days (threshold 7 days)" in alert.evidence
    assert _no_news(SAILING, LAST + timedelta(days=3)) == []
    (alert,) = _no_news(SAILING, LAST + timedelta(days=3, seconds=1), days=3)
    assert "for 3 days (threshold 3 days)" in alert.evidence


def test_a_shipment_without_any_event_counts_from_the_day_it_shipped() -> None:
    assert _no_news([], datetime(2026, 3, 8, tzinfo=UTC)) == []  # 1 March 00:00 UTC + exactly 7 days
    (alert,) = _no_news([], datetime(2026, 3, 12, 6, tzinfo=UTC))
    assert alert.event_ids == () and alert.at == datetime(2026, 3, 8, tzinfo=UTC)
    assert alert.evidence.endswith("for 11 days (threshold 7 days): none since it shipped on 2026-03-01")


def test_delivered_and_closed_shipments_raise_none() -> None:
    delivered = [
        *SAILING,
        event("TRANSPORT", "ARRI", "2026-03-09T05:00:00Z", locode="JPYOK"),
        event("EQUIPMENT", "DISC", "2026-03-09T09:00:00Z", locode="JPYOK"),
    ]
    late = datetime(2026, 5, 1, tzinfo=UTC)
    j = journey(parse_events(delivered), FACTS, None, POLICY, late)
    assert j.status == "delivered" and "receipt_overdue" in [a.kind for a in j.alerts]
    assert _no_news(delivered, late) == []
    receipt = Receipt(datetime(2026, 3, 10, tzinfo=UTC), 1000.0, "Nippon Magnet KK", "rita")
    assert _no_news(SAILING, late, receipt=receipt) == []  # closed by the end user's receipt


def test_the_setting_and_its_default() -> None:
    assert Settings().shipment_no_news_days == NO_NEWS_DAYS == 7
    for bad in (0, -1):
        with pytest.raises(ValidationError):
            Settings(shipment_no_news_days=bad)


def test_the_queue_derives_no_news_on_read_with_the_setting(container: Container) -> None:
    shipped(container, "SO-N")
    shipped(container, "SO-D")
    logistics.import_shipment_events(
        container,
        [
            event("TRANSPORT", "DEPA", "2026-03-02T10:00:00Z", ref="SO-N", locode="CNSHA", event_id="n1"),
            event("TRANSPORT", "DEPA", "2026-03-02T10:00:00Z", ref="SO-D", locode="CNSHA"),
            event("TRANSPORT", "ARRI", "2026-03-04T10:00:00Z", ref="SO-D", locode="JPYOK"),
            event("EQUIPMENT", "DROP", "2026-03-05T10:00:00Z", ref="SO-D", locode="JPYOK"),
        ],
        user=RISK,
    )
    now = datetime(2026, 3, 14, 9, tzinfo=UTC)  # 11 days 23 hours after the departure
    queue = {q.reference: q for q in logistics.shipment_queue(container, user=RISK, now=now)}
    (alert,) = [a for a in queue["SO-N"].alerts if a.kind == "no_news"]
    assert "for 11 days" in alert.evidence and alert.event_ids == ("n1",)
    assert queue["SO-D"].status == "delivered"
    assert "no_news" not in [a.kind for a in queue["SO-D"].alerts]
    j = logistics.shipment_journey(container, "SO-N", user=RISK, now=now)
    assert [a.evidence for a in j.alerts if a.kind == "no_news"] == [alert.evidence]

    patient = dataclasses.replace(
        container, settings=container.settings.model_copy(update={"shipment_no_news_days": 12})
    )
    queue = {q.reference: q for q in logistics.shipment_queue(patient, user=RISK, now=now)}
    assert "no_news" not in [a.kind for a in queue["SO-N"].alerts]
    later = {
        q.reference: q for q in logistics.shipment_queue(patient, user=RISK, now=now + timedelta(days=1))
    }
    assert [a.kind for a in later["SO-N"].alerts] == ["no_news"]  # derived on each read, from the clock


def _recent(ref: str, days_ago: float) -> dict[str, Any]:
    at = (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return event("TRANSPORT", "DEPA", at, ref=ref, locode="CNSHA", created=at, event_id=f"{ref}-dep")


def test_api_cli_and_page_show_no_news(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sqlite_file_container
    shipped(c, "SO-SILENT", decision="clear")
    shipped(c, "SO-FRESH", decision="clear")
    logistics.import_shipment_events(c, [_recent("SO-SILENT", 10.5), _recent("SO-FRESH", 2)], user=RISK)
    api = api_client(c, "rita2", Role.RISK_MANAGER)
    listed = {q["reference"]: q for q in api.get("/api/logistics/shipments").json()}
    (alert,) = [a for a in listed["SO-SILENT"]["alerts"] if a["kind"] == "no_news"]
    assert alert["severity"] == "major" and alert["event_ids"] == ["SO-SILENT-dep"]
    assert "no carrier event for 10 days (threshold 7 days)" in alert["evidence"]
    assert [a["kind"] for a in listed["SO-FRESH"]["alerts"]] == []
    one = api.get("/api/logistics/shipments/SO-SILENT").json()
    assert "no_news" in [a["kind"] for a in one["alerts"]]

    page = api.get("/logistics").text
    assert "no_news" in page and "no carrier event for 10 days" in page  # the badge and its evidence
    assert "no carrier event for more than 7 days" in page  # the rule, with the setting's threshold
    assert page.index("/logistics/shipments/SO-SILENT") < page.index("/logistics/shipments/SO-FRESH")

    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    create_user(c, "rita", [Role.RISK_MANAGER], "a-long-cli-pass-1")
    env = {"REECHAIN_TOKEN": issue_token(c, "rita")}
    r = CliRunner().invoke(app, ["risk", "shipments", "--json", "-"], env=env)
    assert r.exit_code == 0, r.output
    cli = {q["reference"]: q for q in json.loads(r.output)}
    assert [a["evidence"] for a in cli["SO-SILENT"]["alerts"]] == [alert["evidence"]]
    r = CliRunner().invoke(app, ["risk", "shipments"], env=env)
    assert r.exit_code == 0 and "no_news" in r.output
    r = CliRunner().invoke(
        app, ["risk", "shipments", "--json", "-"], env={**env, "REECHAIN_SHIPMENT_NO_NEWS_DAYS": "11"}
    )
    assert r.exit_code == 0, r.output
    assert all(q["alerts"] == [] for q in json.loads(r.output))
