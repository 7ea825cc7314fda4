"""A batch screened by forked worker processes gets exactly the hits it gets in one process, in the same
order, with progress as chunks come back; the process that forked them keeps a working database."""

from __future__ import annotations

import os
import random
from itertools import pairwise
from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.compliance.lists import read_list
from reechain.compliance.lists.model import ListedEntry
from reechain.compliance.matching.screener import PartyQuery, Screener
from reechain.domain.errors import InvalidInput
from reechain.services import screening, screening_pool

from .helpers import list_csv

LISTS = [
    ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control", "mofcom-control"),
    ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel", "mofcom-uel"),
    ("us_bis/dpl_2022-09.txt", "bis-dpl", "bis-dpl"),
]

pytestmark = pytest.mark.skipif(not screening_pool.can_fork(), reason="needs the fork start method")


def _parties(entries: list[ListedEntry]) -> list[PartyQuery]:
    """Listed names as written, in upper case, and in the other script's words where one exists, and names
    on no list: hits, cross-script pairs and misses in one batch."""
    rng = random.Random(3)
    out: list[PartyQuery] = []
    for listed in rng.sample(entries, 40):
        name = rng.choice(listed.entry.names())
        out.append(PartyQuery(name if rng.random() < 0.5 else name.upper(), listed.entry.schema))
    out += [PartyQuery(f"Harbour {w} Trading Co., Ltd.") for w in ("Lantern", "Quiet", "Baotou", "Xiamen")]
    out += [PartyQuery("Li Fangwei", "Person"), PartyQuery("北京航空航天大学")]
    out.append(PartyQuery("Beihang University"))
    return out


@pytest.fixture(scope="module")
def screener(screening_dir: Path) -> Screener:
    entries: list[ListedEntry] = []
    for rel, fmt, name in LISTS:
        entries += [ListedEntry(name, 1, e) for e in read_list(screening_dir / rel, fmt) if e.name.strip()]
    return Screener(entries)


def test_workers_give_the_hits_of_one_process(screener: Screener) -> None:
    parties = _parties(screener.entries)
    alone = screener.screen_many(parties, 0.7)
    done: list[int] = []
    shared = screening_pool.screen_in_processes(
        screener, parties, 0.7, processes=2, chunk=6, progress=done.append
    )
    assert shared == alone
    assert sum(1 for hits in alone if hits) >= 30  # the batch does meet the lists
    assert done == sorted(done) and done[-1] == len(parties)
    assert len(done) == len(screening_pool.chunk_spans(len(parties), 6, 2)) > -(-len(parties) // 6)


@pytest.mark.parametrize(
    ("count", "chunk", "processes"), [(10_000, 500, 2), (1_001, 500, 4), (37, 6, 2), (5, 50, 2)]
)
def test_chunks_cover_the_batch_and_shrink_towards_its_end(count: int, chunk: int, processes: int) -> None:
    spans = screening_pool.chunk_spans(count, chunk, processes)
    assert spans[0][0] == 0 and spans[-1][1] == count
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    sizes = [end - start for start, end in spans]
    assert all(0 < size <= chunk for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    if count > 2 * processes * chunk:
        assert sizes[0] == chunk and sizes[-1] <= max(1, chunk // 4)


def test_one_process_or_one_chunk_is_screened_here(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork(*args: object, **kwargs: object) -> None:
        raise AssertionError("forked")

    monkeypatch.setattr(screening_pool.multiprocessing, "get_context", no_fork)
    parties = _parties(screener.entries)[:5]
    assert screening_pool.screen_in_processes(screener, parties, 0.7, processes=1, chunk=2) == (
        screener.screen_many(parties, 0.7)
    )
    assert screening_pool.screen_in_processes(screener, parties, 0.7, processes=4, chunk=50) == (
        screener.screen_many(parties, 0.7)
    )


@pytest.mark.parametrize("bad", [{"processes": 0, "chunk": 5}, {"processes": 2, "chunk": 0}])
def test_bad_counts_are_refused(screener: Screener, bad: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        screening_pool.screen_in_processes(screener, [PartyQuery("X")], 0.7, **bad)


def test_service_batch_on_two_processes_keeps_the_database(container: Container, tmp_path: Path) -> None:
    own = list_csv(
        tmp_path / "own.csv", "G-1,Example Shipping Co. Ltd.,Company,HK,", "G-2,LI Fangwei,Person,CN,"
    )
    screening.import_list(container, own, "csv", "own")
    parties = [PartyQuery("Fangwei LI", "Person"), PartyQuery("EXAMPLE SHIPPING COMPANY LIMITED")] + [
        PartyQuery(f"Party {i} Trading") for i in range(20)
    ]
    one = screening.screen_parties(container, parties, chunk=4)
    two = screening.screen_parties(container, parties, chunk=4, processes=2)
    assert two == one
    assert [h.entry_id for h in two[0]] == ["G-2"] and [h.entry_id for h in two[1]] == ["G-1"]
    with pytest.raises(InvalidInput):
        screening.screen_parties(container, parties, processes=0)
    # the connections this process holds were neither closed nor used by the workers
    list_csv(own, "G-1,Example Shipping Co. Ltd.,Company,HK,")
    assert screening.import_list(container, own, "csv", "own").version == 2
    assert screening.screen_parties(container, parties[:2], processes=2, chunk=1)[0] == []


def test_a_worker_that_dies_loses_nothing(
    screener: Screener, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    parties = _parties(screener.entries)[:12]
    here = os.getpid()
    screen_many = Screener.screen_many

    def dying(self: Screener, batch: list[PartyQuery], threshold: float) -> list[list[object]]:
        if batch[0] == parties[8] and os.getpid() != here:
            os._exit(1)  # as a worker killed by the system would end
        return screen_many(self, batch, threshold)  # type: ignore[return-value]

    monkeypatch.setattr(Screener, "screen_many", dying)
    done: list[int] = []
    got = screening_pool.screen_in_processes(
        screener, parties, 0.7, processes=2, chunk=4, progress=done.append
    )
    assert got == screen_many(screener, parties, 0.7)
    assert done[-1] == len(parties) and done == sorted(done)
    assert "ended early" in caplog.text
