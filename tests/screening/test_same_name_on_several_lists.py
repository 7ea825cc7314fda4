"""A name listed on several lists (or twice on one): the batch screener judges each distinct pair of forms
once (the cross-script gate, the score, the explanation), and every entry still gets the hit it gets alone,
at the score its own schema gives it."""

from __future__ import annotations

from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.screener import PartyQuery, Screener

HAN = "武汉晓睿智科技有限责任公司"
LATIN = "Wuhan Xiaoruizhi Science and Technology Company Limited"
ENTRIES = [
    ListedEntry("list-a", 1, ListEntry("A-1", HAN, "Company", "CN")),
    ListedEntry("list-b", 3, ListEntry("B-7", HAN, "LegalEntity")),
    ListedEntry("list-a", 1, ListEntry("A-2", LATIN, "Company", "CN")),
    ListedEntry("list-c", 2, ListEntry("C-9", "Other Name Ltd", "Organization", aliases=(LATIN,))),
    ListedEntry("list-b", 3, ListEntry("B-8", "Unrelated Holdings", "Company")),
    ListedEntry("list-b", 3, ListEntry("B-9", LATIN, "LegalEntity")),
]
PARTIES = [
    PartyQuery("Wuhan Xiaoruizhi Science & Technology Co., Ltd."),
    PartyQuery("Wuhan Xiaoruizhi Science & Technology Co., Ltd.", "Person"),
    PartyQuery("武漢曉睿智科技有限責任公司", country="CN"),
    PartyQuery("Wuhan Xiaoruizhi Science & Technology Co., Ltd.", None),
    PartyQuery("Wuhan Xiaoruizi Science & Technolgy Co., Ltd.", "Person"),
]


def alone(entry: ListedEntry, party: PartyQuery, threshold: float) -> list[ScreeningHit]:
    return Screener([entry]).screen_many([party], threshold)[0]


def test_every_entry_of_a_shared_name_gets_the_hit_it_gets_alone() -> None:
    screener = Screener(ENTRIES)
    for threshold in (0.7, 0.85):
        results = screener.screen_many(PARTIES, threshold)
        for party, hits in zip(PARTIES, results, strict=True):
            expected = [h for entry in ENTRIES for h in alone(entry, party, threshold)]
            expected.sort(key=lambda h: (-h.score, h.list_name, h.entry_id))
            assert hits == expected
    # the shared names do meet the parties, across scripts and within one
    found = {(h.list_name, h.entry_id) for hits in screener.screen_many(PARTIES, 0.7) for h in hits}
    assert {("list-a", "A-1"), ("list-b", "B-7"), ("list-a", "A-2"), ("list-c", "C-9")} <= found


def test_a_declared_schema_still_lowers_only_the_entries_of_the_other_kind() -> None:
    # A-2 (a company) and B-9 (a legal entity: either kind) share one form; a party declared a person, with
    # a typo (an exact name is never lowered), is lowered against the company only
    hits = Screener(ENTRIES).screen_many([PARTIES[-1]], 0.5)[0]
    by_entry = {h.entry_id: h for h in hits}
    assert by_entry["B-9"].score > by_entry["A-2"].score
    assert any(f[0] == "schema" for f in by_entry["A-2"].features)
    assert not any(f[0] == "schema" for f in by_entry["B-9"].features)
