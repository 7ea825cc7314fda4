"""Record files (CSV and .xlsx): all or nothing, every bad row and column named; duplicates; replace."""

from __future__ import annotations

import io

import openpyxl
import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput
from reechain.services import green as svc

HEADER = "plant,period,item,quantity,zone,note\n"


def problems(e: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[int | None, str | None]]:
    return [(p.line, p.field) for p in e.value.problems]


def test_csv_import_and_every_bad_field_named(green_world: Container) -> None:
    bad = (
        HEADER
        + "SEP,2026-13,electricity_kwh,100,,\n"  # line 2: bad month
        + "NOPE,2026-01,electricity_kwh,NaN,,\n"  # line 3: unknown plant, NaN
        + "SEP,2026-01,electricity,5,,\n"  # line 4: unknown item
        + "SEP,2026-01,coal_t,-1,east,\n"  # line 5: negative, bad zone
        + "SEP,2026-01,steam_gj,inf,,\n"  # line 6: infinity
        + "SEP,2026-01,water_m3,,,\n"  # line 7: unknown item, no quantity
        + "SEP,2026-01,steam_gj,1,,\n"  # line 8: fine
        + "SEP,2026-01,steam_gj,2,,\n"  # line 9: duplicate of line 8
    )
    with pytest.raises(InvalidInput) as e:
        svc.import_records(green_world, "bad.csv", bad.encode(), actor=None)
    assert problems(e) == [
        (2, "period"),
        (3, "plant"),
        (3, "quantity"),
        (4, "item"),
        (5, "quantity"),
        (5, "zone"),
        (6, "quantity"),
        (7, "quantity"),
        (7, "item"),
        (9, "item"),
    ]
    assert svc.list_records(green_world) == []  # nothing stored
    good = HEADER + "SEP,2026-01,steam_gj,1.5,,\nSEP,2026-01,ammonia_nitrogen_mg_per_l,4,special,river\n"
    rep = svc.import_records(green_world, "good.csv", good.encode(), actor=None)
    assert (rep.rows, rep.added, rep.replaced) == (2, 2, 0)
    stored = {(r.item, r.quantity, r.zone.value) for r in svc.list_records(green_world, plant="SEP")}
    assert stored == {("steam_gj", 1.5, "general"), ("ammonia_nitrogen_mg_per_l", 4.0, "special")}


def test_duplicate_of_a_stored_record_is_refused_unless_replace(green_world: Container) -> None:
    svc.import_records(green_world, "a.csv", (HEADER + "SEP,2026-01,steam_gj,1,,\n").encode(), actor=None)
    again = (HEADER + "SEP,2026-01,coal_t,3,,\nSEP,2026-01,steam_gj,2,,\n").encode()
    with pytest.raises(InvalidInput) as e:
        svc.import_records(green_world, "b.csv", again, actor=None)
    assert problems(e) == [(3, "item")] and "already recorded" in str(e.value)
    assert [r.item for r in svc.list_records(green_world)] == ["steam_gj"]  # coal_t not stored either
    rep = svc.import_records(green_world, "b.csv", again, replace=True, actor=None)
    assert (rep.added, rep.replaced) == (1, 1)
    assert {r.item: r.quantity for r in svc.list_records(green_world)} == {"steam_gj": 2.0, "coal_t": 3.0}


def test_unknown_column_and_file_type(green_world: Container) -> None:
    with pytest.raises(InvalidInput) as e:
        svc.import_records(
            green_world, "x.csv", b"plant,period,item,quantity,colour\nSEP,2026-01,coal_t,1,red\n", actor=None
        )
    assert problems(e) == [(2, "colour")]
    with pytest.raises(InvalidInput):
        svc.import_records(green_world, "x.txt", b"hello", actor=None)
    with pytest.raises(InvalidInput):
        svc.import_records(green_world, "x.xlsx", b"not a workbook", actor=None)
    with pytest.raises(InvalidInput):
        svc.import_records(green_world, "x.csv", b"plant,period\xff\n", actor=None)


def xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_import_with_numbers_and_errors(green_world: Container) -> None:
    data = xlsx(
        [
            ["plant", "period", "item", "quantity"],
            ["SEP", "2026-01", "electricity_kwh", 144000],
            [None, None, None, None],
            ["SEP", "2026-01", "coal_t", float("nan")],
            ["SEP", "2026-01", "steam_gj", True],
        ]
    )
    with pytest.raises(InvalidInput) as e:
        svc.import_records(green_world, "r.xlsx", data, actor=None)
    assert problems(e) == [(4, "quantity"), (5, "quantity")]
    ok = xlsx([["plant", "period", "item", "quantity"], ["SEP", "2026-01", "electricity_kwh", 144000]])
    assert svc.import_records(green_world, "r.xlsx", ok, actor=None).added == 1
    (k,) = svc.plant_kpis(green_world, plant="SEP", period="2026-01").months
    assert k.per_t_reo["electricity_kwh"] == 3000.0
