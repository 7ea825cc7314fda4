"""The cluster path: a real `distributed` scheduler with two worker processes on loopback gives the same
numbers, bit for bit, as the local threaded path and the serial reference; the CLI takes --scheduler."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from reechain.cli import app
from reechain.market import runner
from reechain.market.baseline import load_baseline, load_parameters
from reechain.market.scenario import load_scenario


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    import importlib

    local_cluster: Any = importlib.import_module("distributed").LocalCluster  # untyped

    with local_cluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_port=0,
        silence_logs=40,
    ) as cluster:
        assert len(cluster.workers) == 2
        yield str(cluster.scheduler_address)


def test_two_worker_processes_give_the_local_numbers(scheduler_address: str, shared_dir: Path) -> None:
    assert scheduler_address.startswith("tcp://127.0.0.1:")
    sc = load_scenario(shared_dir / "examples" / "scenario.yaml", runs=1700)
    b, p = load_baseline(), load_parameters()
    seen: list[int] = []
    on_cluster = runner.run(sc, b, p, scheduler=scheduler_address, progress=lambda d, t: seen.append(t))
    local = runner.run(sc, b, p)
    serial = runner.run_serial(sc, b, p)
    assert seen == [4, 4, 4, 4]  # 1700 runs = 3 blocks of 500 and one of 200
    for name in runner.SERIES:
        assert np.array_equal(getattr(on_cluster, name), getattr(local, name))
        assert np.array_equal(getattr(on_cluster, name), getattr(serial, name))


def test_the_cli_runs_on_the_cluster(scheduler_address: str, shared_dir: Path, tmp_path: Path) -> None:
    out_cluster, out_local = tmp_path / "cluster.json", tmp_path / "local.json"
    scenario = str(shared_dir / "examples" / "scenario.yaml")
    r = CliRunner().invoke(
        app,
        [
            "market",
            "simulate",
            scenario,
            "--runs",
            "300",
            "--scheduler",
            scheduler_address,
            "--json",
            str(out_cluster),
        ],
    )
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["market", "simulate", scenario, "--runs", "300", "--json", str(out_local)])
    assert r.exit_code == 0, r.output
    a, b = json.loads(out_cluster.read_text()), json.loads(out_local.read_text())
    assert a["scheduler"] == scheduler_address and b["scheduler"] == "local threads"
    assert json.dumps(a["elements"], sort_keys=True) == json.dumps(b["elements"], sort_keys=True)
