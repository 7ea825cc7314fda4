"""A solved plan document as an Excel workbook for analysts (sheets and columns in ``docs/planning.md``).

Works on the plan document alone (``results.plan_document``, a stored plan from ``services.planning``), in
memory: :func:`plan_workbook` builds the openpyxl workbook, :func:`plan_workbook_bytes` gives the ``.xlsx``
file content. A document that lacks a part still gives every sheet, with its header and no rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reechain.planning.explain import explain

TONNES = "#,##0.0"
MONEY = "#,##0"
MONEY_CENTS = "#,##0.00"
SHARE = "0.0%"
SECONDS = "0.000"
WHEN = "yyyy-mm-dd hh:mm"

MIN_WIDTH = 8
MAX_WIDTH = 60
WRAP_WIDTH = 100  # text columns of sentences and notes: wide, wrapped
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Column:
    """One column: its header (with the unit) and the number format of its cells."""

    header: str
    number_format: str | None = None
    wrap: bool = False


Row = list[Any]


def plan_workbook(doc: Mapping[str, Any]) -> Workbook:
    """The workbook of a plan document: Summary, Feed, Processing, Production, Elements, Stock, Sales,
    Quotas, Capacity, Licences, Explanation."""
    cur = str(doc.get("currency") or "currency")  # the file format always gives one (default CNY)
    book = Workbook()
    book.remove(book.active)
    _summary(book, doc, cur)
    _sheet(
        book,
        "Feed",
        [
            Column("period"),
            Column("feed"),
            Column("bought (t)", TONNES),
            Column("used (t)", TONNES),
            Column("feed stock at period end (t)", TONNES),
        ],
        (
            [period, feed, row.get("bought_t"), row.get("used_t"), row.get("stock_t")]
            for period, p in _periods(doc)
            for feed, row in _items(p.get("feeds"))
        ),
    )
    _sheet(
        book,
        "Processing",
        [
            Column("period"),
            Column("plant"),
            Column("REO processed (t REO)", TONNES),
            Column("feed used (t)", TONNES),
            Column("capacity (t REO)", TONNES),
            Column("utilisation (%)", SHARE),
            Column("running"),
        ],
        (
            [
                period,
                plant,
                row.get("reo_fed_t"),
                _total(row.get("feed_t")),
                row.get("capacity_t_reo"),
                row.get("utilisation"),
                _yes_no(row.get("running")),
            ]
            for period, p in _periods(doc)
            for plant, row in _items(p.get("plants"))
        ),
    )
    _sheet(
        book,
        "Production",
        [Column("period"), Column("product"), Column("made by plants (t)", TONNES)],
        (
            [period, product, made]
            for period, p in _periods(doc)
            for product, made in _items(p.get("production_t"))
        ),
    )
    _elements(book, doc)
    _sheet(
        book,
        "Stock",
        [
            Column("period"),
            Column("product"),
            Column("stock at period end (t)", TONNES),
            Column("safety stock shortfall (t)", TONNES),
            Column(f"value of one more t in stock ({cur}/t)", MONEY),
        ],
        (
            [
                period,
                product,
                stock,
                _get(p.get("safety_stock_shortfall_t"), product),
                _get(p.get("product_value_per_t"), product),
            ]
            for period, p in _periods(doc)
            for product, stock in _items(p.get("stock_t"))
        ),
    )
    _sheet(
        book,
        "Sales",
        [
            Column("period"),
            Column("demand line"),
            Column("product"),
            Column("channel"),
            Column("destination"),
            Column("sold (t)", TONNES),
            Column(f"price ({cur}/t)", MONEY),
            Column(f"revenue ({cur})", MONEY),
            Column("line maximum (t)", TONNES),
            Column("contract minimum (t)", TONNES),
            Column("unmet minimum (t)", TONNES),
            Column(f"value of one more t on the line ({cur}/t)", MONEY),
            Column("shipped as (t by product)"),
        ],
        (
            [
                period,
                line.get("line"),
                line.get("product"),
                line.get("channel"),
                line.get("destination"),
                line.get("sold_t"),
                line.get("price_per_t"),
                line.get("revenue"),
                line.get("max_t"),
                line.get("min_t"),
                line.get("unmet_t"),
                line.get("limit_value_per_t"),
                _shipped(line.get("shipped_t")),
            ]
            for period, p in _periods(doc)
            for line in p.get("sales") or []
            if isinstance(line, Mapping)
        ),
    )
    _sheet(
        book,
        "Quotas",
        [
            Column("period"),
            Column("quota"),
            Column("kind"),
            Column("used in period (t REO)", TONNES),
            Column("used to period end, with use before the plan (t REO)", TONNES),
            Column("limit over the horizon (t REO)", TONNES),
            Column("remaining at period end (t REO)", TONNES),
            Column(f"value of one more t REO in period ({cur}/t)", MONEY),
            Column("batch limit to period end (t REO)", TONNES),
            Column(f"value of one more t REO of the batch ({cur}/t)", MONEY),
        ],
        _quota_rows(doc),
    )
    _sheet(
        book,
        "Capacity",
        [
            Column("period"),
            Column("kind"),
            Column("plant or process"),
            Column("use (t REO; process: units)", TONNES),
            Column("capacity (t REO; process: units)", TONNES),
            Column("utilisation (%)", SHARE),
            Column(f"value of one more t REO of capacity ({cur}/t)", MONEY),
        ],
        _capacity_rows(doc),
    )
    _sheet(
        book,
        "Licences",
        [
            Column("licence"),
            Column("limit (t)", TONNES),
            Column("used (t)", TONNES),
            Column("remaining (t)", TONNES),
            Column(f"value of one more t ({cur}/t)", MONEY),
        ],
        (
            [
                row.get("licence"),
                row.get("limit_t"),
                row.get("used_t"),
                _minus(row.get("limit_t"), row.get("used_t")),
                row.get("value_per_t"),
            ]
            for row in doc.get("licences") or []
            if isinstance(row, Mapping)
        ),
    )
    _sheet(
        book,
        "Explanation",
        [
            Column("part"),
            Column("text", wrap=True),
            Column("constraint kind"),
            Column("constraint"),
            Column("periods"),
            Column(f"value of one more t ({cur}/t)", MONEY),
        ],
        _explanation_rows(doc),
    )
    return book


def plan_workbook_bytes(doc: Mapping[str, Any]) -> bytes:
    """The ``.xlsx`` file content of :func:`plan_workbook`."""
    buffer = BytesIO()
    plan_workbook(doc).save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- sheets


def _sheet(book: Workbook, title: str, columns: list[Column], rows: Iterable[Row]) -> Any:
    ws = book.create_sheet(title)
    ws.append([c.header for c in columns])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=False, vertical="top")
    widths = [len(c.header) for c in columns]
    for row in rows:
        ws.append(row)
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _shown_width(value, columns[i].number_format))
    for i, column in enumerate(columns, start=1):
        if column.number_format or column.wrap:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                if column.number_format and isinstance(cell.value, int | float | datetime):
                    cell.number_format = column.number_format
                if column.wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        limit = WRAP_WIDTH if column.wrap else MAX_WIDTH
        ws.column_dimensions[get_column_letter(i)].width = min(max(widths[i - 1] + 2, MIN_WIDTH), limit)
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    return ws


def _summary(book: Workbook, doc: Mapping[str, Any], cur: str) -> None:
    source: Mapping[str, Any] = doc["source"] if isinstance(doc.get("source"), Mapping) else {}
    rows: list[Row] = []
    formats: list[str | None] = []

    def add(field: str, value: Any, unit: str = "", number_format: str | None = None) -> None:
        if value is not None and value != "":
            rows.append([field, value, unit])
            formats.append(number_format)

    add("plan id", doc.get("id"), number_format="0")
    add("name", doc.get("name"))
    add("year", source.get("ledger_year"), number_format="0")
    created = _when(doc.get("created_at"))
    add("created", created, "UTC" if isinstance(created, datetime) else "", WHEN)
    add("status", doc.get("status"))
    add("mixed-integer (duals reported as 0)", _yes_no(doc.get("mip")))
    add("objective", doc.get("objective"), cur, MONEY_CENTS)
    for term, value in _items(doc.get("objective_terms")):
        add(f"objective term: {term.replace('_', ' ')}", value, cur, MONEY_CENTS)
    add("currency", doc.get("currency"))
    add("solver time", doc.get("solve_s"), "s", SECONDS)
    add("model build time", doc.get("build_s"), "s", SECONDS)
    add("source file", source.get("file"))
    add("scenario overrides", "; ".join(str(o) for o in source.get("overrides") or []))
    for note in source.get("notes") or []:
        add("note", str(note))
    add("dual values", doc.get("dual_convention"))
    ws = _sheet(book, "Summary", [Column("field"), Column("value", wrap=True), Column("unit")], rows)
    for (cell,), number_format in zip(ws.iter_rows(min_row=2, min_col=2, max_col=2), formats, strict=True):
        if (
            number_format
            and isinstance(cell.value, int | float | datetime)
            and not isinstance(cell.value, bool)
        ):
            cell.number_format = number_format
            cell.alignment = Alignment(horizontal="right", vertical="top")


def _elements(book: Workbook, doc: Mapping[str, Any]) -> None:
    """Production by element (t REO): periods down, elements across, with a stacked bar chart."""
    periods = list(_periods(doc))
    elements: list[str] = []
    for _, p in periods:
        for element, made in _items(p.get("elements_made_t_reo")):
            if element not in elements and _number(made) > 0:
                elements.append(element)
    columns = [Column("period"), *(Column(f"{e} (t REO)", TONNES) for e in elements)]
    rows = [[period, *(_get(p.get("elements_made_t_reo"), e) for e in elements)] for period, p in periods]
    ws = _sheet(book, "Elements", columns, rows)
    if not rows or not elements:
        return
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Production by element (t REO)"
    chart.y_axis.title = "t REO"
    chart.x_axis.title = "period"
    chart.height, chart.width = 9, 18
    data = Reference(ws, min_col=2, max_col=len(columns), min_row=1, max_row=len(rows) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
    ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}2")


def _quota_rows(doc: Mapping[str, Any]) -> Iterator[Row]:
    quotas = {str(q.get("id")): q for q in doc.get("quotas") or [] if isinstance(q, Mapping)}
    to_date: dict[str, float] = {q: _number(row.get("used_before_t_reo")) for q, row in quotas.items()}
    for period, p in _periods(doc):
        for quota, used in _items(p.get("quota_use_t_reo")):
            horizon = quotas.get(quota, {})
            to_date[quota] = to_date.get(quota, 0.0) + _number(used)
            limit = horizon.get("limit_t_reo")
            batch = next(
                (
                    b
                    for b in horizon.get("batches") or []
                    if isinstance(b, Mapping) and b.get("to_period") == period
                ),
                {},
            )
            yield [
                period,
                quota,
                horizon.get("kind"),
                used,
                round(to_date[quota], 6),
                limit,
                _minus(limit, round(to_date[quota], 6)),
                _get(p.get("quota_value_per_t"), quota),
                batch.get("limit_t_reo"),
                batch.get("value_per_t"),
            ]


def _capacity_rows(doc: Mapping[str, Any]) -> Iterator[Row]:
    for period, p in _periods(doc):
        for plant, row in _items(p.get("plants")):
            yield [
                period,
                "plant",
                plant,
                row.get("reo_fed_t"),
                row.get("capacity_t_reo"),
                row.get("utilisation"),
                row.get("capacity_value_per_t"),
            ]
        for process, row in _items(p.get("processes")):
            activity, capacity = row.get("activity"), row.get("capacity")
            share = _number(activity) / _number(capacity) if _number(capacity) else None
            yield [
                period,
                "process",
                process,
                activity,
                capacity,
                None if share is None else round(share, 4),
                None,
            ]


def _explanation_rows(doc: Mapping[str, Any]) -> Iterator[Row]:
    try:
        expl = explain(dict(doc))
    except (KeyError, IndexError, TypeError, ZeroDivisionError):
        return  # a document without the parts the explanation reads: the sheet keeps its header only
    co_products = set(expl.co_products)
    for sentence in expl.sentences:
        yield ["co-product" if sentence in co_products else "summary", sentence, None, None, None, None]
    for b in expl.binding:
        yield ["what binds", b.detail, b.kind, b.name, ", ".join(b.periods) or "horizon", b.value_per_t]


# ---------------------------------------------------------------- helpers


def _periods(doc: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for p in doc.get("periods") or []:
        if isinstance(p, Mapping):
            yield str(p.get("period", "")), p


def _items(value: Any) -> Iterator[tuple[str, Any]]:
    """Key/value pairs of a mapping in the document (nothing when the part is missing)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key), item


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, Mapping) else None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: Any) -> float:
    return float(value) if _is_number(value) else 0.0


