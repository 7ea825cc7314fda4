"""The starter example: objective, output document, CLI behaviour, Excel input, scenarios and duals."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.planning.compare import compare_plans
from reechain.planning.explain import explain
from reechain.planning.reading import read_problem, write_excel
from reechain.planning.run import solve_problem
from reechain.planning.scenarios import apply_overrides

from .cases import EXAMPLE

OBJECTIVE = 3769384273.897369  # computed independently (../shared/acceptance/expected.json)
runner = CliRunner()


@pytest.fixture(scope="module")
def plan() -> dict:
    return solve_problem(read_problem(EXAMPLE), with_explanation=True)


def test_example_objective(plan: dict) -> None:
    assert plan["status"] == "optimal"
    assert math.isclose(plan["objective"], OBJECTIVE, rel_tol=1e-9)
    terms = plan["objective_terms"]
    net = terms["revenue"] - sum(v for k, v in terms.items() if k != "revenue")
    assert math.isclose(net, OBJECTIVE, rel_tol=1e-9)


def test_example_document_has_every_part(plan: dict) -> None:
    period = plan["periods"][0]
    for key in (
        "feeds",
        "plants",
        "production_t",
        "processes",
        "stock_t",
        "sales",
        "quota_use_t_reo",
        "quota_value_per_t",
    ):
        assert key in period
    assert "capacity_value_per_t" in period["plants"]["separation-1"]
    assert {q["id"] for q in plan["quotas"]} == {"mining-2026", "separation-2026"}
    # quota use per period adds up to the plan total
    total = sum(p["quota_use_t_reo"]["mining-2026"] for p in plan["periods"])
    assert math.isclose(total, plan["quotas"][0]["planned_t_reo"], rel_tol=1e-6)
    # the batch (33,000 t REO up to Q2) holds
    assert plan["quotas"][0]["batches"][0]["used_to_date_t_reo"] <= 33000 + 1e-6


def test_explanation_names_piles_and_cheap_channels(plan: dict) -> None:
    text = " ".join(explain(plan).sentences)
    assert "mining-2026 does not bind" in text
    assert "La2O3" in text and "below the ferrite-and-catalyst price" in text
    assert "piles up" in text


def test_quota_dual_matches_a_resolve_with_one_more_tonne() -> None:
    lower = solve_problem(read_problem(EXAMPLE, ["quotas.mining-2026.limit_t_reo=40000"]))
    higher = solve_problem(read_problem(EXAMPLE, ["quotas.mining-2026.limit_t_reo=40001"]))
    value = lower["quotas"][0]["value_per_t"]
    assert value > 0
    assert math.isclose(higher["objective"] - lower["objective"], value, rel_tol=1e-4)
    capped = solve_problem(read_problem(EXAMPLE, ["plants.separation-1.capacity_t_reo_per_period=9000"]))
    raised = solve_problem(read_problem(EXAMPLE, ["plants.separation-1.capacity_t_reo_per_period=9001"]))
    per_period = [p["plants"]["separation-1"]["capacity_value_per_t"] for p in capped["periods"]]
    assert all(v > 0 for v in per_period)
    assert math.isclose(raised["objective"] - capped["objective"], sum(per_period), rel_tol=1e-4)


def test_excel_gives_the_same_plan(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text())
    path = tmp_path / "plan.xlsx"
    write_excel(data, path)
    doc = solve_problem(read_problem(path))
    assert math.isclose(doc["objective"], OBJECTIVE, rel_tol=1e-9)


def test_excel_errors_name_sheet_row(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text())
    data["feeds"][0]["composition"]["La"] = 0.46
    path = tmp_path / "bad.xlsx"
    write_excel(data, path)
    with pytest.raises(InvalidInput) as caught:
        read_problem(path)
    problem = caught.value.problems[0]
    assert problem.field == "feeds[0].composition" and problem.line == 2
    assert "sum to 1.2" in problem.reason


def test_overrides_path_syntax() -> None:
    data = yaml.safe_load(EXAMPLE.read_text())
    out = apply_overrides(
        data,
        [
            "quotas.mining-2026.limit_t_reo=50000",
            "quotas.mining-2026.cumulative_limits.2026-Q2=20000",
            "demand.La2O3/spot.price_per_t=*2",
            "inventory.Dy2O3.min_t=0",
            "plants.*.recovery=0.9",
            "products.[0].reo_fraction=0.98",
        ],
    )
    assert out["quotas"][0]["limit_t_reo"] == 50000
    assert out["quotas"][0]["cumulative_limits"]["2026-Q2"] == 20000
    assert [d["price_per_t"] for d in out["demand"] if d["product"] == "La2O3"] == [4500, 6000]
    assert out["plants"][0]["recovery"] == 0.9 and out["products"][0]["reo_fraction"] == 0.98
    assert data["quotas"][0]["limit_t_reo"] == 60000  # the original is untouched
    with pytest.raises(InvalidInput) as caught:
        apply_overrides(data, ["quotas.nope.limit_t_reo=1", "quotas.mining-2026.kind=*2", "x"])
    assert len(caught.value.problems) == 3
    assert "no quotas item 'nope'" in caught.value.problems[0].reason


def test_compare_reports_the_differences(plan: dict) -> None:
    scenario = solve_problem(read_problem(EXAMPLE, ["quotas.mining-2026.limit_t_reo=40000"]))
    diff = compare_plans(plan, scenario)
    assert diff["objective"]["change"] < 0
    assert diff["quotas"][0]["limit_t_reo"] == [60000.0, 40000.0]
    prnd = next(r for r in diff["production_t"] if r["name"] == "PrNd-oxide")
    assert prnd["change"] < 0


def test_cli_solve_writes_json_and_explains(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["plan", "solve", str(EXAMPLE), "--json", str(out), "--explain"])
    assert result.exit_code == 0, result.output
    assert math.isclose(json.loads(out.read_text())["objective"], OBJECTIVE, rel_tol=1e-9)
    assert "What binds" in result.output
    other = tmp_path / "b.json"
    result = runner.invoke(
        app,
        [
            "plan",
            "solve",
            str(EXAMPLE),
            "--json",
            str(other),
            "--set",
            "quotas.mining-2026.limit_t_reo=40000",
            "--compare-to",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Quotas" in result.output
    result = runner.invoke(app, ["plan", "compare", str(out), str(other), "--json", "-"])
    assert result.exit_code == 0
    assert json.loads(result.output)["objective"]["change"] < 0


def test_cli_infeasible_exit_code_and_no_traceback(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = runner.invoke(
        app,
        ["plan", "solve", str(EXAMPLE), "--json", str(out), "--set", "quotas.mining-2026.limit_t_reo=5000"],
    )
    assert result.exit_code == 5
    assert "Traceback" not in result.output
    assert "quotas.mining-2026.limit_t_reo" in result.output
    report = json.loads(out.read_text())
    assert report["status"] == "infeasible" and report["error"] == "Infeasible"


def test_cli_malformed_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("Y: 0.0015}", "Y: 0.2015}"))
    result = runner.invoke(app, ["plan", "solve", str(bad)])
    assert result.exit_code == 2
    assert "feeds[0].composition: fractions sum to 1.2" in result.output
