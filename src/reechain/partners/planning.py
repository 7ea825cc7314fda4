"""The register as the planner sees it: the ``partners``, partner ``plants`` and ``agreements`` sections of a
planning file built from the registered partners (used by plans from the ledger).

- A partner separation plant becomes a plant with ``partner``: it takes the group's feeds and makes the
  outputs of the group's separation plants that take the same feeds, under the group's separation quota
  (processing for the group counts there); its usable capacity is the group's share, or an offtake agreement's
  volume (per period: the yearly volume × the part of the year the agreement runs / periods in the year).
  Its cost per t REO is the offtake's fixed price (the toll) or the plant's cost.
- A supply agreement for a feed the plan uses becomes a supply agreement: min and max per period from the
  yearly figures the same way; a fixed price as is; an index price is not carried (a note says so).
- Partner plants at the mining, metal or magnet stage and tolling agreements are shown in the chain view but
  not planned (the plan has no such stages for partners); a note says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from reechain.partners.model import Register


def planning_sections(
    register: Register,
    *,
    year: int,
    periods_per_year: int,
    feeds: Sequence[str],
    plants: Sequence[Mapping[str, Any]],
    separation_quotas: Sequence[str],
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    notes: list[str] = []
    first, last = date(year, 1, 1), date(year, 12, 31)
    active = {p.id: p for p in register.partners if p.since <= last and (p.until is None or p.until >= first)}
    running = [a for a in register.agreements if a.partner in active and a.share_of_year(year) > 0]
    out_plants: list[dict[str, Any]] = []
    agreements: list[dict[str, Any]] = []
    used_partners: set[str] = set()
    for plant in register.plants:
        if plant.partner not in active:
            continue
        if plant.stage != "separation":
            if plant.capacity_t_per_year > 0:
                notes.append(f"partner plant {plant.id} ({plant.stage}) shown in the chain view, not planned")
            continue
        offtakes = [a for a in running if a.kind == "offtake" and a.plant == plant.id]
        wanted = {a.product for a in offtakes if a.product in feeds} or set(feeds)
        takers = [p for p in plants if set(p["feeds"]) & wanted]
        if not takers:
            continue
        toll = next((a.price_cny_per_t for a in offtakes if a.price_cny_per_t is not None), None)
        out_plants.append(
            {
                "id": plant.id,
                "partner": plant.partner,
                "feeds": [f for f in dict.fromkeys(f for p in takers for f in p["feeds"]) if f in wanted],
                "capacity_t_reo_per_period": round(plant.capacity_t_per_year / periods_per_year, 3),
                "recovery": plant.recovery,
                "cost_per_t_reo": toll if toll is not None else plant.cost_cny_per_t,
                "quotas": list(separation_quotas),
                "outputs": list(dict.fromkeys(k for p in takers for k in p["outputs"])),
            }
        )
        used_partners.add(plant.partner)
        for a in offtakes:
            agreements.append(
                {
                    "id": a.id,
                    "kind": "offtake",
                    "partner": a.partner,
                    "plant": plant.id,
                    "volume_t_reo_per_period": round(a.max_t * a.share_of_year(year) / periods_per_year, 3),
                }
            )
    for a in running:
        if a.kind != "supply":
            if a.kind == "tolling":
                notes.append(f"tolling agreement {a.id} shown in the chain view, not planned")
            continue
        if a.product not in feeds:
            notes.append(f"supply agreement {a.id}: {a.product} is not a feed of the plan, not carried")
            continue
        if a.price_basis != "fixed" or a.price_cny_per_t is None:
            notes.append(f"supply agreement {a.id}: index price not carried (give a fixed price to plan it)")
            continue
        part = a.share_of_year(year) / periods_per_year
        agreements.append(
            {
                "id": a.id,
                "kind": "supply",
                "partner": a.partner,
                "feed": a.product,
                "price_per_t": a.price_cny_per_t,
                "min_t_per_period": round(a.min_t_per_year * part, 3),
                "max_t_per_period": round(a.max_t * part, 3),
            }
        )
        used_partners.add(a.partner)
    partners = [
        {"id": p.id, "name": p.name, "share": p.share} for p in register.partners if p.id in used_partners
    ]
    if not partners:
        return {}, notes
    return {"partners": partners, "plants": out_plants, "agreements": agreements}, notes
