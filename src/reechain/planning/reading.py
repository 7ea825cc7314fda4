"""Read a planning file (YAML or Excel) into a validated :class:`PlanningProblem`.

Excel layout (one sheet per top-level section, first row = field names; see ``docs/planning.md``):
a ``problem`` sheet of ``field | value`` rows (name, currency, periods, elements; lists separated by ``,``),
then sheets ``quotas``, ``feeds``, ``plants``, ``products``, ``processes``, ``inventory``, ``demand``,
``licences`` with one item per row. A column ``composition.La`` fills ``composition: {La: ...}``; list fields
(``quotas``, ``feeds``, ``outputs``, ``accepts``) are separated by ``,``. Both sources give the same raw data,
so the same validation and the same messages apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reechain.domain.errors import InvalidInput, Problem
from reechain.planning.problem import PlanningProblem
from reechain.planning.validation import problem_from_data

LIST_FIELDS = {
    "quotas",
    "feeds",
    "outputs",
    "accepts",
    "periods",
    "elements",
    "licence_required_destinations",
}
SECTIONS = (
    "quotas",
    "feeds",
    "plants",
    "products",
    "processes",
    "inventory",
    "demand",
    "licences",
    "partners",
    "agreements",
)


def read_problem(path: Path, overrides: list[str] | None = None) -> PlanningProblem:
    """Read, apply ``--set`` overrides (``reechain.planning.scenarios``) and validate."""
    from reechain.planning.scenarios import apply_overrides

    data, lines = read_raw(path)
    if overrides:
        data = apply_overrides(data, overrides)
    return problem_from_data(data, lines=lines)


def read_raw(path: Path) -> tuple[Any, dict[str, int]]:
    if not path.exists():
        raise InvalidInput(f"no such planning file: {path}", [Problem("file not found", field=str(path))])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_excel(path)
    return read_yaml(path.read_text(encoding="utf-8"))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader reads a year of weekly data about ten times faster than the pure-Python one."""


def read_yaml(text: str) -> tuple[Any, dict[str, int]]:
    """Parse YAML and map every field path (``feeds[0].composition``) to its 1-based line."""
    try:
        loader = _LOADER(text)
        try:  # parsed once: the node tree gives the lines, the same tree the data
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidInput(
            "planning file is not valid YAML", [Problem(str(e).splitlines()[0], line=line)]
        ) from None
    lines: dict[str, int] = {}
    if node is not None:
        _map_lines(node, "", lines)
    return data, lines


def _map_lines(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    if path:
        lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            lines[child] = key.start_mark.line + 1
            _map_lines(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            _map_lines(value, f"{path}[{i}]", lines)


def read_excel(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Raw data and, for messages, the sheet row of every item (``feeds[0]`` → row 2 of sheet ``feeds``)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several unrelated types for a broken file
        raise InvalidInput("cannot read the Excel file", [Problem(str(e), field=str(path))]) from None
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if "problem" in book.sheetnames:
        for number, row in enumerate(book["problem"].iter_rows(min_row=2, values_only=True), start=2):
            if not row or row[0] in (None, ""):
                continue
            lines[str(row[0]).strip()] = number
            key, value = str(row[0]).strip(), row[1] if len(row) > 1 else None
            data[key] = _split(value) if key in LIST_FIELDS else value
    for section in SECTIONS:
        if section not in book.sheetnames:
            continue
        rows = list(book[section].iter_rows(values_only=True))
        if not rows:
            continue
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        items: list[dict[str, Any]] = []
        for number, row in enumerate(rows[1:], start=2):
            if all(v in (None, "") for v in row):
                continue
            lines[f"{section}[{len(items)}]"] = number
            items.append(_item(header, row))
        data[section] = items
    return data, lines


def _item(header: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for name, value in zip(header, row, strict=False):
        if not name or value in (None, ""):
            continue
        if "." in name:
            outer, inner = name.split(".", 1)
            item.setdefault(outer, {})[inner] = value
        elif name in LIST_FIELDS:
            item[name] = _split(value)
        else:
            item[name] = value
    return item


def _split(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    return [part.strip() for part in str(value).split(",") if part.strip()]


def write_excel(data: dict[str, Any], path: Path) -> None:
    """Write raw planning data in the Excel layout read by :func:`read_excel` (a template for users)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "problem"
    sheet.append(["field", "value"])
    for key, value in data.items():
        if key in SECTIONS:
            continue
        sheet.append([key, ", ".join(map(str, value)) if isinstance(value, list) else value])
    for section in SECTIONS:
        items = [i for i in data.get(section) or [] if isinstance(i, dict)]
        if not items:
            continue
        header: list[str] = []
        for item in items:
            for key, value in item.items():
                names = [f"{key}.{k}" for k in value] if isinstance(value, dict) else [key]
                header.extend(n for n in names if n not in header)
        ws = book.create_sheet(section)
        ws.append(header)
        for item in items:
            row = []
            for name in header:
                outer, _, inner = name.partition(".")
                value = item.get(outer)
                if inner and isinstance(value, dict):
                    value = value.get(inner)
                elif inner:
                    value = None
                row.append(", ".join(map(str, value)) if isinstance(value, list) else value)
            ws.append(row)
    book.save(path)
