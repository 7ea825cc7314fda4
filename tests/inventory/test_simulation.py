"""Simulated cost converges to the analytic expected cost; the CLI writes a summary and a chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput, NotFound
from reechain.services import inventory as svc


@pytest.fixture
def example(shared_dir: Path) -> Path:
    return shared_dir / "examples/stock_policy.yaml"


def test_base_stock_simulated_cost_converges_to_analytic(example: Path) -> None:
    res, pol = svc.simulate_policy(example, "PrNd-oxide@main-warehouse", periods=60_000, seed=11)
    # standard error of the mean period cost is about 0.3 % at this length
    assert res.cost_per_period == pytest.approx(pol["expected_cost"], rel=0.015)
    assert res.orders == res.periods  # base stock orders every period
    assert 0.9 < res.fill_rate < 1.0


def test_s_S_simulated_cost_converges_to_zheng_federgruen(example: Path) -> None:
    res, pol = svc.simulate_policy(example, "Tb4O7@main-warehouse", periods=60_000, seed=5)
    assert res.cost_per_period == pytest.approx(pol["expected_cost"], rel=0.015)


def test_r_Q_simulated_cost_close_to_exact(example: Path) -> None:
    res, pol = svc.simulate_policy(example, "Dy2O3@main-warehouse", periods=400, seed=2)
    assert res.steps_per_period > 100
    assert res.cost_per_period == pytest.approx(pol["expected_cost"], rel=0.03)
    assert res.orders / res.periods == pytest.approx(2000 / pol["order_quantity"], rel=0.02)


def test_eoq_deterministic_cost(example: Path) -> None:
    res, pol = svc.simulate_policy(example, "CeO2@port-warehouse", periods=50, seed=1)
    # continuous review in steps of 1/708 year: average stock is low by half a step's demand (about 1 %)
    assert res.order_cost + res.holding_cost == pytest.approx(pol["cost"], rel=0.015)
    assert res.orders / res.periods == pytest.approx(2400 / pol["order_quantity"], rel=0.01)


def test_band_with_history_stays_in_band(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        "items:\n  - {id: b, model: band, period: week, min: 30, max: 100, lot_multiple: 10,"
        " stock_position: 27, holding_cost: 1}\n"
    )
    h = tmp_path / "h.csv"
    h.write_text("quantity\n" + "\n".join(str(x) for x in [12, 0, 25, 40, 7, 33, 18, 29, 5, 44]) + "\n")
    res, _ = svc.simulate_policy(f, "b", history=svc.read_history_csv(h))
    assert res.periods == 10 and res.demand_total == 213
    assert all(30 - 44 <= x < 110 for x in res.on_hand)
    assert all(p >= 30 for p in res.position)  # zero lead time: position is restored every period
    assert res.fill_rate == 1.0


def test_unknown_item_and_bad_history(example: Path, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        svc.simulate_policy(example, "nope")
    h = tmp_path / "h.csv"
    h.write_text("quantity\n3\nx\n")
    with pytest.raises(InvalidInput) as e:
        svc.read_history_csv(h)
    assert e.value.problems[0].line == 3


def test_cli_simulate_json_and_chart(example: Path, tmp_path: Path) -> None:
    out, chart = tmp_path / "s.json", tmp_path / "c.html"
    res = CliRunner().invoke(
        app,
        [
            "stock",
            "simulate",
            str(example),
            "--item",
            "Tb4O7@main-warehouse",
            "--periods",
            "200",
            "--seed",
            "1",
            "--json",
            str(out),
            "--chart",
            str(chart),
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["periods"] == 200 and 0 < data["fill_rate"] <= 1
    assert "plotly" in chart.read_text()[:200_000].lower()


def test_fractional_lead_time_is_refused_for_periodic_simulation(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text(
        "items:\n  - {id: x, model: base_stock, period: week,"
        " demand: {distribution: normal, mean: 10, std: 2}, lead_time: 0.5,"
        " holding_cost: 1, stockout_cost: 4}\n"
    )
    with pytest.raises(InvalidInput, match="whole number"):
        svc.simulate_policy(f, "x", periods=10)
