"""Ledger use cases: post movements, read stock, trace lots, list master data.

Every function takes the Container and runs in its own unit of work (one transaction)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, Problem
from reechain.domain.locations import Location, Plant
from reechain.domain.movements import MovementInput
from reechain.domain.products import Product
from reechain.ledger import bridge, catalog, posting, queries
from reechain.ledger.bridge import StockBridge
from reechain.ledger.posting import PostingResult
from reechain.ledger.views import BalanceRow, LocationRow, LotRow, MovementRow, ProductRow, Trace
from reechain.store.db import READ_ONLY_OPTION
from reechain.store.uow import UnitOfWork

__all__ = [
    "PostingResult",
    "count_holdings",
    "define_location",
    "define_plant",
    "define_product",
    "element_total_and_count",
    "held_by_product_location",
    "held_now",
    "list_locations",
    "list_lots",
    "list_movements",
    "list_plants",
    "list_products",
    "lot_compositions",
    "post_movement",
    "post_movements",
    "stock_balance",
    "stock_bridge",
    "trace_lot",
]


def _read_only(uow: UnitOfWork) -> None:
    """This unit of work only reads: on SQLite it then starts deferred and does not wait behind a writer."""
    uow.session.connection(execution_options={READ_ONLY_OPTION: True})


def post_movements(
    c: Container,
    movements: Sequence[MovementInput],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> PostingResult:
    """Post many movements atomically, in order: all are posted or none (InvalidInput naming every bad
    line, RuleViolation for negative stock or an unbalanced transformation, QuotaExceeded, Conflict when a
    concurrent posting got there first). ``progress(done, total)``: see ``posting.post``."""
    with c.uow() as uow:
        try:
            result = posting.post(uow.session, movements, progress=progress)
        except IntegrityError as e:  # e.g. the same new lot code created by a concurrent posting
            raise Conflict(
                f"the posting conflicts with data written meanwhile; nothing was posted: {e.orig}"
            ) from e
        except DBAPIError as e:
            code = getattr(e.orig, "sqlstate", None)
            if code in {"40001", "40P01", "55P03"} or "locked" in str(e.orig):
                raise Conflict("a concurrent posting got there first; nothing was posted, try again") from e
            raise
        uow.commit()
    if len(movements) >= ANALYZE_AFTER:
        refresh_statistics(c)
    return result


ANALYZE_AFTER = 10_000
"""A posting of at least this many movements (a bulk import) refreshes the planner's statistics."""
LEDGER_TABLES = (
    "ledger_lots",
    "ledger_compositions",
    "ledger_movements",
    "ledger_balances",
    "ledger_lot_links",
    "ledger_transformations",
)


def refresh_statistics(c: Container) -> None:
    """ANALYZE the ledger's tables (PostgreSQL), after the commit. Without statistics the planner takes a
    table that grew from a few thousand rows to 200,000 for the small one it last saw (or for an empty one,
    if it never saw it) and plans nested loops over it: the stock pages and the stock bridge then take
    seconds instead of a fraction of one. Autovacuum would do the same later, or never when it is off."""
    with c.uow() as uow:
        if uow.session.get_bind().dialect.name != "postgresql":
            return
        for table in LEDGER_TABLES:
            uow.session.execute(text(f"ANALYZE {table}"))
        uow.commit()


def post_movement(c: Container, movement: MovementInput) -> PostingResult:
    """Post one movement (see ``post_movements``)."""
    return post_movements(c, [movement])


