"""Market position use cases: sales velocity, market sizes (entered or imported, with source and year) and
the group's share of a market by element and by light / medium / heavy segment."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from reechain import refdata
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, Problem
from reechain.market.position import MarketSize, Share, shares
from reechain.services import ledger
from reechain.services.sales import sales_history
from reechain.store.tables import trade as t
from reechain.trade.orders import has_control_characters
from reechain.trade.velocity import Velocity, velocity

SEGMENTS = ("light", "medium", "heavy")
SCOPES = ("element", "segment")


def sales_velocity(c: Container, *, days: int = 90, until: date | None = None) -> list[Velocity]:
    """Tonnes sold per 30 days, per product and channel, over the last DAYS days up to UNTIL (today)."""
    if days < 1:
        raise InvalidInput("days must be ≥ 1", [Problem(f"got {days}", field="days")])
    until = until or date.today()
    since = until - timedelta(days=days - 1)
    return velocity(sales_history(c, since=since, until=until), since, until)


def _check_size(year: Any, scope: Any, key: Any, market: Any, source: Any, line: int | None) -> list[Problem]:
    problems = []
    if not isinstance(year, int) or not 1900 <= year <= 2200:
        problems.append(Problem(f"a year, got {year!r}", field="year", line=line))
    if scope not in SCOPES:
        problems.append(Problem(f"element or segment, got {scope!r}", field="scope", line=line))
    elif scope == "element" and key not in set(refdata.elements()):
        problems.append(Problem(f"not a rare-earth element symbol: {key!r}", field="key", line=line))
    elif scope == "segment" and key not in SEGMENTS:
        problems.append(Problem(f"light, medium or heavy, got {key!r}", field="key", line=line))
    if isinstance(market, bool) or not isinstance(market, (int, float)) or not 0 < market < math.inf:
        problems.append(Problem(f"t REO > 0, got {market!r}", field="market_t_reo", line=line))
    if not isinstance(source, str) or not source.strip():
        problems.append(Problem("every market size names its source", field="source", line=line))
    elif has_control_characters(source):
        problems.append(Problem("must not contain control characters", field="source", line=line))
    return problems


def _upsert(uow: Any, m: MarketSize, by: str | None) -> None:
    s = uow.session
    s.execute(
        delete(t.market_sizes).where(
            t.market_sizes.c.year == m.year, t.market_sizes.c.scope == m.scope, t.market_sizes.c.key == m.key
        )
    )
    s.execute(insert(t.market_sizes).values(**asdict(m), entered_by=by))


def add_market_size(
    c: Container, year: int, scope: str, key: str, market_t_reo: float, source: str, *, by: str | None = None
) -> MarketSize:
    """Enter (or replace) the size of one market in one year, t REO, with its source."""
    problems = _check_size(year, scope, key, market_t_reo, source, None)
    if problems:
        raise InvalidInput("market size is not valid", problems)
    m = MarketSize(year, scope, key, float(market_t_reo), source.strip())
    with c.uow() as uow:
        _upsert(uow, m, by)
        uow.commit()
    return m


def import_market_sizes(c: Container, path: Path, *, by: str | None = None) -> int:
    """Import a CSV with columns year,scope,key,market_t_reo,source; all rows or none."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InvalidInput(f"cannot read {path}", [Problem(str(e), field=str(path))]) from None
    rows = list(csv.DictReader(io.StringIO(text)))
    need = {"year", "scope", "key", "market_t_reo", "source"}
    if not rows or not need <= set(rows[0]):
        raise InvalidInput(f"{path}: needs columns {', '.join(sorted(need))}", [Problem("missing columns")])
    sizes: list[MarketSize] = []
    problems: list[Problem] = []
    for i, r in enumerate(rows, start=2):
        year: Any = int(r["year"]) if r["year"].strip().isdigit() else r["year"]
        try:
            market: Any = float(r["market_t_reo"])
        except ValueError:
            market = r["market_t_reo"]
        found = _check_size(year, r["scope"], r["key"], market, r["source"], i)
        problems += found
        if not found:
            sizes.append(MarketSize(year, r["scope"], r["key"], market, r["source"].strip()))
    if problems:
        raise InvalidInput(f"{path}: {len(problems)} problem(s); nothing imported", problems)
    with c.uow() as uow:
        for m in sizes:
            _upsert(uow, m, by)
        uow.commit()
    return len(sizes)


def list_market_sizes(c: Container, year: int | None = None) -> list[MarketSize]:
    with c.uow() as uow:
        q = select(t.market_sizes).order_by(
            t.market_sizes.c.year, t.market_sizes.c.scope, t.market_sizes.c.key
        )
        if year is not None:
            q = q.where(t.market_sizes.c.year == year)
        return [
            MarketSize(r["year"], r["scope"], r["key"], r["market_t_reo"], r["source"])
            for r in uow.session.execute(q).mappings()
        ]


def group_sales_t_reo_by_element(c: Container, year: int) -> dict[str, float]:
    """t REO sold in YEAR per element: each sale's t REO split by its lot's composition."""
    sales = sales_history(c, since=date(year, 1, 1), until=date(year, 12, 31))
    lots = ledger.lot_compositions(c, {s.lot for s in sales})
    out: dict[str, float] = {}
    for s in sales:
        for el, frac in lots.get(s.lot, {}).items():
            out[el] = out.get(el, 0.0) + s.t_reo * frac
    return out


def market_share(c: Container, year: int, *, sizes: str = "entered") -> list[Share]:
    """The group's share by element and segment. SIZES: ``entered`` (the sizes an analyst entered or imported)
    or ``world`` (world market sizes from the packaged data, ``services.market.world_market_sizes``)."""
    if sizes == "world":
        from reechain.services.market import world_market_sizes

        rows = shares(
            year, group_sales_t_reo_by_element(c, year), world_market_sizes(year), refdata.elements()
        )
        return [
            Share(
                r.year,
                r.scope,
                r.key,
                r.group_sales_t_reo,
                r.market_t_reo,
                r.share,
                r.source,
                "world data" if r.basis == "entered" else r.basis,
            )
            for r in rows
        ]
    if sizes != "entered":
        raise InvalidInput(
            "unknown market sizes", [Problem(f"entered or world, got {sizes!r}", field="sizes")]
        )
    return shares(year, group_sales_t_reo_by_element(c, year), list_market_sizes(c, year), refdata.elements())
