"""Stored scenario runs: started from the web or API in a background thread, with progress, cancel, results
kept for comparison and download.

Starting a run is one transaction (the row, status ``running``); the background job then records its progress
and its result in their own short transactions. Cancelling records the request in the row (so it works from
any server process) and sets the job's event when the job runs in this process; the job checks the event every
month of the model and the row after every block. A running row whose job has not reported for
``STALE_AFTER`` (its process ended: a restart) is reported as ``failed`` when read.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import yaml
from sqlalchemy import CursorResult, insert, select, update

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, InvalidInput, NotFound, Problem
from reechain.domain.roles import Role
from reechain.market.model import Cancelled
from reechain.market.results import compare as compare_documents
from reechain.market.results import to_csv, to_xlsx
from reechain.market.runner import block_sizes
from reechain.market.scenario import Scenario, parse_scenario
from reechain.services.market import require_analyst, simulate
from reechain.store.tables import market as t

MAX_WEB_RUNS = 20_000
STALE_AFTER = timedelta(minutes=30)
_jobs: dict[int, tuple[threading.Thread, threading.Event]] = {}
_jobs_lock = threading.Lock()


def _now() -> datetime:
    return datetime.now(UTC)


def parse_scenario_text(text: str) -> Scenario:
    """A scenario pasted as YAML (or JSON) text; errors name the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InvalidInput("the scenario is not valid YAML", [Problem(str(e), field="scenario")]) from None
    sc = parse_scenario(data, source="scenario")
    if sc.runs > MAX_WEB_RUNS:
        raise InvalidInput(
            "too many runs for a web job", [Problem(f"at most {MAX_WEB_RUNS:,}", field="runs")]
        )
    return sc


def start_run(
    c: Container,
    scenario: Scenario,
    *,
    name: str = "",
    by: str | None = None,
    roles: Collection[Role] | None = None,
    source: Mapping[str, Any] | None = None,
) -> int:
    """Record the run and start it in a background thread; returns its id. ``source``, what the scenario
    was made from (a market signal's notice: ``services.signals.run_scenario``), is kept with the scenario
    under ``source``."""
    require_analyst(roles)
    with c.uow() as uow:
        res = uow.session.execute(
            insert(t.scenario_runs).values(
                name=(name or scenario.name or "scenario")[:200],
                status="running",
                runs=scenario.runs,
                seed=scenario.seed,
                blocks_done=0,
                blocks_total=len(block_sizes(scenario.runs)),
                scenario=scenario.as_dict() | ({"source": dict(source)} if source else {}),
                result=None,
                error=None,
                created_by=by,
                created_at=_now(),
                updated_at=_now(),
            )
        )
        key = cast(CursorResult[Any], res).inserted_primary_key
        assert key is not None
        run_id = key[0]
        uow.commit()
    stop = threading.Event()
    job = threading.Thread(
        target=_work, args=(c, int(run_id), scenario, stop), name=f"market-run-{run_id}", daemon=True
    )
    with _jobs_lock:
        _jobs[int(run_id)] = (job, stop)
    job.start()
    return int(run_id)


def _set(c: Container, run_id: int, **values: Any) -> None:
    with c.uow() as uow:
        uow.session.execute(update(t.scenario_runs).where(t.scenario_runs.c.id == run_id).values(**values))
        uow.commit()


def _progress(c: Container, run_id: int, stop: threading.Event, done: int) -> None:
    with c.uow() as uow:
        uow.session.execute(
            update(t.scenario_runs)
            .where(t.scenario_runs.c.id == run_id)
            .values(blocks_done=done, updated_at=_now())
        )
        asked = uow.session.execute(
            select(t.scenario_runs.c.cancel_requested).where(t.scenario_runs.c.id == run_id)
        ).scalar_one()
        uow.commit()
    if asked:
        stop.set()


def _work(c: Container, run_id: int, scenario: Scenario, stop: threading.Event) -> None:
    try:
        doc = simulate(scenario, progress=lambda done, total: _progress(c, run_id, stop, done), cancel=stop)
        _set(c, run_id, status="done", result=doc, finished_at=_now())
    except Cancelled:
        _set(c, run_id, status="cancelled", finished_at=_now())
    except Exception as e:
        _set(c, run_id, status="failed", error=f"{type(e).__name__}: {e}", finished_at=_now())
    finally:
        with _jobs_lock:
            _jobs.pop(run_id, None)


