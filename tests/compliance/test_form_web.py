"""The order-check form (TestClient, both backends): the decision with each hit's list entry, per-field
problems on the form with nothing saved, the hold's release state, the JSON file upload."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.compliance.order_form import place_problems, read_form
from reechain.domain.errors import Problem
from reechain.domain.locations import Location, LocationKind
from reechain.domain.products import Form, Product
from reechain.domain.roles import Role
from reechain.services import audit, ledger, sales, screening
from reechain.services import compliance as svc
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput

from .support import EXAMPLE, csrf, web_client

WATCH_LIST = screening.SAMPLE_LISTS_DIR / "mofcom_control_2026-07-24.json"


def held_order_fields() -> dict[str, str]:
    """docs/examples/order_dy_held.json typed into the form: its end user is on MOFCOM's watch list."""
    return {
        "order_id": "EX-2026-0117",
        "date": "2026-09-01",
        "exporter_name": "Northern Sample Rare Earth Group International Trade Co., Ltd.",
        "exporter_country": "CN",
        "destination_country": "JP",
        "incoterm": "CIF",
        "end_use": "magnetic sensors",
        "party-0-role": "buyer",
        "party-0-name": "Example Magnetics K.K.",
        "party-0-country": "JP",
        "party-1-role": "end_user",
        "party-1-name": "日本電磁測器株式會社",
        "party-1-schema": "Company",
        "party-1-country": "JP",
        "party-2-role": "consignee",  # a blank row: ignored
        "line-0-product": "Dy2O3",
        "line-0-form": "oxide",
        "line-0-hs_code": "2846901500",
        "line-0-composition": "Dy=100%",
        "line-0-purity": "0.995",
        "line-0-quantity_kg": "200",
    }


def _error(html: str, field: str) -> str:
    m = re.search(rf'data-testid="error-{re.escape(field)}">([^<]*)<', html)
    assert m, f"no error shown at {field}"
    return m.group(1)


def test_the_form_reads_into_the_gate_format() -> None:
    form, order = read_form(held_order_fields())
    assert order is not None and not form.errors
    assert [p["role"] for p in order["parties"]] == ["buyer", "end_user"]
    assert order["parties"][1] == {
        "role": "end_user",
        "name": "日本電磁測器株式會社",
        "schema": "Company",
        "country": "JP",
    }
    assert order["lines"] == [
        {
            "line": 1,
            "product": "Dy2O3",
            "form": "oxide",
            "hs_code": "2846901500",
            "composition": {"Dy": 1.0},
            "purity": 0.995,
            "quantity_kg": 200.0,
        }
    ]
    assert order["exporter"] == {
        "name": "Northern Sample Rare Earth Group International Trade Co., Ltd.",
        "country": "CN",
    }


@pytest.mark.parametrize(
    ("text", "shares"),
    [
        ("Dy=1", {"Dy": 1.0}),
        ("Nd=0.75, Pr=0.25", {"Nd": 0.75, "Pr": 0.25}),
        ("Nd:0.8;Pr:0.2", {"Nd": 0.8, "Pr": 0.2}),
        ("Nd 75%, Pr 25%", {"Nd": 0.75, "Pr": 0.25}),
    ],
)
def test_composition_forms(text: str, shares: dict[str, float]) -> None:
    _, order = read_form({"line-3-hs_code": "2846901500", "line-3-composition": text})
    assert order is not None
    assert order["lines"][0]["composition"] == pytest.approx(shares)


@pytest.mark.parametrize("text", ["Dy", "Dy=one", "Dy=nan", "Dy=inf", "Dy=1, Dy=0", "dysprosium 1", "=1"])
def test_bad_compositions_are_refused_on_their_field(text: str) -> None:
    form, order = read_form(held_order_fields() | {"line-0-composition": text})
    assert order is None and list(form.errors) == ["line-0-composition"]


