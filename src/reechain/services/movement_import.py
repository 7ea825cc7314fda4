"""Bulk import of movements from CSV or Excel: all or nothing, every bad row reported with its line.

Format (one movement per row; a transformation is several rows sharing a ``transformation`` key):
see ``docs/ledger.md`` → "Import file format"."""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.movements import LotLine, MovementInput, MovementKind, Process, ReceiptSource
from reechain.domain.quotas import QuotaOverride
from reechain.services.ledger import post_movements

COLUMNS = (
    "date",
    "kind",
    "lot",
    "product",
    "quantity_t",
    "from_location",
    "to_location",
    "source",
    "reason",
    "reference",
    "transformation",
    "plant",
    "process",
    "recovery",
    "reo_fraction",
    "composition",
    "override_by",
    "override_reason",
)
REQUIRED_COLUMNS = ("date", "kind", "lot", "quantity_t")
ROW_KINDS = ("receipt", "transfer", "sale", "adjustment", "transform_in", "transform_out")


@dataclass(frozen=True)
class ImportResult:
    rows: int
    posted: int
    entries: int
    lots_created: int


def csv_text(data: bytes) -> str:
    """The text of a CSV file, or InvalidInput naming the line when it is not UTF-8 or holds a NUL character.

    Shared by the command line and the web upload, so no path posts text the database would refuse."""
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        line = body.count(b"\n", 0, e.start) + 1
        raise InvalidInput(
            "the file is not UTF-8 text (save it as CSV UTF-8); nothing was imported",
            [Problem(f"byte {e.start + len(data) - len(body)}: {e.reason}", "file", line)],
        ) from e
    nul = text.find("\x00")
    if nul >= 0:
        raise InvalidInput(
            "the file contains NUL characters, so it is not a text CSV file; nothing was imported",
            [Problem("NUL character", "file", text.count("\n", 0, nul) + 1)],
        )
    return text


def _rows_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(csv_text(path.read_bytes()), newline=""))
    _check_header(list(reader.fieldnames or []))
    for row in reader:
        extra = row.pop(None, None)  # cells past the header's columns
        if extra and any(str(cell).strip() for cell in extra):
            row[EXTRA_CELLS] = len(extra)
        if any((v or "").strip() for v in row.values() if isinstance(v, str)) or EXTRA_CELLS in row:
            yield reader.line_num, row


