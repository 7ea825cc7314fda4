"""Every hit of the screening benchmark's batch, written out to compare two versions of the screener.

Builds the 10,000 parties exactly as ``benchmarks/screening.py`` does (same lists, same seed), screens them in
one process (``services.screening.screen_parties``) and writes one line per party: its position in the
shuffled batch, its name, schema and the ``repr`` of each of its hits (score, features, entry). Two dumps are
compared byte for byte (``cmp``). With ``--profile FILE`` the screening call runs under cProfile and its
statistics are written to FILE (the dump is the same).

Run: ``.venv/bin/python benchmarks/screening_hits_dump.py OUT.txt [--parties 10000] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import random
import sys
import tempfile
import time
from pathlib import Path

from reechain.bootstrap import Container, bootstrap
from reechain.compliance.matching import COMPILED, cross_script
from reechain.compliance.matching.screener import PartyQuery
from reechain.services import screening
from reechain.settings import Settings

_spec = importlib.util.spec_from_file_location(
    "screening_benchmark", Path(__file__).with_name("screening.py")
)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def batch(parties: int = 10_000, seed: int = 7) -> tuple[Container, list[PartyQuery]]:
    """A container with the benchmark's lists imported and its shuffled batch of parties, made as
    ``benchmarks/screening.py`` makes them (the same draws from the same generator); the reading tables are
    read and the screener's cross-script side prepared, as there before the timed runs."""
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="reechain-dump-")
    c = bootstrap(Settings(database_url=f"sqlite:///{tmp}/dump.db"))
    for rel, fmt, name in bench.LISTS:
        screening.import_list(c, bench.SHARED / rel, fmt, name)
    sc = screening.screener(c)
    entries = sc.entries
    n_pos = parties // 2
    positives: list[PartyQuery] = []
    while len(positives) < n_pos:
        listed = rng.choice(entries)
        source = rng.choice(listed.entry.names())
        schema = "Person" if listed.entry.schema == "Person" else "Company"
        query, _kind = bench.perturb(source, rng, schema)
        positives.append(PartyQuery(query, schema))
    negatives = [PartyQuery(*bench.clean_name(rng)) for _ in range(parties - n_pos)]
    every = positives + negatives
    order = list(range(len(every)))
    rng.shuffle(order)
    cross_script.warm_up()
    sc.prepare_cross_script()
    return c, [every[i] for i in order]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--parties", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", type=Path, default=None)
    args = ap.parse_args()
    c, shuffled = batch(args.parties, args.seed)
    print(f"compiled modules: {', '.join(COMPILED) or 'none (pure Python)'}")

    profiler = cProfile.Profile() if args.profile else None
    t, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    results = screening.screen_parties(c, shuffled, threshold=bench.THRESHOLD)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    wall, cpu_s = time.perf_counter() - t, time.process_time() - cpu

    with args.out.open("w", encoding="utf-8") as f:
        for pos, (party, hits) in enumerate(zip(shuffled, results, strict=True)):
            f.write(f"{pos}\t{party.name!r}\t{party.schema}\t{len(hits)}\n")
            for hit in hits:
                f.write(f"  {hit!r}\n")
    with_hits = sum(1 for hits in results if hits)
    print(
        f"{len(shuffled)} parties screened in {wall:.2f} s ({cpu_s:.2f} CPU-s); {with_hits} with hits, "
        f"{sum(len(h) for h in results)} hits; written to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