def wait(run_id: int, timeout_s: float | None = None) -> None:
    """Block until the run's background job (in this process) ends."""
    with _jobs_lock:
        job = _jobs.get(run_id)
    if job is not None:
        job[0].join(timeout_s)


def _summary(r: Any) -> dict[str, Any]:
    status = r["status"]
    if status == "running":
        with _jobs_lock:
            here = r["id"] in _jobs
        updated = r["updated_at"] if r["updated_at"].tzinfo else r["updated_at"].replace(tzinfo=UTC)
        if not here and _now() - updated > STALE_AFTER:
            status = "failed"  # no report for a long time: its process is gone (restart)
    return {
        "id": r["id"],
        "name": r["name"],
        "status": status,
        "runs": r["runs"],
        "seed": r["seed"],
        "blocks_done": r["blocks_done"],
        "blocks_total": r["blocks_total"],
        "progress": r["blocks_done"] / r["blocks_total"] if r["blocks_total"] else 1.0,
        "created_by": r["created_by"],
        "created_at": r["created_at"],
        "finished_at": r["finished_at"],
        "error": r["error"] or ("" if status == r["status"] else "the process running it ended"),
        "scenario": r["scenario"],
    }


def list_runs(c: Container, *, limit: int = 100) -> list[dict[str, Any]]:
    with c.uow() as uow:
        q = select(*[col for col in t.scenario_runs.c if col.name != "result"])
        rows = uow.session.execute(q.order_by(t.scenario_runs.c.id.desc()).limit(limit)).mappings().all()
    return [_summary(r) for r in rows]


def get_run(c: Container, run_id: int) -> dict[str, Any]:
    with c.uow() as uow:
        r = (
            uow.session.execute(select(t.scenario_runs).where(t.scenario_runs.c.id == run_id))
            .mappings()
            .first()
        )
    if r is None:
        raise NotFound(f"no scenario run {run_id}")
    return {**_summary(r), "result": r["result"]}


def cancel_run(c: Container, run_id: int, *, roles: Collection[Role] | None = None) -> dict[str, Any]:
    require_analyst(roles)
    run = get_run(c, run_id)
    if run["status"] != "running":
        raise Conflict(f"scenario run {run_id} is {run['status']}, not running")
    _set(c, run_id, cancel_requested=True)
    with _jobs_lock:
        job = _jobs.get(run_id)
    if job is not None:
        job[1].set()
    return run


def result(c: Container, run_id: int) -> dict[str, Any]:
    run = get_run(c, run_id)
    if run["status"] != "done" or run["result"] is None:
        raise Conflict(f"scenario run {run_id} is {run['status']}: no result yet")
    doc: dict[str, Any] = run["result"]
    return doc


def export(c: Container, run_id: int, fmt: str) -> tuple[bytes, str]:
    """The run's quantiles as CSV or Excel: (content, media type)."""
    doc = result(c, run_id)
    if fmt == "csv":
        return to_csv(doc).encode("utf-8"), "text/csv"
    if fmt == "xlsx":
        return to_xlsx(doc), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    raise InvalidInput("unknown export format", [Problem(f"csv or xlsx, got {fmt!r}", field="format")])


def compare(c: Container, run_ids: list[int], element: str, market: str = "ex_china") -> list[dict[str, Any]]:
    problems = []
    if market not in ("china", "ex_china"):
        problems.append(Problem(f"china or ex_china, got {market!r}", field="market"))
    if not run_ids:
        problems.append(Problem("name at least one run", field="ids"))
    if problems:
        raise InvalidInput("cannot compare", problems)
    docs = {f"#{i} {get_run(c, i)['name']}": result(c, i) for i in run_ids}
    first = next(iter(docs.values()))
    if element not in first["elements"]:
        raise InvalidInput("cannot compare", [Problem(f"unknown element {element!r}", field="element")])
    return compare_documents(docs, element, market)
