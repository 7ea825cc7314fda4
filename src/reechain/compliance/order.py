"""An export order as the compliance gate reads it (format: docs/compliance.md, "Order file")."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from reechain.compliance.rules import FORMS
from reechain.domain.errors import InvalidInput, Problem

PARTY_ROLES = ("buyer", "consignee", "end_user", "forwarder", "bank", "notify_party", "agent")
PARTY_SCHEMAS = ("Person", "Company", "Organization", "Vessel", "LegalEntity")
"""A party may say what it is; without a schema (or as ``LegalEntity``) it is screened as both a person and
an organisation."""
RARE_EARTHS = frozenset(
    ["Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu"]
)
# Plural and everyday spellings users write in the `form` field, mapped to the rule files' vocabulary.
FORM_SYNONYMS = {
    "metals": "metal",
    "alloys": "alloy",
    "targets": "target",
    "sputtering target": "target",
    "magnets": "magnet",
    "permanent magnet": "magnet",
    "oxides": "oxide",
    "compounds": "compound",
    "carbonate": "compound",
    "chloride": "compound",
    "fluoride": "compound",
}


@dataclass(frozen=True)
class Party:
    role: str
    name: str
    country: str | None
    schema: str | None = None


@dataclass(frozen=True)
class OrderLine:
    line: int
    product: str
    form: str
    purity: float | None
    hs_code: str
    composition: dict[str, float]
    """Element fractions (by mass of the product's rare-earth content), each in [0, 1]."""
    quantity_kg: float


@dataclass(frozen=True)
class Order:
    order_id: str
    date: date
    exporter: str
    exporter_country: str | None
    destination_country: str
    end_use: str
    parties: tuple[Party, ...]
    lines: tuple[OrderLine, ...]


def content_sha256(order: Order) -> str:
    """A hash of what an order ships and to whom: destination, end use, every party (role, name, country,
    schema) and every line (product, form, purity, HS code, composition, kg). Not the order id nor the date:
    a review's release is bound to this content, so it clears exactly what was reviewed and nothing else."""
    body = {
        "destination_country": order.destination_country,
        "end_use": order.end_use.strip(),
        "parties": sorted(
            [p.role, " ".join(p.name.split()).casefold(), p.country or "", p.schema or ""]
            for p in order.parties
        ),
        "lines": sorted(
            [ln.product, ln.form, ln.purity, ln.hs_code, sorted(ln.composition.items()), ln.quantity_kg]
            for ln in order.lines
        ),
    }
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _finite(value: Any) -> float:
    """A JSON number or numeric text; NaN and ±Infinity are refused (ValueError)."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def _country(v: Any) -> str | None:
    return str(v).strip().upper() or None if v else None


def parse_order(raw: Any) -> Order:
    """Check every field, collect all problems, and raise one InvalidInput naming each field and line."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise InvalidInput("an order is a JSON object", [Problem("expected an object at the top level")])
    order_id = str(raw.get("order_id") or "").strip()
    if not order_id:
        problems.append(Problem("required", field="order_id"))
    order_date = date.today()
    if raw.get("date"):
        try:
            order_date = date.fromisoformat(str(raw["date"]))
        except ValueError:
            problems.append(Problem(f"not a date (YYYY-MM-DD): {raw['date']!r}", field="date"))
    exporter = raw.get("exporter") or {}
    if not isinstance(exporter, dict) or not str(exporter.get("name") or "").strip():
        problems.append(Problem("required: an object with `name`", field="exporter"))
        exporter = {}
    dest = _country(raw.get("destination_country"))
    if not dest or len(dest) != 2:
        problems.append(Problem("required: a two-letter ISO country code", field="destination_country"))
    parties: list[Party] = []
    raw_parties = raw.get("parties")
    if not isinstance(raw_parties, list) or not raw_parties:
        problems.append(Problem("required: a non-empty list", field="parties"))
        raw_parties = []
    for i, p in enumerate(raw_parties, start=1):
        where = f"parties[{i}]"
        if not isinstance(p, dict):
            problems.append(Problem("expected an object", field=where))
            continue
        role, name = str(p.get("role") or ""), str(p.get("name") or "").strip()
        if role not in PARTY_ROLES:
            problems.append(Problem(f"role must be one of {', '.join(PARTY_ROLES)}", field=f"{where}.role"))
        if not name:
            problems.append(Problem("required", field=f"{where}.name"))
        schema = p.get("schema")
        if schema in (None, ""):
            schema = None
        elif schema not in PARTY_SCHEMAS:
            problems.append(
                Problem(f"schema must be one of {', '.join(PARTY_SCHEMAS)}", field=f"{where}.schema")
            )
            schema = None
        country = _country(p.get("country"))
        if country is not None and (len(country) != 2 or not country.isalpha()):
            problems.append(Problem("a two-letter ISO country code, or empty", field=f"{where}.country"))
        parties.append(Party(role=role, name=name, country=country, schema=schema))
    if raw_parties and not any(p.role == "end_user" for p in parties):
        problems.append(Problem("an export order must name its end user (role end_user)", field="parties"))
    lines: list[OrderLine] = []
    raw_lines = raw.get("lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append(Problem("required: a non-empty list", field="lines"))
        raw_lines = []
    seen: set[int] = set()
    for i, ln in enumerate(raw_lines, start=1):
        line = _line(ln, i, problems)
        if line is not None:
            if line.line in seen:
                problems.append(Problem("line numbers must be unique", field="line", line=line.line))
            seen.add(line.line)
            lines.append(line)
    if problems:
        raise InvalidInput(f"order {order_id or '(no id)'} is not valid", problems)
    return Order(
        order_id=order_id,
        date=order_date,
        exporter=str(exporter["name"]).strip(),
        exporter_country=_country(exporter.get("country")),
        destination_country=dest or "",
        end_use=str(raw.get("end_use") or ""),
        parties=tuple(parties),
        lines=tuple(lines),
    )


def _line(ln: Any, i: int, problems: list[Problem]) -> OrderLine | None:
    if not isinstance(ln, dict):
        problems.append(Problem("expected an object", field=f"lines[{i}]"))
        return None
    n_before = len(problems)
    try:
        number = int(ln.get("line", i))
    except (TypeError, ValueError):
        problems.append(Problem("must be an integer", field="line", line=i))
        number = i
    form = str(ln.get("form") or "").strip().lower()
    form = FORM_SYNONYMS.get(form, form)
    if form not in FORMS:
        problems.append(
            Problem(f"unknown form {form!r}; use one of {', '.join(sorted(FORMS))}", "form", number)
        )
    hs = str(ln.get("hs_code") or "").replace(".", "").strip()
    if not hs.isdigit() or not 6 <= len(hs) <= 10:
        problems.append(Problem("an HS code of 6 to 10 digits is required", field="hs_code", line=number))
    comp_raw = ln.get("composition") or {}
    composition: dict[str, float] = {}
    if not isinstance(comp_raw, dict):
        problems.append(Problem("an object {element: fraction}", field="composition", line=number))
        comp_raw = {}
    for el, frac in comp_raw.items():
        if el not in RARE_EARTHS:
            problems.append(
                Problem(f"{el!r} is not a rare-earth element symbol", field="composition", line=number)
            )
            continue
        try:
            f = _finite(frac)
        except (TypeError, ValueError):
            problems.append(
                Problem(f"fraction of {el} is not a finite number", field="composition", line=number)
            )
            continue
        if not 0 <= f <= 1:
            problems.append(Problem(f"fraction of {el} must lie in [0, 1]", field="composition", line=number))
        composition[el] = f
    if sum(composition.values()) > 1 + 1e-6:
        problems.append(Problem("element fractions add up to more than 1", field="composition", line=number))
    purity: float | None = None
    if ln.get("purity") is not None:
        try:
            purity = _finite(ln["purity"])
            if not 0 < purity <= 1:
                problems.append(Problem("purity is a fraction in (0, 1]", field="purity", line=number))
        except (TypeError, ValueError):
            problems.append(Problem("purity must be a finite number", field="purity", line=number))
    try:
        qty = _finite(ln["quantity_kg"])
        if not qty > 0:
            problems.append(Problem("must be positive", field="quantity_kg", line=number))
    except KeyError:
        problems.append(Problem("a quantity in kg is required", field="quantity_kg", line=number))
        qty = 0.0
    except (TypeError, ValueError):
        problems.append(Problem("a finite number of kg is required", field="quantity_kg", line=number))
        qty = 0.0
    if len(problems) > n_before:
        return None
    return OrderLine(
        line=number,
        product=str(ln.get("product") or ""),
        form=form,
        purity=purity,
        hs_code=hs,
        composition=composition,
        quantity_kg=qty,
    )
