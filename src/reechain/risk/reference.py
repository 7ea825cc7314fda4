"""The due-diligence reference tables as typed data: country risk and the OECD guidance classes and red
flags. Parsed from rows handed in (the packaged CSV files under ``reechain/data/risk``, see SOURCES.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

FATF_STATUSES = ("call_for_action", "increased_monitoring", "none")


@dataclass(frozen=True)
class CountryRisk:
    country: str
    name: str
    fatf_status: str
    cpi: int | None
    cahra: bool
    transshipment_hub: bool
    source: str
    vintage: str
    confidence: str


@dataclass(frozen=True)
class GuidanceItem:
    code: str
    kind: str
    """``annex_ii``, ``red_flag_location``, ``red_flag_supplier`` or ``red_flag_circumstance``."""
    title: str
    guidance_ref: str
    points: int
    action: str
    """``disengage`` makes a party prohibited (Annex II: suspend or disengage immediately)."""


def _yes(value: str) -> bool:
    return value.strip().lower() in {"yes", "true", "1"}


def country_table(rows: Iterable[Mapping[str, str]]) -> dict[str, CountryRisk]:
    out: dict[str, CountryRisk] = {}
    for r in rows:
        status = r["fatf_status"].strip()
        if status not in FATF_STATUSES:
            raise ValueError(f"country {r['country']}: unknown FATF status {status!r}")
        cpi = r["cpi_2024"].strip()
        out[r["country"].strip().upper()] = CountryRisk(
            country=r["country"].strip().upper(),
            name=r["name"],
            fatf_status=status,
            cpi=int(cpi) if cpi else None,
            cahra=_yes(r["cahra"]),
            transshipment_hub=_yes(r["transshipment_hub"]),
            source=r["source"],
            vintage=r["vintage"],
            confidence=r["confidence"],
        )
    return out


def guidance_table(rows: Iterable[Mapping[str, str]]) -> dict[str, GuidanceItem]:
    out: dict[str, GuidanceItem] = {}
    for r in rows:
        points = int(r["points"])
        if not 0 <= points <= 100:
            raise ValueError(f"guidance {r['code']}: points must be within 0-100")
        out[r["code"]] = GuidanceItem(
            r["code"], r["kind"], r["title"], r["guidance_ref"], points, r["action"]
        )
    return out
