"""Screening throughput: every fixture list loaded (~27,000 entries, ~80,000 names), 10,000 parties screened.

Measures, in one run:
  * import time of each list and the time to build the candidate index;
  * throughput of ``services.screening.screen_parties`` on 10,000 parties: half are names taken from the lists
    and varied (typos, legal-form swaps, word order, spacing, traditional characters), half are generated
    names that are on no list, so both the hit path (full scoring and explanation) and the miss path run;
  * the baseline in the same run: brute-force rapidfuzz (``process.cdist`` with ``token_sort_ratio`` ≥ 85
    over every listed name) on a sample of the same parties.

The batch is screened twice: as ``reechain screen parties`` does by default, by a worker process per core
(``services.screening_pool``), and in one process; the script checks the two give the same hits. The baseline
runs on one thread and on every core (rapidfuzz's own ``workers=-1``), so each figure has its like.

Target: ≥ 5,000 parties/s (the run on every core). This benchmark measures speed only. The parties are made
by this script (some with the project's own syllable splitting), so how often they find their entry says
nothing about match quality; quality is measured on labelled pairs the project did not make, against
nomenklatura's logic-v2, by ``benchmarks/matching_quality.py``.

Run: ``.venv/bin/python benchmarks/screening.py [--parties 10000] [--baseline-sample 300]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import opencc
from rapidfuzz import fuzz, process, utils

from reechain.bootstrap import bootstrap
from reechain.compliance.matching import COMPILED, cross_script
from reechain.compliance.matching.chinese import PINYIN_SYLLABLES, has_han, split_syllables
from reechain.compliance.matching.screener import PartyQuery
from reechain.services import screening, screening_pool
from reechain.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "screening"
AMMITTO = "cn_mofcom/ammitto_data_cn/sources/sanction-lists"
LISTS = [
    ("us_ofac/ofac_sdn_normalized_2026-08-07.json.gz", "ofac-sdn-json", "ofac-sdn"),
    ("uk/uk_sanctions_list_normalized_2026-08-06.json.gz", "uk", "uk"),
    ("us_bis/dpl_2022-09.txt", "bis-dpl", "bis-dpl"),
    ("us_csl/csl_sample_2019-12.csv", "csl-csv", "csl"),
    ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel", "mofcom-uel"),
    ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control", "mofcom-control"),
    (f"{AMMITTO}/unrealiable-entity-list", "mofcom-uel", "mofcom-uel-announcements"),
    (f"{AMMITTO}/import-export-control-list", "mofcom-control", "mofcom-control-announcements"),
    (f"{AMMITTO}/anti-sanction-list", "mofcom-control", "mofcom-counter-sanctions"),
]
THRESHOLD = 0.85
TARGET_PARTIES_PER_S = 5000
BASELINE_CUTOFF = 85
LEGAL_FORMS = ["Co., Ltd.", "Company Limited", "Ltd", "LLC", "GmbH", "Inc.", "Corporation", "有限公司", ""]
_T2S_REVERSE = opencc.OpenCC("s2t")


# ---------------------------------------------------------------- perturbations


def typo(name: str, rng: random.Random) -> str:
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_words:
        return name
    i = rng.choice(long_words)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    elif kind == "drop":
        w = w[:j] + w[j + 1 :]
    elif kind == "double":
        w = w[:j] + w[j] + w[j:]
    else:
        w = w[:j] + rng.choice("aeiourstn") + w[j + 1 :]
    words[i] = w
    return " ".join(words)


def legal_form_swap(name: str, rng: random.Random) -> str:
    """Replace a trailing legal form with another one (or add one): Co., Ltd. ↔ Company Limited ↔ GmbH ..."""
    words = name.rstrip(" .").split()
    tail = {
        "co.,",
        "co.",
        "co",
        "ltd.",
        "ltd",
        "limited",
        "company",
        "llc",
        "inc.",
        "inc",
        "gmbh",
        "corporation",
        "corp.",
        "corp",
        "co.,ltd.",
        "co.,ltd",
        "jsc",
        "plc",
        "sa",
        "s.a.",
        "ag",
    }
    while words and words[-1].lower().strip(",") in tail:
        words.pop()
    return f"{' '.join(words).rstrip(',')} {rng.choice(LEGAL_FORMS[:7])}"


def word_order(name: str, rng: random.Random) -> str:
    if "," in name:  # "LAST, First" → "First LAST"
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}"
    words = name.split()
    if len(words) >= 2:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def spacing(name: str, rng: random.Random) -> str:
    out = []
    for w in name.split():
        parts = split_syllables(w.lower())
        if len(parts) > 1 and all(p in PINYIN_SYLLABLES for p in parts):
            out.append(" ".join(p.capitalize() for p in parts))
        else:
            out.append(w)
    spaced = " ".join(out)
    return spaced if spaced != name else name.replace(" ", "", 1)


def noise(name: str, rng: random.Random) -> str:
    return rng.choice([name.upper(), name.lower(), name.title(), name.replace(",", "").replace(".", "")])


def traditional(name: str, rng: random.Random) -> str:
    return str(_T2S_REVERSE.convert(name))


def perturb(name: str, rng: random.Random, schema: str) -> tuple[str, str]:
    if has_han(name):
        return traditional(name, rng), "traditional"
    kinds = ["typo", "word_order", "spacing", "noise", "typo+noise"]
    kind = rng.choice(kinds if schema == "Person" else [*kinds, "legal_form"])  # persons have no legal form
    if kind == "typo":
        return typo(name, rng), kind
    if kind == "legal_form":
        return legal_form_swap(name, rng), kind
    if kind == "word_order":
        return word_order(name, rng), kind
    if kind == "spacing":
        return spacing(name, rng), kind
    if kind == "noise":
        return noise(name, rng), kind
    return noise(typo(name, rng), rng), kind


# ---------------------------------------------------------------- clean names

PLACES = [
    "Baotou",
    "Ganzhou",
    "Chifeng",
    "Longyan",
    "Leshan",
    "Yichun",
    "Osaka",
    "Nagoya",
    "Lyon",
    "Graz",
    "Turku",
    "Porto",
    "Leeds",
    "Ulsan",
    "Pune",
    "Perth",
    "Quebec",
    "Tampere",
    "Brno",
    "Gdansk",
]
TRADES = [
    "Magnet",
    "Rare Earth Materials",
    "Precision Alloys",
    "Ceramics",
    "Motor Components",
    "Logistics",
    "Freight Forwarding",
    "Trading",
    "Metals",
    "Optical Glass",
    "Polishing Powder",
    "Catalysts",
    "Battery Materials",
    "Sensor Systems",
    "Wind Power Parts",
]
FORMS = ["Co., Ltd.", "GmbH", "K.K.", "S.A.", "Oy", "AB", "Ltd", "Inc.", "LLC", "S.r.l.", "有限公司"]
BRAND_SYLLABLES = sorted(s for s in PINYIN_SYLLABLES if len(s) >= 3)


def clean_name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.8:
        brand = "".join(rng.choice(BRAND_SYLLABLES) for _ in range(2)).capitalize()
        return f"{rng.choice(PLACES)} {brand} {rng.choice(TRADES)} {rng.choice(FORMS)}", "Company"
    given = "".join(rng.choice(BRAND_SYLLABLES) for _ in range(2)).capitalize()
    family = rng.choice(["Okonkwo", "Lindqvist", "Fairbanks", "Moreau", "Kowalczyk", "Haddad", "Tanaka"])
    return f"{given} {family}", "Person"


# ---------------------------------------------------------------- run


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parties", type=int, default=10_000)
    ap.add_argument("--baseline-sample", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--processes",
        type=int,
        default=screening_pool.usable_processes(),
        help="worker processes of the timed batch (default: one per core, as `screen parties`)",
    )
    args = ap.parse_args()
    print(f"load average at the start {os.getloadavg()}")
    print(f"matching modules compiled (mypyc): {', '.join(COMPILED) or 'none, pure Python'}")
    rng = random.Random(args.seed)

    tmp = tempfile.mkdtemp(prefix="reechain-bench-")
    c = bootstrap(Settings(database_url=f"sqlite:///{tmp}/bench.db"))
    t0 = time.perf_counter()
    for rel, fmt, name in LISTS:
        t = time.perf_counter()
        report = screening.import_list(c, SHARED / rel, fmt, name)
        print(f"  import {name:30} {report.entries:6} entries  {time.perf_counter() - t:5.2f} s")
    import_s = time.perf_counter() - t0
    t = time.perf_counter()
    sc = screening.screener(c)
    index_s = time.perf_counter() - t
    entries = sc.entries
    reduced = [i for i, source in enumerate(sc.row_source) if source != sc.forms[i].original]
    persons = sum(1 for e in entries if e.entry.schema == "Person")
    reduced_persons = len({sc.row_entry[i] for i in reduced})
    print(
        f"lists: {len(entries)} entries, {sc.name_count} names ({len(reduced)} of them a listed person's "
        f"name without middle names, for {reduced_persons} of {persons} listed persons); "
        f"import {import_s:.1f} s, index {index_s:.1f} s"
    )

    # parties: half perturbed list names, half clean
    n_pos = args.parties // 2
    positives: list[tuple[PartyQuery, tuple[str, str], str, str]] = []
    while len(positives) < n_pos:
        listed = rng.choice(entries)
        source = rng.choice(listed.entry.names())
        schema = "Person" if listed.entry.schema == "Person" else "Company"
        query, kind = perturb(source, rng, schema)
        positives.append((PartyQuery(query, schema), (listed.list_name, listed.entry.entry_id), kind, source))
    negatives = [PartyQuery(*clean_name(rng)) for _ in range(args.parties - n_pos)]
    parties = [p for p, _, _, _ in positives] + negatives
    order = list(range(len(parties)))
    rng.shuffle(order)
    shuffled = [parties[i] for i in order]

    # The reading tables (CC-CEDICT, Cantonese, hanja, Japanese) are read once per process, at the first
    # cross-script comparison, or at a server's start (``cross_script.warm_up``); timed on their own here
    t = time.perf_counter()
    tables = cross_script.warm_up()
    dictionary_s = time.perf_counter() - t
    print(f"reading tables read in {dictionary_s:.2f} s (once per process): {tables}")

    # What a screener makes of its listed Han names at its first cross-script pair, made once before either
    # timed run (the workers of the second inherit it; the first would otherwise pay it alone)
    t = time.perf_counter()
    sc.prepare_cross_script()
    prepare_s = time.perf_counter() - t
    print(f"cross-script gate's listed names prepared in {prepare_s:.2f} s (once per screener)")

    # the command line's default first, a worker process per core, then one process: each starts from the
    # caches the screener's process has here (the workers' caches end with them), and gives the same hits
    t = time.perf_counter()
    pooled = screening.screen_parties(c, shuffled, threshold=THRESHOLD, processes=args.processes)
    screen_s = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    results_shuffled = screening.screen_parties(c, shuffled, threshold=THRESHOLD)
    serial_s = time.perf_counter() - t
    screen_cpu_s = time.process_time() - cpu
    serial_rate = len(parties) / serial_s
    if pooled != results_shuffled:
        print("the worker processes' hits differ from one process's")
        return 1
    results = [None] * len(parties)
    for pos, i in enumerate(order):
        results[i] = results_shuffled[pos]
    rate = len(parties) / screen_s

    flagged_pos = sum(1 for i in range(len(positives)) if results[i])
    flagged_neg = sum(1 for i in range(len(positives), len(parties)) if results[i])

    # baseline: brute-force rapidfuzz over every listed name, on one thread and on every core
    all_names = [n for listed in entries for n in listed.entry.names()]
    processed = [utils.default_process(n) for n in all_names]
    sample = rng.sample(range(len(parties)), args.baseline_sample)

    def baseline(workers: int) -> tuple[float, float]:
        t, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(sample), 50):
            chunk = sample[start : start + 50]
            queries = [utils.default_process(parties[i].name) for i in chunk]
            m = process.cdist(
                queries,
                processed,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=BASELINE_CUTOFF,
                dtype=np.uint8,
                workers=workers,
            )
            del m  # the baseline's hits are not graded here: only its speed
        return time.perf_counter() - t, time.process_time() - cpu

    baseline_s, baseline_cpu_s = baseline(1)
    baseline_rate = len(sample) / baseline_s
    all_cores_s, _ = baseline(-1)
    all_cores_rate = len(sample) / all_cores_s

    figures = {
        "entries": len(entries),
        "names": sc.name_count,
        "import_s": round(import_s, 2),
        "index_build_s": round(index_s, 2),
        "dictionary_load_s": round(dictionary_s, 2),
        "parties": len(parties),
        "processes": args.processes,
        "screen_s": round(screen_s, 2),
        "parties_per_s": round(rate, 1),
        "one_process_parties_per_s": round(serial_rate, 1),
        "parties_with_hits": flagged_pos + flagged_neg,
        "baseline_parties_per_s": round(baseline_rate, 1),
        "baseline_every_core_parties_per_s": round(all_cores_rate, 1),
        "speedup_vs_baseline": round(rate / all_cores_rate, 1),
        "one_process_speedup_vs_baseline": round(serial_rate / baseline_rate, 1),
        "parties_per_cpu_s": round(len(parties) / screen_cpu_s, 1),
        "baseline_parties_per_cpu_s": round(len(sample) / baseline_cpu_s, 1),
    }
    print(
        f"one process: {len(parties)} parties in {serial_s:.2f} s: {serial_rate:,.0f} parties/s "
        f"({len(parties) / screen_cpu_s:,.0f} per CPU-second)"
    )
    print(f"{args.processes} worker processes: {screen_s:.2f} s: {rate:,.0f} parties/s (the same hits)")
    print(f"{flagged_pos + flagged_neg} parties with hits ({flagged_neg} of the generated names)")
    print(
        f"baseline brute-force rapidfuzz token_sort_ratio≥{BASELINE_CUTOFF} over {len(all_names)} names: "
        f"one thread {baseline_rate:,.1f} parties/s ({len(sample) / baseline_cpu_s:,.1f} per CPU-second), "
        f"every core {all_cores_rate:,.1f} parties/s; ratio {serial_rate / baseline_rate:,.1f}x on one "
        f"core, {rate / all_cores_rate:,.1f}x on every core"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    ok = rate >= TARGET_PARTIES_PER_S
    print(f"load average at the end {os.getloadavg()}")
    print(f"target (≥{TARGET_PARTIES_PER_S:,} parties/s):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
