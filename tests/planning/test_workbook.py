"""Exporting a plan to Excel: the workbook holds the plan document's figures; CLI, REST API and plan page."""

from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.roles import Role
from reechain.planning.explain import explain
from reechain.planning.reading import read_problem
from reechain.planning.run import solve_problem
from reechain.planning.workbook import plan_workbook_bytes
from reechain.services.auth import create_user, issue_token

from .cases import EXAMPLE
from .test_web import PASSWORD, _page_client

OBJECTIVE = 3769384273.897369  # the starter example's optimum (test_example.py)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = [
    "Summary",
    "Feed",
    "Processing",
    "Production",
    "Elements",
    "Stock",
    "Sales",
    "Quotas",
    "Capacity",
    "Licences",
    "Explanation",
]
FIRST_HEADERS = {
    "Summary": ["field", "value", "unit"],
    "Feed": ["period", "feed", "bought (t)", "used (t)"],
    "Processing": ["period", "plant", "REO processed (t REO)"],
    "Production": ["period", "product", "made by plants (t)"],
    "Elements": ["period"],
    "Stock": ["period", "product", "stock at period end (t)"],
    "Sales": ["period", "demand line", "product", "channel", "destination", "sold (t)", "price (CNY/t)"],
    "Quotas": ["period", "quota", "kind", "used in period (t REO)"],
    "Capacity": ["period", "kind", "plant or process"],
    "Licences": ["licence", "limit (t)", "used (t)"],
    "Explanation": ["part", "text"],
}
runner = CliRunner()


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return solve_problem(read_problem(EXAMPLE), with_explanation=True)


@pytest.fixture(scope="module")
def book(plan: dict[str, Any]) -> Any:
    return _load(plan_workbook_bytes(plan))


def _load(content: bytes) -> Any:
    assert content[:2] == b"PK"  # an xlsx file is a zip archive
    return openpyxl.load_workbook(io.BytesIO(content))


def _rows(ws: Any) -> list[dict[str, Any]]:
    """The sheet's rows as dicts keyed by the header."""
    values = list(ws.iter_rows(values_only=True))
    header = list(values[0])
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def _flat(text: str) -> str:
    """Text without any whitespace: the console wraps long paths inside a word and at spaces alike, so
    output and expectation are compared with every space and line break removed."""
    return "".join(text.split())


def _summary(ws: Any) -> dict[str, tuple[Any, Any]]:
    return {r["field"]: (r["value"], r["unit"]) for r in _rows(ws)}


def test_every_sheet_is_present_with_its_header_frozen(book: Any) -> None:
    assert book.sheetnames == SHEETS
    for name, first in FIRST_HEADERS.items():
        ws = book[name]
        header = [c.value for c in ws[1]]
        assert header[: len(first)] == first, name
        assert all(isinstance(h, str) and h for h in header), name
        assert ws.freeze_panes == "A2", name
        assert ws.column_dimensions["A"].width >= len(str(header[0])), name


def test_summary_has_the_objective_with_its_currency(book: Any, plan: dict[str, Any]) -> None:
    summary = _summary(book["Summary"])
    objective, unit = summary["objective"]
    assert isinstance(objective, float) and unit == "CNY"
    assert math.isclose(objective, OBJECTIVE, rel_tol=1e-12)
    assert summary["status"][0] == "optimal"
    assert summary["objective term: revenue"][0] == plan["objective_terms"]["revenue"]
    assert summary["solver time"] == (plan["solve_s"], "s")
    assert "plan id" not in summary  # not stored: no id


def test_quota_use_per_period_matches_the_document(book: Any, plan: dict[str, Any]) -> None:
    rows = {(r["period"], r["quota"]): r for r in _rows(book["Quotas"])}
    assert len(rows) == len(plan["periods"]) * len(plan["quotas"])
    for p in plan["periods"]:
        for quota, used in p["quota_use_t_reo"].items():
            row = rows[(p["period"], quota)]
            assert row["used in period (t REO)"] == used
            assert row["value of one more t REO in period (CNY/t)"] == p["quota_value_per_t"][quota]
    last = plan["periods"][-1]["period"]
    for q in plan["quotas"]:
        row = rows[(last, q["id"])]
        assert row["limit over the horizon (t REO)"] == q["limit_t_reo"]
        assert math.isclose(row["remaining at period end (t REO)"], q["remaining_t_reo"], abs_tol=1e-5)
        total = sum(r["used in period (t REO)"] for (_, quota), r in rows.items() if quota == q["id"])
        assert math.isclose(total, q["planned_t_reo"], rel_tol=1e-9)
    batch = rows[("2026-Q2", "mining-2026")]  # the first batch: 33,000 t REO up to Q2
    assert batch["batch limit to period end (t REO)"] == 33000
    assert batch["used to period end, with use before the plan (t REO)"] <= 33000 + 1e-6
    assert rows[("2026-Q1", "mining-2026")]["batch limit to period end (t REO)"] is None


