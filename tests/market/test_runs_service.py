"""Stored scenario runs on both databases: a run is recorded, finishes in the background with its result kept,
is compared and exported; roles are checked in the service."""

from __future__ import annotations

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from reechain.domain.roles import Role
from reechain.market.results import rows
from reechain.market.scenario import parse_scenario
from reechain.services import market_runs

SCENARIO = {
    "start": "2026-01",
    "months": 6,
    "runs": 30,
    "seed": 2,
    "shocks": [
        {
            "kind": "production_quota",
            "country": "CN",
            "elements": ["Nd"],
            "start": "2026-02",
            "end": "2026-05",
            "change": -0.2,
        }
    ],
}


def test_a_run_is_kept_compared_and_exported(container: Container) -> None:
    sc = parse_scenario(SCENARIO)
    with pytest.raises(Forbidden):
        market_runs.start_run(container, sc, roles={Role.TRADER})
    run_id = market_runs.start_run(container, sc, name="Nd quota", by="ana", roles={Role.ANALYST})
    market_runs.wait(run_id, 120)
    run = market_runs.get_run(container, run_id)
    assert run["status"] == "done", run["error"]
    assert (run["blocks_done"], run["blocks_total"], run["created_by"]) == (1, 1, "ana")
    doc = run["result"]
    assert doc["months"][0] == "2026-01" and len(doc["elements"]) == 17
    assert doc["elements"]["Nd"]["markets"]["china"]["price_index"]["p50"][0] == 1.0  # base 2026-01
    assert len(rows(doc)) == 17 * 3 * 6
    content, media = market_runs.export(container, run_id, "csv")
    assert media == "text/csv" and content.decode().count("\n") == 1 + 17 * 3 * 6
    [row] = market_runs.compare(container, [run_id], "Nd", "china")
    assert row["p50_peak"] > 1.0  # a Chinese production cut raises the Chinese price
    assert [r["id"] for r in market_runs.list_runs(container)] == [run_id]
    with pytest.raises(Conflict):
        market_runs.cancel_run(container, run_id, roles={Role.ANALYST})
    with pytest.raises(InvalidInput):
        market_runs.export(container, run_id, "pdf")
    with pytest.raises(NotFound):
        market_runs.get_run(container, run_id + 1)


def test_pasted_scenarios_are_checked(container: Container) -> None:
    with pytest.raises(InvalidInput) as e:
        market_runs.parse_scenario_text("start: 2026-01\nmonths: 3\nruns: 50000\n")
    assert {p.field for p in e.value.problems} == {"runs"}
    with pytest.raises(InvalidInput):
        market_runs.parse_scenario_text("start: [unclosed")


def test_a_cancel_recorded_by_another_process_stops_the_run(container: Container) -> None:
    from reechain.market.runner import BLOCK_RUNS

    sc = parse_scenario({"start": "2026-01", "months": 120, "runs": 40 * BLOCK_RUNS, "seed": 1, "shocks": []})
    run_id = market_runs.start_run(container, sc, roles={Role.ANALYST})
    # what cancel_run does in another server process: only the row changes, this process's event is untouched
    market_runs._set(container, run_id, cancel_requested=True)
    market_runs.wait(run_id, 300)
    run = market_runs.get_run(container, run_id)
    assert run["status"] == "cancelled" and run["blocks_done"] < run["blocks_total"]
