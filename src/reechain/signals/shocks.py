"""A signal as a shock of the market scenario format (DESIGN.md, `reechain market simulate`).

The sizes are stated assumptions an analyst edits before simulating: a signal says what tightened and when,
not by how much.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reechain.signals.extract import Signal

CHINESE_ISSUERS = {"MOFCOM", "GAC", "MIIT", "MNR", "State Council", "NDRC", "MOST", "NFSRA"}
DEFAULT_MONTHS = 12
# measure, direction -> (shock kind, size field, assumed size)
SHOCK_OF: dict[tuple[str, int], tuple[str, str, float]] = {
    ("export_control", 1): ("export_licensing", "export_share_allowed", 0.5),
    ("export_licence", 1): ("export_licensing", "export_share_allowed", 0.5),
    ("ban", 1): ("export_licensing", "export_share_allowed", 0.0),
    ("quota", 1): ("production_quota", "change", -0.1),
    ("quota", -1): ("production_quota", "change", 0.1),
    ("production_cut", 1): ("mine_outage", "change", -0.2),
    ("stockpiling", 1): ("stockpile", "tonnes_per_month", 100.0),
    ("tariff", 1): ("demand_shift", "change", -0.05),
}


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _plus_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def as_shock(sig: Signal) -> tuple[dict[str, Any] | None, str]:
    """(shock, note); no shock for a measure that loosens by removing another (a suspension) or that the
    scenario format has no kind for (investment), with the reason in the note."""
    spec = SHOCK_OF.get((sig.measure, sig.direction))
    start = sig.effective or sig.announced
    if spec is None or start is None:
        why = "no date" if start is None else f"no scenario shock kind for {sig.measure} ({sig.direction:+d})"
        return None, why
    kind, size_field, size = spec
    end = sig.until or _plus_months(start, DEFAULT_MONTHS - 1)
    shock: dict[str, Any] = {
        "kind": kind,
        "start": _month(start),
        "end": _month(end),
        "elements": sig.elements,
        size_field: size,
    }
    if set(sig.issuer.split("/")) & CHINESE_ISSUERS:
        shock["country"] = "CN"
    note = (
        f"{size_field} {size} is an assumption to edit; from {sig.doc_ref or sig.file}: {sig.evidence[:200]}"
    )
    return shock, note
