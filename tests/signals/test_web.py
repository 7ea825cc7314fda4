"""Signals through the API (analyst role) and the timeline page in headless chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services.auth import create_user, issue_token

NOTICES = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "notices"
PASSWORD = "signals-test-passphrase-1"


def client(c: Container, name: str, *roles: Role) -> TestClient:
    create_user(c, name, roles, PASSWORD)
    t = TestClient(create_app(c), raise_server_exceptions=False)
    t.headers["Authorization"] = f"Bearer {issue_token(c, name)}"
    return t


def files(*names: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (n, (NOTICES / n).read_bytes(), "text/plain")) for n in names]


def test_api_extract_ingest_timeline_and_shock(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    ana = client(c, "ana", Role.ANALYST)
    r = ana.post("/api/signals/extract", files=files("zh_2025_18.txt", "en_distractor_prices.md"))
    assert r.status_code == 200
    assert [d["signals"] for d in r.json()["documents"]] == [1, 0]
    bad = ana.post(
        "/api/signals/documents",
        files=[*files("zh_2025_18.txt"), ("files", ("x.txt", b"\x00", "text/plain"))],
    )
    assert bad.status_code == 422 and "x.txt" in bad.text
    assert ana.get("/api/signals").json() == []  # nothing stored from the refused batch
    r = ana.post(
        "/api/signals/documents", files=files("zh_2025_18.txt", "zh_2025_70.txt", "en_quota_2024.md")
    )
    assert r.json() == {"stored": 3, "already_known": 0, "signals": 3}
    assert ana.post("/api/signals/documents", files=files("zh_2025_18.txt")).json()["already_known"] == 1
    r = ana.get("/api/signals", params={"element": "Dy"})
    assert r.status_code == 200, r.text
    dy = r.json()
    assert [s["measure"] for s in dy] == ["quota", "export_control", "suspension"]  # in date order
    first = next(s for s in dy if s["measure"] == "export_control")
    shock = ana.get(f"/api/signals/{first['document']}/{first['index']}/shock").json()
    assert shock["shock"]["kind"] == "export_licensing" and shock["shock"]["start"] == "2025-04"
    susp = next(s for s in dy if s["measure"] == "suspension")
    none = ana.get(f"/api/signals/{susp['document']}/{susp['index']}/shock").json()
    assert none["shock"] is None and "suspension" in none["note"]
    yearless = (
        "files",
        ("halt.txt", "某公司7月16日收到通知，要求立即停止开采锂矿。".encode(), "text/plain"),
    )
    got = ana.post("/api/signals/extract", files=[yearless]).json()["signals"]
    assert [(x["measure"], x["year_assumed"]) for x in got] == [("production_cut", True)]
    assert all(x["year_assumed"] is False for x in dy)
    trader = client(c, "tom", Role.TRADER)
    assert trader.post("/api/signals/documents", files=files("zh_2023_23.txt")).status_code == 403


@pytest.mark.browser
def test_timeline_page_in_the_browser(
    live_server: str, chromium: Any, sqlite_file_container: Container, tmp_path: Path
) -> None:
    create_user(sqlite_file_container, "ana", [Role.ANALYST], PASSWORD)
    page = chromium.new_context(accept_downloads=True).new_page()
    page.set_default_timeout(30_000)
    page.goto(live_server + "/login")
    page.fill("#username", "ana")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=current-user]")
    page.goto(live_server + "/signals")
    yearless = tmp_path / "zh_yearless_halt.txt"
    yearless.write_text(
        "某公司因违规开采锂资源，7月16日收到自然资源局通知，要求立即停止开采并整改。", "utf-8"
    )
    page.set_input_files(
        "input[name=files]",
        [
            *(
                str(NOTICES / n)
                for n in ("zh_2025_18.txt", "zh_2023_23.txt", "en_2025_57.md", "en_distractor_hedge.md")
            ),
            str(yearless),
        ],
    )
    page.click("form[method=post][action='/signals'] button")
    assert "5 documents stored" in page.inner_text(".flash")
    table = page.inner_text("[data-testid=signals]")
    assert "MOFCOM/GAC 2025 No. 18" in table and "Ga Ge" in table
    # a text with no year anywhere is dated in the year of reading, and says so
    assert page.locator("[data-testid=year-assumed]").count() == 1
    page.wait_for_selector("[data-testid=timeline] div.chart[data-drawn] .scatterlayer")
    page.select_option("select[name=element]", "Dy")
    page.click("form[action='/signals'] >> text=Filter")
    table = page.inner_text("[data-testid=signals]")
    assert "2025 No. 18" in table and "Ga Ge" not in table
    with page.expect_download() as dl:
        page.click("text=as shock")
    shock = yaml.safe_load(Path(dl.value.path()).read_text())
    assert shock["shocks"][0]["kind"] == "export_licensing" and "Dy" in shock["shocks"][0]["elements"]
    # one click: the signal as a running scenario, its page on Dy with the notice beside the fan
    page.click("[data-testid=signals] tr:has-text('2025 No. 18') [data-testid=run-scenario]")
    page.wait_for_selector("[data-testid=trigger]")
    assert "element=Dy" in page.url and "2025 No. 18" in page.inner_text("[data-testid=trigger]")
    page.wait_for_selector("[aria-label='fan chart Dy ex_china']", timeout=120_000)


def test_api_extract_with_the_trained_reader(sqlite_file_container: Container) -> None:
    ana = client(sqlite_file_container, "ana", Role.ANALYST)
    r = ana.post(
        "/api/signals/extract?reader=trained",
        files=[*files("zh_2025_18.txt"), ("files", ("x.txt", b"\x00", "text/plain"))],
    )
    assert r.status_code == 200
    docs = r.json()["documents"]
    assert docs[0]["error"] is None and docs[1]["error"]  # the binary file is refused, the notice read
    assert all(s["file"] == "zh_2025_18.txt" for s in r.json()["signals"])
    assert ana.post("/api/signals/extract?reader=neural", files=files("zh_2025_18.txt")).status_code == 422


def test_a_signal_starts_a_scenario_whose_run_shows_the_notice(sqlite_file_container: Container) -> None:
    """One action turns a signal into a market scenario: its shock, three months of market before it, and
    the notice it came from, which the run's page shows beside the fan."""
    from reechain.services import market_runs

    c = sqlite_file_container
    ana = client(c, "ana", Role.ANALYST)
    ana.post("/api/signals/documents", files=files("zh_2025_18.txt", "zh_2025_70.txt"))
    dy = ana.get("/api/signals", params={"element": "Dy"}).json()
    control = next(s for s in dy if s["measure"] == "export_control")
    r = ana.post(f"/api/signals/{control['document']}/{control['index']}/run")
    assert r.status_code == 202, r.text
    run_id = r.json()["run_id"]
    market_runs.wait(run_id, 300)
    run = ana.get(f"/api/market/scenarios/{run_id}").json()
    assert run["status"] == "done", run["error"]
    scenario = run["scenario"]
    assert scenario["shocks"][0]["kind"] == "export_licensing" and "Dy" in scenario["shocks"][0]["elements"]
    assert scenario["shocks"][0]["start"] == "2025-04" and scenario["start"] == "2025-01"  # 3 months before
    source = scenario["source"]
    assert source["document"] == control["document"] and source["evidence"] == control["evidence"]
    assert source["doc_ref"] == control["doc_ref"] and control["doc_ref"] in run["name"]
    page = ana.get(f"/market/runs/{run_id}?element=Dy")
    assert page.status_code == 200 and 'data-testid="trigger"' in page.text
    assert control["evidence"][:20] in page.text and 'aria-label="fan chart Dy ex_china"' in page.text
    # a suspension gives no shock: refused with the reason, nothing started
    susp = next(s for s in dy if s["measure"] == "suspension")
    refused = ana.post(f"/api/signals/{susp['document']}/{susp['index']}/run")
    assert refused.status_code == 422 and "suspension" in refused.text
    assert len(ana.get("/api/market/scenarios").json()) == 1
    trader = client(c, "tom", Role.TRADER)
    assert trader.post(f"/api/signals/{control['document']}/{control['index']}/run").status_code == 403
