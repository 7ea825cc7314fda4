"""The policy file: the starter example end to end (CLI, JSON), bad input, and docs that list every key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.inventory import policy_file

ROOT = Path(__file__).resolve().parents[2]


def test_example_agrees_with_acceptance_values(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = CliRunner().invoke(
        app, ["stock", "policy", str(shared_dir / "examples/stock_policy.yaml"), "--json", str(out)]
    )
    assert res.exit_code == 0, res.output
    items = {i["id"]: i for i in json.loads(out.read_text())["items"]}
    expected = json.loads((shared_dir / "acceptance/expected.json").read_text())["stock_policy"]["items"]
    for item_id, want in expected.items():
        tol = want.get("_tol", 1e-6)
        for key, value in want.items():
            if key != "_tol":
                assert items[item_id][key] == pytest.approx(value, rel=tol), (item_id, key)
    for item in items.values():
        assert tuple(item) == policy_file.OUTPUT_KEYS[item["model"]]


def _problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as e:
        policy_file.load(text)
    return [str(p) for p in e.value.problems]


def test_bad_items_name_item_and_field() -> None:
    probs = _problems(
        """
items:
  - {id: a, model: base_stock, period: week, demand: {distribution: normal, mean: 4, std: 0}, holding_cost: 1}
  - {id: b, model: eoq, period: year, demand: {rate: 10}, order_cost: x, holding_cost: 1, colour: red}
  - {id: c, model: band, period: week, min: 50, max: 10, stock_position: 1}
  - {id: d, model: s_S, period: month, demand: {distribution: discrete, pmf: [0.2, 0.2]}, order_cost: 1,
     holding_cost: 1, stockout_cost: 1}
"""
    )
    assert "line 3, items[0] (a).demand.std: must be > 0, got 0" in probs
    assert "line 3, items[0] (a).stockout_cost: is required" in probs
    assert "line 4, items[1] (b).order_cost: must be a number, got 'x'" in probs
    assert any(p.startswith("line 4, items[1] (b).colour: unknown field") for p in probs)
    assert "line 5, items[2] (c).max: must be ≥ min (50), got 10" in probs
    assert "line 6, items[3] (d).demand.pmf: probabilities must sum to 1, got 0.4" in probs


def test_structural_errors() -> None:
    assert _problems("items: []") == ["items: missing"]
    assert _problems("items:\n  - {id: a, model: x, period: week}") == [
        "line 2, items[0] (a).model: must be one of base_stock, s_S, r_Q, eoq, service_level, band, got 'x'"
    ]
    assert _problems(
        "items:\n  - {id: a, model: band, period: week, min: 1, max: 2, stock_position: 0}\n"
        "  - {id: a, model: band, period: week, min: 1, max: 2, stock_position: 0}"
    ) == ["line 3, items[1] (a).id: duplicate id 'a'"]
    with pytest.raises(InvalidInput) as e:
        policy_file.load("items: [")
    assert e.value.problems[0].line is not None


def test_cli_bad_file_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "items:\n  - {id: z, model: eoq, period: year, demand: {rate: -1}, order_cost: 1, holding_cost: 1}\n"
    )
    res = CliRunner().invoke(app, ["stock", "policy", str(bad), "--json", str(tmp_path / "o.json")])
    assert res.exit_code == 2
    assert "items[0] (z).demand.rate" in res.output
    assert not (tmp_path / "o.json").exists()


def test_extended_models_evaluate() -> None:
    items = policy_file.load(
        """
items:
  - {id: p, model: base_stock, period: week, demand: {distribution: poisson, mean: 3}, lead_time: 1,
     holding_cost: 1, stockout_cost: 4}
  - {id: n, model: s_S, period: week, demand: {distribution: normal, mean: 20, std: 5}, order_cost: 30,
     holding_cost: 1, stockout_cost: 9}
  - {id: e, model: eoq, period: year, demand: {rate: 1000}, order_cost: 50, holding_cost: 2, stockout_cost: 8,
     production_rate: 4000}
  - {id: q, model: r_Q, method: eoqb, period: year, demand: {mean: 1000, std: 100}, lead_time: 0.1,
     order_cost: 50, holding_cost: 2, stockout_cost: 8}
"""
    )
    by = {i["id"]: i for i in items}
    assert isinstance(by["p"]["base_stock_level"], int)
    assert by["n"]["method"] == "zheng_federgruen_discretised" and by["n"]["s"] < by["n"]["S"]
    assert by["e"]["method"] == "epq_backorders" and 0 < by["e"]["backorder_fraction"] < 1
    assert by["q"]["order_quantity"] == pytest.approx((2 * 50 * 1000 * 10 / 16) ** 0.5)


def test_docs_list_every_field_and_output_key() -> None:
    doc = (ROOT / "docs/inventory.md").read_text()
    for model, keys in policy_file.OUTPUT_KEYS.items():
        assert f"`{model}`" in doc
        for key in keys:
            assert f"`{key}`" in doc, key
    for fields in policy_file._ALLOWED.values():
        for f in fields:
            assert re.search(rf"`{re.escape(f)}`", doc), f