def test_sales_per_product_add_up_to_the_document(book: Any, plan: dict[str, Any]) -> None:
    rows = _rows(book["Sales"])
    assert len(rows) == sum(len(p["sales"]) for p in plan["periods"])
    sold: dict[str, float] = defaultdict(float)
    for r in rows:
        assert isinstance(r["sold (t)"], int | float)
        sold[r["product"]] += r["sold (t)"]
    expected: dict[str, float] = defaultdict(float)
    for p in plan["periods"]:
        for product, tonnes in p["sales_t"].items():
            expected[product] += tonnes
    assert {k for k, v in expected.items() if v > 0} <= set(sold)
    for product, tonnes in expected.items():
        assert math.isclose(sold.get(product, 0.0), tonnes, rel_tol=1e-9, abs_tol=1e-6), product
    revenue = sum(r["revenue (CNY)"] for r in rows)
    assert math.isclose(revenue, plan["objective_terms"]["revenue"], rel_tol=1e-9)


def test_feed_processing_production_stock_and_capacity_match(book: Any, plan: dict[str, Any]) -> None:
    feed = {(r["period"], r["feed"]): r for r in _rows(book["Feed"])}
    processing = {(r["period"], r["plant"]): r for r in _rows(book["Processing"])}
    production = {(r["period"], r["product"]): r["made by plants (t)"] for r in _rows(book["Production"])}
    stock = {(r["period"], r["product"]): r["stock at period end (t)"] for r in _rows(book["Stock"])}
    capacity = {(r["period"], r["plant or process"]): r for r in _rows(book["Capacity"])}
    elements = {r["period"]: r for r in _rows(book["Elements"])}
    for p in plan["periods"]:
        t = p["period"]
        for name, row in p["feeds"].items():
            assert feed[(t, name)]["bought (t)"] == row["bought_t"]
        for name, row in p["plants"].items():
            assert processing[(t, name)]["REO processed (t REO)"] == row["reo_fed_t"]
            assert processing[(t, name)]["utilisation (%)"] == row["utilisation"]
            assert (
                capacity[(t, name)]["value of one more t REO of capacity (CNY/t)"]
                == row["capacity_value_per_t"]
            )
        for name, row in p["processes"].items():
            assert capacity[(t, name)]["kind"] == "process"
            assert capacity[(t, name)]["use (t REO; process: units)"] == row["activity"]
        assert {k: v for (tt, k), v in production.items() if tt == t} == p["production_t"]
        assert {k: v for (tt, k), v in stock.items() if tt == t} == p["stock_t"]
        for element, made in p["elements_made_t_reo"].items():
            if made > 0:
                assert elements[t][f"{element} (t REO)"] == made


def test_numbers_are_numbers_with_number_formats(book: Any) -> None:
    checked = 0
    for name in ("Feed", "Processing", "Production", "Elements", "Stock", "Sales", "Quotas", "Capacity"):
        ws = book[name]
        header = [c.value for c in ws[1]]
        for i, title in enumerate(header, start=1):
            if not re.search(r"\((t|t REO|CNY|CNY/t|%)[;)]", str(title)):
                continue
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                if cell.value is None:
                    continue
                assert isinstance(cell.value, int | float), (name, title, cell.value)
                assert cell.number_format != "General", (name, title)
                checked += 1
    assert checked > 500


def test_elements_sheet_has_a_bar_chart(book: Any) -> None:
    charts = book["Elements"]._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"


def test_explanation_sheet_holds_the_explanation(book: Any, plan: dict[str, Any]) -> None:
    expl = explain(plan)
    rows = _rows(book["Explanation"])
    assert [r["text"] for r in rows if r["part"] != "what binds"] == expl.sentences
    binds = [r for r in rows if r["part"] == "what binds"]
    assert [(r["constraint kind"], r["constraint"]) for r in binds] == [
        (b.kind, b.name) for b in expl.binding
    ]
    assert any(r["part"] == "co-product" and "piles up" in r["text"] for r in rows)


def test_a_document_without_parts_keeps_every_sheet_with_its_header() -> None:
    book = _load(plan_workbook_bytes({"name": "empty", "currency": "EUR", "periods": [{"period": "P1"}]}))
    assert book.sheetnames == SHEETS
    for name in SHEETS:
        ws = book[name]
        expected = FIRST_HEADERS[name]
        if name == "Sales":
            expected = [*expected[:-1], "price (EUR/t)"]  # the document's currency
        assert [c.value for c in ws[1]][: len(expected)] == expected, name
        if name == "Summary":
            assert _summary(ws)["name"][0] == "empty"
        elif name == "Elements":
            assert [r["period"] for r in _rows(ws)] == ["P1"]
        else:
            assert ws.max_row == 1, name


