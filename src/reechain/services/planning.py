"""Planning use cases: solve a planning file, compare plans, plan a year from the ledger and store it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.planning.reading import read_problem, read_raw, write_excel
from reechain.planning.run import solve_problem
from reechain.planning.scenarios import apply_overrides
from reechain.planning.solve import SolveOptions
from reechain.planning.validation import problem_from_data

if TYPE_CHECKING:
    from reechain.bootstrap import Container
    from reechain.planning.ledger_problem import LedgerState
    from reechain.store.tables.planning import PlanRunRow
# SQLAlchemy, the tables and the ledger's planning problem are imported by the functions that use the
# database: a file solve (`reechain plan solve`) never loads them (see docs/performance.md, "Start-up").


def solve_plan_file(
    path: Path,
    *,
    overrides: list[str] | None = None,
    explain: bool = False,
    solver: str | None = None,
) -> dict[str, Any]:
    """Read (YAML or Excel), apply scenario overrides, solve. Raises InvalidInput or Infeasible."""
    problem = read_problem(path, overrides)
    options = SolveOptions(solver=solver) if solver else None
    doc = solve_problem(problem, options, with_explanation=explain)
    doc["source"] = {"file": str(path), "overrides": list(overrides or [])}
    return doc


def planning_file_to_excel(path: Path, out: Path) -> None:
    """Validate a planning file, then write it in the Excel layout (nothing is written if it is invalid)."""
    read_problem(path)
    data, _ = read_raw(path)
    write_excel(data, out)


def load_plan_document(path: Path) -> dict[str, Any]:
    """A plan written by ``plan solve --json``; checked enough to compare."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(
            f"no such plan file: {path}", [Problem("file not found", field=str(path))]
        ) from None
    except json.JSONDecodeError as e:
        raise InvalidInput(
            "plan file is not JSON", [Problem(e.msg, field=str(path), line=e.lineno)]
        ) from None
    missing = [k for k in ("objective", "periods", "quotas") if not isinstance(doc, dict) or k not in doc]
    if missing:
        raise InvalidInput("not a plan document", [Problem(f"missing {', '.join(missing)}", field=str(path))])
    return dict(doc)


