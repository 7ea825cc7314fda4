"""Listed persons named as other lists name them: does the gate hold an order whose party is a listed person
written the way another government's list writes the same person?

The labels are the lists' own. The UK sanctions list gives many persons a short alias beside the whole name
("Oleg DERIPASKA" beside "Oleg Vladimirovich DERIPASKA"), and often a Cyrillic one. A UK person is linked to
an OFAC SDN person when their primary names have the same words (case and order aside: a plain set equality,
no similarity); each of the UK entry's other names not equal to the OFAC name's words is then a query that the
OFAC entry should meet. Nothing here is made or picked by the matcher. The queries are of three kinds, told
apart by their words alone:

* ``short form``: Latin, its words a part of the primary name's (the name without middle names);
* ``cyrillic``: written in Cyrillic (the same name in the person's own script);
* ``other alias``: any other Latin name (another spelling, or another name altogether: a nickname, a nom de
  guerre, which no name matcher can tie to the entry unless the OFAC entry lists it too). Reported, no goal.

Each query is screened against the OFAC SDN list alone, at the packaged policy's review threshold (0.70: an
order is held for review) and block threshold (0.90). Reported: how many queries reach their OFAC entry at
each threshold, by kind, and the misses of the first two kinds.

Run: ``.venv/bin/python benchmarks/listed_persons.py [--misses 20]``. Exits 1 when fewer than 90 % of the
short forms and Cyrillic names together are held at the review threshold.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter

from reechain.bootstrap import bootstrap
from reechain.compliance.lists import read_list
from reechain.compliance.matching.screener import PartyQuery
from reechain.services import screening
from reechain.settings import Settings

LISTS = screening.SAMPLE_LISTS_DIR
REVIEW, BLOCK = 0.70, 0.90
GOAL_HELD = 0.90
_WORD = re.compile(r"[^\W\d_]+")


def words(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(name))


def kind(alias: str, primary: str) -> str:
    if re.search(r"[\u0400-\u04FF]", alias):
        return "cyrillic"
    if not alias.isascii():
        return "other script"
    return "short form" if words(alias) < words(primary) else "other alias"


GRADED = ("short form", "cyrillic")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", type=int, default=20, help="print this many misses")
    args = ap.parse_args()
    uk = [e for e in read_list(LISTS / "uk_sanctions_2026-08-06.json.gz", "uk") if e.schema == "Person"]
    tmp = tempfile.mkdtemp(prefix="reechain-persons-")
    c = bootstrap(Settings(database_url=f"sqlite:///{tmp}/persons.db"))
    screening.import_list(c, LISTS / "ofac_sdn_2024-05-03.csv.gz", "ofac-sdn-csv", "ofac-sdn")
    ofac = [e for e in screening.list_entries(c, "ofac-sdn") if e.schema == "Person"]
    by_words: dict[frozenset[str], list[str]] = {}
    for e in ofac:
        by_words.setdefault(words(e.name), []).append(e.entry_id)
    queries: list[tuple[str, str, str]] = []  # (query name, OFAC entry id, kind)
    for e in uk:
        linked = by_words.get(words(e.name), [])
        if len(linked) != 1:
            continue  # no OFAC person of the same words, or several (a namesake): not a label
        for alias in e.names()[1:]:
            if words(alias) != words(e.name):
                queries.append((alias, linked[0], kind(alias, e.name)))
    t = time.perf_counter()
    hits = screening.screen_parties(c, [PartyQuery(q, None) for q, _, _ in queries], threshold=REVIEW)
    elapsed = time.perf_counter() - t
    held: Counter[str] = Counter()
    blocked: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for (query, entry_id, k), found in zip(queries, hits, strict=True):
        total[k] += 1
        score = max((h.score for h in found if h.entry_id == entry_id), default=0.0)
        held[k] += score >= REVIEW
        blocked[k] += score >= BLOCK
        if score < REVIEW and k in GRADED:
            misses.append(f"  {query!r} -> OFAC {entry_id}: best {score:.3f}")
    print(f"{len(uk)} UK persons, {len(ofac)} OFAC persons; {len(queries)} UK names of linked persons")
    for k in sorted(total):
        print(
            f"  {k:18} {total[k]:4}: held (>= {REVIEW}) {held[k] / total[k]:.3f}, blocked (>= {BLOCK}) "
            f"{blocked[k] / total[k]:.3f}"
        )
    graded = sum(total[k] for k in GRADED)
    share = sum(held[k] for k in GRADED) / max(1, graded)
    print(
        f"short forms and Cyrillic ({graded}): held {share:.3f}, blocked "
        f"{sum(blocked[k] for k in GRADED) / max(1, graded):.3f} ({elapsed:.1f} s for all {len(queries)})"
    )
    print(f"misses of those ({len(misses)}):")
    print("\n".join(misses[: args.misses]))
    if share < GOAL_HELD:
        print(f"goal (held >= {GOAL_HELD}): NOT met")
        return 1
    print(f"goal (held >= {GOAL_HELD}): met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
