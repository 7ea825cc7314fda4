"""The notes of a plan made from the ledger (contracts and stock policies it does not carry) are shown by
`reechain plan run`, `reechain plan show` and the plan page, not only stored in ``source.notes``."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.roles import Role
from reechain.inventory.alerts import StockPolicy

from .cases import EXAMPLE
from .test_ledger_contracts import YEAR, _contract, _group
from .test_web import _page_client


def _flat(text: str) -> str:
    """Text with runs of white space made one space (the console wraps long lines)."""
    return " ".join(text.split())


@pytest.fixture
def planned(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    """The small group of ``test_ledger_contracts`` with a contract that ended before the plan's year and a
    stock policy on a product the plan neither makes nor sells: two notes."""
    from reechain.services.inventory import set_policy

    c = sqlite_file_container
    _group(c)
    _contract(c, "LT-OLD", 50, date(YEAR - 1, 1, 1), date(YEAR - 1, 12, 31))
    set_policy(c, StockPolicy("CONC", "MINE", safety_stock_t=5))
    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    return c


NOTE_CONTRACT = re.compile(r"contract LT-OLD not carried: it does not run between \S+ and \S+")
NOTE_POLICY = "stock policy for CONC not carried: the plan neither makes nor sells CONC"


def _stored_notes(c: Container, plan_id: int) -> list[str]:
    from reechain.services.planning import get_plan

    notes = get_plan(c, plan_id)["source"]["notes"]
    assert len(notes) == 2 and NOTE_POLICY in notes and any(NOTE_CONTRACT.fullmatch(n) for n in notes)
    return list(notes)


def test_cli_run_and_show_list_the_notes(planned: Container) -> None:
    cli = CliRunner()
    r = cli.invoke(app, ["plan", "run", "--year", str(YEAR)])
    assert r.exit_code == 0, r.output
    plan_id = int(re.findall(r"stored as plan (\d+)", r.stdout)[-1])
    notes = _stored_notes(planned, plan_id)
    for out in (r.stdout, cli.invoke(app, ["plan", "show", str(plan_id)]).stdout):
        text = _flat(out)
        assert "Notes" in text
        for note in notes:
            assert f"• {note}" in text
    # JSON output is the document itself: no notes printed around it
    r = cli.invoke(app, ["plan", "show", str(plan_id), "--json", "-"])
    assert json.loads(r.stdout)["source"]["notes"] == notes


def test_plan_page_lists_the_notes(planned: Container) -> None:
    from reechain.services.planning import run_plan

    doc = run_plan(planned, YEAR)
    notes = _stored_notes(planned, doc["id"])
    client: TestClient = _page_client(planned, "notes-reader", Role.AUDITOR)
    page = client.get(f"/plans/{doc['id']}")
    assert page.status_code == 200
    section = re.search(r'data-testid="notes">(.*?)</div>', page.text, re.S)
    assert section is not None, page.text[:2000]
    items = [html.unescape(i) for i in re.findall(r"<li>(.*?)</li>", section.group(1), re.S)]
    assert items == notes


def test_plan_from_a_file_shows_no_notes(planned: Container) -> None:
    from reechain.services.planning import solve_and_store_upload

    stored = solve_and_store_upload(planned, "example.yaml", EXAMPLE.read_bytes())
    client = _page_client(planned, "notes-reader2", Role.AUDITOR)
    page = client.get(f"/plans/{stored['id']}")
    assert page.status_code == 200 and 'data-testid="notes"' not in page.text
    r = CliRunner().invoke(app, ["plan", "show", str(stored["id"])])
    assert r.exit_code == 0 and "Notes" not in r.stdout
