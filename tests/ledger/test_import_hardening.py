"""Import files that are not what they claim (not UTF-8, NUL characters, damaged workbooks) are refused with
InvalidInput naming the line where possible, and nothing is posted: from the service, the command line and
the web upload alike."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from reechain.api.routers.ledger import import_upload
from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.services import ledger
from reechain.services.movement_import import COLUMNS, csv_text, import_movements

HEADER = ",".join(COLUMNS[:8])
# Three good receipts into the small world of ``helpers``; line 3 carries a non-ASCII reference.
ROWS = [
    HEADER,
    "2026-01-05,receipt,C1,CONC,100,,MINE,own_mine",
    "2026-01-05,receipt,C2,CONC,50,,MINE,purchase",
    "2026-01-06,receipt,C3,CONC,25,,MINE,purchase",
]


def _csv(tmp_path: Path, data: bytes, name: str = "m.csv") -> Path:
    f = tmp_path / name
    f.write_bytes(data)
    return f


def _refused(c: Container, f: Path) -> InvalidInput:
    with pytest.raises(InvalidInput) as e:
        import_movements(c, f)
    assert ledger.list_movements(c) == []
    return e.value


def test_latin1_csv_is_refused_naming_the_line(world: Container, tmp_path: Path) -> None:
    rows = [*ROWS]
    rows[2] = "2026-01-05,receipt,C2-Déchet,CONC,50,,MINE,purchase"  # é in Latin-1 is byte 0xE9
    err = _refused(world, _csv(tmp_path, ("\n".join(rows) + "\n").encode("latin-1")))
    assert "UTF-8" in str(err)
    assert [(p.field, p.line) for p in err.problems] == [("file", 3)]


def test_utf16_csv_is_refused(world: Container, tmp_path: Path) -> None:
    """What some spreadsheet programs save as 'Unicode text': UTF-16 with a byte-order mark."""
    err = _refused(world, _csv(tmp_path, ("\n".join(ROWS) + "\n").encode("utf-16")))
    assert [(p.field, p.line) for p in err.problems] == [("file", 1)]


def test_nul_character_is_refused_naming_the_line(world: Container, tmp_path: Path) -> None:
    rows = [*ROWS]
    rows[3] = "2026-01-06,receipt,C\x003,CONC,25,,MINE,purchase"
    err = _refused(world, _csv(tmp_path, ("\n".join(rows) + "\n").encode()))
    assert "NUL" in str(err)
    assert [(p.field, p.line) for p in err.problems] == [("file", 4)]


def test_byte_order_mark_is_still_accepted_and_does_not_shift_lines() -> None:
    assert csv_text(b"\xef\xbb\xbfdate,kind\n") == "date,kind\n"
    with pytest.raises(InvalidInput) as e:
        csv_text(b"\xef\xbb\xbfdate,kind\n2026-01-01,receipt\nx,\xff\n")
    assert e.value.problems[0].line == 3
    # 3 (mark) + 10 + 19 + 2: the offset in the file, the mark included
    assert "byte 34" in e.value.problems[0].reason


def test_good_utf8_csv_with_byte_order_mark_imports(world: Container, tmp_path: Path) -> None:
    res = import_movements(world, _csv(tmp_path, ("\ufeff" + "\n".join(ROWS) + "\n").encode()))
    assert res.rows == 3
    assert sum(r.t_product for r in ledger.stock_balance(world, by="product")) == pytest.approx(175.0)


def _workbook(rows: list[str]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row.split(","))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _damaged_sheet(data: bytes) -> bytes:
    """The same workbook with its first sheet's XML cut in half: the zip and workbook parts still open."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            part = src.read(name)
            dst.writestr(name, part[: len(part) // 2] if name == "xl/worksheets/sheet1.xml" else part)
    return out.getvalue()


def test_workbook_with_a_damaged_sheet_is_refused(world: Container, tmp_path: Path) -> None:
    good = _workbook(ROWS)
    err = _refused(world, _csv(tmp_path, _damaged_sheet(good), "m.xlsx"))
    assert "not a readable Excel workbook" in str(err)
    assert err.problems[0].field == "file"


@pytest.mark.parametrize("data", [b"", b"date,kind\n2026-01-01,receipt\n", b"PK\x03\x04" + b"\x00" * 64])
def test_file_that_is_not_a_workbook_is_refused(world: Container, tmp_path: Path, data: bytes) -> None:
    err = _refused(world, _csv(tmp_path, data, "m.xlsx"))
    assert "not a readable Excel workbook" in str(err)


def test_web_upload_shares_the_check(world: Container) -> None:
    rows = [*ROWS]
    rows[1] = "2026-01-05,receipt,C1,CONC,100,,MINE,own_mine,\x00"
    with pytest.raises(InvalidInput) as e:
        import_upload(world, ("\n".join(rows) + "\n").encode(), "moves.csv", "tester")
    assert [(p.field, p.line) for p in e.value.problems] == [("file", 2)]
    assert ledger.list_movements(world) == []
    res = import_upload(world, ("\n".join(ROWS) + "\n").encode(), "moves.csv", "tester")
    assert res.rows == 3


@pytest.fixture
def cli(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    return CliRunner()


def test_cli_refuses_bad_files_without_a_traceback(cli: CliRunner, tmp_path: Path) -> None:
    assert cli.invoke(app, ["init", "--sample"]).exit_code == 0
    before = cli.invoke(app, ["ledger", "movements", "--json", "-"]).stdout
    good = ["date,kind,lot,product,quantity_t,to_location,source,reference"]
    good.append("2026-11-21,receipt,X1,CONC-BO,10,WH-MAIN,purchase,PO-1")
    latin = [*good, "2026-11-21,receipt,X2,CONC-BO,5,WH-MAIN,purchase,Réf-2"]
    nul = [*good, "2026-11-21,receipt,X2,CONC-BO,5,WH-MAIN,purchase,P\x00O-2"]
    cases = {
        "latin.csv": ("\n".join(latin) + "\n").encode("latin-1"),
        "nul.csv": ("\n".join(nul) + "\n").encode(),
        "damaged.xlsx": _damaged_sheet(_workbook(good)),
    }
    for name, data in cases.items():
        r = cli.invoke(app, ["ledger", "import", str(_csv(tmp_path, data, name))])
        assert r.exit_code == InvalidInput.exit_code, (name, r.output)
        assert isinstance(r.exception, SystemExit), (name, r.exception)
        assert "InvalidInput" in r.output
    assert "line 3" in cli.invoke(app, ["ledger", "import", str(tmp_path / "latin.csv")]).output
    assert cli.invoke(app, ["ledger", "movements", "--json", "-"]).stdout == before
    r = cli.invoke(
        app, ["ledger", "import", str(_csv(tmp_path, ("\n".join(good) + "\n").encode(), "ok.csv"))]
    )
    assert r.exit_code == 0, r.output
