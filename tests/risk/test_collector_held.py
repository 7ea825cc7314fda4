"""The collector held back during a batch (``services.collector``), and the re-screen running under it."""

from __future__ import annotations

import gc

import pytest

from reechain.services import parties_rescreen
from reechain.services.collector import collector_held


@pytest.fixture(autouse=True)
def _collector_enabled() -> None:
    gc.enable()


def test_disabled_inside_and_enabled_after() -> None:
    with collector_held():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_enabled_again_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), collector_held():
        raise RuntimeError("the batch failed")
    assert gc.isenabled()


def test_a_nested_holder_leaves_it_to_the_outer_one() -> None:
    with collector_held():
        with collector_held():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_left_disabled_when_it_was_disabled_before() -> None:
    gc.disable()
    try:
        with collector_held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_rescreen_runs_with_the_collector_held(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def rescreen(*args: object) -> str:
        seen.append(gc.isenabled())
        return "report"

    monkeypatch.setattr(parties_rescreen, "_rescreen", rescreen)
    assert parties_rescreen.rescreen_after_import(object(), "l", 2) == "report"  # type: ignore[arg-type,comparison-overlap]
    assert seen == [False]
    assert gc.isenabled()


def test_a_list_import_runs_with_the_collector_held(monkeypatch: pytest.MonkeyPatch) -> None:
    from reechain.services import screening

    seen: list[bool] = []

    def import_list(*args: object) -> str:
        seen.append(gc.isenabled())
        return "report"

    monkeypatch.setattr(screening, "_import_list", import_list)
    assert screening.import_list(object(), "f", "csv", "l") == "report"  # type: ignore[arg-type,comparison-overlap]
    assert seen == [False]
    assert gc.isenabled()
