"""The screening index saved to a file: same hits as a fresh build, stale after a list import, and a damaged
or doctored file is never used but rebuilt."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import make_url

from reechain.bootstrap import Container
from reechain.compliance.matching import index_cache
from reechain.compliance.matching.screener import PartyQuery, Screener
from reechain.services import screening
from reechain.settings import Settings

OWN = (
    "entry_id,name,schema,country,aliases\n"
    "G-1,武汉晓睿智科技有限责任公司,Company,CN,WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED\n"
    "G-2,Example Shipping Co. Ltd.,Company,HK,\n"
    "G-3,ZHAO Guangzong,Person,CN,赵光宗\n"
)
QUERIES = [
    PartyQuery("Wuhan Xiaoruizhi Science & Technology Co., Ltd."),
    PartyQuery("武漢曉睿智科技有限責任公司"),
    PartyQuery("Guangzong Zhao", "Person", "CN"),
    PartyQuery("Exampel Shipping Company Limited", country="HK"),
    PartyQuery("Beijing University of Aeronautics and Astronautics"),
    PartyQuery("Harbin Institute of Technology"),
    PartyQuery("Nothing Like Any Listed Name GmbH"),
]


@pytest.fixture
def lists(sqlite_file_container: Container, screening_dir: Path, tmp_path: Path) -> Iterator[Container]:
    """A committing SQLite file holding the BIS DPL, the CSL sample and a small list of our own."""
    c = sqlite_file_container
    own = tmp_path / "own.csv"
    own.write_text(OWN, encoding="utf-8")
    screening.import_list(c, screening_dir / "us_bis" / "dpl_2022-09.txt", "bis-dpl", "bis-dpl")
    screening.import_list(c, screening_dir / "us_csl" / "csl_sample_2019-12.csv", "csl-csv", "csl")
    screening.import_list(c, own, "csv", "own")
    screening.forget_screeners()
    yield c
    screening.forget_screeners()


def _cache_file(c: Container) -> Path:
    path = screening.index_cache_file(c)
    assert path is not None
    return path


def _saved_key(path: Path) -> str:
    with np.load(path, allow_pickle=False) as archive:
        return bytes(archive["key"]).decode("utf-8")


def _from_file(c: Container) -> Screener:
    """The screener as a new process gets it: nothing in memory, the file only."""
    screening.forget_screeners()
    sc = screening.screener(c)
    assert isinstance(sc.forms, index_cache.SavedForms), "the index was built again, not loaded"
    return sc


def test_cache_file_sits_next_to_the_sqlite_file(lists: Container) -> None:
    path = _cache_file(lists)
    database = lists.engine.url.database
    assert database is not None
    assert path.parent == Path(database).resolve().parent / ".reechain-cache"
    assert not path.exists()
    screening.screener(lists)
    assert path.is_file()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_cache_dir_setting_and_postgres_default(lists: Container, tmp_path: Path) -> None:
    moved = dataclasses.replace(
        lists, settings=Settings(database_url=lists.settings.database_url, cache_dir=tmp_path / "cache")
    )
    assert _cache_file(moved).parent == tmp_path / "cache"
    pg = make_url("postgresql+psycopg://reechain@db.example/reechain")
    assert screening.index_cache_path(pg, None) is None  # PostgreSQL without a cache folder: memory only
    assert screening.index_cache_path(make_url("sqlite://"), None) is None  # in-memory SQLite
    shared = screening.index_cache_path(pg, tmp_path)
    assert shared is not None and shared.parent == tmp_path and shared != _cache_file(moved)


def test_cached_index_gives_identical_hits_to_a_fresh_one(lists: Container) -> None:
    built = screening.screener(lists)
    loaded = _from_file(lists)
    assert loaded is not built
    fresh = Screener(loaded.entries)
    assert loaded.name_count == fresh.name_count == built.name_count > 800
    assert all(loaded.forms[i] == fresh.forms[i] for i in range(fresh.name_count))
    assert loaded.index.vocabulary == fresh.index.vocabulary
    assert (loaded.index.by_gram_matrix != fresh.index.by_gram_matrix).nnz == 0
    queries = QUERIES + [PartyQuery(e.entry.name[:-1], e.entry.schema) for e in loaded.entries[::7]]
    from_file = loaded.screen_many(queries, 0.7)
    assert from_file == fresh.screen_many(queries, 0.7)
    assert sum(1 for hits in from_file if hits) > len(queries) // 2  # the comparison is not of empty lists
    assert {h.entry_id for h in from_file[0]} == {"G-1"}
    assert {h.entry_id for h in from_file[1]} == {"G-1"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet="abcdefghinorstuy 科技有限公司北京", min_size=1, max_size=30))
def test_any_name_gets_the_same_hits_from_file_and_fresh(lists: Container, name: str) -> None:
    screening.screener(lists)
    loaded = _from_file(lists)
    fresh = Screener(loaded.entries)
    party = PartyQuery(name)
    assert loaded.screen(party, 0.6) == fresh.screen(party, 0.6)


def test_importing_a_new_list_version_makes_the_file_stale(lists: Container, tmp_path: Path) -> None:
    screening.screener(lists)
    path = _cache_file(lists)
    old_key = _saved_key(path)
    assert index_cache.load(path, old_key) is not None

    v2 = tmp_path / "own-v2.csv"
    v2.write_text(OWN + "G-4,Qingdao Lanhai Rare Metals Trading Co.,Company,CN,\n", encoding="utf-8")
    screening.import_list(lists, v2, "csv", "own")
    sc = _from_file_or_build(lists)
    assert [h.entry_id for h in sc.screen(PartyQuery("Qingdao Lanhai Rare Metals Trading Co Ltd"))] == ["G-4"]
    new_key = _saved_key(path)
    assert new_key != old_key
    assert '["own",2,' in new_key
    assert index_cache.load(path, old_key) is None  # the old key no longer opens the file
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # replaced, not piled up
    reloaded = _from_file(lists)
    assert [h.entry_id for h in reloaded.screen(PartyQuery("Qingdao Lanhai Rare Metals Trading"))] == ["G-4"]


def _from_file_or_build(c: Container) -> Screener:
    screening.forget_screeners()
    sc = screening.screener(c)
    assert not isinstance(sc.forms, index_cache.SavedForms), "a stale file was used"
    return sc


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside a member: the zip checksum no longer agrees
    path.write_bytes(bytes(data))


def _doctor(member: str, value: object) -> object:
    def edit(path: Path) -> None:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        arrays[member] = np.asarray(value)
        with path.open("wb") as f:
            np.savez(f, **arrays)

    return edit


def _row_of_no_entry(path: Path) -> None:
    with np.load(path, allow_pickle=False) as archive:
        rows = archive["row_entry"].copy()
    rows[0] = 10**6
    _doctor("row_entry", rows)(path)  # type: ignore[operator]


def _gram_out_of_range(path: Path) -> None:
    with np.load(path, allow_pickle=False) as archive:
        indices = archive["indices"].copy()
    indices[-1] = 10**7
    _doctor("indices", indices)(path)  # type: ignore[operator]


@pytest.mark.parametrize(
    "damage",
    [
        _truncate,
        _garbage,
        _flip_a_byte,
        lambda p: p.write_bytes(b""),
        _doctor("row_entry", np.zeros(3, dtype=np.int32)),  # wrong length for the names
        _doctor("key", np.asarray([{"format": 1}], dtype=object)),  # a pickled object: refused
        _row_of_no_entry,
        _gram_out_of_range,
    ],
    ids=["truncated", "garbage", "flipped-byte", "empty", "short-rows", "pickle", "bad-row", "bad-gram"],
)
def test_damaged_cache_file_is_ignored_and_rebuilt(lists: Container, damage: object) -> None:
    expected = screening.screener(lists).screen_many(QUERIES, 0.7)
    path = _cache_file(lists)
    key = _saved_key(path)
    damage(path)  # type: ignore[operator]
    assert index_cache.load(path, key) is None
    rebuilt = _from_file_or_build(lists)
    assert rebuilt.screen_many(QUERIES, 0.7) == expected
    assert index_cache.load(path, key) is not None  # the good file is back
    assert _from_file(lists).screen_many(QUERIES, 0.7) == expected


def test_unwritable_cache_folder_only_costs_speed(lists: Container, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    c = dataclasses.replace(
        lists, settings=Settings(database_url=lists.settings.database_url, cache_dir=blocker)
    )
    hits = screening.screener(c).screen(QUERIES[0], 0.7)
    assert [h.entry_id for h in hits] == ["G-1"]
