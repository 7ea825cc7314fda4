"""AIS alerts for voyages: gaps, loitering, encounters, unplanned port calls, late arrivals.

Positions are columns (NumPy arrays) sorted by vessel and time; every detector works on whole arrays and finds
events as runs of a boolean mask (the approach of Global Fishing Watch's gap and encounter pipelines). The
definitions and thresholds are those of DESIGN.md ("Risk controls") and docs/logistics.md:

- ``ais_gap``: no position for 12 h or more, the gap beginning 50 nm or more from every port;
- ``loitering``: consecutive reports under 2 kn for 4 h or more, all 20 nm or more from every port;
- ``encounter``: two vessels within 500 m for 2 h or more, both under 2 kn, 10 km or more from every port;
- ``unplanned_port_call``: under 1 kn for 6 h or more within 20 km of a port while neither the departure nor
  the destination port is within 20 km;
- ``late_arrival``: first position within 20 km of the destination more than 24 h after the planned arrival,
  or no such position although the data runs past that time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from reechain.risk.logistics.geo import (
    EARTH_RADIUS_M,
    METRES_PER_NM,
    PortIndex,
    haversine_m,
    unit_vectors,
)

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

HOUR_S = 3600
LATE_CHUNK = 1_000_000
ALERT_KINDS = ("ais_gap", "loitering", "encounter", "unplanned_port_call", "late_arrival")


@dataclass(frozen=True)
class AisThresholds:
    gap_min_s: int = 12 * HOUR_S
    gap_offshore_m: float = 50 * METRES_PER_NM
    loiter_max_sog_kn: float = 2.0
    loiter_min_s: int = 4 * HOUR_S
    loiter_offshore_m: float = 20 * METRES_PER_NM
    encounter_max_distance_m: float = 500.0
    encounter_max_sog_kn: float = 2.0
    encounter_min_s: int = 2 * HOUR_S
    encounter_offshore_m: float = 10_000.0
    encounter_bucket_s: int = 600
    port_call_max_sog_kn: float = 1.0
    port_call_min_s: int = 6 * HOUR_S
    port_radius_m: float = 20_000.0
    late_after_s: int = 24 * HOUR_S
    # A run of slow reports is broken by a silence longer than this (the vessel may have moved meanwhile).
    max_report_interval_s: int = 2 * HOUR_S


@dataclass(frozen=True)
class Ports:
    names: list[str]
    lat: F64
    lon: F64

    def index_of(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.names)}


@dataclass(frozen=True)
class Voyages:
    """Voyages sorted by (mmsi, planned departure); ports as indexes into ``Ports``."""

    ids: list[str]
    mmsi: I64
    departure_port: npt.NDArray[np.intp]
    destination_port: npt.NDArray[np.intp]
    planned_departure_s: I64
    planned_arrival_s: I64
    imo: list[str | None] = field(default_factory=list)
    """The vessel's IMO number per voyage when the file gives one (optional ``imo`` column), else None."""


@dataclass(frozen=True)
class Positions:
    """AIS reports sorted by (mmsi, time); time in s since 1970-01-01 UTC, speed over ground in knots."""

    mmsi: I64
    t_s: I64
    lat: F64
    lon: F64
    sog_kn: F64

    def __len__(self) -> int:
        return len(self.t_s)


@dataclass
class AisAlert:
    voyage_id: str
    kind: str
    start_s: int
    end_s: int
    lat: float
    lon: float
    evidence: str
    details: dict[str, float | str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "voyage_id": self.voyage_id,
            "kind": self.kind,
            "start": iso(self.start_s),
            "end": iso(self.end_s),
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "evidence": self.evidence,
            "details": self.details,
        }


