"""The stock policy form: read into one item of the policy file, computed by the file's reader, problems
placed on their fields (unit and TestClient tests, both backends)."""

from __future__ import annotations

import re

import pytest
import yaml
from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.errors import InvalidInput
from reechain.domain.roles import Role
from reechain.inventory.policy_form import place_problems, read_form
from reechain.services import inventory as svc
from reechain.services.auth import create_user

PASSWORD = "policy-form-pass-1"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _client(c: Container) -> tuple[TestClient, str]:
    create_user(c, "ivy", [Role.INVENTORY_CONTROLLER], PASSWORD)
    client = TestClient(create_app(c), raise_server_exceptions=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login",
        data={"username": "ivy", "password": PASSWORD, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    return client, _CSRF.search(client.get("/inventory").text).group(1)  # type: ignore[union-attr]


def test_s_S_poisson_form_equals_the_example_file_item() -> None:
    _, item = read_form(
        {
            "item_id": "Tb4O7@main-warehouse",
            "model": "s_S",
            "period": "month",
            "distribution": "poisson",
            "demand_mean": "8",
            "demand_std": "3",  # not read for Poisson demand
            "order_cost": "10",
            "holding_cost": "1",
            "stockout_cost": "6",
            "band_min": "5",  # another model's field: not read
        }
    )
    assert item == {
        "id": "Tb4O7@main-warehouse",
        "model": "s_S",
        "period": "month",
        "demand": {"distribution": "poisson", "mean": 8},
        "holding_cost": 1,
        "stockout_cost": 6,
        "order_cost": 10,
    }


def test_other_models_read_their_own_fields() -> None:
    _, eoq = read_form(
        {
            "item_id": "x",
            "model": "eoq",
            "period": "year",
            "demand_rate": "2400",
            "order_cost": "150",
            "holding_cost": "25",
            "lead_time": "3",
        }
    )
    assert eoq == {
        "id": "x",
        "model": "eoq",
        "period": "year",
        "demand": {"rate": 2400},
        "order_cost": 150,
        "holding_cost": 25,
    }
    _, sl = read_form(
        {
            "item_id": "y",
            "model": "service_level",
            "period": "day",
            "demand_mean": "80",
            "demand_std": "20",
            "lead_time_mean": "10",
            "lead_time_std": "2",
            "cycle_service_level": "0.95",
        }
    )
    assert sl is not None and sl["lead_time"] == {"mean": 10, "std": 2} and sl["cycle_service_level"] == 0.95
    _, disc = read_form(
        {
            "item_id": "z",
            "model": "base_stock",
            "period": "week",
            "distribution": "discrete",
            "demand_pmf": "0.2, 0.5 0.3",
            "demand_mean": "9",
            "holding_cost": "1",
            "stockout_cost": "4",
        }
    )
    assert disc is not None and disc["demand"] == {"distribution": "discrete", "pmf": [0.2, 0.5, 0.3]}


@pytest.mark.parametrize(
    ("field", "text"), [("holding_cost", "cheap"), ("demand_mean", "inf"), ("demand_mean", "NaN")]
)
def test_unreadable_numbers_are_refused_on_their_field(field: str, text: str) -> None:
    base = {"item_id": "a", "model": "s_S", "period": "month", "distribution": "poisson", "demand_mean": "8"}
    form, item = read_form(base | {field: text})
    assert item is None and list(form.errors) == [field]


def test_reader_problems_land_on_the_form_fields() -> None:
    form, item = read_form(
        {"item_id": "a", "model": "band", "period": "week", "band_min": "9", "band_max": "3"}
    )
    assert item is not None
    with pytest.raises(InvalidInput) as info:
        svc.evaluate_policies_text(yaml.safe_dump({"items": [item]}))
    place_problems(form, info.value.problems)
    assert set(form.errors) == {"band_max", "stock_position"}
    assert "must be ≥ min (9)" in form.errors["band_max"][0]


def test_the_page_computes_the_textbook_eoq(container: Container) -> None:
    client, token = _client(container)
    # EOQ = sqrt(2 K D / h) = sqrt(2 · 150 · 2400 / 25) = 169.7056...; cost = sqrt(2 K D h) = 4242.64...
    r = client.post(
        "/inventory/policy-form",
        data={
            "csrf_token": token,
            "item_id": "CeO2@port",
            "model": "eoq",
            "period": "year",
            "demand_rate": "2400",
            "order_cost": "150",
            "holding_cost": "25",
        },
    )
    assert r.status_code == 200, r.text
    assert re.search(r'data-testid="pf-order_quantity">169\.706<', r.text)
    assert re.search(r'data-testid="pf-cost">4242\.64<', r.text)
    assert "demand:\n    rate: 2400" in r.text  # the item as a policy file would say it


def test_the_page_shows_problems_per_field(container: Container) -> None:
    client, token = _client(container)
    r = client.post(
        "/inventory/policy-form",
        data={
            "csrf_token": token,
            "item_id": "a",
            "model": "s_S",
            "period": "month",
            "distribution": "poisson",
            "demand_mean": "-2",
            "holding_cost": "1e999",
            "stockout_cost": "6",
        },
    )
    assert r.status_code == 422
    assert 'data-testid="pf-error-holding_cost">must be a finite number' in r.text
    r = client.post(
        "/inventory/policy-form",
        data={
            "csrf_token": token,
            "item_id": "a",
            "model": "s_S",
            "period": "month",
            "distribution": "poisson",
            "demand_mean": "-2",
            "holding_cost": "1",
            "stockout_cost": "6",
        },
    )
    assert r.status_code == 422
    assert re.search(r'data-testid="pf-error-demand_mean">must be &gt; 0', r.text)
    assert re.search(r'data-testid="pf-error-order_cost">is required', r.text)
    assert 'value="-2"' in r.text


def test_a_policy_file_can_be_uploaded(container: Container) -> None:
    client, token = _client(container)
    text = (
        "items:\n"
        "  - {id: b, model: eoq, period: year, demand: {rate: 2400}, order_cost: 150, holding_cost: 25}\n"
    )
    r = client.post(
        "/inventory/simulate",
        data={"csrf_token": token, "item": ""},
        files={"policy_file": ("p.yaml", text.encode(), "text/yaml")},
    )
    assert r.status_code == 200 and "order_quantity=169.706" in r.text
