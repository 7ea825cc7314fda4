"""Market signals, trained reader: leave-one-set-out precision, recall and dates, beside the rules.

Each labelled set (development, held-out 1-14) is held out in turn: the sentence classifier is fitted on the
other sets only, with its regularisation C and its probability threshold chosen by an inner cross-validation
over those sets (three folds of whole sets; C in 0.3 / 1 / 3, threshold in 0.3 … 0.7; by the F1 of
(elements, measure, direction)), then scored on the held-out set with the scoring of benchmarks/signals.py.
Beside each figure: the rules' first reading of that set (the honest unseen figure; "-" where none was
recorded) and the rules' current score (fitted on every set up to 8). "no elem" scores the trained reader's
measure and direction alone (elements ignored): a diagnostic of where the misses are, not a goal.

The ablation "n-grams only" drops every cue taken from the rules' phrase lists and lexicon (phrase hits,
lexicon readings, hedge, claim, history, rise/cut/lift words), so shows how much of the figure leans on
rules that were themselves fitted to sets 4-8 after their first readings. Elements and dates are the rules'
in both; since the eleventh set's round (2026-11-28) every set has been read by rules written after it.

Goals (each held-out set): precision >= 0.9, recall >= 0.9, dates >= 0.95; 1,000 documents < 30 s. Exits
non-zero when one is missed.

Usage: python benchmarks/signals_trained.py [--quick] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reechain.signals.extract import extract
from reechain.signals.trained import (
    THRESHOLD,
    C,
    Reading,
    align,
    fit_aligned,
    load_set,
    read,
    read_units,
    rows_of,
)
from signals import READ_ON, score

DATA = Path(__file__).resolve().parent / "data"
SETS = [
    ("dev", "notices", None),
    ("1", "notices_heldout", (1.0, 0.857)),
    ("2", "notices_heldout2", (1.000, 0.818)),
    ("3", "notices_heldout3", (0.714, 0.556)),
    ("4", "notices_heldout4", (0.545, 0.500)),
    ("5", "notices_heldout5", (0.706, 0.632)),
    ("6", "notices_heldout6", (0.533, 0.471)),
    ("7", "notices_heldout7", (0.429, 0.214)),
    ("8", "notices_heldout8", (0.524, 0.647)),
    ("9", "notices_heldout9", (0.227, 0.263)),
    ("10", "notices_heldout10", (0.600, 0.600)),
    ("11", "notices_heldout11", (0.308, 0.364)),
    ("12", "notices_heldout12", (0.467, 0.700)),
    ("13", "notices_heldout13", (0.312, 0.500)),
    ("14", "notices_heldout14", (0.417, 0.455)),
    ("15", "notices_heldout15", (0.357, 0.417)),
    ("16", "notices_heldout16", (0.455, 0.385)),
    ("17", "notices_heldout17", (0.333, 0.455)),
    ("18", "notices_heldout18", (0.385, 0.385)),
    ("19", "notices_heldout19", (0.429, 0.462)),
    ("20", "notices_heldout20", (0.273, 0.300)),
    ("21", "notices_heldout21", (0.357, 0.455)),
    ("22", "notices_heldout22", (0.462, 0.600)),
    ("23", "notices_heldout23", (0.714, 0.556)),
    ("24", "notices_heldout24", (0.667, 0.400)),
    ("25", "notices_heldout25", (0.400, 0.444)),
    ("26", "notices_heldout26", (0.667, 0.500)),
    ("27", "notices_heldout27", (0.250, 0.333)),
    ("28", "notices_heldout28", (0.714, 0.500)),
    ("29", "notices_heldout29", (0.500, 0.556)),
    ("30", "notices_heldout30", (0.800, 0.500)),
    ("31", "notices_heldout31", (0.333, 0.333)),
    ("32", "notices_heldout32", (0.143, 0.167)),
    ("33", "notices_heldout33", (0.286, 0.286)),
    ("34", "notices_heldout34", (0.111, 0.167)),
    ("35", "notices_heldout35", (0.500, 0.667)),
    ("36", "notices_heldout36", (0.167, 0.250)),
    ("37", "notices_heldout37", (0.333, 0.750)),
    ("38", "notices_heldout38", (0.400, 0.333)),
    ("39", "notices_heldout39", (0.375, 0.429)),
    ("40", "notices_heldout40", (0.500, 0.500)),
    ("41", "notices_heldout41", (0.125, 0.250)),
    ("42", "notices_heldout42", (0.800, 0.800)),
    ("43", "notices_heldout43", (0.500, 0.667)),
    ("44", "notices_heldout44", (0.333, 0.500)),
    ("45", "notices_heldout45", (0.375, 1.000)),
    ("46", "notices_heldout46", (0.600, 0.600)),
    ("47", "notices_heldout47", (0.333, 0.500)),
    ("48", "notices_heldout48", (0.714, 0.625)),
    ("49", "notices_heldout49", (0.500, 0.286)),
    ("50", "notices_heldout50", (0.571, 0.667)),
    ("51", "notices_heldout51", (0.875, 0.875)),
    ("52", "notices_heldout52", (0.333, 0.333)),
    ("53", "notices_heldout53", (0.364, 0.400)),
    ("54", "notices_heldout54", (0.600, 0.429)),
    ("55", "notices_heldout55", (0.800, 0.400)),
    ("56", "notices_heldout56", (0.750, 0.500)),
    ("57", "notices_heldout57", (0.429, 0.333)),
    ("58", "notices_heldout58", (0.714, 0.833)),
    ("59", "notices_heldout59", (0.000, 0.000)),
    ("60", "notices_heldout60", (0.429, 0.375)),
    ("61", "notices_heldout61", (0.714, 0.714)),
    ("62", "notices_heldout62", (0.571, 0.667)),
    ("63", "notices_heldout63", (1.000, 0.385)),
    ("64", "notices_heldout64", (0.000, 0.000)),
    ("65", "notices_heldout65", (0.625, 0.833)),
    ("66", "notices_heldout66", (0.000, 0.000)),
    ("67", "notices_heldout67", (0.667, 0.400)),
    ("68", "notices_heldout68", (0.273, 0.333)),
    ("69", "notices_heldout69", (0.750, 0.429)),
    ("70", "notices_heldout70", (0.500, 0.286)),
    ("71", "notices_heldout71", (0.667, 0.667)),
    ("72", "notices_heldout72", (0.714, 0.625)),
    ("73", "notices_heldout73", (0.200, 0.125)),
    ("74", "notices_heldout74", (0.000, 0.000)),
    ("75", "notices_heldout75", (0.500, 0.800)),
    ("76", "notices_heldout76", (0.000, 0.000)),
    ("77", "notices_heldout77", (0.500, 0.333)),
    ("78", "notices_heldout78", (0.250, 0.143)),
    ("79", "notices_heldout79", (0.333, 0.167)),
    ("80", "notices_heldout80", (0.000, 0.000)),
    ("81", "notices_heldout81", (0.500, 0.286)),
    ("82", "notices_heldout82", (0.125, 0.111)),
    ("83", "notices_heldout83", (0.143, 0.125)),
    ("84", "notices_heldout84", (0.000, 0.000)),
    ("85", "notices_heldout85", (0.500, 0.250)),
    ("86", "notices_heldout86", (0.667, 0.250)),
    ("87", "notices_heldout87", (0.571, 0.571)),
    ("88", "notices_heldout88", (0.300, 0.429)),
    ("89", "notices_heldout89", (0.000, 0.000)),
    ("90", "notices_heldout90", (0.167, 0.143)),
    ("91", "notices_heldout91", (0.625, 0.625)),
    ("92", "notices_heldout92", (0.667, 0.667)),
    ("93", "notices_heldout93", (0.400, 0.286)),
    ("94", "notices_heldout94", (0.429, 0.500)),
    ("95", "notices_heldout95", (0.000, 0.000)),
]
"""(name, folder, the rules' first reading (precision, recall) as recorded in benchmarks/signals.py)."""
C_GRID = (0.3, 1.0, 3.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
INNER_FOLDS = 3

Doc = tuple[Reading, list[dict[str, Any]], list[str]]


def _f1(r: dict[str, float]) -> float:
    p, q = r["precision"], r["recall"]
    return 2 * p * q / (p + q) if p + q else 0.0


def _measures_only(res: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Signals with their elements dropped: how well measure and direction alone are read (a diagnostic)."""
    return {n: [{**s, "elements": []} for s in sigs] for n, sigs in res.items()}


def _score(docs: list[Doc], model: Any, threshold: float) -> dict[str, float]:
    return _score_at(docs, model, [threshold])[threshold]


def _score_at(docs: list[Doc], model: Any, thresholds: Sequence[float]) -> dict[float, dict[str, float]]:
    classes = [model.predict(rows_of(d)) for d, _, _ in docs]  # once, for every threshold
    truth = {d.doc.name: t for d, t, _ in docs}
    return {
        th: score(
            {
                d.doc.name: [s.as_json() for s in read(d, model, th, c, today=READ_ON)]
                for (d, _, _), c in zip(docs, classes, strict=True)
            },
            truth,
        )
        for th in thresholds
    }


def _fit(sets: list[list[Doc]], c: float, cues: bool) -> Any:
    return fit_aligned([(d, a) for docs in sets for d, _, a in docs], c, cues)


def choose(train: list[list[Doc]], cues: bool) -> tuple[float, float]:
    """C and the probability threshold by inner cross-validation over whole training sets (no held-out
    document is read): the pair with the best mean F1 over three folds of sets."""
    folds = [train[i::INNER_FOLDS] for i in range(INNER_FOLDS)]
    f1s: dict[tuple[float, float], list[float]] = {}
    for c in C_GRID:
        for k, fold in enumerate(folds):
            rest = [s for j, f in enumerate(folds) if j != k for s in f]
            model = _fit(rest, c, cues)
            docs = [d for s in fold for d in s]
            for th, res in _score_at(docs, model, THRESHOLDS).items():
                f1s.setdefault((c, th), []).append(_f1(res))
    best = max(f1s, key=lambda key: (sum(f1s[key]) / len(f1s[key]), key))
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="C 1, threshold 0.5 (no inner cross-validation)")
    ap.add_argument(
        "--unseen",
        type=Path,
        help="a labelled set no reader has seen: scored once by both readers (trained on all sets)",
    )
    ap.add_argument(
        "--verbose", action="store_true", help="print each document the trained reader gets wrong"
    )
    a = ap.parse_args()
    t0 = time.perf_counter()
    data: list[list[Doc]] = []
    rules_now: list[dict[str, float]] = []
    for _, folder, _ in SETS:
        docs = []
        for doc, truth in load_set(DATA / folder):
            reading = read_units(doc)
            docs.append((reading, truth, align(reading, truth)))
        data.append(docs)
        rules_now.append(
            score(
                {d.doc.name: [s.as_json() for s in extract(d.doc, READ_ON)] for d, _, _ in docs},
                {d.doc.name: t for d, t, _ in docs},
            )
        )
    print(f"read {sum(map(len, data))} documents in {time.perf_counter() - t0:.1f} s")
    header = (
        f"{'set':>4} {'docs':>4} {'sig':>4} | {'trained P':>9} {'R':>5} {'dates':>5} {'C':>4} {'th':>4} |"
        f" {'no elem P':>9} {'R':>5} | {'n-grams P':>9} {'R':>5} | {'rules 1st P':>11} {'R':>5} |"
        f" {'rules now P':>11} {'R':>5}"
    )
    print(header)
    ok = True
    sums: dict[str, list[float]] = {k: [] for k in ("tp", "tr", "np", "nr", "fp", "fr")}
    for k, (name, _, first) in enumerate(SETS):
        train = [s for j, s in enumerate(data) if j != k]
        c_full, th_full = (1.0, 0.5) if a.quick else choose(train, True)
        c_grams, th_grams = (1.0, 0.5) if a.quick else choose(train, False)
        model = _fit(train, c_full, True)
        held = data[k]
        truth = {d.doc.name: t for d, t, _ in held}
        ours = {d.doc.name: [s.as_json() for s in read(d, model, th_full, today=READ_ON)] for d, _, _ in held}
        full = score(ours, truth)
        loose = score(_measures_only(ours), _measures_only(truth))
        grams = _score(data[k], _fit(train, c_grams, False), th_grams)
        now = rules_now[k]
        first_txt = f"{first[0]:>11.3f} {first[1]:>5.3f}" if first else f"{'-':>11} {'-':>5}"
        print(
            f"{name:>4} {len(data[k]):>4} {sum(len(t) for _, t, _ in data[k]):>4} |"
            f" {full['precision']:>9.3f} {full['recall']:>5.3f} {full['dates']:>5.3f}"
            f" {c_full:>4} {th_full:>4} | {loose['precision']:>9.3f} {loose['recall']:>5.3f} |"
            f" {grams['precision']:>9.3f} {grams['recall']:>5.3f} |"
            f" {first_txt} | {now['precision']:>11.3f} {now['recall']:>5.3f}",
            flush=True,
        )
        if first and name in ("4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"):
            sums["tp"].append(full["precision"])
            sums["tr"].append(full["recall"])
            sums["np"].append(grams["precision"])
            sums["nr"].append(grams["recall"])
            sums["fp"].append(first[0])
            sums["fr"].append(first[1])
        ok = ok and full["precision"] >= 0.9 and full["recall"] >= 0.9 and full["dates"] >= 0.95
        if a.verbose:
            for d, truth, _ in data[k]:
                got = sorted(
                    (s.measure, s.direction, s.elements) for s in read(d, model, th_full, today=READ_ON)
                )
                want = sorted((t["measure"], t["direction"], t["elements"]) for t in truth)
                if got != want:
                    print(f"      {d.doc.name}\n        got  {got}\n        want {want}")

    def mean(xs: list[float]) -> float:
        return sum(xs) / len(xs) if xs else 0.0

    print(
        f"mean over sets 4-20: trained {mean(sums['tp']):.3f} / {mean(sums['tr']):.3f}, n-grams only"
        f" {mean(sums['np']):.3f} / {mean(sums['nr']):.3f}, rules' first readings"
        f" {mean(sums['fp']):.3f} / {mean(sums['fr']):.3f}"
    )
    if not a.quick:
        c_all, th_all = choose(data, True)
        print(
            f"packaged model: the same cross-validation over all {len(data)} sets chooses C {c_all},"
            f" threshold {th_all} (trained.py has C {C}, THRESHOLD {THRESHOLD})"
        )
    t = time.perf_counter()
    packaged = _fit(data, C, True)
    took_fit = time.perf_counter() - t
    pool = [d.doc for docs in data for d, _, _ in docs]
    batch = [d for _ in range(6) for d in pool][:1000]
    t = time.perf_counter()
    n_signals = sum(len(read(read_units(d), packaged, THRESHOLD, today=READ_ON)) for d in batch)
    took = time.perf_counter() - t
    t = time.perf_counter()
    n_rules = sum(len(extract(d, READ_ON)) for d in batch)
    took_rules = time.perf_counter() - t
    print(
        f"speed: the packaged model fitted in {took_fit:.1f} s; {len(batch)} documents read in {took:.2f} s"
        f" ({n_signals} signals; the rules, same batch: {took_rules:.2f} s, {n_rules} signals)"
    )
    ok = ok and took < 30
    if a.unseen is not None:
        unseen = []
        for doc, truth in load_set(a.unseen):
            reading = read_units(doc)
            unseen.append((reading, truth, align(reading, truth)))
        truth = {d.doc.name: t for d, t, _ in unseen}
        trained = score(
            {
                d.doc.name: [s.as_json() for s in read(d, packaged, THRESHOLD, today=READ_ON)]
                for d, _, _ in unseen
            },
            truth,
        )
        by_rules = score(
            {d.doc.name: [s.as_json() for s in extract(d.doc, READ_ON)] for d, _, _ in unseen}, truth
        )
        for label, res in (("trained (all sets)", trained), ("rules", by_rules)):
            print(
                f"{a.unseen.name}, {label}: precision {res['precision']:.3f}  recall {res['recall']:.3f}"
                f"  dates {res['dates']:.3f}"
            )
    print(f"took {time.perf_counter() - t0:.0f} s")
    print("ok" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
