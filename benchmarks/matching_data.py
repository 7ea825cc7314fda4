"""Labelled name pairs for the matching benchmark, none of them made by the matcher under test.

Sets (files in ``benchmarks/data/matching/``, origins and licences in ``SOURCES.md`` there):

* ``nomenklatura``: nomenklatura's ``contrib/name_bench/cases.csv`` (826 labelled pairs, verbatim);
* ``yente_un``: yente's UN-list fixtures: each treated name (typos, swapped parts, dropped accents made by
  yente's ``treatments.py``) against its untreated form, where the two differ (positives), and each of yente's
  synthetic "negatives_global" persons against the UN name closest to it by rapidfuzz ``token_sort_ratio``
  (a neutral third measure, not either matcher under test) (negatives);
* ``cross_script_hand``: hand-labelled Han/Hangul ↔ Latin pairs (``cross_script_hand.csv``);
* ``list_bilingual``: Chinese and Latin names that MOFCOM and UK lists give for the same entry (positives),
  and the Chinese name of one entry against the Latin name of another entry of the same list that shares
  the most words with its own Latin name (negatives), written by ``--write-list-pairs``.

Every set is split into a *fit* half and a *report* half with ``random.Random(SPLIT_SEED)``: the pairs are
grouped (a group is the pair itself, or for ``list_bilingual`` every pair of one Chinese name, so an entry
is never on both sides of the split), the groups shuffled and the first half taken for fitting. Thresholds
and weights are chosen on the fit half only; figures are reported on the report half.

Run ``python benchmarks/matching_data.py --write-list-pairs`` to rebuild ``list_bilingual.csv`` from the
list files in ``../shared/data/screening``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "matching"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "screening"
SPLIT_SEED = 20261127
_HAN_OR_HANGUL = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class LabelledPair:
    left: str
    right: str
    schema: str
    is_match: bool
    dataset: str
    kind: str
    group: str


def script_of(pair: LabelledPair) -> str:
    """``latin`` when both names are Latin script, ``cross_script`` when one side has Han or Hangul and the
    other does not, ``other`` otherwise (Cyrillic, Arabic, Khmer ... or both sides Han)."""

    def latin(text: str) -> bool:
        return all(
            not ch.isalpha() or ch.isascii() or "LATIN" in unicodedata.name(ch, "")
            for ch in unicodedata.normalize("NFC", text)
        )

    han = [_HAN_OR_HANGUL.search(pair.left) is not None, _HAN_OR_HANGUL.search(pair.right) is not None]
    if latin(pair.left) and latin(pair.right):
        return "latin"
    if han[0] != han[1] and (latin(pair.left) or latin(pair.right)):
        return "cross_script"
    return "other"


def _schema(value: str) -> str:
    return "Person" if value == "Person" else "Company"


def nomenklatura_pairs() -> list[LabelledPair]:
    with (DATA / "nomenklatura_name_bench_cases.csv").open(encoding="utf-8", newline="") as fh:
        return [
            LabelledPair(
                r["name1"],
                r["name2"],
                _schema(r["schema"]),
                r["is_match"] == "true",
                "nomenklatura",
                r["case_group"],
                f"nk:{r['case_group']}:{r['name1']}|{r['name2']}|{r['schema']}",
            )
            for r in csv.DictReader(fh)
        ]


def _names(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [r["full_name"] for r in csv.DictReader(fh)]


def yente_pairs() -> list[LabelledPair]:
    from rapidfuzz import fuzz, process

    treated = _names(DATA / "yente_positives_un_treated.csv")
    untreated = _names(DATA / "yente_positives_un_untreated.csv")
    pairs = [
        LabelledPair(t, u, "Person", True, "yente_un", "treated", f"yente+:{t}|{u}")
        for t, u in zip(treated, untreated, strict=True)
        if t != u
    ]
    listed = sorted(set(untreated))
    for name in _names(DATA / "yente_negatives_global.csv"):
        if script_of(LabelledPair(name, name, "Person", False, "", "", "")) != "latin":
            continue  # the nearest Latin name by characters means nothing for a name in another script
        best = process.extractOne(name, listed, scorer=fuzz.token_sort_ratio)
        if best is not None:
            pairs.append(
                LabelledPair(name, str(best[0]), "Person", False, "yente_un", "nearest", f"yente-:{name}")
            )
    return pairs


def _csv_pairs(path: Path, dataset: str, group_by_left: bool) -> list[LabelledPair]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            LabelledPair(
                r["left"],
                r["right"],
                _schema(r["schema"]),
                r["is_match"] in {"1", "true"},
                dataset,
                r["kind"],
                f"{dataset}:{r['left']}" if group_by_left else f"{dataset}:{r['left']}|{r['right']}",
            )
            for r in csv.DictReader(fh)
        ]


def hand_pairs() -> list[LabelledPair]:
    return _csv_pairs(DATA / "cross_script_hand.csv", "cross_script_hand", group_by_left=False)


def list_pairs() -> list[LabelledPair]:
    return _csv_pairs(DATA / "list_bilingual.csv", "list_bilingual", group_by_left=True)


def all_pairs() -> list[LabelledPair]:
    return nomenklatura_pairs() + yente_pairs() + hand_pairs() + list_pairs()


def split(pairs: Iterable[LabelledPair]) -> tuple[list[LabelledPair], list[LabelledPair]]:
    """(fit, report): per dataset, groups shuffled with ``random.Random(SPLIT_SEED)``, first half fit."""
    fit: list[LabelledPair] = []
    report: list[LabelledPair] = []
    by_dataset: dict[str, dict[str, list[LabelledPair]]] = defaultdict(lambda: defaultdict(list))
    for p in pairs:
        by_dataset[p.dataset][p.group].append(p)
    for dataset in sorted(by_dataset):
        groups = sorted(by_dataset[dataset])
        random.Random(SPLIT_SEED).shuffle(groups)
        half = len(groups) // 2
        for g in groups[:half]:
            fit += by_dataset[dataset][g]
        for g in groups[half:]:
            report += by_dataset[dataset][g]
    return fit, report


# ---------------------------------------------------------------- list_bilingual.csv


def _list_entries() -> list[tuple[str, str, str, str]]:
    """(source, Han name, Latin name, schema) of every list entry that gives both."""
    import yaml

    out: list[tuple[str, str, str, str]] = []
    hub = SHARED / "cn_mofcom" / "compliance_hub"
    for name in ("china-unreliable-entity.json", "china-control-entities.json"):
        for r in json.loads((hub / name).read_text(encoding="utf-8"))["records"]:
            if r.get("entityName") and r.get("entityNameEn"):
                out.append((f"mofcom:{name}", r["entityName"], r["entityNameEn"], "Company"))
    lists = SHARED / "cn_mofcom" / "ammitto_data_cn" / "sources" / "sanction-lists"
    for path in sorted(lists.glob("*/*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in (doc.get("sanction_details") or {}).get("entities") or []:
            names = e.get("name") or {}
            if names.get("zh-Hans") and names.get("en"):
                schema = "Person" if "·" in names["zh-Hans"] or e.get("type") == "person" else "Company"
                out.append((f"mofcom:{path.parent.name}", names["zh-Hans"], names["en"], schema))
    with gzip.open(SHARED / "uk" / "uk_sanctions_list_normalized_2026-08-06.json.gz") as fh:
        uk = json.loads(fh.read())
    for r in uk["records"]:
        for n in r.get("namesNonLatin") or []:
            if _HAN_OR_HANGUL.search(n) and not _KANA.search(n):
                schema = "Person" if r.get("designationType") == "Individual" else "Company"
                out.append(("uk", n, r["entityName"], schema))
    return out


def write_list_pairs(path: Path) -> int:
    seen: set[tuple[str, str]] = set()
    entries = []
    for e in sorted(set(_list_entries())):
        if (e[1], e[2]) not in seen:  # the same entry published by several sources counts once
            seen.add((e[1], e[2]))
            entries.append(e)
    by_source: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for e in entries:
        by_source[e[0]].append(e)
    rows: list[tuple[str, str, str, int, str, str]] = []
    for source, items in sorted(by_source.items()):
        for _, han, latin, schema in items:
            rows.append((han, latin, schema, 1, "list_positive", source))
            words = set(_WORD.findall(latin.casefold()))
            others = [o for o in items if o[1] != han and o[2] != latin and o[3] == schema]
            if not others:
                continue
            # The other entry whose Latin name shares the most words with this one's (ties: shortest name).
            best = max(others, key=lambda o: (len(words & set(_WORD.findall(o[2].casefold()))), -len(o[2])))
            rows.append((han, best[2], schema, 0, "list_negative_shared_words", source))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["left", "right", "schema", "is_match", "kind", "note"])
        w.writerows(rows)
    return len(rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write-list-pairs", action="store_true")
    args = ap.parse_args()
    if args.write_list_pairs:
        n = write_list_pairs(DATA / "list_bilingual.csv")
        print(f"wrote {n} pairs to {DATA / 'list_bilingual.csv'}")
    pairs = all_pairs()
    fit, report = split(pairs)
    counts: dict[tuple[str, str, bool], int] = defaultdict(int)
    for p in report:
        counts[(p.dataset, script_of(p), p.is_match)] += 1
    print(f"{len(pairs)} pairs: {len(fit)} fit, {len(report)} report")
    for key, n in sorted(counts.items()):
        print("  report", key, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