def iso(t_s: int) -> str:
    return datetime.fromtimestamp(int(t_s), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sort_positions(p: Positions) -> Positions:
    """By vessel and time; positions already in that order are returned as they are (no copy)."""
    if len(p) < 2 or bool(np.all((np.diff(p.mmsi) > 0) | ((np.diff(p.mmsi) == 0) & (np.diff(p.t_s) >= 0)))):
        return p
    order = np.lexsort((p.t_s, p.mmsi))
    return Positions(p.mmsi[order], p.t_s[order], p.lat[order], p.lon[order], p.sog_kn[order])


def assign_voyages(p: Positions, v: Voyages) -> npt.NDArray[np.intp]:
    """Voyage index of each position (-1 for none): the voyage of its vessel whose window holds it."""
    shift = np.int64(1) << np.int64(34)  # times up to year 2514 fit below 2**34 s
    v_key = v.mmsi * shift + v.planned_departure_s
    p_key = p.mmsi * shift + np.maximum(p.t_s, 0)
    idx = np.searchsorted(v_key, p_key, side="right").astype(np.intp) - 1
    ok = idx >= 0
    ok[ok] = v.mmsi[idx[ok]] == p.mmsi[ok]
    return np.where(ok, idx, -1)


def runs(mask: B, group: npt.NDArray[np.intp], t_s: I64, max_step_s: int) -> tuple[I64, I64]:
    """Start and end indexes (inclusive) of runs of True in ``mask`` within one group, unbroken in time."""
    n = len(mask)
    if n == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    cont = np.zeros(n, dtype=bool)  # cont[i]: i continues the run of i - 1
    cont[1:] = mask[:-1] & (group[1:] == group[:-1]) & (np.diff(t_s) <= max_step_s)
    starts = np.flatnonzero(mask & ~cont)
    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] = cont[1:] & mask[1:]
    ends = np.flatnonzero(mask & ~nxt)
    return starts.astype(np.int64), ends.astype(np.int64)


@dataclass
class _Context:
    p: Positions
    v: Voyages
    ports: Ports
    th: AisThresholds
    voyage: npt.NDArray[np.intp]
    port_index: PortIndex


def detect(
    positions: Positions, voyages: Voyages, ports: Ports, th: AisThresholds | None = None
) -> list[AisAlert]:
    """Every alert of every voyage, ordered by voyage, start and kind."""
    p = sort_positions(positions)
    ctx = _Context(
        p, voyages, ports, th or AisThresholds(), assign_voyages(p, voyages), PortIndex(ports.lat, ports.lon)
    )
    alerts = [
        *_gaps(ctx),
        *_loitering(ctx),
        *_encounters(ctx),
        *_port_calls(ctx),
        *_late_arrivals(ctx),
    ]
    alerts.sort(key=lambda a: (a.voyage_id, a.start_s, a.kind))
    return alerts


def _gaps(c: _Context) -> list[AisAlert]:
    p, th = c.p, c.th
    if len(p) < 2:
        return []
    same = (c.voyage[1:] == c.voyage[:-1]) & (c.voyage[:-1] >= 0)
    i = np.flatnonzero(same & (np.diff(p.t_s) >= th.gap_min_s))
    if len(i) == 0:
        return []
    dist, port = c.port_index.nearest(p.lat[i], p.lon[i])
    keep = dist >= th.gap_offshore_m
    out = []
    for k, d, pi in zip(i[keep], dist[keep], port[keep], strict=True):
        hours = (p.t_s[k + 1] - p.t_s[k]) / HOUR_S
        moved_nm = float(haversine_m(p.lat[k], p.lon[k], p.lat[k + 1], p.lon[k + 1])) / METRES_PER_NM
        out.append(
            AisAlert(
                c.v.ids[c.voyage[k]],
                "ais_gap",
                int(p.t_s[k]),
                int(p.t_s[k + 1]),
                float(p.lat[k]),
                float(p.lon[k]),
                f"no AIS position for {hours:.1f} h from {float(d) / METRES_PER_NM:.0f} nm off "
                f"{c.ports.names[pi]}; reappeared {moved_nm:.0f} nm away",
                {
                    "hours": round(hours, 2),
                    "offshore_nm": round(float(d) / METRES_PER_NM, 1),
                    "moved_nm": round(moved_nm, 1),
                },
            )
        )
    return out


def _slow_offshore(c: _Context, max_sog_kn: float, offshore_m: float, on_voyage: bool = True) -> B:
    p = c.p
    mask = p.sog_kn < max_sog_kn
    if on_voyage:
        mask &= c.voyage >= 0
    idx = np.flatnonzero(mask)
    dist, _ = c.port_index.nearest(p.lat[idx], p.lon[idx])
    mask[idx[dist < offshore_m]] = False
    return mask