def test_gate_problems_land_on_the_rows_they_name() -> None:
    fields = held_order_fields() | {
        "party-5-role": "bank",
        "party-5-name": "Some Bank",
        "line-7-hs_code": "12",
    }
    form, order = read_form(fields)
    assert order is not None
    place_problems(
        form,
        order,
        [
            Problem("required", field="parties[3].role"),  # the third kept party is row 5
            Problem("an HS code of 6 to 10 digits is required", field="hs_code", line=2),  # row 7
            Problem("required: an object with `name`", field="exporter"),
            Problem("an export order must name its end user (role end_user)", field="parties"),
        ],
    )
    assert set(form.errors) == {"party-5-role", "line-7-hs_code", "exporter_name", "parties"}


def _login_with_list(container: Container) -> Any:
    screening.import_list(container, WATCH_LIST, "mofcom-control", "mofcom-control")
    return web_client(container, "alice", Role.COMPLIANCE_OFFICER)


def test_form_check_shows_the_hit_its_entry_and_the_hold(container: Container) -> None:
    alice = _login_with_list(container)
    r = alice.post(
        "/compliance/check-form", data=held_order_fields() | {"csrf_token": csrf(alice, "/compliance")}
    )
    assert r.status_code == 200, r.text
    assert 'data-testid="decision-value">hold<' in r.text
    # the party's name beside the entry's, the entry's alias and programme, the features behind the score
    assert re.search(r'data-testid="hit-party">日本電磁測器株式會社<', r.text)
    assert re.search(r'data-testid="hit-entry"><strong>日本电磁测器株式会社</strong>', r.text)
    assert "Nihon Denji Sokki Co., Ltd" in r.text
    assert "export_control_watch_list" in r.text
    assert "core_name" in r.text and "transliteration" in r.text
    # the hold: nobody approved yet, two approvals to go
    assert "needs 2 approvals by two different compliance officers" in r.text
    (check,) = svc.recent_checks(container)
    assert check["order_id"] == "EX-2026-0117" and check["actor"] == "alice"
    hold = svc.list_holds(container)[0]["hold_id"]
    alice.post(f"/compliance/holds/{hold}/approve", data={"csrf_token": csrf(alice, "/compliance")})
    page = alice.get("/compliance").text
    assert re.search(rf'data-testid="release-{hold}">.*?approved-by">alice<', page, re.S)
    assert "needs 1 more approval by a compliance officer other than alice" in page
    decision = alice.get("/compliance/orders/EX-2026-0117")
    assert decision.status_code == 200 and "needs 1 more approval" in decision.text
    assert alice.get("/compliance/orders/NOPE").status_code == 404


def test_bad_form_input_is_shown_per_field_and_nothing_is_saved(container: Container) -> None:
    alice = web_client(container, "alice", Role.COMPLIANCE_OFFICER)
    fields = held_order_fields() | {
        "line-0-quantity_kg": "Infinity",
        "line-0-composition": "Dy=lots",
        "line-1-product": "CeO2",
        "line-1-form": "oxide",
        "line-1-quantity_kg": "-5",
    }
    r = alice.post("/compliance/check-form", data=fields | {"csrf_token": csrf(alice, "/compliance")})
    assert r.status_code == 422
    assert "must be a finite number" in _error(r.text, "line-0-quantity_kg")
    assert "not a number" in _error(r.text, "line-0-composition")
    assert "nothing was saved" in r.text
    assert 'value="日本電磁測器株式會社"' in r.text  # what was typed is kept
    # the form reads; the gate then finds the rest, each on its field
    fields = held_order_fields() | {
        "party-1-role": "consignee",
        "destination_country": "JPN",
        "line-0-hs_code": "28",
        "line-0-composition": "Xx=0.5",
    }
    r = alice.post("/compliance/check-form", data=fields | {"csrf_token": csrf(alice, "/compliance")})
    assert r.status_code == 422
    assert "end user" in _error(r.text, "parties")
    assert "two-letter" in _error(r.text, "destination_country")
    assert "HS code" in _error(r.text, "line-0-hs_code")
    assert "not a rare-earth element" in _error(r.text, "line-0-composition")
    assert svc.recent_checks(container) == [] and svc.list_holds(container) == []
    assert audit.verify(container).records == 0


