"""The Plants page of the sample group in headless chromium: charts drawn, the flagged exceedance shown,
a record entered through the form, a bad file refused with its rows named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user
from reechain.services.green_sample import load_sample_green
from reechain.services.sample import load_sample_group

PASSWORD = "plants-browser-passphrase-1"


def test_sample_records_are_loaded_once_and_flag_one_exceedance(sqlite_file_container: Container) -> None:
    from reechain.services import green as svc

    c = sqlite_file_container
    load_sample_group(c)
    n = load_sample_green(c)
    assert n > 500 and load_sample_green(c) == 0
    report = svc.plant_kpis(c, period="2026")
    assert {k.plant for k in report.plants} == {"SEP-BT1", "SEP-BT2", "SEP-GZ", "MET-BT"}
    flagged = [(e.plant, e.period, e.measured) for k in report.months for e in k.exceedances]
    assert flagged == [("SEP-BT2", "2026-07", 16.2)]
    for k in report.plants:
        assert k.t_reo > 0 and k.cost_cny_per_t_reo is not None and k.co2e_kg_per_t_reo is not None


@pytest.mark.browser
@pytest.mark.usefixtures("cheap_passwords")
def test_plants_page_in_the_browser(
    live_server: str, chromium: Any, sqlite_file_container: Container, tmp_path: Path
) -> None:
    c = sqlite_file_container
    load_sample_group(c)
    load_sample_green(c)
    create_user(c, "pat", [Role.PLANNER], PASSWORD)
    page = chromium.new_context().new_page()
    page.set_default_timeout(30_000)
    page.goto(live_server + "/login")
    page.fill("#username", "pat")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.goto(live_server + "/plants")
    flags = page.locator("[data-testid=exceedances]")
    assert "SEP-BT2" in flags.inner_text() and "16.2" in flags.inner_text()
    assert page.locator("[data-testid=plants] tr").count() == 5  # header + 4 plants
    page.click("text=SEP-BT2 >> nth=0")
    page.wait_for_url("**/plants/SEP-BT2")
    for chart in ("production", "cost", "reagents"):
        page.wait_for_selector(f"[data-testid=chart-{chart}] .main-svg")
    assert page.locator("[data-testid=chart-cost] .main-svg .bars path").count() > 10
    assert "2026-07" in page.locator("[data-testid=exceedances]").inner_text()
    whatif = page.locator("[data-testid=whatif]").inner_text()
    assert "2026-07" in whatif and "4,583,333" in whatif  # 55 million CNY a year / 12
    page.fill("[data-testid=record-form] input[name=period]", "2026-12")
    page.select_option("[data-testid=record-form] select[name=item]", "ammonia_nitrogen_mg_per_l")
    page.fill("[data-testid=record-form] input[name=quantity]", "15.1")
    page.click("[data-testid=record-form] button[type=submit]")
    page.wait_for_selector("text=ammonia_nitrogen_mg_per_l for 2026-12: recorded")
    assert "2026-12" in page.locator("[data-testid=exceedances]").inner_text()
    page.goto(live_server + "/plants")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "plant,period,item,quantity\nSEP-BT1,2026-12,coal_t,-2\nNOPE,2026-12,coal_t,1\n", encoding="utf-8"
    )
    page.set_input_files("input[name=file]", str(bad))
    page.click("form[action='/plants/import'] button[type=submit]")
    problems = page.locator("[data-testid=problems]").inner_text()
    assert "line 2, quantity" in problems and "line 3, plant" in problems