def _loitering(c: _Context) -> list[AisAlert]:
    p, th = c.p, c.th
    mask = _slow_offshore(c, th.loiter_max_sog_kn, th.loiter_offshore_m)
    starts, ends = runs(mask, c.voyage, p.t_s, th.max_report_interval_s)
    long_enough = (p.t_s[ends] - p.t_s[starts]) >= th.loiter_min_s
    out = []
    for s, e in zip(starts[long_enough], ends[long_enough], strict=True):
        hours = (p.t_s[e] - p.t_s[s]) / HOUR_S
        mean_sog = float(p.sog_kn[s : e + 1].mean())
        out.append(
            AisAlert(
                c.v.ids[c.voyage[s]],
                "loitering",
                int(p.t_s[s]),
                int(p.t_s[e]),
                float(p.lat[s]),
                float(p.lon[s]),
                f"{hours:.1f} h at a mean {mean_sog:.1f} kn, 20 nm or more from every port",
                {"hours": round(hours, 2), "mean_sog_kn": round(mean_sog, 2), "reports": int(e - s + 1)},
            )
        )
    return out


def _port_calls(c: _Context) -> list[AisAlert]:
    p, th, v = c.p, c.th, c.v
    idx = np.flatnonzero((p.sog_kn < th.port_call_max_sog_kn) & (c.voyage >= 0))
    dist, port = c.port_index.nearest(p.lat[idx], p.lon[idx])
    near = dist <= th.port_radius_m
    idx, port = idx[near], port[near]
    voy = c.voyage[idx]
    planned = np.zeros(len(idx), dtype=bool)
    for ports_of in (v.departure_port, v.destination_port):
        pl = ports_of[voy]
        planned |= haversine_m(p.lat[idx], p.lon[idx], c.ports.lat[pl], c.ports.lon[pl]) <= th.port_radius_m
    idx, port = idx[~planned], port[~planned]
    mask = np.zeros(len(p), dtype=bool)
    mask[idx] = True
    group = np.full(len(p), -1, dtype=np.intp)
    group[idx] = c.voyage[idx] * len(c.ports.names) + port
    starts, ends = runs(mask, group, p.t_s, th.max_report_interval_s)
    long_enough = (p.t_s[ends] - p.t_s[starts]) >= th.port_call_min_s
    out = []
    for s, e in zip(starts[long_enough], ends[long_enough], strict=True):
        name = c.ports.names[int(group[s] % len(c.ports.names))]
        hours = (p.t_s[e] - p.t_s[s]) / HOUR_S
        vi = c.voyage[s]
        out.append(
            AisAlert(
                v.ids[vi],
                "unplanned_port_call",
                int(p.t_s[s]),
                int(p.t_s[e]),
                float(p.lat[s]),
                float(p.lon[s]),
                f"{hours:.1f} h under 1 kn at {name}, not on the voyage "
                f"{c.ports.names[v.departure_port[vi]]} → {c.ports.names[v.destination_port[vi]]}",
                {"hours": round(hours, 2), "port": name},
            )
        )
    return out


