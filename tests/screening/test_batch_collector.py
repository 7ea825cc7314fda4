"""A large batch of parties is screened with the cyclic garbage collector held back, a request's few parties
are not, and the collector is back afterwards either way."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.compliance.matching.screener import PartyQuery, Screener
from reechain.services import screening

OWN = "entry_id,name,schema,country,aliases\nG-1,Example Shipping Co. Ltd.,Company,HK,\n"


@pytest.mark.parametrize(("parties", "held"), [(3, False), (screening.BATCH_HELD, True)])
def test_collector_held_for_a_large_batch_only(
    container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parties: int, held: bool
) -> None:
    own = tmp_path / "own.csv"
    own.write_text(OWN, encoding="utf-8")
    screening.import_list(container, own, "csv", "own")
    seen: list[bool] = []
    screen_many = Screener.screen_many

    def recording(self: Screener, batch: list[PartyQuery], threshold: float) -> list[list[object]]:
        seen.append(gc.isenabled())
        return screen_many(self, batch, threshold)  # type: ignore[return-value]

    monkeypatch.setattr(Screener, "screen_many", recording)
    assert gc.isenabled()
    names = [
        PartyQuery("Example Shipping Co., Ltd." if i == 0 else f"Party {i} Trading") for i in range(parties)
    ]
    hits = screening.screen_parties(container, names)
    assert seen and all(enabled is not held for enabled in seen)
    assert gc.isenabled()
    assert [h.entry_id for h in hits[0]] == ["G-1"]
    assert all(not h for h in hits[1:])
