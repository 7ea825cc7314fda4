from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def screening_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "screening"


@pytest.fixture(scope="session")
def local_data() -> Path:
    return DATA
