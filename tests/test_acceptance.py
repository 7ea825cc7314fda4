"""The contract check of ../shared/acceptance, run against the installed CLI (independent expected values)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_shared_acceptance_check_passes(shared_dir: Path, tmp_path: Path) -> None:
    script = shared_dir / "acceptance" / "check_examples.py"
    if not script.exists():
        pytest.fail(f"acceptance script missing at {script}")
    env = {"REECHAIN_DATABASE_URL": f"sqlite:///{tmp_path / 'acceptance.db'}", "PATH": "/usr/bin:/bin"}
    p = subprocess.run(
        [sys.executable, str(script), str(ROOT / ".venv" / "bin" / "reechain")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "ok: 0 difference(s)" in p.stdout
