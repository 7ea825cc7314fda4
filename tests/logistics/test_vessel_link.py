"""Vessels linked to shipments: the vessel a shipment's carrier events name, the stored AIS voyage it left on,
that voyage's track and alerts (the shared example's V2 goes dark for 13.2 h offshore), and the shipments a
voyage carries; derived on read through the services, the API and the pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reechain.bootstrap import Container
from reechain.domain.errors import Forbidden
from reechain.domain.roles import Role
from reechain.risk.logistics.dcsa import parse_events
from reechain.risk.logistics.vessel_link import VoyageKey, shipment_vessel, voyage_of
from reechain.services import logistics, vessels
from reechain.services.auth import AuthenticatedUser
from reechain.store.tables.logistics import AisPositionRow

from .dcsa_events import event
from .support import api_client
from .test_shipments import shipped

RISK = AuthenticatedUser("rita", frozenset({Role.RISK_MANAGER}))
ANALYST = AuthenticatedUser("ana", frozenset({Role.ANALYST}))
AIS = Path(__file__).resolve().parents[3] / "shared" / "examples" / "ais"
IMO_V2 = "9321483"  # the IMO number the test events name


def _voyages_with_imo(tmp: Path) -> Path:
    lines = (AIS / "voyages.csv").read_text().splitlines()
    out = [lines[0] + ",imo"]
    for line in lines[1:]:
        out.append(line + ("," + IMO_V2 if line.startswith("V2,") else ","))
    path = tmp / "voyages.csv"
    path.write_text("\n".join(out) + "\n")
    return path


def _utc(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def test_the_voyage_is_the_vessels_latest_that_had_departed() -> None:
    events = parse_events(
        [
            event("TRANSPORT", "DEPA", "2026-03-02T04:00:00Z", classifier="PLN", ref="S"),
            event("TRANSPORT", "DEPA", "2026-03-10T06:00:00Z", ref="S"),
        ]
    )
    v = shipment_vessel("S", events, date(2026, 3, 1))
    assert v is not None and (v.imo, v.departure_basis) == (IMO_V2, "actual")
    assert v.departed_at == _utc("2026-03-10T06:00:00Z")  # the actual departure wins over the plan
    keys = [
        VoyageKey("A", 1, IMO_V2, _utc("2026-03-01T00:00:00Z")),
        VoyageKey("B", 1, IMO_V2, _utc("2026-03-11T00:00:00Z")),  # within a day: left early on B
        VoyageKey("C", 1, IMO_V2, _utc("2026-03-20T00:00:00Z")),
        VoyageKey("X", 2, "1234567", _utc("2026-03-10T00:00:00Z")),  # another vessel
    ]
    assert voyage_of(v, keys) == keys[1]
    assert voyage_of(v, [keys[2], keys[3]]) is None
    # a voyage that had arrived before the shipment left is not the one it is on (a later voyage not kept)
    ended = VoyageKey("OLD", 1, IMO_V2, _utc("2026-02-01T00:00:00Z"), _utc("2026-02-05T00:00:00Z"))
    assert voyage_of(v, [ended]) is None
    running = VoyageKey("NOW", 1, IMO_V2, _utc("2026-03-09T00:00:00Z"), _utc("2026-03-12T00:00:00Z"))
    assert voyage_of(v, [ended, running]) == running
    assert (
        shipment_vessel(
            "S", parse_events([event("EQUIPMENT", "LOAD", "2026-03-02T04:00:00Z")]), date(2026, 3, 1)
        )
        is None
    )


def test_a_shipment_shows_its_vessels_dark_period_and_a_voyage_its_shipments(
    container: Container, tmp_path: Path
) -> None:
    for ref in ("SO-V", "SO-EARLY", "SO-NONE"):
        shipped(container, ref)
    logistics.import_shipment_events(
        container,
        [
            event("TRANSPORT", "DEPA", "2026-03-02T06:00:00Z", ref="SO-V"),
            event("TRANSPORT", "DEPA", "2026-02-01T06:00:00Z", ref="SO-EARLY"),  # before any stored voyage
        ],
        user=RISK,
    )
    voyages_csv = _voyages_with_imo(tmp_path)
    with pytest.raises(Forbidden):
        vessels.store_tracks(container, AIS / "positions.csv", voyages_csv, user=ANALYST)
    before = vessels.shipment_vessel_view(container, "SO-V", user=RISK)
    assert before.vessel is not None and before.voyage is None and "no stored AIS voyage" in before.note

    vessels.store_tracks(container, AIS / "positions.csv", voyages_csv, user=RISK)
    vessels.store_tracks(container, AIS / "positions.csv", voyages_csv, user=RISK)  # again: nothing doubles
    n_positions = len((AIS / "positions.csv").read_text().splitlines()) - 1
    with container.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AisPositionRow)) == n_positions

    view = vessels.shipment_vessel_view(container, "SO-V", user=RISK)
    assert view.voyage is not None and view.voyage["voyage_id"] == "V2"
    assert view.voyage["mmsi"] == 413000002 and view.voyage["imo"] == IMO_V2
    (gap,) = [a for a in view.alerts if a.kind == "ais_gap"]
    assert gap.voyage_id == "V2" and gap.details["hours"] == pytest.approx(13.17, abs=0.01)
    assert {a.voyage_id for a in view.alerts} == {"V2"}  # V3's loitering is not this shipment's
    assert len(view.track) > 100 and all(t >= view.voyage["planned_departure"] for t, _, _ in view.track)
    assert vessels.shipment_vessel_view(container, "SO-EARLY", user=RISK).voyage is None
    none = vessels.shipment_vessel_view(container, "SO-NONE", user=RISK)
    assert none.vessel is None and "no carrier event names the vessel" in none.note
    carries = vessels.voyage_shipments_of_file(container, voyages_csv, None, user=RISK)
    assert carries == {"V2": ["SO-V"]}
    with pytest.raises(Forbidden):
        vessels.shipment_vessel_view(container, "SO-V", user=ANALYST)


def test_api_and_pages_show_the_link(container: Container, tmp_path: Path) -> None:
    shipped(container, "SO-V", decision="clear")  # not controlled: no receipt due, only its vessel's alerts
    shipped(container, "SO-QUIET", decision="clear")  # delivered: no alert of any kind
    logistics.import_shipment_events(
        container,
        [
            event("TRANSPORT", "DEPA", "2026-03-02T06:00:00Z", ref="SO-V"),
            event("EQUIPMENT", "DROP", "2026-03-06T06:00:00Z", ref="SO-QUIET"),
        ],
        user=RISK,
    )
    voyages_csv = _voyages_with_imo(tmp_path)
    files = {
        "positions": ("positions.csv", (AIS / "positions.csv").read_bytes(), "text/csv"),
        "voyages": ("voyages.csv", voyages_csv.read_bytes(), "text/csv"),
    }
    analyst = api_client(container, "ana", Role.ANALYST)
    assert analyst.post("/api/logistics/vessels/tracks", files=files).status_code == 403
    risk = api_client(container, "rita", Role.RISK_MANAGER)
    r = risk.post("/api/logistics/track", files=files)  # tracking alone stores nothing, but links
    assert r.status_code == 200, r.text
    assert r.json()["carries"] == {"V2": ["SO-V"]}
    assert risk.get("/api/logistics/shipments/SO-V/vessel").json()["voyage"] is None
    r = risk.post("/api/logistics/vessels/tracks", files=files)
    assert r.status_code == 201, r.text
    body = risk.get("/api/logistics/shipments/SO-V/vessel").json()
    assert body["vessel"]["imo"] == IMO_V2 and body["voyage"]["voyage_id"] == "V2"
    assert [a["kind"] for a in body["alerts"]].count("ais_gap") == 1
    listed = {q["reference"]: q for q in risk.get("/api/logistics/shipments").json()}
    assert [a["kind"] for a in listed["SO-V"]["vessel_alerts"]].count("ais_gap") == 1
    assert listed["SO-QUIET"]["vessel_alerts"] == []

    # the pages: the shipment shows its vessel's dark period; the voyage's alert links the shipment
    page = risk.get("/logistics/shipments/SO-V")
    assert page.status_code == 200
    vessel_card = page.text.split('data-testid="vessel"', 1)[1]
    assert "V2" in vessel_card and "ais_gap" in vessel_card and "no AIS position for 13.2 h" in vessel_card
    queue = risk.get("/logistics").text
    assert 'data-testid="vessel-alert"' in queue and "vessel ais_gap" in queue
    assert queue.index("/logistics/shipments/SO-V") < queue.index("/logistics/shipments/SO-QUIET")
    form = risk.get("/logistics/track")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    data = {"csrf_token": token.group(1)} if token else {}
    page = risk.post("/logistics/track", files=files, data=data)
    assert page.status_code == 200, page.text[:500]
    table = page.text.split('data-testid="track-alerts"', 1)[1]
    gap_row = next(row for row in table.split("<tr>") if "ais_gap" in row)
    assert 'href="/logistics/shipments/SO-V"' in gap_row


def test_cli_keeps_tracks_as_the_token_user(
    sqlite_file_container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from reechain.cli import app
    from reechain.services.auth import create_user, issue_token

    c = sqlite_file_container
    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    monkeypatch.delenv("REECHAIN_TOKEN", raising=False)
    shipped(c, "SO-V")
    logistics.import_shipment_events(
        c, [event("TRANSPORT", "DEPA", "2026-03-02T06:00:00Z", ref="SO-V")], user=RISK
    )
    create_user(c, "rita", [Role.RISK_MANAGER], "a-long-cli-pass-1")
    args = [
        "risk",
        "track",
        str(AIS / "positions.csv"),
        "--voyages",
        str(_voyages_with_imo(tmp_path)),
        "--keep",
    ]
    r = CliRunner().invoke(app, args)
    assert r.exit_code != 0 and "REECHAIN_TOKEN" in r.output  # keeping acts as someone
    assert vessels.shipment_vessel_view(c, "SO-V", user=RISK).voyage is None
    r = CliRunner().invoke(app, args, env={"REECHAIN_TOKEN": issue_token(c, "rita")})
    assert r.exit_code == 0, r.output
    view = vessels.shipment_vessel_view(c, "SO-V", user=RISK)
    assert view.voyage is not None and view.voyage["voyage_id"] == "V2"
    # the risk manager's queue and one shipment on the command line show the vessel's alerts too
    token = {"REECHAIN_TOKEN": issue_token(c, "rita")}
    r = CliRunner().invoke(app, ["risk", "shipments", "--json", "-"], env=token)
    assert r.exit_code == 0, r.output
    listed = {q["reference"]: q for q in json.loads(r.output)}
    assert [a["kind"] for a in listed["SO-V"]["vessel_alerts"]].count("ais_gap") == 1
    r = CliRunner().invoke(app, ["risk", "shipments"], env=token)
    assert r.exit_code == 0 and "ais_gap" in r.output  # only the vessel alerts column names it
    r = CliRunner().invoke(app, ["risk", "shipments", "SO-V", "--json", "-"], env=token)
    assert r.exit_code == 0, r.output
    one = json.loads(r.output)
    assert one["vessel"]["voyage"]["voyage_id"] == "V2"
    assert [a["kind"] for a in one["vessel"]["alerts"]].count("ais_gap") == 1
    r = CliRunner().invoke(app, ["risk", "shipments", "SO-V"], env=token)
    assert r.exit_code == 0 and "voyage V2" in r.output and "ais_gap" in r.output