def _stored_plan(c: Container) -> dict[str, Any]:
    from reechain.services.planning import get_plan, store_plan

    doc = solve_problem(read_problem(EXAMPLE))
    doc["source"] = {"file": EXAMPLE.name, "overrides": []}
    return get_plan(c, store_plan(c, doc, yaml.safe_load(EXAMPLE.read_text())))


@pytest.fixture
def cli_db(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    return sqlite_file_container


def test_cli_export_writes_the_stored_plan(cli_db: Container, tmp_path: Path) -> None:
    stored = _stored_plan(cli_db)
    out = tmp_path / "plan.xlsx"
    r = runner.invoke(app, ["plan", "export", str(stored["id"]), "--xlsx", str(out)])
    assert r.exit_code == 0, r.output
    assert f"wrote {out}" in r.stdout
    summary = _summary(_load(out.read_bytes())["Summary"])
    assert summary["plan id"][0] == stored["id"]
    assert summary["objective"] == (stored["objective"], "CNY")
    assert summary["source file"][0] == EXAMPLE.name
    assert summary["created"][1] == "UTC"


def test_cli_export_of_a_missing_plan_or_folder_is_a_clear_error(cli_db: Container, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    r = runner.invoke(app, ["plan", "export", "999999", "--xlsx", str(out)])
    assert r.exit_code == 3
    assert "NotFound: no plan 999999" in r.output and "Traceback" not in r.output
    assert not out.exists()
    stored = _stored_plan(cli_db)
    missing = tmp_path / "no-such-folder" / "plan.xlsx"
    r = runner.invoke(app, ["plan", "export", str(stored["id"]), "--xlsx", str(missing)])
    assert r.exit_code == 2
    assert _flat(f"the folder {missing.parent} does not exist") in _flat(r.output)
    assert not missing.parent.exists()


def test_cli_solve_writes_the_workbook_too(tmp_path: Path) -> None:
    out = tmp_path / "solved.xlsx"
    r = runner.invoke(app, ["plan", "solve", str(EXAMPLE), "--xlsx", str(out)])
    assert r.exit_code == 0, r.output
    objective, unit = _summary(_load(out.read_bytes())["Summary"])["objective"]
    assert math.isclose(objective, OBJECTIVE, rel_tol=1e-12) and unit == "CNY"
    r = runner.invoke(app, ["plan", "solve", str(EXAMPLE), "--xlsx", str(tmp_path / "nope" / "x.xlsx")])
    assert r.exit_code == 2 and _flat("does not exist") in _flat(r.output)


def test_api_serves_the_workbook_to_any_logged_in_role(container: Container) -> None:
    stored = _stored_plan(container)
    client = TestClient(create_app(container), raise_server_exceptions=False)
    url = f"/api/plans/{stored['id']}/xlsx"
    r = client.get(url)
    assert r.status_code == 401 and r.json()["error"] == "Unauthenticated"
    create_user(container, "xlsx-auditor", [Role.AUDITOR], PASSWORD)
    client.headers["Authorization"] = f"Bearer {issue_token(container, 'xlsx-auditor')}"
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == XLSX
    assert r.headers["content-disposition"] == f'attachment; filename="plan-{stored["id"]}.xlsx"'
    book = _load(r.content)
    assert book.sheetnames == SHEETS
    assert _summary(book["Summary"])["objective"][0] == stored["objective"]
    r = client.get("/api/plans/999999/xlsx")
    assert r.status_code == 404 and r.json()["error"] == "NotFound"


def test_plan_page_links_the_download_and_the_cookie_session_gets_it(container: Container) -> None:
    stored = _stored_plan(container)
    client = _page_client(container, "xlsx-reader", Role.AUDITOR)
    page = client.get(f"/plans/{stored['id']}")
    assert page.status_code == 200
    link = re.search(r'<a href="([^"]+)"[^>]*data-testid="download-xlsx">Download Excel</a>', page.text)
    assert link is not None and link.group(1) == f"/api/plans/{stored['id']}/xlsx"
    r = client.get(link.group(1))
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    assert _summary(_load(r.content)["Summary"])["plan id"][0] == stored["id"]
    other = _stored_plan(container)
    page = client.get(f"/plans/compare?a={stored['id']}&b={other['id']}")
    assert page.status_code == 200
    for plan_id in (stored["id"], other["id"]):
        assert f'href="/api/plans/{plan_id}/xlsx"' in page.text
