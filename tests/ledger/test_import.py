"""Bulk import: CSV and Excel, all or nothing, every bad row named with its line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, RuleViolation
from reechain.services import ledger
from reechain.services.movement_import import COLUMNS, import_movements

HEADER = ",".join(COLUMNS[:16])
GOOD = (
    HEADER
    + """
2026-01-05,receipt,C1,CONC,100,,MINE,own_mine,,R-1,,,,,,
2026-01-06,transfer,C1,,100,MINE,SEP,,,,,,,,,
2026-01-08,transform_in,C1,,100,,,,,,T1,SEP,separation,0.95,,
2026-01-08,transform_out,LA1,LA-OX,12,,,,,,T1,,,,,
2026-01-08,transform_out,CE1,CE-OX,24,,,,,,T1,,,,,
2026-01-08,transform_out,PN1,PRND-OX,12,,,,,,T1,,,,,Pr:0.2;Nd:0.8
2026-01-09,transfer,CE1,,24,SEP,WH,,,,,,,,,
2026-01-10,sale,CE1,,10,WH,CUST,,,SO-1,,,,,,
2026-01-11,adjustment,CE1,,-0.5,,WH,,stock count,,,,,,,
"""
)


def test_csv_import_posts_everything(world: Container, tmp_path: Path) -> None:
    f = tmp_path / "m.csv"
    f.write_text(GOOD)
    seen: list[tuple[int, int]] = []
    res = import_movements(world, f, progress=lambda d, t: seen.append((d, t)))
    assert (res.rows, res.lots_created) == (6, 5)  # 6 movements (4 rows are one transformation), LA1-RES too
    assert seen == [(0, 12), (6, 12), (12, 12)]  # checked, then written
    bal = {r.key: r.t_product for r in ledger.stock_balance(world, by="product")}
    assert bal == {"LA-OX": 12.0, "CE-OX": 13.5, "PRND-OX": 12.0}


def test_progress_moves_while_a_long_file_is_checked(world: Container, tmp_path: Path) -> None:
    rows = ["date,kind,lot,product,quantity_t,from_location,to_location,source,reason,reference"]
    rows += [f"2026-02-01,receipt,R{i},CONC,1,,MINE,own_mine,," for i in range(1_200)]
    f = tmp_path / "many.csv"
    f.write_text("\n".join(rows) + "\n")
    seen: list[tuple[int, int]] = []
    res = import_movements(world, f, progress=lambda d, t: seen.append((d, t)))
    assert res.rows == 1_200
    assert seen == [(0, 2_400), (500, 2_400), (1_000, 2_400), (1_200, 2_400), (2_400, 2_400)]


def test_bad_rows_are_all_reported_and_nothing_is_posted(world: Container, tmp_path: Path) -> None:
    lines = GOOD.splitlines()
    lines[2] = "2026-13-06,transfer,C1,,100,MINE,SEP,,,,,,,,,"  # bad date (line 3)
    lines[7] = "2026-01-10,sale,CE1,,ten,WH,CUST,,,SO-1,,,,,,"  # bad number (line 8)
    lines[8] = "2026-01-11,adjustment,CE1,,-0.5,,WH,,,,,,,,,"  # no reason (line 9)
    f = tmp_path / "bad.csv"
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidInput) as e:
        import_movements(world, f)
    assert [(p.line, p.field) for p in e.value.problems] == [(3, "date"), (8, "quantity_t"), (9, "reason")]
    assert ledger.list_movements(world) == []


def test_rule_violation_in_file_names_the_line_and_posts_nothing(world: Container, tmp_path: Path) -> None:
    lines = GOOD.splitlines()
    lines[7] = "2026-01-10,sale,CE1,,30,WH,CUST,,,SO-1,,,,,,"  # only 24 t at WH
    f = tmp_path / "neg.csv"
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(RuleViolation) as e:
        import_movements(world, f)
    assert e.value.problems[0].line == 8
    assert ledger.list_movements(world) == []


def test_unknown_references_are_named_per_line(world: Container, tmp_path: Path) -> None:
    lines = GOOD.splitlines()
    lines[1] = "2026-01-05,receipt,C1,NOPROD,100,,MINE,own_mine,,R-1,,,,,,"
    f = tmp_path / "ref.csv"
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidInput) as e:
        import_movements(world, f)
    assert e.value.problems[0].line == 2 and "NOPROD" in e.value.problems[0].reason


def test_header_is_checked(world: Container, tmp_path: Path) -> None:
    f = tmp_path / "h.csv"
    f.write_text("when,kind,lot,quantity_t\n2026-01-01,receipt,C1,1\n")
    with pytest.raises(InvalidInput) as e:
        import_movements(world, f)
    assert {p.field for p in e.value.problems} == {"date", "when"}


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_excel_import_and_line_numbers(world: Container, tmp_path: Path) -> None:
    from datetime import datetime

    header = list(COLUMNS)

    def row(**kw: object) -> list[object]:
        return [kw.get(c) for c in header]

    f = tmp_path / "m.xlsx"
    _xlsx(
        f,
        [
            header,
            row(
                date=datetime(2026, 1, 5),
                kind="receipt",
                lot="C1",
                product="CONC",
                quantity_t=100,
                to_location="MINE",
                source="own_mine",
            ),
            row(
                date="2026-01-06",
                kind="transfer",
                lot="C1",
                quantity_t=40.5,
                from_location="MINE",
                to_location="WH",
            ),
        ],
    )
    res = import_movements(world, f)
    assert res.rows == 2
    assert {r.key: r.t_product for r in ledger.stock_balance(world, by="location")} == {
        "MINE": None,
        "WH": None,
    }
    assert {r.key: r.t_reo for r in ledger.stock_balance(world, by="location")} == {
        "MINE": 29.75,
        "WH": 20.25,
    }
    bad = tmp_path / "bad.xlsx"
    _xlsx(
        bad,
        [
            header,
            row(
                date="2026-01-07",
                kind="transfer",
                lot="C1",
                quantity_t=1,
                from_location="WH",
                to_location="MINE",
            ),
            row(date="2026-01-07", kind="teleport", lot="C1", quantity_t=1),
            row(
                date="2026-01-07",
                kind="sale",
                lot="C1",
                quantity_t="x",
                from_location="WH",
                to_location="CUST",
            ),
        ],
    )
    with pytest.raises(InvalidInput) as e:
        import_movements(world, bad)
    assert [(p.line, p.field) for p in e.value.problems] == [(3, "kind"), (4, "quantity_t")]
    assert len(ledger.list_movements(world)) == 2
