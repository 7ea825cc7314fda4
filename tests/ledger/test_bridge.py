"""Stock bridge: opening + flows = closing, each flow hand-computed, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput, NotFound, RuleViolation
from reechain.domain.movements import LotLine
from reechain.domain.roles import Role
from reechain.ledger.bridge import parse_elements
from reechain.services import ledger

from .helpers import Y, post_story, receipt, sale, separation, transfer


def lines(b: object) -> dict[str, tuple[float, int]]:
    return {ln.key: (ln.t_reo, ln.movements) for ln in b.lines}  # type: ignore[attr-defined]


def test_hand_computed_bridge_for_prnd(world: Container) -> None:
    post_story(world)
    b = ledger.stock_bridge(world, "PrNd", date(Y, 1, 1), date(Y, 3, 31))
    assert b.elements == ["Pr", "Nd"]
    assert b.opening_t_reo == 0
    assert lines(b) == {
        "receipt:own_mine": (12.5, 1),
        "produce:separation": (4.8, 1),
        "consume:separation": (-5.0, 1),
        "sale": (-4.25, 2),
    }
    assert math.isclose(b.closing_t_reo, 8.05, abs_tol=1e-9)  # 50 t C1 at MINE (6.25) + 1.8 t oxide at WH
    assert math.isclose(b.opening_t_reo + b.flows_t_reo, b.closing_t_reo, abs_tol=1e-9)
    sold = next(ln for ln in b.lines if ln.key == "sale")
    assert [(mv.lot, mv.t_reo) for mv in sold.examples] == [("C1-PN", -3.0), ("C1", -1.25)]
    assert [ln.label for ln in b.lines] == [
        "received (own mine)",
        "made by separation",
        "fed to separation",
        "sold",
    ]


def test_bridge_of_a_later_window_and_of_one_place(world: Container) -> None:
    post_story(world)
    feb = ledger.stock_bridge(world, ["Pr", "Nd"], date(Y, 2, 1), date(Y, 2, 28))
    assert feb.opening_t_reo == 12.5 and math.isclose(feb.closing_t_reo, 12.3, abs_tol=1e-9)
    assert lines(feb) == {"produce:separation": (4.8, 1), "consume:separation": (-5.0, 1)}
    wh = ledger.stock_bridge(world, "PrNd", date(Y, 1, 1), date(Y, 3, 31), location="WH")
    assert lines(wh) == {"transfer:in": (4.8, 1), "sale": (-3.0, 1)}
    assert wh.opening_t_reo == 0 and math.isclose(wh.closing_t_reo, 1.8, abs_tol=1e-9)
    mine = ledger.stock_bridge(world, "La", date(Y, 1, 1), date(Y, 3, 31), location="MINE")
    assert lines(mine) == {"receipt:own_mine": (12.5, 1), "transfer:out:SEP": (-5.0, 1), "sale": (-1.25, 1)}
    assert [ln.label for ln in mine.lines][1] == "moved out to SEP"


def test_bridge_refuses_bad_requests(world: Container) -> None:
    with pytest.raises(InvalidInput) as e:
        ledger.stock_bridge(world, "Pr,Xx", date(Y, 1, 1))
    assert "Xx" in e.value.problems[0].reason
    with pytest.raises(InvalidInput) as e:
        ledger.stock_bridge(world, "Dy", date(Y, 3, 1), date(Y, 2, 1))
    assert e.value.problems[0].reason == f"the end date {Y}-02-01 is before the start date {Y}-03-01"
    with pytest.raises(InvalidInput) as e:  # no end given: it is today, which the message says
        ledger.stock_bridge(world, "Dy", date.today() + timedelta(days=2))
    assert e.value.problems[0].field == "start"
    assert e.value.problems[0].reason == (
        f"the start date {date.today() + timedelta(days=2)} is after today ({date.today()}), "
        "the end date when none is given"
    )
    with pytest.raises(NotFound):
        ledger.stock_bridge(world, "Dy", date(Y, 1, 1), location="NOWHERE")


def test_parse_elements() -> None:
    assert parse_elements("nd, PR") == ["Pr", "Nd"]
    assert parse_elements("PrNd,Dy") == ["Pr", "Nd", "Dy"]
    assert parse_elements(["Tb"]) == ["Tb"]


def test_bridge_from_the_cli_and_the_api_and_the_page(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from reechain.cli import app

    from .helpers import define_world

    c = sqlite_file_container
    define_world(c)
    post_story(c)
    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    runner = CliRunner()
    r = runner.invoke(
        app, ["ledger", "bridge", "-e", "PrNd", "--from", "2026-01-01", "--to", "2026-03-31", "--json", "-"]
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["opening_t_reo"] == 0 and math.isclose(doc["closing_t_reo"], 8.05, abs_tol=1e-9)
    assert {ln["key"]: ln["t_reo"] for ln in doc["lines"]}["sale"] == -4.25
    r = runner.invoke(app, ["ledger", "bridge", "-e", "PrNd", "--from", "2026-01-01", "--to", "2026-03-31"])
    assert r.exit_code == 0 and "fed to separation" in r.stdout and "+0.000000" in r.stdout
    r = runner.invoke(app, ["ledger", "bridge", "-e", "Qq"])
    assert r.exit_code != 0 and "Qq" in r.output

    from web.helpers import api_client, page_client  # the web tests' logged-in clients

    client = api_client(c, Role.ANALYST)
    r = client.get(
        "/api/stock/bridge", params={"elements": "Pr,Nd", "start": "2026-02-01", "end": "2026-02-28"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["opening_t_reo"] == 12.5 and len(r.json()["lines"]) == 2
    assert client.get("/api/stock/bridge", params={"elements": "Zz"}).status_code == 422
    assert (
        client.get("/api/stock/bridge", params={"start": "2026-05-01", "end": "2026-01-01"}).status_code
        == 422
    )
    assert TestClient(create_app(c)).get("/api/stock/bridge").status_code == 401

    page = page_client(c, Role.AUDITOR)
    html = page.get(
        "/stock/bridge", params={"elements": "PrNd", "start": "2026-01-01", "end": "2026-03-31"}
    ).text
    assert 'data-testid="bridge-closing">8.050<' in html and "fed to separation" in html
    assert 'href="/stock/lots/C1-PN"' in html and 'data-plotly="' in html
    bad = page.get("/stock/bridge", params={"elements": "PrNd", "start": "not-a-date"})
    assert bad.status_code == 422 and "use YYYY-MM-DD" in bad.text


_run = itertools.count()
moves = st.lists(
    st.tuples(
        st.sampled_from(["receipt", "transfer", "sale", "separate"]),
        st.sampled_from(["MINE", "WH", "SEP"]),
        st.sampled_from(["MINE", "WH", "SEP"]),
        st.integers(1, 30_000),  # kg
        st.integers(0, 20),  # day
    ),
    min_size=1,
    max_size=10,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=moves, a=st.integers(0, 22), span=st.integers(0, 22))
def test_opening_plus_flows_is_closing_for_any_window(
    world: Container, ops: list[tuple[str, str, str, int, int]], a: int, span: int
) -> None:
    run = next(_run)
    lot = f"Q{run}"
    start = date(Y, 6, 1)
    for i, (kind, frm, to, kg, day) in enumerate(ops):
        on, t = start + timedelta(days=day), kg / 1000
        if kind == "receipt":
            m = receipt(lot, t, to=frm, on=on)
        elif kind == "transfer":
            m = transfer(lot, t, frm, to, on=on) if frm != to else receipt(lot, t, to=to, on=on)
        elif kind == "sale":
            m = sale(lot, t, frm=frm, on=on)
        else:  # separate part of the lot at the plant: outputs at 96 % of each element
            reo = t * 0.5
            m = separation(
                [(lot, t)],
                [
                    LotLine(f"{lot}-{i}-LA", round(reo * 0.25 * 0.96, 6), "LA-OX"),
                    LotLine(f"{lot}-{i}-CE", round(reo * 0.5 * 0.96, 6), "CE-OX"),
                    LotLine(f"{lot}-{i}-PN", round(reo * 0.25 * 0.96, 6), "PRND-OX"),
                ],
                on=on,
            )
        with contextlib.suppress(RuleViolation, InvalidInput, NotFound):  # refused postings change nothing
            ledger.post_movement(world, m)
    first = start + timedelta(days=a - 1)
    last = first + timedelta(days=span)
    for elements in ("PrNd", "La", "Ce"):
        for location in (None, "MINE", "SEP"):
            b = ledger.stock_bridge(world, elements, first, last, location=location)
            assert math.isclose(b.opening_t_reo + b.flows_t_reo, b.closing_t_reo, abs_tol=1e-5), (
                elements,
                location,
            )
            assert b.opening_t_reo >= -1e-9 and b.closing_t_reo >= -1e-9
            assert all(ln.t_reo != 0 and ln.movements > 0 for ln in b.lines)
