"""Hostile input never gets a server error: every answer is a 4xx with a reason, nothing is stored."""

from __future__ import annotations

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import ledger
from web.group import load_small_group
from web.helpers import api_client, csrf, page_client

HEADER = "date,kind,lot,product,quantity_t,from_location,to_location,source\n"


@pytest.mark.parametrize("quantity", ["inf", "-inf", "1e400", "nan", "Infinity", "1e308000"])
def test_non_finite_quantities_in_an_import_are_refused(container: Container, quantity: str) -> None:
    load_small_group(container)
    client = api_client(container, Role.ADMIN)
    before = len(ledger.list_movements(container, limit=1000))
    csv = HEADER + f"2026-03-03,receipt,HOSTILE-1,NDPR-OX,{quantity},,WH-1,purchase\n"
    r = client.post("/api/movements/import", files={"file": ("movements.csv", csv.encode(), "text/csv")})
    assert r.status_code == 422, r.text
    assert "quantity_t" in r.text
    assert len(ledger.list_movements(container, limit=1000)) == before


def test_extra_trailing_csv_cells_are_refused_naming_the_row(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.ADMIN)
    csv = HEADER + "2026-03-03,receipt,HOSTILE-2,NDPR-OX,1,,WH-1,purchase,surplus\n"
    r = client.post("/api/movements/import", files={"file": ("movements.csv", csv.encode(), "text/csv")})
    assert r.status_code == 422, r.text
    assert any(p.get("line") == 2 for p in r.json()["problems"]), r.json()


@pytest.mark.parametrize(
    "filename", ["..", "." * 300, "a" * 300 + ".csv", "../../etc/passwd.csv", "\x00.csv"]
)
def test_odd_upload_names_are_answered_without_a_server_error(container: Container, filename: str) -> None:
    load_small_group(container)
    client = api_client(container, Role.ADMIN)
    csv = HEADER + "2026-03-03,receipt,HOSTILE-3,NDPR-OX,1,,WH-1,purchase\n"
    r = client.post("/api/movements/import", files={"file": (filename, csv.encode(), "text/csv")})
    assert r.status_code < 500, r.text


def test_a_lone_surrogate_in_a_name_is_refused(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.ADMIN)
    body = b'{"kind": "receipt", "occurred_on": "2026-03-03", "lot": "SUR-\\ud800", "product": "NDPR-OX",'
    body += b' "quantity_t": 1, "to_location": "WH-1", "source": "purchase"}'
    r = client.post("/api/movements", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    r = client.post(
        "/api/screening/score",
        content=b'{"left": "\\udc00abc", "right": "abc"}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code < 500, r.text


def test_json_nested_5000_deep_is_refused(container: Container) -> None:
    client = page_client(container, Role.ADMIN)
    deep = "[" * 5000 + "]" * 5000
    r = client.post("/compliance/check", data={"order_json": deep, "csrf_token": csrf(client, "/compliance")})
    assert 400 <= r.status_code < 500, r.text[:300]
    api = api_client(container, Role.COMPLIANCE_OFFICER)
    r = api.post("/api/compliance/check", content=deep.encode(), headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text[:300]


def test_an_infinite_stock_policy_level_is_refused(container: Container) -> None:
    load_small_group(container)
    client = api_client(container, Role.INVENTORY_CONTROLLER)
    for raw in (b'{"safety_stock_t": 1e400}', b'{"reorder_point_t": Infinity}', b'{"max_t": NaN}'):
        r = client.put(
            "/api/inventory/policies/NDPR-OX", content=raw, headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 422, (raw, r.text)