def _encounters(c: _Context) -> list[AisAlert]:
    p, th = c.p, c.th
    # the other vessel may be on no voyage of ours (a dark tanker alongside is the case to catch)
    idx = np.flatnonzero(_slow_offshore(c, th.encounter_max_sog_kn, th.encounter_offshore_m, on_voyage=False))
    if len(idx) < 2:
        return []
    bucket = p.t_s[idx] // th.encounter_bucket_s
    # one report per vessel and time bucket
    key = np.lexsort((bucket, p.mmsi[idx]))
    idx, bucket = idx[key], bucket[key]
    first = np.ones(len(idx), dtype=bool)
    first[1:] = (bucket[1:] != bucket[:-1]) | (p.mmsi[idx][1:] != p.mmsi[idx][:-1])
    idx, bucket = idx[first], bucket[first]
    # Same bucket ⇔ close in the 4th coordinate: a bucket apart is far beyond the search radius.
    xyz = unit_vectors(p.lat[idx], p.lon[idx]) * EARTH_RADIUS_M
    far = 1e3 * th.encounter_max_distance_m
    pts = np.column_stack((xyz, (bucket - bucket.min()).astype(np.float64) * far))
    pairs = cKDTree(pts).query_pairs(r=th.encounter_max_distance_m, output_type="ndarray")
    if len(pairs) == 0:
        return []
    a, b = idx[pairs[:, 0]], idx[pairs[:, 1]]
    swap = p.mmsi[a] > p.mmsi[b]
    a, b = np.where(swap, b, a), np.where(swap, a, b)
    diff = p.mmsi[a] != p.mmsi[b]
    a, b = a[diff], b[diff]
    pb = p.t_s[a] // th.encounter_bucket_s
    order = np.lexsort((pb, p.mmsi[b], p.mmsi[a]))
    a, b, pb = a[order], b[order], pb[order]
    n = len(a)
    cont = np.zeros(n, dtype=bool)
    cont[1:] = (p.mmsi[a][1:] == p.mmsi[a][:-1]) & (p.mmsi[b][1:] == p.mmsi[b][:-1]) & (np.diff(pb) <= 2)
    starts = np.flatnonzero(~cont)
    ends = np.append(starts[1:] - 1, n - 1)
    out = []
    for s, e in zip(starts, ends, strict=True):
        t0 = int(min(p.t_s[a[s]], p.t_s[b[s]]))
        t1 = int(max(p.t_s[a[e]], p.t_s[b[e]]))
        if t1 - t0 < th.encounter_min_s:
            continue
        hours = (t1 - t0) / HOUR_S
        gap_m = haversine_m(
            p.lat[a[s : e + 1]], p.lon[a[s : e + 1]], p.lat[b[s : e + 1]], p.lon[b[s : e + 1]]
        )
        for me, other in ((a, b), (b, a)):
            vi = c.voyage[me[s]]
            if vi < 0:
                continue
            out.append(
                AisAlert(
                    c.v.ids[vi],
                    "encounter",
                    t0,
                    t1,
                    float(p.lat[me[s]]),
                    float(p.lon[me[s]]),
                    f"{hours:.1f} h within {float(gap_m.max()):.0f} m of MMSI {int(p.mmsi[other[s]])}, "
                    "both under 2 kn, 10 km or more from every port",
                    {
                        "hours": round(hours, 2),
                        "other_mmsi": str(int(p.mmsi[other[s]])),
                        "max_distance_m": round(float(gap_m.max()), 1),
                    },
                )
            )
    return out


def _late_arrivals(c: _Context) -> list[AisAlert]:
    p, th, v = c.p, c.th, c.v
    # in chunks, so that ten million positions do not need a dozen ten-million temporaries at once
    arrival_s: dict[int, int] = {}
    for lo in range(0, len(p), LATE_CHUNK):
        idx = lo + np.flatnonzero(c.voyage[lo : lo + LATE_CHUNK] >= 0)
        voy = c.voyage[idx]
        dest = v.destination_port[voy]
        near = haversine_m(p.lat[idx], p.lon[idx], c.ports.lat[dest], c.ports.lon[dest]) <= th.port_radius_m
        arrived_voy, first = np.unique(voy[near], return_index=True)
        for vi, t in zip(arrived_voy.tolist(), p.t_s[idx[near][first]].tolist(), strict=True):
            arrival_s.setdefault(
                vi, t
            )  # chunks follow each vessel in time: the first one found is the arrival
    data_end_s = int(p.t_s.max()) if len(p) else 0
    out = []
    for vi, vid in enumerate(v.ids):
        due_s = int(v.planned_arrival_s[vi]) + th.late_after_s
        dest_i = int(v.destination_port[vi])
        lat, lon = float(c.ports.lat[dest_i]), float(c.ports.lon[dest_i])
        arrived = arrival_s.get(vi)
        if arrived is not None and arrived > due_s:
            hours = (arrived - int(v.planned_arrival_s[vi])) / HOUR_S
            out.append(
                AisAlert(
                    vid,
                    "late_arrival",
                    int(v.planned_arrival_s[vi]),
                    int(arrived),
                    lat,
                    lon,
                    f"arrived at {c.ports.names[dest_i]} {hours:.1f} h after the planned arrival",
                    {"hours_late": round(hours, 2)},
                )
            )
        elif arrived is None and data_end_s > due_s:
            out.append(
                AisAlert(
                    vid,
                    "late_arrival",
                    int(v.planned_arrival_s[vi]),
                    data_end_s,
                    lat,
                    lon,
                    f"no position within 20 km of {c.ports.names[dest_i]} by {iso(data_end_s)}, "
                    "more than 24 h after the planned arrival",
                    {"arrived": "no"},
                )
            )
    return out
