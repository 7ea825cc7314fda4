"""Green and cost performance use cases: record plant consumption (file or entry), KPIs per t REO, what-if.

Each function is one user action and one transaction. The t REO produced come from the ledger
(``reechain.ledger.production``); only consumption records are stored here (``green_records``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from reechain import refdata
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.domain.locations import LocationKind
from reechain.green.kpis import Factor, Kpis, Limit, exceedance_json, monthly, summary
from reechain.green.records import Catalogue, ConsumptionRecord, Zone, parse_rows
from reechain.green.whatif import WhatIfMonth, what_if
from reechain.ledger.production import produced_t_reo
from reechain.services.auth import AuthenticatedUser
from reechain.services.permissions import GREEN_WRITERS, require_role
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.tables import ledger as t
from reechain.store.tables.green import GreenRecordRow

MAX_FILE_BYTES = 5_000_000
MAX_ROWS = 50_000
PERIOD_FILTER = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return Catalogue.from_rows(refdata.read_csv("green/items.csv"))


@lru_cache(maxsize=1)
def factors() -> dict[str, Factor]:
    return {
        r["item"]: Factor(r["item"], int(r["scope"]), float(r["kg_co2e_per_unit"]), r["source"])
        for r in refdata.read_csv("green/co2e_factors.csv")
    }


@lru_cache(maxsize=1)
def limits() -> tuple[Limit, ...]:
    return tuple(
        Limit(
            r["item"],
            Zone(r["zone"]),
            float(r["limit"]),
            r["unit"],
            r["standard"],
            r["effective"],
            r["source"],
        )
        for r in refdata.read_csv("green/gb26451_limits.csv")
    )


def reference_rows(name: str) -> list[dict[str, str]]:
    """The packaged table NAME (``items``, ``co2e_factors`` or ``gb26451_limits``), as stored."""
    if name not in ("items", "co2e_factors", "gb26451_limits"):
        raise NotFound(f"no reference table {name!r}")
    return refdata.read_csv(f"green/{name}.csv")


@dataclass
class ImportReport:
    rows: int
    added: int
    replaced: int


# -- files ---------------------------------------------------------------------------------------------


def read_record_file(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a ``.csv`` (UTF-8) or ``.xlsx`` file as (row number, {column: value}); blank rows skipped."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"{name}: larger than {MAX_FILE_BYTES:,} bytes; nothing was imported")
    lower = name.lower()
    if lower.endswith(".csv"):
        rows = list(_csv_rows(data))
    elif lower.endswith((".xlsx", ".xlsm")):
        rows = list(_xlsx_rows(name, data))
    else:
        raise InvalidInput(f"{name}: unsupported file type", [Problem("use .csv or .xlsx", "file")])
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"{name}: more than {MAX_ROWS:,} rows; split the file")
    return rows


def _csv_rows(data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    from reechain.services.movement_import import csv_text

    reader = csv.DictReader(io.StringIO(csv_text(data), newline=""))
    for row in reader:
        extra = row.pop(None, None)
        out: dict[str, Any] = {k.strip(): v for k, v in row.items() if k is not None}
        if extra and any(str(x).strip() for x in extra):
            out["(cells past the header)"] = extra
        if any(str(v or "").strip() for v in out.values()):
            yield reader.line_num, out


def _xlsx_rows(name: str, data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            values = list(wb.worksheets[0].iter_rows(values_only=True))
        finally:
            wb.close()
    except Exception as e:  # openpyxl and its XML parser raise many types for a file that is not a workbook
        raise InvalidInput(
            f"{name} is not a readable Excel workbook; nothing was imported", [Problem(str(e), "file")]
        ) from e
    if not values:
        return
    header = ["" if h is None else str(h).strip() for h in values[0]]
    for n, row in enumerate(values[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        yield n, {h: v for h, v in zip(header, row, strict=False) if h or v not in (None, "")}


# -- writing -------------------------------------------------------------------------------------------


def _plant_codes(c: Container) -> list[str]:
    with c.uow() as uow:
        s = uow.session
        s.connection(execution_options={READ_ONLY_OPTION: True})
        return sorted(_codes(s))


def plant_codes(c: Container) -> list[str]:
    return _plant_codes(c)


def import_records(
    c: Container,
    name: str,
    data: bytes,
    *,
    replace: bool = False,
    actor: AuthenticatedUser | None,
) -> ImportReport:
    """Store the records of file NAME, all or nothing (see ``store_records``)."""
    require_role(actor, *GREEN_WRITERS)
    return store_records(c, read_record_file(name, data), source=name, replace=replace, actor=actor)


def store_records(
    c: Container,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    *,
    source: str,
    replace: bool = False,
    actor: AuthenticatedUser | None,
) -> ImportReport:
    """Check ROWS and store them in one transaction. A record whose (plant, period, item) is already stored
    is refused, naming its row, unless REPLACE, which overwrites the stored figure."""
    require_role(actor, *GREEN_WRITERS)
    records = parse_rows(rows, catalogue(), _plant_codes(c))
    lines = [n for n, _ in rows]
    now = datetime.now(UTC)
    who = actor.username if actor else "command line"
    with c.uow() as uow:
        s = uow.session
        periods = sorted({r.period for r in records})
        stored = {
            (row.plant, row.period, row.item): row
            for row in s.scalars(select(GreenRecordRow).where(GreenRecordRow.period.in_(periods)))
        }
        clashes = [
            Problem(f"{r.plant} {r.period} {r.item} is already recorded (replace to overwrite)", "item", n)
            for n, r in zip(lines, records, strict=True)
            if r.key in stored
        ]
        if clashes and not replace:
            raise InvalidInput(f"{len(clashes)} record(s) already stored; nothing was imported", clashes)
        added = replaced = 0
        for r in records:
            old = stored.get(r.key)
            if old is not None:
                old.quantity, old.zone, old.note = r.quantity, r.zone.value, r.note
                old.source, old.entered_by, old.entered_at = source[:255], who[:64], now
                replaced += 1
            else:
                s.add(
                    GreenRecordRow(
                        plant=r.plant,
                        period=r.period,
                        item=r.item,
                        quantity=r.quantity,
                        zone=r.zone.value,
                        note=r.note,
                        source=source[:255],
                        entered_by=who[:64],
                        entered_at=now,
                    )
                )
                added += 1
        uow.commit()
    return ImportReport(len(records), added, replaced)


# -- reading -------------------------------------------------------------------------------------------


def _check_filter(plant: str | None, period: str | None) -> None:
    problems = []
    if period is not None and not PERIOD_FILTER.match(period):
        problems.append(Problem(f"{period!r}: use YYYY-MM or YYYY", "period"))
    if plant is not None and not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", plant):
        problems.append(Problem(f"{plant!r} is not a plant code", "plant"))
    if problems:
        raise InvalidInput("bad filter", problems)


def _bounds(period: str | None) -> tuple[date | None, date | None]:
    if period is None:
        return None, None
    year = int(period[:4])
    if len(period) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(period[5:7])
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), date.fromordinal(end.toordinal() - 1)


def _records(s: Any, plant: str | None, period: str | None) -> list[ConsumptionRecord]:
    q = select(GreenRecordRow).order_by(GreenRecordRow.plant, GreenRecordRow.period, GreenRecordRow.item)
    if plant is not None:
        q = q.where(GreenRecordRow.plant == plant)
    if period is not None:
        q = q.where(GreenRecordRow.period.startswith(period, autoescape=True))
    return [
        ConsumptionRecord(r.plant, r.period, r.item, r.quantity, Zone(r.zone), r.note) for r in s.scalars(q)
    ]


def list_records(
    c: Container, *, plant: str | None = None, period: str | None = None
) -> list[ConsumptionRecord]:
    _check_filter(plant, period)
    with c.uow() as uow:
        uow.session.connection(execution_options={READ_ONLY_OPTION: True})
        return _records(uow.session, plant, period)


@dataclass
class KpiReport:
    plant: str | None
    period: str | None
    months: list[Kpis] = field(default_factory=list)
    plants: list[Kpis] = field(default_factory=list)
    """One summary per plant over the months selected."""

    def as_json(self) -> dict[str, object]:
        return {
            "plant": self.plant,
            "period": self.period,
            "plants": [k.as_json() for k in self.plants],
            "months": [k.as_json() for k in self.months],
            "exceedances": [exceedance_json(e) for k in self.months for e in k.exceedances],
        }


def plant_kpis(c: Container, *, plant: str | None = None, period: str | None = None) -> KpiReport:
    """KPIs per plant and month (and per plant over the selection): any logged-in user may read them."""
    _check_filter(plant, period)
    start, end = _bounds(period)
    with c.uow() as uow:
        s = uow.session
        s.connection(execution_options={READ_ONLY_OPTION: True})
        if plant is not None and plant not in _codes(s):
            raise NotFound(f"no plant {plant!r}")
        records = _records(s, plant, period)
        produced = produced_t_reo(s, plant=plant, start=start, end=end)
    months = monthly(records, produced, catalogue(), factors(), limits())
    by_plant: dict[str, list[Kpis]] = {}
    for k in months:
        by_plant.setdefault(k.plant, []).append(k)
    plants = [summary(ms, catalogue(), factors()) for _, ms in sorted(by_plant.items())]
    return KpiReport(plant, period, months, plants)


def _codes(s: Any) -> set[str]:
    """The ledger's locations of kind plant (whether or not the planner's plant attributes are set)."""
    q = select(t.locations.c.code).where(t.locations.c.kind == LocationKind.PLANT.value)
    return set(s.scalars(q))


def cost_what_if(
    c: Container, *, plant: str, annual_net_savings_cny: float, start_period: str, period: str | None = None
) -> list[WhatIfMonth]:
    """PLANT's monthly cost per t REO before and after an upgrade saving ANNUAL_NET_SAVINGS_CNY a year from
    START_PERIOD (nothing is stored: a what-if)."""
    problems = []
    if not PERIOD_FILTER.match(start_period) or len(start_period) != 7:
        problems.append(Problem(f"{start_period!r}: use YYYY-MM", "start_period"))
    if isinstance(annual_net_savings_cny, bool) or not math.isfinite(annual_net_savings_cny):
        problems.append(Problem("a finite number is needed", "annual_net_savings_cny"))
    if problems:
        raise InvalidInput("bad what-if", problems)
    report = plant_kpis(c, plant=plant, period=period)
    return what_if(report.months, float(annual_net_savings_cny), start_period)