def stock_balance(
    c: Container,
    at: date | None = None,
    by: str = "element",
    *,
    location: str | None = None,
    product: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[BalanceRow]:
    """Stock held by the group (mines, plants, warehouses, in transit) as of the end of day ``at`` (default:
    now), grouped by ``element`` | ``product`` | ``lot`` | ``location``; t product and t REO per element.
    Summed in the database; by lot (one row per lot and location) LIMIT rows from OFFSET when given."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.stock_balance(
            uow.session, at, by, location=location, product=product, limit=limit, offset=offset
        )


def count_holdings(
    c: Container, at: date | None = None, *, location: str | None = None, product: str | None = None
) -> int:
    """How many rows ``stock_balance(by="lot")`` gives with these filters."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.count_holdings(uow.session, at, location=location, product=product)


def element_total_and_count(
    c: Container, at: date | None = None, *, location: str | None = None, product: str | None = None
) -> tuple[float, int]:
    """t REO held over every lot (stock by element added up) and how many rows ``stock_balance(by="lot")``
    gives, with these filters: from one pass over the balances when ``at`` is None."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.element_total_and_count(uow.session, at, location=location, product=product)


def held_by_product_location(c: Container) -> dict[tuple[str, str], float]:
    """t of product held now per (product, location), summed in the database."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.held_by_product_location(uow.session)


def held_now(c: Container) -> tuple[list[BalanceRow], dict[tuple[str, str], float]]:
    """Held stock now by element (as ``stock_balance(c, by="element")``) and t of product per (product,
    location) (as ``held_by_product_location``), from one pass over the balances."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.held_now(uow.session)


def lot_compositions(c: Container, codes: Iterable[str]) -> dict[str, dict[str, float]]:
    """Element composition (fractions of REO) of each lot named; unknown codes are left out."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.lot_compositions(uow.session, codes)


def stock_bridge(
    c: Container,
    elements: str | Sequence[str],
    start: date | None = None,
    end: date | None = None,
    *,
    location: str | None = None,
) -> StockBridge:
    """Why the stock of ``elements`` (``"Pr,Nd"``, ``"PrNd"``, ``["Dy"]``) sits where it does: opening stock
    at the end of the day before ``start`` (default 1 January of ``end``'s year), every flow into and out of
    held stock up to ``end`` (default today) with the movements behind it, and closing stock; opening +
    flows = closing."""
    chosen = bridge.parse_elements(elements)
    if end is None and start is not None and start > date.today():
        reason = f"the start date {start} is after today ({date.today()}), the end date when none is given"
        raise InvalidInput("empty period", [Problem(reason, "start")])
    end = end or date.today()
    start = start or date(end.year, 1, 1)
    bridge.check_period(start, end)
    with c.uow() as uow:
        _read_only(uow)
        s = uow.session
        if location is not None:
            catalog.location_id(s, location)  # NotFound if there is no such place

        return bridge.stock_bridge(
            s,
            chosen,
            start,
            end,
            location=location,
            opening_t_reo=bridge.held_t_reo(s, chosen, bridge.opening_day(start), location),
        )


def trace_lot(c: Container, lot_code: str) -> Trace:
    """A lot's ancestors back to the receipts (ore) and descendants forward to customers."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.trace_lot(uow.session, lot_code)


def list_locations(c: Container, kind: str | None = None) -> list[LocationRow]:
    with c.uow() as uow:
        _read_only(uow)
        return queries.list_locations(uow.session, kind)


def list_products(c: Container, form: str | None = None) -> list[ProductRow]:
    with c.uow() as uow:
        _read_only(uow)
        return queries.list_products(uow.session, form)


def list_lots(
    c: Container, product: str | None = None, on_hand_only: bool = False, limit: int = 100, offset: int = 0
) -> list[LotRow]:
    with c.uow() as uow:
        _read_only(uow)
        return queries.list_lots(uow.session, product, on_hand_only, limit, offset)


def list_movements(
    c: Container,
    *,
    lot: str | None = None,
    location: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[MovementRow]:
    """Newest first."""
    with c.uow() as uow:
        _read_only(uow)
        return queries.list_movements(
            uow.session,
            lot=lot,
            location=location,
            kind=kind,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )


def list_plants(c: Container) -> list[Plant]:
    """Plants with what the planner needs: kind, capacity (t REO/year), recovery, feeds, products and
    processes."""
    with c.uow() as uow:
        _read_only(uow)
        return catalog.list_plants(uow.session)


def define_location(c: Container, location: Location) -> None:
    with c.uow() as uow:
        catalog.upsert_location(uow.session, location)
        uow.commit()


def define_product(c: Container, product: Product) -> None:
    with c.uow() as uow:
        catalog.upsert_product(uow.session, product)
        uow.commit()


def define_plant(c: Container, plant: Plant) -> None:
    with c.uow() as uow:
        catalog.upsert_plant(uow.session, plant)
        uow.commit()
