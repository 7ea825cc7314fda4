"""The delta re-screen after a list import finds cross-script hits (a Han name against a Latin one) as the
full screener does: the MOFCOM unreliable-entity list of the packaged fixtures names each entity in Chinese
and in English; one script is registered, the other listed, and an entry added in the second version must mark
exactly the parties a full re-screen of the register finds on it."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text

from reechain.bootstrap import Container
from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_keys
from reechain.compliance.matching.cross_keys import foreign
from reechain.compliance.matching.index import MAX_QUERY_GRAMS
from reechain.compliance.matching.normalise import analyse
from reechain.compliance.matching.screener import CROSS_MAX_GRAMS, CROSS_TOP_K, PartyQuery, Screener
from reechain.services import parties, parties_gate, screening
from reechain.services.parties_cross import (
    CrossProfile,
    Profiles,
    Proposal,
    _cross_cuts,
    _query_matrix,
    _Weights,
    delta_candidates,
    profiles,
    query_keys,
)
from reechain.settings import Settings
from reechain.store.db import alembic_config, make_engine, make_session_factory
from reechain.store.tables.risk_parties import PartyNameRow

from .diligence_support import RISK, fresh_caches

LIST = "uel"
_LATIN = re.compile("[A-Za-z]")


@pytest.fixture(autouse=True)
def _clean() -> None:
    fresh_caches()


def _records() -> list[tuple[str, str, str]]:
    """(id, Chinese name, English name) of every entity named in both scripts (the Chinese one without a Latin
    letter: no written form in common)."""
    raw = resources.files("reechain.data.lists").joinpath("mofcom_uel_2025-10-09.json").read_text("utf-8")
    out = []
    for i, r in enumerate(json.loads(raw)["records"]):
        zh, en = (r.get("entityName") or "").strip(), (r.get("entityNameEn") or "").strip()
        if zh and en and foreign(zh) and not _LATIN.search(zh) and not foreign(en):
            out.append((f"UEL-{i}", zh, en))
    return out


def _pick(listed_han: bool, review: float) -> tuple[list[tuple[str, str]], list[str], str]:
    """The entries to list (in one script), the names to register (the other), and an entry whose own name in
    the other script the screener over every entry matches at ``review`` or above."""
    recs = _records()
    entries = [(rid, zh if listed_han else en) for rid, zh, en in recs]
    names = [en if listed_han else zh for _, zh, en in recs]
    whole = Screener([ListedEntry(LIST, 1, ListEntry(rid, name, "Company")) for rid, name in entries])
    found = whole.screen_many([PartyQuery(n, "Company") for n in names], review)
    matched = [
        rid for (rid, _), hits in zip(entries, found, strict=True) if rid in {h.entry_id for h in hits}
    ]
    assert matched, "no entity whose names in both scripts match: nothing to test"
    return entries, names, matched[0]


def _write_list(path: Path, entries: list[tuple[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["entry_id", "name", "schema", "country", "aliases"])
        for rid, name in entries:
            w.writerow([rid, name, "Company", "", ""])


def _register(c: Container, names: list[str]) -> None:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["id", "name", "schema", "country"])
    for i, n in enumerate(names):
        w.writerow([f"P{i}", n, "Company", ""])
    parties.import_register(c, out.getvalue(), "register.csv", actor="rita", roles=RISK)


def _full_rescreen(c: Container, names: list[str], entry_id: str, review: float) -> set[str]:
    """The parties a full re-screen of the register finds on ``entry_id`` (every list in force)."""
    found = screening.screen_parties(c, [PartyQuery(n, "Company") for n in names], threshold=review)
    return {f"P{i}" for i, hits in enumerate(found) if any(h.entry_id == entry_id for h in hits)}


@pytest.mark.parametrize("listed_han", [False, True], ids=["han-party-latin-entry", "latin-party-han-entry"])
def test_an_added_entry_in_the_other_script_marks_the_party_it_matches(
    container: Container, tmp_path: Path, listed_han: bool
) -> None:
    review = parties_gate.thresholds(container).review
    entries, names, added = _pick(listed_han, review)
    v1, v2 = tmp_path / "v1.csv", tmp_path / "v2.csv"
    _write_list(v1, [e for e in entries if e[0] != added])
    _write_list(v2, entries)
    screening.import_list(container, v1, "csv", LIST)
    _register(container, names)
    owner = f"P{[rid for rid, _ in entries].index(added)}"
    assert foreign(names[int(owner[1:])]) is not listed_han  # the party is written in the other script
    before = parties.get_party(container, owner).summary
    assert not before.flagged

    report = screening.import_list(container, v2, "csv", LIST)
    r = report.rescreen
    assert r is not None and report.added == 1
    assert owner in r.parties_marked
    assert added in parties.get_party(container, owner).summary.flag_reason
    # exactly the parties the full re-screen finds on the added entry: none missed, none over-marked
    assert set(r.parties_marked) == _full_rescreen(container, names, added, review)
    assert r.rescreened < len(names)  # only the parties whose lookups reach the new entry


def test_registered_names_keep_what_the_cross_script_lookup_needs(
    container: Container, tmp_path: Path
) -> None:
    review = parties_gate.thresholds(container).review
    entries, names, _ = _pick(False, review)
    v1 = tmp_path / "v1.csv"
    _write_list(v1, entries)
    screening.import_list(container, v1, "csv", LIST)
    _register(container, names)
    with container.uow() as uow:
        stored = uow.session.execute(
            select(PartyNameRow.name, PartyNameRow.cross_grams, PartyNameRow.cross_floors)
        ).all()
    assert len(stored) == len(names)
    whole = screening.screener(container)
    for name, queries, floors in stored:
        assert queries is not None and floors is not None
        p = CrossProfile.decode(queries, floors)
        written, cross = whole.lookups(name)
        sizes, keys = query_keys([*written, *cross])  # the screener's own lookups, not analysed again
        assert p.n_written == len(written) and p.sizes.tolist() == sizes.tolist()
        assert p.keys.tolist() == keys.tolist() and len(p.floors) == len(sizes)
        assert 0.0 <= p.party_floor <= 1.001 and np.all(p.floors >= 0)


def test_a_pair_below_the_cut_of_the_name_is_left_out(container: Container, tmp_path: Path) -> None:
    """A name's cut in the full index (its CROSS_TOP_K-th best cross-script cosine) decides: a changed entry
    the screener over every list would crowd out is not proposed."""
    review = parties_gate.thresholds(container).review
    entries, names, added = _pick(False, review)
    name = names[[rid for rid, _ in entries].index(added)]
    full = Screener(
        [ListedEntry(LIST, 1, ListEntry(rid, n, "Company")) for rid, n in entries if rid != added]
    )
    delta = Screener(
        [ListedEntry(LIST, 2, ListEntry(rid, n, "Company")) for rid, n in entries if rid == added]
    )
    p = profiles(full, [name])[name]
    _, rows, cosine, _ = delta_candidates(full, delta, [p], [True])
    assert len(rows) == 1 and cosine[0] > 0
    crowded = replace(p, party_best=np.full(CROSS_TOP_K, cosine[0] + 0.01, dtype=np.float32))
    assert len(delta_candidates(full, delta, [crowded], [True])[1]) == 0
    at_cut = replace(p, party_best=np.full(CROSS_TOP_K, cosine[0], dtype=np.float32))
    assert len(delta_candidates(full, delta, [at_cut], [True])[1]) == 1


def _old_register(path: Path, name: str) -> str:
    """A database at risk_0001 (before the cross-script profiles) holding one party named ``name``."""
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "risk_0001")
        conn.execute(
            text(
                "INSERT INTO risk_parties (id, party_id, name, schema, roles, registration_ids_json,"
                " addresses_json, transit_countries, annex_ii, red_flags, late_payments, source, listed,"
                " hits_json, factors_json, flag_reason, created_at, updated_at) VALUES (1, 'P0', :name,"
                " 'Company', '', '[]', '[]', '', '', '', 0, 'old', 0, '[]', '[]', '', '2026-01-05 00:00:00',"
                " '2026-01-05 00:00:00')"
            ),
            {"name": name},
        )
        conn.execute(
            text(
                "INSERT INTO risk_party_names (id, party_pk, name, script, compact, sorted_units,"
                " core_compact, sorted_core, grams, form_stamp)"
                " VALUES (1, 1, :name, 'Han', '', '', '', '', x'', 'old')"
            ),
            {"name": name},
        )
    engine.dispose()
    return url


def test_the_migration_leaves_old_names_without_a_profile_and_the_next_rescreen_backfills_it(
    tmp_path: Path,
) -> None:
    entries, names, added = _pick(False, 0.7)
    name = names[[rid for rid, _ in entries].index(added)]
    url = _old_register(tmp_path / "old.db", name)
    engine = make_engine(url)
    try:
        cfg = alembic_config(url)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
            assert conn.execute(
                text("SELECT cross_grams, cross_floors, cross_side FROM risk_party_names")
            ).all() == [(None, None, None)]
        c = Container(
            settings=Settings(database_url=url), engine=engine, session_factory=make_session_factory(engine)
        )
        assert parties_gate.thresholds(c).review <= 0.7
        v1, v2 = tmp_path / "v1.csv", tmp_path / "v2.csv"
        _write_list(v1, [e for e in entries if e[0] != added])
        _write_list(v2, entries)
        screening.import_list(c, v1, "csv", LIST)
        r = screening.import_list(c, v2, "csv", LIST).rescreen
        assert r is not None and r.parties_marked == ["P0"]
        with c.uow() as uow:
            row = uow.session.scalars(select(PartyNameRow)).one()
            assert row.cross_grams is not None and row.cross_floors is not None
            p = CrossProfile.decode(row.cross_grams, row.cross_floors)
        written, cross = screening.screener_before(c, LIST, 2).lookups(name)  # type: ignore[union-attr]
        assert p.keys.tolist() == query_keys([*written, *cross])[1].tolist()
    finally:
        engine.dispose()


def test_stored_gram_keys_weigh_a_lookup_as_the_index_weighs_its_texts() -> None:
    entries, names, _ = _pick(True, 0.7)  # Han entries, Latin names: every kind of lookup
    whole = Screener([ListedEntry(LIST, 1, ListEntry(rid, n, "Company")) for rid, n in entries])
    for index, part, max_grams in (
        (whole.index, 0, MAX_QUERY_GRAMS),
        (whole.cross.index, 1, CROSS_MAX_GRAMS),
    ):
        queries = [q for n in names + [zh for _, zh, _ in _records()] for q in whole.lookups(n)[part]]
        sizes, keys = query_keys(queries)
        query = np.repeat(np.arange(len(queries), dtype=np.int64), sizes)
        mine = _query_matrix(_Weights.of(index), query, keys, len(queries), max_grams).toarray()
        theirs = index.text_query_matrix(queries, max_grams).toarray()
        assert mine.shape == theirs.shape and np.any(theirs)
        np.testing.assert_allclose(mine, theirs, atol=1e-6)


def test_many_stored_profiles_read_at_once_as_each_alone() -> None:
    entries, names, _ = _pick(True, 0.7)
    whole = Screener([ListedEntry(LIST, 1, ListEntry(rid, n, "Company")) for rid, n in entries])
    made = profiles(whole, names + [zh for _, zh, _ in _records()])
    alone = [CrossProfile.decode(*p.encode()) for p in made.values()]
    together = Profiles.decode(*zip(*(p.encode() for p in made.values()), strict=True))
    assert together.size == len(alone) > 1
    assert together.n_written.tolist() == [p.n_written for p in alone]
    assert together.sizes.tolist() == [s for p in alone for s in p.sizes.tolist()]
    assert together.keys.tolist() == [k for p in alone for k in p.keys.tolist()]
    assert together.floors.tolist() == [f for p in alone for f in p.floors.tolist()]
    assert together.best.tolist() == [b for p in alone for b in p.party_best.tolist()]
    with pytest.raises(ValueError):
        Profiles.decode([alone[0].encode()[0][:-8]], [alone[0].encode()[1]])  # a key short


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(10, 100).map(lambda v: v / 100), max_size=CROSS_TOP_K + 3),
        min_size=1,
        max_size=6,
    ),
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(10, 100).map(lambda v: v / 100), st.booleans()), max_size=40
    ),
)
def test_the_cuts_of_all_names_at_once_are_each_names_own(
    stored: list[list[float]], pairs: list[tuple[int, float, bool]]
) -> None:
    """The cut of every name at once (``_cross_cuts``) is, name by name, the CROSS_TOP_K-th best of its
    stored best cosines and of its pairs with names the old index lacked (0 when fewer)."""
    n = len(stored)
    pairs = [(o % n, cos, fresh) for o, cos, fresh in pairs]
    best = [np.sort(np.asarray(b, dtype=np.float32))[::-1] for b in stored]
    profs = Profiles(
        n_written=np.zeros(n, dtype=np.int64),
        n_queries=np.zeros(n, dtype=np.int64),
        sizes=np.zeros(0, dtype=np.int64),
        keys=np.zeros(0, dtype=np.uint64),
        floors=np.zeros(0),
        best=np.concatenate([np.zeros(0, dtype=np.float32), *best]),
        best_start=np.concatenate([[0], np.cumsum([len(b) for b in best])]).astype(np.int64),
    )
    owner = np.asarray([o for o, _, _ in pairs], dtype=np.int64)
    fresh = np.asarray([f for _, _, f in pairs], dtype=bool)
    cosine = np.asarray([c for _, c, _ in pairs], dtype=np.float64)
    cut = _cross_cuts(profs, owner, owner[fresh], cosine[fresh])
    for name in range(n):
        values = sorted(
            [float(v) for v in best[name]] + [c for o, c, f in pairs if o == name and f], reverse=True
        )
        expected = values[CROSS_TOP_K - 1] if name in owner and len(values) >= CROSS_TOP_K else 0.0
        assert cut[name] == expected


def test_a_proposal_gives_each_query_the_candidates_of_its_name() -> None:
    proposal = Proposal(
        {"b": (0, 2), "a": (2, 3)},
        {1, 2},
        np.asarray([7, 8, 9], dtype=np.int64),
        np.asarray([0.5, 0.4, 0.9]),
        np.asarray([False, True, False]),
    )
    query, rows, cosine, tied = proposal.pairs_of(["a", "x", "b", "a"])
    assert query.tolist() == [0, 2, 2, 3]
    assert rows.tolist() == [9, 7, 8, 9]
    assert cosine.tolist() == [0.9, 0.5, 0.4, 0.9]
    assert tied.tolist() == [False, False, True, False]
    assert [len(a) for a in Proposal.empty().pairs_of(["a"])] == [0, 0, 0, 0]


def test_a_latin_name_is_registered_with_what_the_gate_compares_of_it(
    container: Container, tmp_path: Path
) -> None:
    entries, names, _ = _pick(True, 0.7)  # Han entries, Latin names
    _write_list(tmp_path / "v1.csv", entries)
    screening.import_list(container, tmp_path / "v1.csv", "csv", LIST)
    _register(container, [*names[:5], "华为技术有限公司"])
    with container.uow() as uow:
        stored = {r.name: r.cross_side for r in uow.session.scalars(select(PartyNameRow))}
    assert stored["华为技术有限公司"] is None  # a Han name: the gate reads it on its own side
    for name in names[:5]:
        text = stored[name]
        assert text is not None and text == cross_keys.latin_side_text(name)
        assert cross_keys._side_of_text(text) == cross_keys._latin_side(analyse(name, "Company"))


def test_within_the_block_the_gate_takes_the_stored_side(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "Harbin Precision Instruments Ltd"
    text = cross_keys.latin_side_text(name)
    assert text is not None
    made = cross_keys._latin_side(analyse(name, "Company"))

    def not_again(latin: object) -> object:
        raise AssertionError("made again although stored")

    with cross_keys.latin_sides_known({name: text, "Other Co": "not json"}):
        monkeypatch.setattr(cross_keys, "_latin_side", not_again)
        assert cross_keys._latin_side_of(analyse(name, "Company")) == made
        # a name read as a person's is another form: not taken from the stored organisation's side
        with pytest.raises(AssertionError):
            cross_keys._latin_side_of(analyse(name, "Person"))
    assert not cross_keys._KNOWN_SIDES
