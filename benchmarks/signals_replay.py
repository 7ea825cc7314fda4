"""Market signals on unseen text: each held-out set read again by the readers as they were when it arrived.

Every held-out set from the eleventh on was committed, written and labelled, before any reader ran on it. This
script takes, for each set, the package at the commit that added the set (``git archive`` of ``src`` into a
temporary folder: the rules, lexicon and trained reader of that day, none of them yet changed for the set; the
trained reader's ``TRAINING_SETS`` of that day do not name it) and scores the set with
``benchmarks/signals_readers.py`` (rules, trained reader, their union and their agreement, keyword baseline).
The figures pooled over the sets are the honest measure of how the readers do on text they have not seen;
the per-set figures of ``benchmarks/signals.py`` are on sets the rules have since been fitted to.

Needs the git history of the checkout (a shallow clone lacks it). Goals as in issue #14 (pooled precision and
recall of the rules ≥ 0.9); exits 1 when missed.

Usage: python benchmarks/signals_replay.py [--sets 11-23]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
READERS = ("rules", "trained", "union", "agreed", "keyword baseline")
LINE = re.compile(
    r"^\s+(" + "|".join(READERS) + r")\s+precision [\d.]+\s+recall [\d.]+\s+dates ([\d.]+)"
    r"\s+\(tp (\d+), fp (\d+), fn (\d+)\)"
)
GOAL = 0.9


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True).stdout


def arrival(n: int) -> str:
    """The commit that added held-out set ``n``'s labels."""
    labels = f"benchmarks/data/notices_heldout{n}/labels.yaml"
    out = _git("log", "--diff-filter=A", "--format=%H", "--", labels)
    commits = out.decode().split()
    if not commits:
        raise SystemExit(f"no commit adds set {n} (a shallow clone? run `git fetch --unshallow`)")
    return commits[-1]


def read_set(n: int, commit: str, into: Path) -> dict[str, tuple[int, int, int, float]]:
    with tarfile.open(fileobj=BytesIO(_git("archive", commit, "src")), mode="r") as archive:
        archive.extractall(into, filter="data")
    env = {
        **os.environ,
        "PYTHONPATH": str(into / "src"),
        "REECHAIN_SIGNALS_LABELLED": str(DATA),
    }
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "signals_readers.py"), str(DATA / f"notices_heldout{n}")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        raise SystemExit(f"set {n} at {commit[:7]}: {run.stderr.strip().splitlines()[-1:]}")
    print(f"set {n} at {commit[:7]}:")
    out = {}
    for line in run.stdout.splitlines()[1:]:
        print(f"  {line.strip()}")
        m = LINE.match(line)
        if m:
            out[m.group(1)] = (int(m.group(3)), int(m.group(4)), int(m.group(5)), float(m.group(2)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="11-23", help="a range of held-out set numbers (the eleventh on)")
    a = ap.parse_args()
    first, _, last = a.sets.partition("-")
    numbers = range(int(first), int(last or first) + 1)
    pooled: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
    for n in numbers:
        with tempfile.TemporaryDirectory(prefix=f"reechain-replay-{n}-") as tmp:
            for reader, (tp, fp, fn, dates) in read_set(n, arrival(n), Path(tmp)).items():
                p = pooled[reader]
                p[0], p[1], p[2], p[3] = p[0] + tp, p[1] + fp, p[2] + fn, p[3] + dates * tp
    print(f"pooled over sets {numbers.start}-{numbers.stop - 1}, each read as it arrived:")
    figures = {}
    for reader in READERS:
        tp, fp, fn, dated = pooled[reader]
        precision, recall = tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures[reader] = (precision, recall)
        print(
            f"  {reader:17} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
            f"  dates {dated / tp if tp else 0.0:.3f}  (tp {tp:.0f}, fp {fp:.0f}, fn {fn:.0f})"
        )
    ok = min(figures["rules"]) >= GOAL
    print(f"goal (rules, pooled precision and recall ≥ {GOAL}):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
