"""`reechain risk track`: the public example answers as published; bad files refused by line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.risk.logistics.ais_files import read_ports, read_positions, read_voyages

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "ais"


def test_public_example_gives_the_published_alerts(tmp_path: Path) -> None:
    out = tmp_path / "alerts.json"
    result = CliRunner().invoke(
        app,
        [
            "risk",
            "track",
            str(EXAMPLE / "positions.csv"),
            "--voyages",
            str(EXAMPLE / "voyages.csv"),
            "--ports",
            str(EXAMPLE / "ports.csv"),
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    alerts = json.loads(out.read_text())["alerts"]
    assert sorted((a["voyage_id"], a["kind"]) for a in alerts) == [("V2", "ais_gap"), ("V3", "loitering")]
    gap = next(a for a in alerts if a["kind"] == "ais_gap")
    assert set(gap) >= {"voyage_id", "kind", "start", "end", "lat", "lon", "evidence"}
    assert gap["start"] < gap["end"] and gap["start"].endswith("Z")


def test_packaged_ports_table_is_the_default_and_holds_the_example_ports() -> None:
    ports = read_ports(None)
    assert {"Shanghai Yangshan", "Busan", "Singapore", "Rotterdam", "Port Said"} <= set(ports.names)
    assert len(ports.names) == len(set(ports.names)) > 50


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def test_bad_positions_are_named_by_line_and_field(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "pos.csv",
        "mmsi,timestamp,lat,lon,sog\n"
        "413000001,2026-03-02T00:00:00Z,30.6,122.0,0.1\n"
        "413000001,yesterday,30.6,122.0,0.1\n"
        "413000001,2026-03-02T00:10:00Z,91,122.0,0.1\n"
        "x,2026-03-02T00:20:00Z,30.6,122.0,inf\n",
    )
    with pytest.raises(InvalidInput) as e:
        read_positions(p)
    where = {(pr.line, pr.field) for pr in e.value.problems}
    assert where == {(3, "timestamp"), (4, "lat"), (5, "mmsi"), (5, "sog")}
    assert str(p) in e.value.message


def test_missing_column_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as e:
        read_positions(write(tmp_path, "a.csv", "mmsi,timestamp,lat,lon\n1,2026-03-02T00:00:00Z,1,1\n"))
    assert [(p.field, p.line) for p in e.value.problems] == [("sog", 1)]
    with pytest.raises(InvalidInput, match="cannot read"):
        read_positions(write(tmp_path, "b.csv", ""))


def test_voyage_with_unknown_port_or_arrival_before_departure(tmp_path: Path) -> None:
    ports = read_ports(EXAMPLE / "ports.csv")
    v = write(
        tmp_path,
        "v.csv",
        "voyage_id,mmsi,departure_port,destination_port,planned_departure,planned_arrival\n"
        "A,1,Busan,Atlantis,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z\n"
        "B,2,Busan,Ningbo,2026-03-04T00:00:00Z,2026-03-03T00:00:00Z\n",
    )
    with pytest.raises(InvalidInput) as e:
        read_voyages(v, ports)
    assert {(p.line, p.field) for p in e.value.problems} == {(2, "destination_port"), (3, "planned_arrival")}


def test_cli_reports_a_bad_file_without_a_trace(tmp_path: Path) -> None:
    bad = write(tmp_path, "pos.csv", "mmsi,timestamp,lat,lon,sog\n1,2026-03-02T00:00:00Z,100,0,1\n")
    result = CliRunner().invoke(app, ["risk", "track", str(bad), "--voyages", str(EXAMPLE / "voyages.csv")])
    assert result.exit_code == 2
    assert "line 2" in result.output and "lat" in result.output
    assert "Traceback" not in result.output
