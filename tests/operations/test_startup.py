"""Start-up: commands import only what they use (timed in benchmarks/startup.py, checked here by module)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from typer.testing import CliRunner

from reechain import cli
from reechain.planning.lp import RowwiseMatrix

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "planning_small.yaml"
PROBE = """
import json, sys
from reechain.cli import main
sys.argv = ["reechain", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=300)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _top_modules(*args: str) -> set[str]:
    return {m.split(".")[0] for m in _modules(*args)}


def test_help_imports_neither_the_database_nor_rich() -> None:
    loaded = _top_modules("--help")
    assert "typer" in loaded  # the probe sees imports
    assert not loaded & {"sqlalchemy", "pydantic_settings", "rich", "fastapi", "numpy", "alembic"}


def test_a_file_solve_imports_neither_the_database_nor_scipy(tmp_path: Path) -> None:
    loaded = _top_modules("plan", "solve", str(EXAMPLE), "--json", str(tmp_path / "plan.json"))
    assert {"highspy", "numpy", "yaml"} <= loaded
    assert not loaded & {"sqlalchemy", "scipy", "fastapi", "alembic"}
    assert json.loads((tmp_path / "plan.json").read_text())["status"] == "optimal"


def test_a_group_command_builds_its_group_alone(tmp_path: Path) -> None:
    loaded = _modules("plan", "solve", str(EXAMPLE), "--json", str(tmp_path / "plan.json"))
    assert "reechain.commands.plan" in loaded
    assert not loaded & {"reechain.commands.ledger", "reechain.commands.sales", "reechain.commands.market"}
    assert json.loads((tmp_path / "plan.json").read_text())["status"] == "optimal"


@pytest.mark.parametrize(
    "args", [["plan", "--help"], ["plan", "solve", "--help"], ["plan", "nosuch"], ["plan"]]
)
def test_the_group_alone_answers_as_the_whole_command_line(args: list[str]) -> None:
    whole = CliRunner().invoke(cli.app, args, prog_name="reechain")
    alone = CliRunner().invoke(cli.build_app("plan"), args, prog_name="reechain")
    assert "reechain plan" in whole.output
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


def test_help_lists_every_group() -> None:
    result = CliRunner().invoke(cli.app, ["--help"], prog_name="reechain")
    assert result.exit_code == 0
    for group in (*cli.GROUPS, "init", "demo", "serve"):
        assert f" {group} " in result.output


triplets = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 5), st.floats(-1e6, 1e6, allow_nan=False)), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(triplets)
def test_rowwise_matrix_equals_scipys_csr(items: list[tuple[int, int, float]]) -> None:
    """Repeated (row, column) pairs summed, columns sorted per row: exactly what scipy builds."""
    r = np.array([i[0] for i in items], dtype=np.int64)
    c = np.array([i[1] for i in items], dtype=np.int64)
    v = np.array([i[2] for i in items], dtype=np.float64)
    ours = RowwiseMatrix.from_triplets(r, c, v, n_rows=7)
    theirs = sparse.csr_matrix((v, (r, c)), shape=(7, 6))
    theirs.sum_duplicates()
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.allclose(ours.data, theirs.data, rtol=1e-12, atol=1e-6)