def _total(value: Any) -> float | None:
    return round(sum(_number(v) for v in value.values()), 6) if isinstance(value, Mapping) else None


def _minus(a: Any, b: Any) -> float | None:
    if not _is_number(a) or not _is_number(b):
        return None
    return round(float(a) - float(b), 6)


def _yes_no(value: Any) -> str | None:
    return None if value is None else "yes" if value else "no"


def _shipped(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    return "; ".join(f"{k} {_number(v):,.1f}" for k, v in value.items())


def _when(value: Any) -> datetime | str | None:
    """A stored plan's ``created_at`` as a UTC date and time (Excel has no time zones)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.replace(microsecond=0)


_FORMATTERS: dict[str, Callable[[float], str]] = {
    TONNES: lambda v: f"{v:,.1f}",
    MONEY: lambda v: f"{v:,.0f}",
    SHARE: lambda v: f"{100 * v:.1f}%",
    SECONDS: lambda v: f"{v:.3f}",
}


def _shown_width(value: Any, number_format: str | None) -> int:
    """About how many characters a cell shows, for the column width."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if _is_number(value):
        formatter = _FORMATTERS.get(number_format or "")
        return len(formatter(float(value)) if formatter else str(value))
    return max((len(line) for line in str(value).splitlines()), default=0)
