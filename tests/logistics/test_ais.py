"""AIS alerts on small hand-built tracks whose answers are known by construction."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.risk.logistics.ais import (
    AisAlert,
    Ports,
    Positions,
    Voyages,
    assign_voyages,
    detect,
    sort_positions,
)
from reechain.risk.logistics.geo import EARTH_RADIUS_M, PortIndex, haversine_m

T0 = int(datetime(2026, 3, 2, tzinfo=UTC).timestamp())
H = 3600
PORTS = Ports(
    ["Shanghai Yangshan", "Busan", "Ningbo"],
    np.array([30.626, 35.080, 29.868]),
    np.array([122.065, 129.040, 121.880]),
)
OPEN_SEA = (32.5, 125.0)  # about 150 nm from each of the three ports
NM_DEG = 1 / 60  # one nautical mile of latitude, in degrees


def voyages(*rows: tuple[str, int, int, int, int, int]) -> Voyages:
    rows_sorted = sorted(rows, key=lambda r: (r[1], r[4]))
    return Voyages(
        [r[0] for r in rows_sorted],
        np.array([r[1] for r in rows_sorted], dtype=np.int64),
        np.array([r[2] for r in rows_sorted], dtype=np.intp),
        np.array([r[3] for r in rows_sorted], dtype=np.intp),
        np.array([r[4] for r in rows_sorted], dtype=np.int64),
        np.array([r[5] for r in rows_sorted], dtype=np.int64),
    )


def reports(mmsi: int, t_s: list[int], lat: list[float], lon: list[float], sog: list[float]) -> Positions:
    n = len(t_s)
    return Positions(
        np.full(n, mmsi, dtype=np.int64),
        np.array(t_s, dtype=np.int64),
        np.array(lat, dtype=np.float64),
        np.array(lon, dtype=np.float64),
        np.array(sog, dtype=np.float64),
    )


def join(*ps: Positions) -> Positions:
    return Positions(
        *(np.concatenate([getattr(p, f) for p in ps]) for f in ("mmsi", "t_s", "lat", "lon", "sog_kn"))
    )


def still(
    mmsi: int, start_s: int, hours: float, where: tuple[float, float], sog: float, step_s: int = 600
) -> Positions:
    t = list(range(start_s, start_s + int(hours * H) + 1, step_s))
    return reports(mmsi, t, [where[0]] * len(t), [where[1]] * len(t), [sog] * len(t))


V1 = ("V1", 1, 0, 1, T0, T0 + 48 * H)  # Shanghai Yangshan -> Busan
V2 = ("V2", 2, 0, 1, T0, T0 + 48 * H)


def kinds(alerts: list[AisAlert], kind: str, voyage: str = "V1") -> list[str]:
    """The alerts of one kind for one voyage (the hand-built tracks also hold silences before arrival)."""
    return [a.kind for a in alerts if a.voyage_id == voyage and a.kind == kind]


def arrive(mmsi: int, at_s: int) -> Positions:
    return still(mmsi, at_s, 1, (35.080, 129.040), 0.1)


def test_haversine_one_degree_of_meridian() -> None:
    d = haversine_m(np.array([0.0]), np.array([10.0]), np.array([1.0]), np.array([10.0]))
    assert d[0] == pytest.approx(EARTH_RADIUS_M * math.pi / 180, rel=1e-12)


def test_port_index_gives_great_circle_distance_to_nearest_port() -> None:
    idx = PortIndex(PORTS.lat, PORTS.lon)
    dist, port = idx.nearest(np.array([30.626 + 0.5]), np.array([122.065]))
    assert port[0] == 0
    assert dist[0] == pytest.approx(EARTH_RADIUS_M * math.radians(0.5), rel=1e-9)


@pytest.mark.parametrize(("gap_h", "expected"), [(12.0, ["ais_gap"]), (11.9, [])])
def test_gap_of_twelve_hours_offshore(gap_h: float, expected: list[str]) -> None:
    before = still(1, T0 + 10 * H, 1, OPEN_SEA, 12.0)
    after = still(1, T0 + 11 * H + int(gap_h * H), 1, (OPEN_SEA[0] + 1, OPEN_SEA[1] + 1), 12.0)
    alerts = detect(join(before, after, arrive(1, T0 + 13 * H + int(gap_h * H))), voyages(V1), PORTS)
    assert kinds(alerts, "ais_gap") == expected


def test_gap_beginning_near_a_port_is_silent() -> None:
    near_port = (29.868 + 40 * NM_DEG, 121.880)  # 40 nm north of Ningbo
    before = still(1, T0 + 10 * H, 1, near_port, 12.0)
    after = still(1, T0 + 25 * H, 1, OPEN_SEA, 12.0)
    assert kinds(detect(join(before, after, arrive(1, T0 + 26 * H)), voyages(V1), PORTS), "ais_gap") == []


@pytest.mark.parametrize(
    ("hours", "sog", "where", "expected"),
    [
        (4.0, 1.5, OPEN_SEA, ["loitering"]),
        (3.8, 1.5, OPEN_SEA, []),
        (5.0, 2.5, OPEN_SEA, []),
        (5.0, 1.5, (29.868 + 15 * NM_DEG, 121.880), []),  # 15 nm off Ningbo: a roadstead, not open sea
    ],
)
def test_loitering(hours: float, sog: float, where: tuple[float, float], expected: list[str]) -> None:
    track = join(still(1, T0 + 10 * H, hours, where, sog), arrive(1, T0 + 40 * H))
    assert kinds(detect(track, voyages(V1), PORTS), "loitering") == expected


def test_slow_reports_split_by_a_long_silence_are_two_short_runs() -> None:
    track = join(
        still(1, T0 + 10 * H, 3, OPEN_SEA, 1.0),
        still(1, T0 + 16 * H, 3, OPEN_SEA, 1.0),
        arrive(1, T0 + 40 * H),
    )
    assert kinds(detect(track, voyages(V1), PORTS), "loitering") == []


@pytest.mark.parametrize(
    ("apart_m", "hours", "sog_b", "expected"),
    [(300.0, 2.2, 1.0, ["encounter"]), (700.0, 3.0, 1.0, []), (300.0, 1.8, 1.0, []), (300.0, 3.0, 4.0, [])],
)
def test_encounter(apart_m: float, hours: float, sog_b: float, expected: list[str]) -> None:
    b_where = (OPEN_SEA[0] + math.degrees(apart_m / EARTH_RADIUS_M), OPEN_SEA[1])
    a = still(1, T0 + 10 * H, hours, OPEN_SEA, 1.0, step_s=300)
    b = still(2, T0 + 10 * H + 60, hours, b_where, sog_b, step_s=300)
    alerts = detect(join(a, b, arrive(1, T0 + 40 * H), arrive(2, T0 + 40 * H)), voyages(V1, V2), PORTS)
    assert kinds(alerts, "encounter", "V1") == expected
    assert kinds(alerts, "encounter", "V2") == expected
    if expected:
        (enc,) = [x for x in alerts if x.kind == "encounter" and x.voyage_id == "V1"]
        assert enc.details["other_mmsi"] == "2"
        assert float(enc.details["max_distance_m"]) == pytest.approx(apart_m, rel=1e-3)


@pytest.mark.parametrize(
    ("where", "hours", "expected"),
    [
        ((29.868, 121.880), 7.0, ["unplanned_port_call"]),  # Ningbo: on neither end of the voyage
        ((29.868, 121.880), 5.0, []),
        ((35.080 + 0.05, 129.040), 8.0, []),  # waiting 5.6 km off Busan, the destination
    ],
)
def test_unplanned_port_call(where: tuple[float, float], hours: float, expected: list[str]) -> None:
    track = join(still(1, T0 + 5 * H, hours, where, 0.3), arrive(1, T0 + 40 * H))
    assert kinds(detect(track, voyages(V1), PORTS), "unplanned_port_call") == expected


@pytest.mark.parametrize(("arrival_h", "expected"), [(48 + 25, ["late_arrival"]), (48 + 23, [])])
def test_late_arrival(arrival_h: int, expected: list[str]) -> None:
    track = join(still(1, T0 + 2 * H, 1, OPEN_SEA, 12.0), arrive(1, T0 + arrival_h * H))
    assert kinds(detect(track, voyages(V1), PORTS), "late_arrival") == expected


def test_no_arrival_is_late_only_once_the_data_runs_past_the_deadline() -> None:
    sailing = still(1, T0 + 2 * H, 1, OPEN_SEA, 12.0)
    other_vessel_until = still(2, T0 + 80 * H, 1, OPEN_SEA, 12.0)
    assert kinds(detect(sailing, voyages(V1), PORTS), "late_arrival") == []
    late = [a for a in detect(join(sailing, other_vessel_until), voyages(V1), PORTS) if a.voyage_id == "V1"]
    assert [a.kind for a in late] == ["late_arrival"]
    assert late[0].details == {"arrived": "no"}


def test_positions_belong_to_the_voyage_whose_window_holds_them() -> None:
    v = voyages(
        ("A", 7, 0, 1, T0, T0 + 10 * H), ("B", 7, 1, 0, T0 + 20 * H, T0 + 30 * H), ("C", 8, 0, 1, T0, T0 + H)
    )
    p = sort_positions(
        join(
            reports(7, [T0 - 1, T0, T0 + 19 * H, T0 + 20 * H, T0 + 99 * H], [0] * 5, [0] * 5, [1] * 5),
            reports(9, [T0], [0], [0], [1]),
        )
    )
    assert [v.ids[i] if i >= 0 else None for i in assign_voyages(p, v)] == [None, "A", "A", "B", "B", None]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_alerts_do_not_depend_on_row_order(rnd: object) -> None:
    a = join(still(1, T0 + 10 * H, 4.5, OPEN_SEA, 1.0, step_s=300), still(1, T0 + 30 * H, 1, OPEN_SEA, 12))
    b = still(2, T0 + 10 * H, 4.5, (OPEN_SEA[0] + 0.002, OPEN_SEA[1]), 1.0, step_s=300)
    track = join(a, b, arrive(1, T0 + 90 * H))
    expected = [x.as_json() for x in detect(track, voyages(V1, V2), PORTS)]
    order = np.arange(len(track))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = Positions(*(getattr(track, f)[order] for f in ("mmsi", "t_s", "lat", "lon", "sog_kn")))
    assert [x.as_json() for x in detect(shuffled, voyages(V1, V2), PORTS)] == expected
    assert sorted({x["kind"] for x in expected}) == ["ais_gap", "encounter", "late_arrival", "loitering"]


def test_encounter_with_a_vessel_on_no_voyage_of_ours() -> None:
    a = still(1, T0 + 10 * H, 2.5, OPEN_SEA, 0.8, step_s=300)
    dark = still(99, T0 + 10 * H + 60, 2.5, (OPEN_SEA[0] + 0.0018, OPEN_SEA[1]), 0.4, step_s=300)
    alerts = detect(join(a, dark, arrive(1, T0 + 13 * H)), voyages(V1), PORTS)
    assert [(x.kind, x.details["other_mmsi"]) for x in alerts if x.kind == "encounter"] == [
        ("encounter", "99")
    ]
