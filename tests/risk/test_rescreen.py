"""Re-screen on list change: only what the change touches, new hits marked, open orders held."""

from __future__ import annotations

from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.services import compliance, parties, screening
from reechain.services.parties_rescreen import recent_rescreens, rescreen_after_import

from .diligence_support import (
    LIST_V2_EXTRA,
    fresh_caches,
    import_example_register,
    load_example_list,
    order_with_forwarder,
)


@pytest.fixture(autouse=True)
def _clean() -> None:
    fresh_caches()


def test_a_new_entry_marks_the_party_it_matches_and_rescores_what_it_owns(
    container: Container, tmp_path: Path
) -> None:
    load_example_list(container, tmp_path)
    import_example_register(container)
    assert parties.get_party(container, "P6").summary.band == "low"
    report = load_example_list(container, tmp_path, LIST_V2_EXTRA)
    r = report.rescreen
    assert r is not None and (report.version, report.added) == (2, 1)
    assert r.entries_changed == 1 and r.register_size == 6
    assert r.parties_marked == ["P5"] and r.new_hits == 1
    assert 1 <= r.rescreened < 6  # Harbourline is proposed; the names sharing nothing with it are not
    assert r.rescored == 2  # P5 and P6, which P5 owns
    p5, p6 = parties.get_party(container, "P5"), parties.get_party(container, "P6")
    assert p5.summary.listed and p5.summary.flagged and "EX-4" in p5.summary.flag_reason
    assert p6.summary.band == "prohibited" and p6.factors[0]["code"] == "blocked_by_ownership"
    assert parties.due_reviews(container)[0].party_id == "P5"  # the marked party heads the queue
    effects = recent_rescreens(container)
    assert (effects[0].list_name, effects[0].list_version, effects[0].new_hits) == ("example", 2, 1)

    again = rescreen_after_import(container, "example", 2)
    assert again.new_hits == 0 and again.parties_marked == []
    assert len([e for e in recent_rescreens(container) if e.list_version == 2]) == 1


def test_an_entry_removed_clears_the_hit_and_the_ownership_block(
    container: Container, tmp_path: Path
) -> None:
    load_example_list(container, tmp_path)
    import_example_register(container)
    load_example_list(container, tmp_path, LIST_V2_EXTRA)
    report = load_example_list(container, tmp_path)  # v3 without EX-4
    assert report.removed == 1 and report.rescreen is not None and report.rescreen.new_hits == 0
    assert not parties.get_party(container, "P5").summary.listed
    assert parties.get_party(container, "P6").summary.band == "low"


def test_an_unrelated_change_rescreens_nobody(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    import_example_register(container)
    r = load_example_list(
        container, tmp_path, "EX-9,Zhuravlev Petroleum Aviation Works,Company,RU,\n"
    ).rescreen
    assert r is not None and (r.new_hits, r.rescored) == (0, 0)
    # proposed only where the screener over every list would look: a shared word ("Works"), and the
    # "petro" of Petrovich and Petroleum (the rarest grams of "Ivan Petrovich Samplenko" now that "Ivan" and
    # "Samplenko" are indexed twice: the listed name and the name without its patronymic), at most
    assert r.rescreened <= 2


def test_a_new_hit_holds_an_open_order_through_the_gate(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    order = order_with_forwarder("Harbourline Logistics Pte Ltd")
    before = compliance.check_order(container, order, actor="officer")
    assert before["decision"] in {"clear", "licence_required"}
    report = load_example_list(container, tmp_path, LIST_V2_EXTRA)
    r = report.rescreen
    assert r is not None
    assert r.orders_rechecked == 1 and r.holds_opened == 1
    assert [(o.order_id, o.decision) for o in r.orders] == [("EX-RESCREEN-1", "hold")]
    holds = [h for h in compliance.list_holds(container) if h["order_id"] == "EX-RESCREEN-1"]
    assert len(holds) == 1 and holds[0]["parties"][0]["name"] == "Harbourline Logistics Pte Ltd"
    registered = parties.list_parties(container, query="harbourline")
    assert len(registered) == 1 and registered[0].flagged and "forwarder" in registered[0].roles
    # the order's other parties are registered too (buyer and consignee are one party), screened and scored
    everyone = {p.name: p for p in parties.list_parties(container)}
    assert len(everyone) == 3 and everyone["Example Magnetics K.K."].roles == ("buyer", "consignee")
    assert all(p.band is not None for p in everyone.values())
    assert screening.active_list_versions(container)["example"] == 2
