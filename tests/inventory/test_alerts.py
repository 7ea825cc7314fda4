"""Cover and alerts: pure rules by hand, then the stored policies against ledger stock and sales."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.inventory.alerts import Cover, StockPolicy, cover, cover_alerts, policy_alerts
from reechain.services import inventory as svc
from reechain.services import ledger

from .world import define_stock_world, receipt, sale


def test_cover_by_hand() -> None:
    rows = cover("product", {"A": 30.0, "B": 5.0}, {"A": 90.0, "C": 9.0}, 90)
    assert rows == [
        Cover("product", "A", 30.0, 1.0, 30.0),
        Cover("product", "B", 5.0, 0.0, None),
        Cover("product", "C", 0.0, 0.1, 0.0),
    ]


def test_policy_alerts() -> None:
    stock = {("P", "WH1"): 8.0, ("P", "WH2"): 5.0, ("Q", "WH1"): 120.0}
    found = policy_alerts(
        stock,
        [
            StockPolicy("P", "WH1", safety_stock_t=10.0),
            StockPolicy("P", "*", safety_stock_t=10.0, reorder_point_t=15.0, order_quantity_t=20.0),
            StockPolicy("Q", "WH1", min_t=30.0, max_t=100.0),
        ],
    )
    assert [(a.kind, a.product, a.location, a.stock_t) for a in found] == [
        ("below_safety_stock", "P", "WH1", 8.0),
        ("below_reorder_point", "P", "*", 13.0),
        ("above_band", "Q", "WH1", 120.0),
    ]
    assert "order 20 t" in found[1].message


def test_cover_alerts() -> None:
    covers = [
        Cover("product", "FAST", 5.0, 1.0, 5.0),
        Cover("product", "SLOW", 500.0, 1.0, 500.0),
        Cover("product", "DEAD", 7.0, 0.0, None),
        Cover("element", "La", 1.0, 1.0, 1.0),  # elements give cover, not alerts
    ]
    found = cover_alerts(covers, low_days=14, slow_days=365)
    assert [(a.kind, a.product) for a in found] == [
        ("low_cover", "FAST"),
        ("slow_mover", "SLOW"),
        ("slow_mover", "DEAD"),
    ]


def test_stock_picture_from_ledger(container: Container, tmp_path: Path) -> None:
    define_stock_world(container)
    today = date.today()
    ledger.post_movements(
        container,
        [
            receipt("LA-1", "LA-OX", 100.0, today - timedelta(days=100)),
            receipt("DY-1", "DY-OX", 2.0, today - timedelta(days=100)),
            receipt("PN-1", "PRND-OX", 20.0, today - timedelta(days=100), to="WH2"),
            sale("LA-1", 45.0, today - timedelta(days=10)),  # 45 t in 90 days: 0.5 t/day, 55 t left: 110 days
            sale("PN-1", 18.0, today - timedelta(days=5), frm="WH2"),  # 0.2 t/day, 2 t left: 10 days
        ],
    )
    svc.set_policy(container, StockPolicy("DY-OX", "WH1", safety_stock_t=5.0), by="t")
    f = tmp_path / "p.yaml"
    f.write_text(
        "items:\n  - {id: pn, model: band, period: week, min: 10, max: 30, lot_multiple: 5,"
        " stock_position: 0}\n"
    )
    svc.set_policy_from_file(container, f, "pn", "PRND-OX", "*")
    assert {
        (p.product, p.location, p.min_t, p.max_t, p.lot_multiple_t) for p in svc.list_policies(container)
    } >= {("PRND-OX", "*", 10.0, 30.0, 5.0)}
    pic = svc.stock_picture(container, window_days=90)
    kinds = {(a.kind, a.product) for a in pic.alerts}
    assert ("below_safety_stock", "DY-OX") in kinds
    assert ("below_band", "PRND-OX") in kinds
    assert ("low_cover", "PRND-OX") in kinds
    assert ("slow_mover", "DY-OX") in kinds  # stock, no sales in the window
    by = {(cv.scope, cv.key): cv for cv in pic.covers}
    assert by[("product", "LA-OX")].cover_days == pytest.approx(110.0)
    assert by[("element", "La")].cover_days == pytest.approx(110.0)
    assert by[("element", "Nd")].daily_sales == pytest.approx(18.0 * 0.75 / 90)
    assert pic.alerts[0].severity == "bad"
    assert svc.stock_alerts(container) == pic.alerts
    with pytest.raises(InvalidInput):
        svc.set_policy(container, StockPolicy("NOPE", "WH9", min_t=5.0, max_t=1.0))


def test_stock_cli(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    define_stock_world(sqlite_file_container)
    ledger.post_movements(sqlite_file_container, [receipt("DY-1", "DY-OX", 2.0, date.today())])
    runner = CliRunner()
    res = runner.invoke(app, ["stock", "set-policy", "DY-OX", "--location", "WH1", "--safety-stock-t", "3"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["stock", "alerts", "--json", "-"])
    assert res.exit_code == 0, res.output
    assert '"below_safety_stock"' in res.output
    res = runner.invoke(app, ["stock", "policies"])
    assert res.exit_code == 0 and "DY-OX" in res.output
