"""Read the partners register from text (CSV or YAML) into a :class:`Register`, collecting every problem.

Formats (``docs/partners.md``): a YAML file with sections ``partners``, ``plants`` and ``agreements``, or one
CSV per section, told apart by its header (``stage`` → plants, ``kind`` with ``partner`` → agreements,
otherwise partners). Each problem names the section, the row (its line) and the field. Nothing is returned
unless everything is valid: the import is all or nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from reechain.domain.errors import InvalidInput, Problem
from reechain.partners.model import (
    AGREEMENT_KINDS,
    CONFIDENCE,
    CONSOLIDATION,
    PARTNER_KINDS,
    PRICE_BASES,
    STAGES,
    Agreement,
    Partner,
    PartnerPlant,
    Register,
)
from reechain.planning.checks import Checker

SECTIONS = ("partners", "plants", "agreements")


def section_of_header(header: list[str]) -> str:
    if "stage" in header:
        return "plants"
    if "kind" in header and "partner" in header:
        return "agreements"
    return "partners"


def parse_csv(text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Raw data (one section) and the line of each row, for messages."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    section = section_of_header(header)
    rows: list[dict[str, Any]] = []
    lines: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        lines[f"{section}[{len(rows)}]"] = number
        rows.append({(k or "").strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items()})
    return {section: rows}, lines


def parse_yaml(text: str) -> tuple[dict[str, Any], dict[str, int]]:
    from reechain.planning.reading import read_yaml

    data, lines = read_yaml(text)
    if not isinstance(data, dict):
        raise InvalidInput("partners file", [Problem("expected sections partners, plants, agreements")])
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise InvalidInput(
            "partners file",
            [Problem(f"unknown section (one of {', '.join(SECTIONS)})", field=str(k)) for k in unknown],
        )
    return data, lines


def _date(c: Checker, d: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> date | None:
    value = d.get(key)
    if value in (None, ""):
        if required:
            c.fail(path, "is required")
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        c.fail(path, f"expected a date YYYY-MM-DD, got {value!r}")
        return None


def _provenance(c: Checker, d: Mapping[str, Any], path: str) -> dict[str, Any]:
    illustrative = (
        c.flag(d, "illustrative", f"{path}.illustrative") if d.get("illustrative") not in (None, "") else True
    )
    source = str(d.get("source") or "")
    if not illustrative and not source:
        c.fail(f"{path}.source", "a figure not marked illustrative needs its source")
    return {
        "illustrative": illustrative,
        "source": source,
        "confidence": c.choice(d, "confidence", f"{path}.confidence", CONFIDENCE, default="low"),
        "note": str(d.get("note") or ""),
    }


def register_from_data(
    data: Mapping[str, Any], lines: Mapping[str, int] | None = None, *, known: Register | None = None
) -> Register:
    """Validate raw sections; references may point to KNOWN (already registered) partners and plants."""
    c = Checker(lines)
    known = known or Register()
    partners = []
    for i, item in enumerate(c.items(data, "partners", "partners")):
        path = f"partners[{i}]"
        d = c.mapping(item, path)
        since = _date(c, d, "since", f"{path}.since")
        until = _date(c, d, "until", f"{path}.until", required=False)
        if since and until and until < since:
            c.fail(f"{path}.until", f"{until} is before since {since}")
        partners.append(
            Partner(
                id=c.text(d, "id", f"{path}.id"),
                name=c.text(d, "name", f"{path}.name"),
                kind=c.choice(d, "kind", f"{path}.kind", PARTNER_KINDS, default="jv"),
                share=c.number(d, "share", f"{path}.share", high=1.0),
                consolidation=c.choice(
                    d, "consolidation", f"{path}.consolidation", CONSOLIDATION, default="equity"
                ),
                since=since or date.min,
                until=until,
                country=str(d.get("country") or ""),
                **_provenance(c, d, path),
            )
        )
    c.unique([p.id for p in partners], "partners", "partner id")
    partner_ids = {p.id for p in partners} | {p.id for p in known.partners}
    plants = []
    for i, item in enumerate(c.items(data, "plants", "plants")):
        path = f"plants[{i}]"
        d = c.mapping(item, path)
        partner = c.text(d, "partner", f"{path}.partner")
        if partner and partner not in partner_ids:
            c.fail(f"{path}.partner", f"unknown partner {partner!r}")
        plants.append(
            PartnerPlant(
                id=c.text(d, "id", f"{path}.id"),
                partner=partner,
                stage=c.choice(d, "stage", f"{path}.stage", STAGES, default="separation"),
                capacity_t_per_year=c.number(d, "capacity_t_per_year", f"{path}.capacity_t_per_year"),
                recovery=c.number(d, "recovery", f"{path}.recovery", default=0.95, high=1.0),
                cost_cny_per_t=c.number(d, "cost_cny_per_t", f"{path}.cost_cny_per_t", default=0.0),
                **_provenance(c, d, path),
            )
        )
    c.unique([p.id for p in plants], "plants", "plant id")
    plant_partner = {p.id: p.partner for p in (*plants, *known.plants)}
    agreements = []
    for i, item in enumerate(c.items(data, "agreements", "agreements")):
        path = f"agreements[{i}]"
        d = c.mapping(item, path)
        kind = c.choice(d, "kind", f"{path}.kind", AGREEMENT_KINDS, default="supply")
        partner = c.text(d, "partner", f"{path}.partner")
        if partner and partner not in partner_ids:
            c.fail(f"{path}.partner", f"unknown partner {partner!r}")
        plant = c.optional_text(d, "plant", f"{path}.plant")
        if plant is not None and plant not in plant_partner:
            c.fail(f"{path}.plant", f"unknown partner plant {plant!r}")
        elif plant is not None and partner and plant_partner[plant] != partner:
            c.fail(f"{path}.plant", f"plant {plant!r} belongs to {plant_partner[plant]!r}, not {partner!r}")
        if kind in ("offtake", "tolling") and plant is None:
            c.fail(f"{path}.plant", f"an {kind} agreement names the partner plant")
        start = _date(c, d, "start_on", f"{path}.start_on")
        end = _date(c, d, "end_on", f"{path}.end_on")
        if start and end and end < start:
            c.fail(f"{path}.end_on", f"{end} is before start_on {start}")
        volume = c.number(d, "volume_t_per_year", f"{path}.volume_t_per_year")
        low = c.number(d, "min_t_per_year", f"{path}.min_t_per_year", default=0.0)
        high = c.optional_number(d, "max_t_per_year", f"{path}.max_t_per_year")
        if low > (high if high is not None else volume):
            c.fail(
                f"{path}.min_t_per_year",
                f"{low:g} exceeds the maximum {high if high is not None else volume:g}",
            )
        basis = c.choice(d, "price_basis", f"{path}.price_basis", PRICE_BASES, default="fixed")
        price = c.optional_number(d, "price_cny_per_t", f"{path}.price_cny_per_t")
        if basis == "fixed" and price is None:
            c.fail(f"{path}.price_cny_per_t", "a fixed-price agreement needs its price")
        agreements.append(
            Agreement(
                id=c.text(d, "id", f"{path}.id"),
                kind=kind,
                partner=partner,
                product=c.text(d, "product", f"{path}.product"),
                start_on=start or date.min,
                end_on=end or date.max,
                volume_t_per_year=volume,
                plant=plant,
                min_t_per_year=low,
                max_t_per_year=high,
                price_basis=basis,
                price_cny_per_t=price,
                index_factor=c.optional_number(d, "index_factor", f"{path}.index_factor"),
                premium_cny_per_t=c.number(
                    d, "premium_cny_per_t", f"{path}.premium_cny_per_t", default=0.0, low=None
                ),
                **_provenance(c, d, path),
            )
        )
    c.unique([a.id for a in agreements], "agreements", "agreement id")
    if c.problems:
        raise InvalidInput(f"partners file has {len(c.problems)} problem(s); nothing imported", c.problems)
    return Register(tuple(partners), tuple(plants), tuple(agreements))


def read_register_text(text: str, *, suffix: str, known: Register | None = None) -> Register:
    data, lines = parse_csv(text) if suffix.lower() == ".csv" else parse_yaml(text)
    return register_from_data(data, lines, known=known)
