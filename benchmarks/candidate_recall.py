"""Cross-script recall of the candidate stage: does the screener (candidate index, then the bound, then the
scorer) find every cross-script match that a full scan (the scorer on every listed name:
``Screener.scan``) finds at the hold threshold?

The MOFCOM lists of the shared fixture collection name most entries in Chinese and in English. Each entry
with both is split in two: a copy with only its Han names and a copy with only its Latin names. A sample
of Han names (as written, or in traditional characters) is screened against the Latin copies, and a sample
of Latin names against the Han copies, so every match found is a cross-script one. The same-script check
is the test ``tests/screening/test_candidate_recall.py``.

Reports, for each direction: how many parties the full scan matches with their own entry and with others,
how many of those the screener finds. Exits non-zero when the screener misses a match of the full scan.

The entries are split in two halves by position (even: ``fit``, odd: ``report``); the keys and constants
of the cross-script candidate stage (``cross_keys``, ``screener.CROSS_TOP_K``) were chosen on the fit half,
and the figures to quote are those of the report half (the default).

Run: ``.venv/bin/python benchmarks/candidate_recall.py [--parties 25] [--half report|fit]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

import opencc

from reechain.compliance.lists import read_list
from reechain.compliance.lists.model import ListedEntry, ListEntry
from reechain.compliance.matching import cross_script
from reechain.compliance.matching.chinese import has_han
from reechain.compliance.matching.scorer import score
from reechain.compliance.matching.screener import PartyQuery, Screener
from reechain.compliance.rules import load_rules

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "screening"
LISTS = [
    ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel", "mofcom-uel"),
    ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control", "mofcom-control"),
]


def _only(listed: ListedEntry, han: bool) -> ListedEntry:
    e = listed.entry
    names = [n for n in e.names() if has_han(n) == han]
    suffix = "-han" if han else "-latin"
    return ListedEntry(
        listed.list_name + suffix,
        1,
        ListEntry(e.entry_id, names[0], e.schema, e.country, tuple(names[1:]), e.programs),
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parties", type=int, default=25, help="parties per direction")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--half", choices=("fit", "report"), default="report")
    args = ap.parse_args()
    print(f"load average at the start {os.getloadavg()}")
    hold = load_rules().policy.review_threshold
    cross_script.warm_up()
    both = [
        ListedEntry(name, 1, e)
        for rel, fmt, name in LISTS
        for e in read_list(SHARED / rel, fmt)
        if any(has_han(n) for n in e.names()) and any(not has_han(n) for n in e.names())
    ]
    print(f"{len(both)} entries named in Han and in Latin script; hold threshold {hold}; {args.half} half")
    rng = random.Random(args.seed)
    traditional = opencc.OpenCC("s2t")
    missed_any = False
    for source_han in (True, False):
        target = [_only(le, not source_han) for le in both]
        source = [_only(le, source_han) for le in both]
        screener = Screener(target)
        half = range(0 if args.half == "fit" else 1, len(both), 2)
        picks = rng.sample(half, min(args.parties, len(half)))
        parties = []
        for i in picks:
            name = source[i].entry.name
            if source_han and rng.random() < 0.5:
                name = str(traditional.convert(name))
            parties.append(PartyQuery(name, None))
        t = time.perf_counter()
        full = screener.scan(parties, hold, cross_script=True)
        scan_s = time.perf_counter() - t
        found = [{(h.list_name, h.entry_id) for h in hits} for hits in screener.screen_many(parties, hold)]
        own = [(target[i].list_name, target[i].entry.entry_id) for i in picks]
        own_full = sum(1 for o, f in zip(own, full, strict=True) if o in f)
        own_found = sum(1 for o, f, s in zip(own, full, found, strict=True) if o in f and o in s)
        others = sum(len(f - {o}) for o, f in zip(own, full, strict=True))
        others_found = sum(len((f - {o}) & s) for o, f, s in zip(own, full, found, strict=True))
        missed = sum(len(f - s) for f, s in zip(full, found, strict=True))
        missed_any |= missed > 0
        direction = "Han names against Latin" if source_han else "Latin names against Han"
        print(
            f"{direction}: {len(parties)} parties (full scan {scan_s:.1f} s); own entry matched by the full "
            f"scan {own_full}, found by the screener {own_found}; other entries matched {others}, found "
            f"{others_found}; full-scan matches the screener misses: {missed}"
        )
        names = {(le.list_name, le.entry.entry_id): le.entry.name for le in target}
        for party, o, f, s in zip(parties, own, full, found, strict=True):
            for m in sorted(f - s):
                result = score(party.name, names[m])
                reading = next((x.detail for x in result.features if x.name == "cross_script"), "")
                kind = "own entry" if m == o else "other entry"
                print(f"  missed ({kind}): {party.name} -> {names[m]}: {result.score:.3f}, {reading}")
    print(f"load average at the end {os.getloadavg()}")
    print("every full-scan match found:", "yes" if not missed_any else "NO")
    return 1 if missed_any else 0


if __name__ == "__main__":
    sys.exit(main())
