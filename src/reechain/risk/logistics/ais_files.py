"""Reading the AIS formats of DESIGN.md: positions, voyages and ports CSV files, checked column by column.

Every problem names the file, the line (1 = header) and the field; a file with any problem is refused whole.
Reading is vectorised (pandas' C parser, then NumPy checks) so that ten million positions read in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from reechain.domain.errors import InvalidInput, Problem
from reechain.risk.logistics.ais import Ports, Positions, Voyages

POSITION_COLUMNS = ("mmsi", "timestamp", "lat", "lon", "sog")
VOYAGE_COLUMNS = (
    "voyage_id",
    "mmsi",
    "departure_port",
    "destination_port",
    "planned_departure",
    "planned_arrival",
)
PORT_COLUMNS = ("port", "lat", "lon")
MAX_PROBLEMS = 20
# AIS encodes "speed not available" as 102.3 kn; anything at or above it is not a speed.
SOG_NOT_AVAILABLE_KN = 102.3


@dataclass
class _Checker:
    path: Path
    problems: list[Problem]

    def flag(self, bad: np.ndarray, field: str, reason: str, frame: pd.DataFrame) -> None:
        for i in np.flatnonzero(bad)[: MAX_PROBLEMS - len(self.problems)]:
            value = frame[field].iloc[i] if field in frame else ""
            self.problems.append(Problem(f"{reason} (got {str(value)[:40]!r})", field, int(i) + 2))

    def done(self, what: str) -> None:
        if self.problems:
            raise InvalidInput(f"{self.path}: {what} refused", self.problems)


def _read(path: Path, columns: tuple[str, ...], what: str, typed: bool = False) -> pd.DataFrame:
    """Cells as text; with ``typed``, Arrow's multi-threaded reader infers numbers and times first (ten
    million rows in seconds) and the text reader is the fallback for a file Arrow cannot read."""
    if typed:
        try:
            frame = pd.read_csv(path, engine="pyarrow")
            if all(c in frame.columns for c in columns):
                return frame
        except Exception:
            pass
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise InvalidInput(f"{path}: cannot read {what}", [Problem(str(e).splitlines()[0][:200])]) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidInput(
            f"{path}: {what} refused",
            [Problem(f"missing column (the header has {list(frame.columns)})", c, 1) for c in missing],
        )
    return frame


def _floats(frame: pd.DataFrame, col: str, lo: float, hi: float, ck: _Checker) -> np.ndarray:
    values = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(values) | (values < lo) | (values > hi)
    ck.flag(bad, col, f"not a number in [{lo:g}, {hi:g}]", frame)
    return values


def _times(frame: pd.DataFrame, col: str, ck: _Checker) -> np.ndarray:
    column = frame[col]
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        parsed = column
    else:
        parsed = pd.to_datetime(column, utc=True, format="ISO8601", errors="coerce")
    bad = parsed.isna().to_numpy()
    ck.flag(bad, col, "not an ISO 8601 time (e.g. 2026-03-02T04:00:00Z)", frame)
    seconds = parsed.dt.tz_convert("UTC").dt.tz_localize(None).dt.as_unit("s").astype("int64")
    return np.where(bad, 0, seconds.to_numpy()).astype(np.int64)


def _mmsi(frame: pd.DataFrame, ck: _Checker) -> np.ndarray:
    values = pd.to_numeric(frame["mmsi"], errors="coerce").to_numpy(dtype=np.float64)
    bad = ~np.isfinite(values) | (values <= 0) | (values >= 1e9) | (values != np.round(values))
    ck.flag(bad, "mmsi", "not an MMSI (a positive whole number of up to 9 digits)", frame)
    return np.where(bad, 0, values).astype(np.int64)


def read_positions(path: Path) -> Positions:
    frame = _read(path, POSITION_COLUMNS, "AIS positions", typed=True)
    ck = _Checker(path, [])
    mmsi = _mmsi(frame, ck)
    t_s = _times(frame, "timestamp", ck)
    lat = _floats(frame, "lat", -90, 90, ck)
    lon = _floats(frame, "lon", -180, 180, ck)
    sog = _floats(frame, "sog", 0, SOG_NOT_AVAILABLE_KN - 0.05, ck)
    ck.done("AIS positions")
    return Positions(mmsi, t_s, lat, lon, sog)


def read_ports(path: Path | None) -> Ports:
    """The ports table; the packaged one (data/logistics/ports.csv) when no path is given."""
    if path is None:
        ref = resources.files("reechain.data.logistics").joinpath("ports.csv")
        with resources.as_file(ref) as packaged:
            return read_ports(Path(packaged))
    frame = _read(path, PORT_COLUMNS, "ports")
    ck = _Checker(path, [])
    names = frame["port"].str.strip()
    ck.flag((names == "").to_numpy(), "port", "empty port name", frame)
    ck.flag(names.duplicated().to_numpy(), "port", "port named twice", frame)
    lat = _floats(frame, "lat", -90, 90, ck)
    lon = _floats(frame, "lon", -180, 180, ck)
    ck.done("ports")
    return Ports(names.tolist(), lat, lon)


def read_voyages(path: Path, ports: Ports) -> Voyages:
    frame = _read(path, VOYAGE_COLUMNS, "voyages")
    ck = _Checker(path, [])
    ids = frame["voyage_id"].str.strip()
    ck.flag((ids == "").to_numpy(), "voyage_id", "empty voyage id", frame)
    ck.flag(ids.duplicated().to_numpy(), "voyage_id", "voyage id used twice", frame)
    mmsi = _mmsi(frame, ck)
    known = ports.index_of()
    port_idx = {}
    for col in ("departure_port", "destination_port"):
        names = frame[col].str.strip()
        unknown = ~names.isin(list(known)).to_numpy()
        ck.flag(unknown, col, "port not in the ports table", frame)
        port_idx[col] = np.array([known.get(n, 0) for n in names], dtype=np.intp)
    imo = frame["imo"].str.strip() if "imo" in frame.columns else pd.Series([""] * len(frame), dtype=str)
    bad_imo = ((imo != "") & ~imo.str.fullmatch(r"\d{7}")).to_numpy()
    ck.flag(bad_imo, "imo", "not an IMO number (7 digits) or empty", frame)
    dep = _times(frame, "planned_departure", ck)
    arr = _times(frame, "planned_arrival", ck)
    ck.flag(arr < dep, "planned_arrival", "planned arrival before the planned departure", frame)
    ck.done("voyages")
    order = np.lexsort((dep, mmsi))
    same = np.flatnonzero((np.diff(mmsi[order]) == 0) & (np.diff(dep[order]) == 0))
    if len(same):
        rows = [int(order[i + 1]) + 2 for i in same[:MAX_PROBLEMS]]
        raise InvalidInput(
            f"{path}: voyages refused",
            [
                Problem("another voyage of this vessel departs at the same time", "planned_departure", r)
                for r in rows
            ],
        )
    return Voyages(
        [ids.iloc[i] for i in order],
        mmsi[order],
        port_idx["departure_port"][order],
        port_idx["destination_port"][order],
        dep[order],
        arr[order],
        [str(imo.iloc[i]) or None for i in order],
    )