def _rows_xlsx(path: Path, sheet: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several types for a file that is not a workbook
        raise InvalidInput(
            f"{path.name} is not a readable Excel workbook; nothing was imported", [Problem(str(e), "file")]
        ) from e
    try:
        try:
            ws = wb[sheet] if sheet else wb.worksheets[0]
        except (KeyError, IndexError):
            raise InvalidInput(
                f"no sheet {sheet or 1!r} in {path.name}", [Problem("unknown sheet", "sheet")]
            ) from None
        rows = _sheet_rows(ws.iter_rows(values_only=True), path.name)
        first = next(rows, None)
        header = [str(h).strip() if h is not None else "" for h in (first[1] if first else ())]
        _check_header(header)
        for n, values in rows:
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            yield n, dict(zip(header, values, strict=False))
    finally:
        wb.close()


def _sheet_rows(rows: Iterator[tuple[Any, ...]], name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Sheet rows with their line; a sheet that cannot be parsed is InvalidInput naming the line reached.

    A read-only workbook is parsed while it is read, so a damaged sheet only shows up here."""
    n = 0
    while True:
        n += 1
        try:
            values = next(rows, None)
        except Exception as e:  # the XML parser and openpyxl raise several types for a damaged sheet
            raise InvalidInput(
                f"{name} is not a readable Excel workbook; nothing was imported", [Problem(str(e), "file", n)]
            ) from e
        if values is None:
            return
        yield n, values


def _check_header(header: list[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    problems = [Problem(f"missing column {c!r}", c, 1) for c in missing]
    problems += [Problem(f"unknown column {c!r} (known: {', '.join(COLUMNS)})", c, 1) for c in unknown]
    if problems:
        raise InvalidInput("the file header is not the movement import format", problems)


def _text(row: dict[str, Any], name: str) -> str | None:
    v = row.get(name)
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _float(row: dict[str, Any], name: str, line: int, problems: list[Problem]) -> float | None:
    v = row.get(name)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        x = float(str(v).replace(",", "")) if isinstance(v, str) else float(v)
    except (TypeError, ValueError):
        problems.append(Problem(f"{v!r} is not a number", name, line))
        return None
    if not math.isfinite(x):
        problems.append(Problem(f"{v!r} is not a finite number", name, line))
        return None
    return x


def _date(row: dict[str, Any], line: int, problems: list[Problem]) -> date | None:
    v = row.get("date")
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v).strip())
    except (TypeError, ValueError):
        problems.append(Problem(f"{v!r} is not a date (YYYY-MM-DD)", "date", line))
        return None


def _composition(text: str | None, line: int, problems: list[Problem]) -> dict[str, float] | None:
    """``La:0.25;Ce:0.5;Pr:0.05;Nd:0.2`` (fractions of REO)."""
    if not text:
        return None
    out: dict[str, float] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        el, _, frac = part.partition(":")
        try:
            out[el.strip()] = float(frac)
        except ValueError:
            problems.append(Problem(f"{part!r} is not ELEMENT:FRACTION", "composition", line))
    return out


@dataclass
class _Group:
    line: int
    occurred_on: date
    plant: str | None
    process: str | None
    recovery: float | None
    reference: str | None
    override: QuotaOverride | None
    inputs: list[LotLine]
    outputs: list[LotLine]


EXTRA_CELLS = "__extra_cells__"
"""Set on a CSV row that has more cells than the header has columns: refused, never silently dropped."""


def parse_rows(rows: Iterator[tuple[int, dict[str, Any]]]) -> list[MovementInput]:
    """Turn file rows into movements; raise InvalidInput listing every bad row (and nothing else)."""
    problems: list[Problem] = []
    out: list[tuple[int, MovementInput | _Group]] = []
    groups: dict[str, _Group] = {}
    for line, row in rows:
        before = len(problems)
        if EXTRA_CELLS in row:
            problems.append(
                Problem(f"{row.pop(EXTRA_CELLS)} cell(s) more than the header has columns", "row", line)
            )
        kind = (_text(row, "kind") or "").lower()
        on = _date(row, line, problems)
        qty = _float(row, "quantity_t", line, problems)
        reo = _float(row, "reo_fraction", line, problems)
        rec = _float(row, "recovery", line, problems)
        comp = _composition(_text(row, "composition"), line, problems)
        lot = _text(row, "lot")
        if kind not in ROW_KINDS:
            problems.append(Problem(f"unknown kind {kind!r} (one of {', '.join(ROW_KINDS)})", "kind", line))
        if qty is None and "quantity_t" not in {p.field for p in problems[before:]}:
            problems.append(Problem("quantity_t is required", "quantity_t", line))
        if not lot:
            problems.append(Problem("lot is required", "lot", line))
        who, why = _text(row, "override_by"), _text(row, "override_reason")
        override = QuotaOverride(who or "", why or "") if (who or why) else None
        if override is not None:
            problems += [Problem(p.reason, p.field, line) for p in override.problems()]
        source = _text(row, "source")
        if source is not None and source not in {s.value for s in ReceiptSource}:
            problems.append(Problem(f"unknown source {source!r}", "source", line))
            source = None
        process = _text(row, "process")
        if process is not None and process not in {p.value for p in Process}:
            problems.append(Problem(f"unknown process {process!r}", "process", line))
        if len(problems) > before or on is None or qty is None or lot is None:
            continue
        if kind in ("transform_in", "transform_out"):
            key = _text(row, "transformation")
            if key is None:
                problems.append(
                    Problem("transformation key is required for transform rows", "transformation", line)
                )
                continue
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(
                    line, on, None, None, None, _text(row, "reference"), override, [], []
                )
                out.append((line, g))
            g.plant = g.plant or _text(row, "plant")
            g.process = g.process or process
            g.recovery = g.recovery if g.recovery is not None else rec
            g.override = g.override or override
            if on != g.occurred_on:
                problems.append(
                    Problem(f"date differs from the transformation's ({g.occurred_on})", "date", line)
                )
            ln = LotLine(lot, qty, _text(row, "product"), reo, comp)
            (g.inputs if kind == "transform_in" else g.outputs).append(ln)
            continue
        m = MovementInput(
            kind=MovementKind(kind),
            occurred_on=on,
            lot=lot,
            quantity_t=qty,
            product=_text(row, "product"),
            from_location=_text(row, "from_location"),
            to_location=_text(row, "to_location"),
            source=ReceiptSource(source) if source else None,
            reo_fraction=reo,
            composition=comp,
            reason=_text(row, "reason"),
            reference=_text(row, "reference"),
            override=override,
            line=line,
        )
        problems += m.problems()
        out.append((line, m))
    movements = []
    for line, item in out:
        if isinstance(item, _Group):
            m = MovementInput(
                kind=MovementKind.TRANSFORMATION,
                occurred_on=item.occurred_on,
                plant=item.plant,
                process=Process(item.process) if item.process else None,
                recovery=item.recovery,
                inputs=tuple(item.inputs),
                outputs=tuple(item.outputs),
                reference=item.reference,
                override=item.override,
                line=line,
            )
            if m.process is None:
                problems.append(Problem("process is required for a transformation", "process", line))
            problems += m.problems()
            movements.append(m)
        else:
            movements.append(item)
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise InvalidInput(f"{len({p.line for p in problems})} bad row(s); nothing was imported", problems)
    return movements


def read_movements(path: Path, *, sheet: str | None = None) -> list[MovementInput]:
    if not path.exists():
        raise InvalidInput(f"no such file: {path}", [Problem("not found", "file")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return parse_rows(_rows_xlsx(path, sheet))
    if suffix in (".csv", ".txt"):
        return parse_rows(_rows_csv(path))
    raise InvalidInput(f"unsupported file type {suffix!r}", [Problem("use .csv or .xlsx", "file")])


def import_movements(
    c: Container,
    path: Path,
    *,
    sheet: str | None = None,
    posted_by: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read and post every movement of the file in one transaction (all or nothing)."""
    movements = read_movements(path, sheet=sheet)
    if posted_by:
        from dataclasses import replace

        movements = [replace(m, posted_by=posted_by) for m in movements]
    result = post_movements(c, movements, progress=progress)
    return ImportResult(len(movements), result.posted, result.entries, len(result.lots_created))
