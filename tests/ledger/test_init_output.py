"""`reechain init --sample` says what it loaded: movements, stock policies and market sizes."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app


@pytest.fixture
def cli(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    return CliRunner()


def test_init_sample_prints_what_it_loaded(cli: CliRunner) -> None:
    r = cli.invoke(app, ["init", "--sample"])
    assert r.exit_code == 0, r.output
    # 7 stock policies and 30 market sizes are the sample's files (see tests/ledger/test_sample_extras.py)
    m = re.search(r"; (\d+) movements posted, 7 stock policies set, 30 market sizes set\n", r.stdout)
    assert m is not None, r.stdout
    movements = json.loads(
        cli.invoke(app, ["ledger", "movements", "--limit", "100000", "--json", "-"]).stdout
    )
    assert 0 < int(m.group(1)) <= len(movements)  # the sample's sales add movements of their own
    again = cli.invoke(app, ["init", "--sample"])
    assert again.exit_code == 0, again.output
    assert "0 movements posted, 0 stock policies set, 0 market sizes set (already loaded)" in again.stdout
