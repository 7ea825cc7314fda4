"""A simulated fleet with labelled anomalies, for the AIS alert benchmark.

Independent of the detectors: its own great-circle interpolation (spherical linear interpolation of unit
vectors), its own port distances (plain ``math``), and labels that say what was injected where. Vessels sail
consecutive voyages on six lanes (Malacca + Suez, the Cape, the Gulf, the North Pacific, the South China Sea,
Suez to Hamburg), out and back, reporting every 5 minutes.

Injected per voyage (at most one, by a seeded draw): positives the detectors must find and near-misses that
must stay silent —

| kind | positive | near-miss (silent) |
|---|---|---|
| ais_gap | 12.5-30 h dark, 80 nm or more off shore | 11.7 h dark off shore; 14 h dark from 15 nm off port |
| loitering | 4.3-10 h at 0.3-1.5 kn, 40 nm or more off shore | 3.5 h at 1 kn; 6 h at 2.5 kn |
| encounter | 2.3-3.5 h stopped 200 m from a dark vessel | 1.7 h at 200 m; 3 h at 650 m |
| unplanned_port_call | 6.5-16 h at 0.2 kn in a third port on the lane | 5 h in a third port |
| late_arrival | arrival 25.5-64 h after the plan | arrival 20-23 h after the plan |
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

R_M = 6_371_008.8
NM = 1852.0
STEP_S = 300
H = 3600

PORTS = {
    "Shanghai Yangshan": (30.626, 122.065),
    "Rotterdam": (51.95, 4.14),
    "Qingdao": (36.067, 120.317),
    "Ningbo": (29.868, 121.88),
    "Jebel Ali": (25.01, 55.06),
    "Busan": (35.08, 129.04),
    "Long Beach": (33.75, -118.21),
    "Kuantan": (3.98, 103.43),
    "Yokohama": (35.45, 139.66),
    "Tianjin": (38.976, 117.74),
    "Hamburg": (53.54, 9.97),
    "Colombo": (6.95, 79.84),
    "Singapore": (1.264, 103.84),
    "Djibouti": (11.6, 43.13),
    "Durban": (-29.87, 31.03),
    "Cape Town": (-33.91, 18.44),
    "Hong Kong": (22.33, 114.13),
    "Manila": (14.59, 120.96),
    "Salalah": (16.94, 54.0),
    "Piraeus": (37.94, 23.62),
}

# lane: (departure, [waypoints], destination, third ports where an unplanned call can be injected)
LANES = [
    (
        "Shanghai Yangshan",
        [
            (22.0, 115.5),
            (10.0, 109.5),
            (1.15, 104.4),
            (5.9, 95.0),
            (6.0, 82.0),
            (12.2, 45.0),
            (13.0, 43.3),
            (27.5, 34.0),
            (29.8, 32.58),
            (31.35, 32.33),
            (35.5, 15.0),
            (36.0, -5.7),
            (43.5, -9.9),
            (48.5, -5.6),
            (51.1, 1.6),
        ],
        "Rotterdam",
        ["Colombo", "Djibouti", "Piraeus"],
    ),
    (
        "Qingdao",
        [
            (30.0, 124.0),
            (20.0, 118.0),
            (10.0, 109.5),
            (1.15, 104.4),
            (-6.0, 95.0),
            (-25.0, 45.0),
            (-35.5, 20.0),
            (-25.0, 5.0),
            (0.0, -15.0),
            (20.0, -21.0),
            (36.0, -12.0),
            (43.5, -9.9),
            (48.5, -5.6),
            (51.1, 1.6),
        ],
        "Rotterdam",
        ["Durban", "Cape Town"],
    ),
    (
        "Ningbo",
        [(22.0, 115.5), (10.0, 109.5), (1.15, 104.4), (5.9, 95.0), (8.0, 76.0), (22.0, 62.0), (26.3, 56.6)],
        "Jebel Ali",
        ["Colombo", "Salalah"],
    ),
    (
        "Busan",
        [(38.0, 142.0), (45.0, 160.0), (48.0, -175.0), (45.0, -150.0), (37.0, -128.0)],
        "Long Beach",
        [],
    ),
    (
        "Kuantan",
        [(8.0, 108.0), (15.0, 113.0), (21.0, 119.6), (30.0, 135.0)],
        "Yokohama",
        ["Hong Kong", "Manila"],
    ),
    (
        "Tianjin",
        [
            (38.0, 122.0),
            (33.0, 124.5),
            (22.0, 115.5),
            (10.0, 109.5),
            (1.15, 104.4),
            (5.9, 95.0),
            (6.0, 82.0),
            (12.2, 45.0),
            (13.0, 43.3),
            (27.5, 34.0),
            (29.8, 32.58),
            (31.35, 32.33),
            (35.5, 15.0),
            (36.0, -5.7),
            (43.5, -9.9),
            (48.5, -5.6),
            (51.1, 1.6),
            (54.0, 8.0),
        ],
        "Hamburg",
        ["Colombo", "Piraeus"],
    ),
]


def gc_nm(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * R_M * math.asin(math.sqrt(h)) / NM


def _all_ports() -> list[tuple[float, float]]:
    """Every port of the packaged table (the detectors' default), read with the csv module: "offshore" in the
    labels must mean offshore from the ports the detectors know."""
    import csv
    from importlib import resources

    text = resources.files("reechain.data.logistics").joinpath("ports.csv").read_text(encoding="utf-8")
    return [(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(text.splitlines())]


ALL_PORTS = _all_ports()


def nearest_port_nm(p: tuple[float, float]) -> float:
    return min(gc_nm(p, q) for q in ALL_PORTS)


def _unit(lat: float, lon: float) -> np.ndarray:
    la, lo = math.radians(lat), math.radians(lon)
    return np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)])


class Route:
    def __init__(self, points: list[tuple[float, float]]) -> None:
        self.u = np.array([_unit(*p) for p in points])
        ang = np.arccos(np.clip((self.u[:-1] * self.u[1:]).sum(axis=1), -1, 1))
        self.seg_m = ang * R_M
        self.cum_m = np.concatenate(([0.0], np.cumsum(self.seg_m)))
        self.total_m = float(self.cum_m[-1])

    def at(self, d_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d = np.clip(d_m, 0, self.total_m)
        i = np.clip(np.searchsorted(self.cum_m, d, side="right") - 1, 0, len(self.seg_m) - 1)
        ang = self.seg_m[i] / R_M
        f = (d - self.cum_m[i]) / np.where(self.seg_m[i] > 0, self.seg_m[i], 1)
        a, b = self.u[i], self.u[i + 1]
        s = np.sin(ang)[:, None]
        w1 = np.where(
            s > 1e-12, np.sin((1 - f)[:, None] * ang[:, None]) / np.where(s > 1e-12, s, 1), (1 - f)[:, None]
        )
        w2 = np.where(s > 1e-12, np.sin(f[:, None] * ang[:, None]) / np.where(s > 1e-12, s, 1), f[:, None])
        v = w1 * a + w2 * b
        v /= np.linalg.norm(v, axis=1)[:, None]
        return np.degrees(np.arcsin(v[:, 2])), np.degrees(np.arctan2(v[:, 1], v[:, 0]))

    def point(self, d_m: float) -> tuple[float, float]:
        la, lo = self.at(np.array([d_m]))
        return float(la[0]), float(lo[0])


@dataclass
class Label:
    voyage_id: str
    kind: str
    start_s: int
    end_s: int
    positive: bool


@dataclass
class Fleet:
    mmsi: list[np.ndarray] = field(default_factory=list)
    t_s: list[np.ndarray] = field(default_factory=list)
    lat: list[np.ndarray] = field(default_factory=list)
    lon: list[np.ndarray] = field(default_factory=list)
    sog: list[np.ndarray] = field(default_factory=list)
    voyages: list[tuple[str, int, str, str, int, int]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    def add(self, mmsi: int, t: np.ndarray, lat: np.ndarray, lon: np.ndarray, sog: np.ndarray) -> None:
        self.mmsi.append(np.full(len(t), mmsi, dtype=np.int64))
        self.t_s.append(t.astype(np.int64))
        self.lat.append(lat)
        self.lon.append(lon)
        self.sog.append(sog)

    def columns(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate(getattr(self, k)) for k in ("mmsi", "t_s", "lat", "lon", "sog")}

    @property
    def positions(self) -> int:
        return sum(len(t) for t in self.t_s)


KINDS = ["ais_gap", "loitering", "encounter", "unplanned_port_call", "late_arrival"]


def _offshore_distance(route: Route, rng: np.random.Generator, min_nm: float) -> float:
    for _ in range(200):
        d = float(rng.uniform(0.15, 0.8)) * route.total_m
        if nearest_port_nm(route.point(d)) >= min_nm:
            return d
    raise RuntimeError("no offshore point on the lane")


def _voyage(
    fleet: Fleet,
    vid: str,
    mmsi: int,
    lane: tuple,
    reverse: bool,
    t_start: int,
    rng: np.random.Generator,
    anomaly: tuple[str, bool] | None,
    dark_mmsi: int,
) -> int:
    dep, wps, dest, thirds = lane
    pts = [PORTS[dep], *wps, PORTS[dest]]
    if reverse:
        dep, dest, pts = dest, dep, pts[::-1]
    speed_kn = float(rng.uniform(12.5, 16.0))
    call_port = None
    if anomaly and anomaly[0] == "unplanned_port_call":
        call_port = thirds[int(rng.integers(len(thirds)))]
        q = PORTS[call_port]
        k = min(range(1, len(pts) - 1), key=lambda i: gc_nm(pts[i], q))
        pts = [*pts[: k + 1], q, *pts[k + 1 :]]
    route = Route(pts)
    v = speed_kn * NM / H
    planned_dep = t_start + 4 * H
    planned_arr = planned_dep + int(route.total_m / v) + 6 * H
    # phases: (t_end_s, d_end_m, reported_sog, dark)
    bp_t, bp_d = [t_start, planned_dep], [0.0, 0.0]
    sog_by_phase: list[tuple[int, float, bool]] = [(planned_dep, 0.1, False)]
    t, d = planned_dep, 0.0

    def sail_to(d_end: float, speed_m_s: float, dark: bool = False) -> None:
        nonlocal t, d
        t = t + int((d_end - d) / speed_m_s)
        d = d_end
        bp_t.append(t)
        bp_d.append(d)
        sog_by_phase.append((t, speed_m_s * H / NM, dark))

    def stay(seconds: int, sog_kn: float, drift_kn: float = 0.0) -> None:
        nonlocal t, d
        t = t + seconds
        d = d + drift_kn * NM / H * seconds
        bp_t.append(t)
        bp_d.append(d)
        sog_by_phase.append((t, sog_kn, False))

    kind, positive = anomaly if anomaly else (None, False)
    label: tuple[int, int] | None = None
    extra: tuple[float, float, int, int, float] | None = None
    if kind == "late_arrival":
        late_h = float(rng.uniform(31.5, 70) if positive else rng.uniform(26, 29))
        v = route.total_m / (planned_arr - 6 * H + late_h * H - planned_dep)
        sail_to(route.total_m, v)
        label = (planned_arr, t)
    elif kind == "ais_gap":
        dark_h = float(rng.uniform(12.5, 30)) if positive else (11.7 if rng.random() < 0.5 else 14.0)
        near_port = not positive and dark_h == 14.0
        d0 = 15 * NM if near_port else _offshore_distance(route, rng, 80)
        sail_to(d0, v)
        start = t
        sail_to(min(d0 + v * dark_h * H, route.total_m * 0.95), v, dark=True)
        label = (start, t)
    elif kind in ("loitering", "encounter"):
        if kind == "loitering":
            hours, sog = (
                (float(rng.uniform(4.3, 10)), float(rng.uniform(0.3, 1.5)))
                if positive
                else ((3.5, 1.0) if rng.random() < 0.5 else (6.0, 2.5))
            )
        else:
            hours, sog = (
                (float(rng.uniform(2.3, 3.5)), 0.8)
                if positive
                else ((1.7, 0.8) if rng.random() < 0.5 else (3.0, 0.8))
            )
        d0 = _offshore_distance(route, rng, 40)
        sail_to(d0, v)
        start = t
        stay(int(hours * H), sog, drift_kn=sog if kind == "loitering" else 0.0)
        label = (start, t)
        if kind == "encounter":
            apart_m = 200.0 if (positive or hours < 2) else 650.0
            extra = (*route.point(d0), start, t, apart_m)
    elif kind == "unplanned_port_call":
        hours = float(rng.uniform(6.5, 16)) if positive else 5.0
        assert call_port is not None
        d_call = float(route.cum_m[next(i for i, p in enumerate(pts) if p == PORTS[call_port])])
        sail_to(d_call, v)
        start = t
        stay(int(hours * H), 0.2)
        label = (start, t)
    sail_to(route.total_m, v)
    stay(6 * H, 0.1)
    times = np.arange(t_start, t, STEP_S, dtype=np.int64) + int(rng.integers(0, 60))
    dist = np.interp(times, bp_t, bp_d)
    ends = np.array([e for e, _, _ in sog_by_phase])
    phase = np.clip(np.searchsorted(ends, times, side="right"), 0, len(ends) - 1)
    sog = np.array([s for _, s, _ in sog_by_phase])[phase] + rng.normal(0, 0.05, len(times))
    sog = np.clip(np.round(sog, 1), 0.0, None)
    dark = np.array([k for _, _, k in sog_by_phase])[phase]
    lat, lon = route.at(dist)
    jitter = 0.0003
    lat = lat + rng.uniform(-jitter, jitter, len(times))
    lon = (lon + rng.uniform(-jitter, jitter, len(times)) + 180.0) % 360.0 - 180.0
    keep = ~dark
    fleet.add(mmsi, times[keep], lat[keep], lon[keep], sog[keep])
    fleet.voyages.append((vid, mmsi, dep, dest, planned_dep, planned_arr))
    if kind and label:
        fleet.labels.append(Label(vid, kind, label[0], label[1], positive))
    if extra:
        la, lo, t0, t1, apart_m = extra
        dt = np.arange(t0 + 60, t1 - 60, STEP_S, dtype=np.int64)
        dlat = math.degrees(apart_m / R_M)
        fleet.add(dark_mmsi, dt, np.full(len(dt), la + dlat), np.full(len(dt), lo), np.full(len(dt), 0.4))
    return t


def make_fleet(vessels: int, days: float, seed: int, anomaly_share: float = 0.45) -> Fleet:
    """Vessels sailing out-and-back voyages for ``days`` days from 2026-01-01."""
    rng = np.random.default_rng(seed)
    fleet = Fleet()
    t0 = 1_767_225_600  # 2026-01-01T00:00:00Z
    horizon = t0 + int(days * 86400)
    n = 0
    for k in range(vessels):
        mmsi = 413_100_000 + k
        lane = LANES[k % len(LANES)]
        t = t0 + int(rng.integers(0, 2 * 86400))
        reverse = False
        while t < horizon:
            anomaly = None
            if rng.random() < anomaly_share:
                kind = KINDS[int(rng.integers(len(KINDS)))]
                if kind == "unplanned_port_call" and not lane[3]:
                    kind = "late_arrival"
                anomaly = (kind, bool(rng.random() < 0.6))
            t = _voyage(fleet, f"V{k:03d}-{n:04d}", mmsi, lane, reverse, t, rng, anomaly, 900_000_000 + n)
            reverse = not reverse
            n += 1
    return fleet
