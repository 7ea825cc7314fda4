"""The order-check web form: its fields read into the gate's order format, and the gate's problems placed
back on the fields they are about.

Field names of the form: ``order_id``, ``date``, ``exporter_name``, ``exporter_country``,
``destination_country``, ``incoterm``, ``end_use``; one row per party ``party-N-role``, ``party-N-name``,
``party-N-schema``, ``party-N-country``, ``party-N-address``; one row per line ``line-N-product``,
``line-N-form``, ``line-N-hs_code``, ``line-N-composition``, ``line-N-purity``, ``line-N-quantity_kg``.
N is the row's index on the page (rows may be added and removed, so indexes may have gaps); a row left
entirely blank is ignored. Numbers must be finite (``NaN``, ``inf`` are refused); a composition is written
``Nd=0.75, Pr=0.25`` (``:`` or a space instead of ``=``, and percentages such as ``Dy=100%``, are accepted).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reechain.compliance.order import parse_order
from reechain.domain.errors import InvalidInput, Problem

ORDER_FIELDS = (
    "order_id",
    "date",
    "exporter_name",
    "exporter_country",
    "destination_country",
    "incoterm",
    "end_use",
)
PARTY_FIELDS = ("role", "name", "schema", "country", "address")
LINE_FIELDS = ("product", "form", "hs_code", "composition", "purity", "quantity_kg")
PARTY_SCHEMAS = ("Person", "Company", "Organization", "Vessel")
"""A party's kind; left empty, the party is screened as a person and as an organisation."""
_ROW = re.compile(r"^(party|line)-(\d{1,3})-([a-z_]+)$")
_SHARE = re.compile(r"\s*([A-Z][a-z]?)\s*[=:\s]\s*([^,;\s]+)\s*(?:[,;]|$)")


@dataclass
class OrderForm:
    """What the user typed, row by row, and the problems found, by form field name."""

    order: dict[str, str] = field(default_factory=dict)
    parties: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    lines: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add_error(self, name: str, reason: str) -> None:
        self.errors.setdefault(name, []).append(reason)

    def error_list(self) -> list[str]:
        return [f"{name}: {r}" for name, reasons in self.errors.items() for r in reasons]


def blank_form(parties: int = 2, lines: int = 1) -> OrderForm:
    """An empty form: a buyer and an end user row, and one line."""
    roles = ["buyer", "end_user", *["consignee"] * max(0, parties - 2)][:parties]
    return OrderForm(
        order={"exporter_country": "CN"},
        parties=[(i, {"role": r}) for i, r in enumerate(roles)],
        lines=[(i, {}) for i in range(lines)],
    )


def _number(form: OrderForm, name: str, text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        form.add_error(name, f"not a number: {text!r}")
        return None
    if not math.isfinite(value):
        form.add_error(name, f"must be a finite number, got {text!r}")
        return None
    return value


def _composition(form: OrderForm, name: str, text: str) -> dict[str, float] | None:
    shares: dict[str, float] = {}
    pos = 0
    for m in _SHARE.finditer(text):
        if m.start() != pos:
            break
        pos = m.end()
        raw = m.group(2)
        percent = raw.endswith("%")
        value = _number(form, name, raw.removesuffix("%"))
        if value is None:
            return None
        if m.group(1) in shares:
            form.add_error(name, f"{m.group(1)} is given twice")
            return None
        shares[m.group(1)] = value / 100 if percent else value
    if pos != len(text) or not shares:
        form.add_error(name, f"write element=fraction, e.g. Nd=0.75, Pr=0.25 (got {text!r})")
        return None
    return shares


def read_form(fields: Mapping[str, str]) -> tuple[OrderForm, dict[str, Any] | None]:
    """The form as typed and the order it describes (None when a field could not be read)."""
    form = OrderForm(order={k: str(fields.get(k, "")).strip() for k in ORDER_FIELDS})
    rows: dict[tuple[str, int], dict[str, str]] = {}
    for key, value in fields.items():
        m = _ROW.match(key)
        if m is None:
            continue
        kind, index, name = m.group(1), int(m.group(2)), m.group(3)
        if name in (PARTY_FIELDS if kind == "party" else LINE_FIELDS):
            rows.setdefault((kind, index), {})[name] = str(value).strip()
    for (kind, index), row in sorted(rows.items()):
        (form.parties if kind == "party" else form.lines).append((index, row))
    o = form.order
    order: dict[str, Any] = {
        "order_id": o["order_id"],
        "exporter": {"name": o["exporter_name"], "country": o["exporter_country"]},
        "destination_country": o["destination_country"],
        "parties": [],
        "lines": [],
    }
    for key in ("date", "incoterm", "end_use"):
        if o[key]:
            order[key] = o[key]
    for index, row in form.parties:
        if not any(row.get(k) for k in ("name", "country", "address")):
            continue  # a blank row (its role select always has a value)
        party = {k: row[k] for k in PARTY_FIELDS if row.get(k)}
        if party.get("schema") and party["schema"] not in PARTY_SCHEMAS:
            form.add_error(f"party-{index}-schema", f"one of {', '.join(PARTY_SCHEMAS)}, or empty for both")
        order["parties"].append(party)
    for index, row in form.lines:
        if not any(row.get(k) for k in LINE_FIELDS if k != "form"):
            continue
        line: dict[str, Any] = {"line": len(order["lines"]) + 1}
        for k in ("product", "form", "hs_code"):
            if row.get(k):
                line[k] = row[k]
        if row.get("composition"):
            line["composition"] = _composition(form, f"line-{index}-composition", row["composition"])
        for k in ("purity", "quantity_kg"):
            if row.get(k):
                line[k] = _number(form, f"line-{index}-{k}", row[k])
        order["lines"].append(line)
    if form.errors:
        # what the gate's own reading of the order would also refuse (a bad date, a missing end user, a
        # country that is not a code), on the fields the form has not already marked: every bad field at once
        marked = {name: list(reasons) for name, reasons in form.errors.items()}
        try:
            parse_order(order)
        except InvalidInput as e:
            place_problems(form, order, e.problems)
        for name in marked:  # a field marked by the form keeps its own reason only
            form.errors[name] = marked[name]
        return form, None
    return form, order


_ORDER_FIELD_OF = {"exporter": "exporter_name"}


def place_problems(form: OrderForm, order: Mapping[str, Any], problems: list[Problem]) -> None:
    """Put each of the gate's problems (docs/compliance.md field names) on the form field it is about."""
    kept_parties = [i for i, row in form.parties if any(row.get(k) for k in ("name", "country", "address"))]
    kept_lines = [i for i, row in form.lines if any(row.get(k) for k in LINE_FIELDS if k != "form")]
    for p in problems:
        name = p.field or ""
        party = re.match(r"^parties\[(\d+)\](?:\.(\w+))?$", name)
        if p.line is not None and 1 <= p.line <= len(kept_lines):
            target = f"line-{kept_lines[p.line - 1]}-{name if name in LINE_FIELDS else 'product'}"
        elif party and 1 <= int(party.group(1)) <= len(kept_parties):
            target = f"party-{kept_parties[int(party.group(1)) - 1]}-{party.group(2) or 'name'}"
        elif name in ORDER_FIELDS or name in _ORDER_FIELD_OF:
            target = _ORDER_FIELD_OF.get(name, name)
        elif name in ("parties", "lines"):
            target = name
        else:
            target = "order"
        form.add_error(target, p.reason)
