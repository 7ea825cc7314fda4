"""Logistics oversight use cases that need no database: vessel tracking from AIS files."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reechain.risk.logistics.ais import AisAlert, AisThresholds, detect
from reechain.risk.logistics.ais_files import read_ports, read_positions, read_voyages


@dataclass
class TrackReport:
    positions: int
    voyages: int
    ports: int
    alerts: list[AisAlert]
    seconds: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return dict(Counter(a.kind for a in self.alerts))

    def as_json(self) -> dict[str, object]:
        return {
            "alerts": [a.as_json() for a in self.alerts],
            "summary": {"positions": self.positions, "voyages": self.voyages, "alerts": self.counts()},
        }


def track_vessels(
    positions_csv: Path,
    voyages_csv: Path,
    ports_csv: Path | None = None,
    thresholds: AisThresholds | None = None,
    on_step: Callable[[str], None] = lambda _step: None,
) -> TrackReport:
    """Read AIS positions, voyages and ports (packaged table by default) and raise every alert."""
    t0 = time.perf_counter()
    on_step("reading ports and voyages")
    ports = read_ports(ports_csv)
    voyages = read_voyages(voyages_csv, ports)
    on_step("reading positions")
    positions = read_positions(positions_csv)
    t1 = time.perf_counter()
    on_step(f"detecting alerts in {len(positions):,} positions")
    alerts = detect(positions, voyages, ports, thresholds)
    t2 = time.perf_counter()
    return TrackReport(
        len(positions), len(voyages.ids), len(ports.names), alerts, {"read": t1 - t0, "detect": t2 - t1}
    )
