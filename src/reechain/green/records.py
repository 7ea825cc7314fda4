"""Consumption records of a plant and period: reagents, energy, water, emissions, residue and cost.

One record is one figure: (plant, period ``YYYY-MM``, item) → quantity, in the unit the item's name ends with
(``electricity_kwh``, ``ammonia_nitrogen_mg_per_l``, ``cost_labour_cny``). The items, their category and unit
are packaged data (``data/green/items.csv``), passed in as a :class:`Catalogue`. Rows are checked all at once;
every bad field is a :class:`Problem` naming its row and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reechain.domain.errors import InvalidInput, Problem

PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
COLUMNS = ("plant", "period", "item", "quantity", "zone", "note")
REQUIRED = ("plant", "period", "item", "quantity")


class Category(StrEnum):
    REAGENT = "reagent"
    ENERGY = "energy"
    WATER = "water"
    EMISSION_AIR = "emission_air"
    EMISSION_WATER = "emission_water"
    CONCENTRATION = "concentration"
    RESIDUE = "residue"
    COST = "cost"


INTENSIVE = frozenset({Category.CONCENTRATION})
"""Categories whose figures are measurements (mg/L), not amounts: never summed nor divided by t REO."""


class Zone(StrEnum):
    """Where the plant discharges: ``special`` where the special emission limits of GB 26451-2011 apply."""

    GENERAL = "general"
    SPECIAL = "special"


@dataclass(frozen=True)
class Item:
    item: str
    category: Category
    unit: str
    name: str


@dataclass(frozen=True)
class Catalogue:
    items: Mapping[str, Item]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> Catalogue:
        return cls({r["item"]: Item(r["item"], Category(r["category"]), r["unit"], r["name"]) for r in rows})

    def category(self, item: str) -> Category:
        return self.items[item].category


@dataclass(frozen=True)
class ConsumptionRecord:
    plant: str
    period: str
    item: str
    quantity: float
    zone: Zone = Zone.GENERAL
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.plant, self.period, self.item)


def period_problem(text: str) -> str | None:
    return None if PERIOD.match(text) else f"{text!r} is not a month YYYY-MM"


def _number(value: Any) -> float | str:
    """The float in VALUE, or why it is not one (NaN, infinity and booleans are refused)."""
    if isinstance(value, bool):
        return "a number is needed, not true/false"
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value if value is not None else "").strip().replace(",", "")
        if not text:
            return "is required"
        try:
            number = float(text)
        except ValueError:
            return f"{text!r} is not a number"
    if not math.isfinite(number):
        return "NaN and infinity are refused"
    return number


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def parse_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]], catalogue: Catalogue, plants: Iterable[str]
) -> list[ConsumptionRecord]:
    """ROWS are (row number, {column: value}); all or nothing: InvalidInput lists every bad field."""
    known_plants = set(plants)
    problems: list[Problem] = []
    out: list[ConsumptionRecord] = []
    first_row: dict[tuple[str, str, str], int] = {}
    for n, row in rows:
        bad = len(problems)
        for col in row:
            if col not in COLUMNS:
                problems.append(Problem(f"unknown column (use {', '.join(COLUMNS)})", str(col), n))
        for col in REQUIRED:
            if not _text(row.get(col)):
                problems.append(Problem("is required", col, n))
        plant, period, item = (_text(row.get(c)) for c in ("plant", "period", "item"))
        if plant and plant not in known_plants:
            problems.append(Problem(f"unknown plant {plant!r}", "plant", n))
        if period and (why := period_problem(period)):
            problems.append(Problem(why, "period", n))
        if item and item not in catalogue.items:
            problems.append(Problem(f"unknown item {item!r} (see docs/plants.md)", "item", n))
        quantity = _number(row.get("quantity")) if _text(row.get("quantity")) else None
        if isinstance(quantity, str):
            problems.append(Problem(quantity, "quantity", n))
        elif quantity is not None and quantity < 0:
            problems.append(Problem("must be ≥ 0", "quantity", n))
        zone_text = _text(row.get("zone")) or Zone.GENERAL.value
        if zone_text not in {z.value for z in Zone}:
            problems.append(Problem(f"{zone_text!r}: use general or special", "zone", n))
        if len(problems) > bad or not isinstance(quantity, float):
            continue
        record = ConsumptionRecord(plant, period, item, quantity, Zone(zone_text), _text(row.get("note")))
        if record.key in first_row:
            problems.append(
                Problem(f"{plant} {period} {item} is already on row {first_row[record.key]}", "item", n)
            )
            continue
        first_row[record.key] = n
        out.append(record)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s); nothing was imported", problems)
    return out