def test_json_upload_and_deep_json_are_answered(container: Container) -> None:
    alice = web_client(container, "alice", Role.TRADER)
    token = csrf(alice, "/compliance")
    r = alice.post(
        "/compliance/check",
        data={"csrf_token": token},
        files={"order_file": ("order.json", EXAMPLE.read_bytes(), "application/json")},
    )
    assert r.status_code == 200 and 'data-testid="decision-value">hold<' in r.text
    for bad in ("NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400):
        text = EXAMPLE.read_text().replace('"quantity_kg": 500', f'"quantity_kg": {bad}')
        assert bad in text
        r = alice.post("/compliance/check", data={"order_json": text, "csrf_token": token})
        assert r.status_code == 422, bad
    assert len(svc.recent_checks(container)) == 1  # the upload's; nothing of the refused ones
    assert audit.verify(container).records == 1
    deep = "[" * 5000 + "]" * 5000
    r = alice.post("/compliance/check", data={"order_json": deep, "csrf_token": token})
    assert r.status_code == 422 and "not JSON" in r.text
    r = alice.post(
        "/compliance/check",
        data={"csrf_token": token},
        files={"order_file": ("order.json", b"\xff\xfe", "application/json")},
    )
    assert r.status_code == 422 and "not UTF-8" in r.text


def test_a_compliance_officer_checks_a_sales_order_from_the_sales_page(container: Container) -> None:
    for loc in (
        Location("CUST-CN", "Domestic magnet maker", LocationKind.CUSTOMER, country="CN"),
        Location("CUST-JP", "Example Magnetics K.K.", LocationKind.CUSTOMER, country="JP"),
    ):
        ledger.define_location(container, loc)
    ledger.define_product(
        container, Product("DY-OX-995", "Dy oxide 99.5%", Form.OXIDE, 1.0, {"Dy": 1.0}, purity=0.995)
    )
    doc = {
        "parties": [{"role": "end_user", "name": "日本電磁測器株式會社", "country": "JP"}],
        "hs_code": "2846901500",
    }
    sales.add_order(
        container,
        OrderInput("EX-7", Channel.SPOT, "CUST-JP", "DY-OX-995", 0.2, date.today(), "JP", export_doc=doc),
        by="tom",
    )
    alice = _login_with_list(container)
    r = alice.post("/sales/orders/EX-7/check", data={"csrf_token": csrf(alice, "/sales")})
    assert r.status_code == 200 and r.url.path == "/sales" and r.url.params["decision"] == "EX-7"
    assert 'data-testid="decision-value">hold<' in r.text and "Nihon Denji Sokki Co., Ltd" in r.text
    assert sales.get_order(container, "EX-7")["compliance_state"] == "hold"
    checks_before = len(svc.recent_checks(container))  # the officer's, and the list import's re-check
    auditor = web_client(container, "audrey", Role.AUDITOR)
    r = auditor.post("/sales/orders/EX-7/check", data={"csrf_token": csrf(auditor, "/sales")})
    assert r.status_code == 403
    assert len(svc.recent_checks(container)) == checks_before


def test_every_bad_field_is_reported_at_once() -> None:
    """A number the form cannot read, a date that is no date and a country that is no code: all three come
    back together, each on its own field (the form's own reason kept where it has one)."""
    fields = held_order_fields() | {
        "line-0-quantity_kg": "two hundred",
        "date": "2026-13-01",
        "party-0-country": "ZZZ",
    }
    form, order = read_form(fields)
    assert order is None
    assert set(form.errors) == {"line-0-quantity_kg", "date", "party-0-country"}
    assert len(form.errors["line-0-quantity_kg"]) == 1  # the form's reason, not the gate's "required" too
    assert "not a date" in form.errors["date"][0] and "two-letter" in form.errors["party-0-country"][0]