def compare_plan_documents(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    from reechain.planning.compare import compare_plans

    return compare_plans(a, b)


# ---------------------------------------------------------------- plans from the ledger, stored plans

PRICE_ALIASES = {
    "Praseodymium-neodymium oxide": "PrNd oxide",
    "Praseodymium-neodymium metal": "PrNd alloy (metal)",
    "Mixed rare-earth carbonate (ion-adsorption clay)": "Rare earth carbonate (ore feed)",
}
CONCENTRATE_FACT = "related-party concentrate price"


def reference_prices_cny_per_t() -> dict[str, float]:
    """Latest CNY/t price of each product name in ``data/rare_earths/prices.csv`` (mid of low and high)."""
    from reechain.refdata import read_csv

    latest: dict[str, tuple[str, float]] = {}
    for row in read_csv("rare_earths/prices.csv"):
        if row.get("unit") != "CNY/t":
            continue
        try:
            value = float(row["value_point"]) if row.get("value_point") else None
            if value is None:
                value = (float(row["value_low"]) + float(row["value_high"])) / 2
        except (KeyError, ValueError):
            continue
        when = row.get("date", "")[:10]
        if row["product"] not in latest or when >= latest[row["product"]][0]:
            latest[row["product"]] = (when, value)
    return {name: value for name, (_, value) in latest.items()}


def ledger_state(
    c: Container, year: int, *, today: date | None = None, with_partners: bool = False
) -> LedgerState:
    """Read what the planner needs from the ledger in one transaction, so every figure comes from the same
    snapshot: plants, products, quotas with their use, opening stock, sales contracts (with what is already
    ordered on them) and stored stock policies. On PostgreSQL the transaction is REPEATABLE READ (one
    snapshot for all its statements); on SQLite a reading transaction sees one snapshot anyway (WAL)."""
    from reechain.ledger import catalog, queries
    from reechain.planning.ledger_problem import LedgerProduct, LedgerState
    from reechain.refdata import elements, read_csv
    from reechain.services import plan_state
    from reechain.store.db import READ_ONLY_OPTION

    with c.uow() as uow:
        conn = uow.session.connection(execution_options={READ_ONLY_OPTION: True})
        if conn.dialect.name == "postgresql" and not conn.in_nested_transaction():
            # first statement of the transaction; inside a test's savepoint the outer transaction decides
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        s = uow.session
        plants = catalog.list_plants(s)
        rows = queries.list_products(s)
        quota_batches = plan_state.quota_batches(s, year)
        balances = queries.stock_balance(s, None, "product")
        contracts = plan_state.contracts(s)
        from reechain.services.partners import register_in

        partner_register = register_in(s) if with_partners else None
        policies = plan_state.policies(s)
    if not plants:
        raise NotFound("no plants are defined: load master data first (reechain init --sample)")
    products = {
        r.code: LedgerProduct(r.code, r.form, r.reo_fraction or None, dict(r.composition or {})) for r in rows
    }
    names = {r.code: r.name for r in rows}
    stock = {b.key: float(b.t_product or 0.0) for b in balances}
    prices = reference_prices_cny_per_t()
    oxide = {e.symbol: prices[f"{e.name} oxide"] for e in elements().values() if f"{e.name} oxide" in prices}
    by_product = {}
    for code, name in names.items():
        alias = PRICE_ALIASES.get(name, name)
        if alias in prices:
            by_product[code] = prices[alias]
    concentrate = next(
        (r for r in read_csv("rare_earths/cnre_facts.csv") if r["metric"] == CONCENTRATE_FACT), None
    )
    for code, product in products.items():
        if product.form == "concentrate" and concentrate is not None and code not in by_product:
            by_product[code] = float(concentrate["value"])
    return LedgerState(
        year=year,
        plants=plants,
        products=products,
        quotas=quota_batches,
        opening_stock_t=stock,
        oxide_price_cny_per_t=oxide,
        product_price_cny_per_t=by_product,
        today=today,
        contracts=contracts,
        policies=policies,
        partners=partner_register,
    )


def ledger_problem(
    c: Container,
    year: int,
    *,
    period_kind: str = "quarters",
    today: date | None = None,
    with_partners: bool = False,
) -> tuple[dict[str, Any], list[str]]:
    """The year's planning data built from the ledger (not solved), with notes on the contracts and stock
    policies it does not carry."""
    if period_kind not in ("quarters", "months", "weeks"):
        raise InvalidInput("bad period kind", [Problem("must be quarters, months or weeks", field="periods")])
    today = today or datetime.now(UTC).date()
    from reechain.planning.ledger_problem import ledger_problem_with_notes

    state = ledger_state(c, year, today=today, with_partners=with_partners)
    return ledger_problem_with_notes(state, period_kind=period_kind)


def run_plan(
    c: Container,
    year: int,
    *,
    period_kind: str = "quarters",
    overrides: list[str] | None = None,
    explain: bool = False,
    created_by: str | None = None,
    today: date | None = None,
    with_partners: bool = False,
) -> dict[str, Any]:
    """Build the year's planning problem from the ledger, solve it and store the plan. Returns the document
    with its stored ``id``. Periods start at the current one (``today``) when planning the current year; quota
    already used counts against every limit; contracts become demand minimums and stock policies safety
    stocks and maximum stocks (what is not carried is listed in ``source.notes``). Raises InvalidInput (bad
    overrides), NotFound (no plants) or Infeasible (nothing is stored then)."""
    data, notes = ledger_problem(c, year, period_kind=period_kind, today=today, with_partners=with_partners)
    if overrides:
        data = apply_overrides(data, overrides)
    doc = solve_problem(problem_from_data(data), with_explanation=explain)
    doc["source"] = {"ledger_year": year, "overrides": list(overrides or []), "notes": notes}
    from reechain.store.tables.planning import PlanRunRow

    with c.uow() as uow:
        row = PlanRunRow(
            name=doc["name"],
            year=year,
            created_at=datetime.now(UTC),
            created_by=created_by,
            status=doc["status"],
            objective=doc["objective"],
            currency=doc["currency"],
            overrides=list(overrides or []),
            problem=data,
            document=doc,
        )
        uow.session.add(row)
        uow.session.flush()
        doc["id"] = row.id
        uow.commit()
    return doc


def store_plan(
    c: Container, doc: dict[str, Any], problem: dict[str, Any], *, created_by: str | None = None
) -> int:
    """Store a plan solved from a file (e.g. uploaded on the web page)."""
    from reechain.store.tables.planning import PlanRunRow

    with c.uow() as uow:
        row = PlanRunRow(
            name=str(doc["name"]),
            year=None,
            created_at=datetime.now(UTC),
            created_by=created_by,
            status=str(doc["status"]),
            objective=float(doc["objective"]),
            currency=str(doc["currency"]),
            overrides=list(doc.get("source", {}).get("overrides", [])),
            problem=problem,
            document=doc,
        )
        uow.session.add(row)
        uow.session.flush()
        plan_id = int(row.id)
        uow.commit()
    return plan_id


@dataclass(frozen=True)
class StoredPlan:
    id: int
    name: str
    year: int | None
    created_at: datetime
    created_by: str | None
    status: str
    objective: float
    currency: str
    overrides: list[str]


def _summary(row: PlanRunRow) -> StoredPlan:
    return StoredPlan(
        row.id,
        row.name,
        row.year,
        row.created_at,
        row.created_by,
        row.status,
        row.objective,
        row.currency,
        list(row.overrides),
    )


def list_plans(c: Container, *, year: int | None = None, limit: int = 50) -> list[StoredPlan]:
    from sqlalchemy import select

    from reechain.store.tables.planning import PlanRunRow

    with c.uow() as uow:
        query = select(PlanRunRow).order_by(PlanRunRow.id.desc()).limit(limit)
        if year is not None:
            query = query.where(PlanRunRow.year == year)
        return [_summary(r) for r in uow.session.scalars(query)]


def get_plan(c: Container, plan_id: int) -> dict[str, Any]:
    """The stored plan document (with ``id``); NotFound if there is none."""
    from reechain.store.tables.planning import PlanRunRow

    with c.uow() as uow:
        row = uow.session.get(PlanRunRow, plan_id)
        if row is None:
            raise NotFound(f"no plan {plan_id}")
        doc = dict(row.document)
        doc["id"] = row.id
        doc["created_at"] = row.created_at.isoformat()
        return doc


def plan_workbook_bytes(c: Container, plan_id: int) -> bytes:
    """A stored plan as an Excel workbook (``.xlsx`` content; sheets in docs/planning.md); NotFound if there
    is none."""
    return document_workbook_bytes(get_plan(c, plan_id))


def document_workbook_bytes(doc: dict[str, Any]) -> bytes:
    """A plan document (e.g. just solved from a file) as an Excel workbook (``.xlsx`` content)."""
    from reechain.planning.workbook import plan_workbook_bytes as workbook_bytes

    return workbook_bytes(doc)


def get_plan_problem(c: Container, plan_id: int) -> dict[str, Any]:
    """The raw planning data a stored plan was solved from (for charts against its limits)."""
    from reechain.store.tables.planning import PlanRunRow

    with c.uow() as uow:
        row = uow.session.get(PlanRunRow, plan_id)
        if row is None:
            raise NotFound(f"no plan {plan_id}")
        return dict(row.problem)


def solve_and_store_upload(
    c: Container,
    filename: str,
    content: bytes,
    *,
    overrides: list[str] | None = None,
    created_by: str | None = None,
) -> dict[str, Any]:
    """Solve an uploaded planning file (YAML or Excel, by its name) and store the plan; returns it with "
    "``id``."""
    import tempfile

    suffix = Path(filename).suffix.lower()
    if suffix not in (".yaml", ".yml", ".xlsx", ".xlsm"):
        raise InvalidInput("unsupported file", [Problem("expected .yaml, .yml or .xlsx", field="file")])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        data, lines = read_raw(path)
    if overrides:
        data = apply_overrides(data, overrides)
    doc = solve_problem(problem_from_data(data, lines=lines), with_explanation=True)
    doc["source"] = {"file": filename, "overrides": list(overrides or [])}
    doc["id"] = store_plan(c, doc, data, created_by=created_by)
    return doc


def parse_overrides(text: str) -> list[str]:
    """One ``PATH=VALUE`` per line (blank lines and lines starting with # are ignored)."""
    return [s.strip() for s in text.splitlines() if s.strip() and not s.strip().startswith("#")]
