"""Market signals: the rules, the trained reader and two fixed combinations of them, on one labelled set.

Written to read a new held-out set once, before any rule is changed for it: the combinations are fixed here
in advance, not chosen on the set they are scored on.

* ``rules``: ``reechain.signals.extract.extract`` (the phrase rules; the default reader).
* ``trained``: ``reechain.signals.trained.extract_trained`` (the sentence classifier fitted on the sets named
  in ``trained.TRAINING_SETS``: a set not named there is unseen by it too).
* ``union``: every signal of the rules, and each signal of the trained reader whose (measure, direction) no
  signal of the rules has in that document (more recall, if the two miss different things).
* ``agreed``: the signals of the rules whose (measure, direction) the trained reader gives too (more
  precision, if their false signals differ).
* the keyword baseline of ``benchmarks/signals.py``.

Scored as ``benchmarks/signals.py`` scores (precision and recall on (elements, measure, direction), dates on
the right signals). On a set the rules or the model have seen, the figures say nothing of unseen text.

Usage: python benchmarks/signals_readers.py FOLDER [FOLDER ...]
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reechain.signals.extract import extract
from reechain.signals.reading import read_document
from reechain.signals.trained import TRAINING_SETS, extract_trained
from signals import READ_ON, keyword_baseline, labels, score


def _key(s: dict[str, Any]) -> tuple[str, int]:
    return s["measure"], s["direction"]


def union(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    have = {_key(s) for s in ours}
    return [*ours, *(s for s in theirs if _key(s) not in have)]


def agreed(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    have = {_key(s) for s in theirs}
    return [s for s in ours if _key(s) in have]


def as_of(reader: Callable[..., list[Any]], doc: Any) -> list[Any]:
    """The reader's signals of ``doc`` read as of ``READ_ON``; a reader of a replayed commit that takes no
    day of reading (``signals_replay.py``) reads as its code does (by the clock's day, where it used one)."""
    if "today" in inspect.signature(reader).parameters:
        return reader(doc, today=READ_ON)
    return reader(doc)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+", type=Path)
    a = ap.parse_args()
    for folder in a.folders:
        truth = labels(folder)
        docs = {n: read_document(n, (folder / n).read_bytes()) for n in truth}
        rules = {n: [s.as_json() for s in as_of(extract, d)] for n, d in docs.items()}
        trained = {n: [s.as_json() for s in as_of(extract_trained, d)] for n, d in docs.items()}
        readers = {
            "rules": rules,
            "trained": trained,
            "union": {n: union(rules[n], trained[n]) for n in docs},
            "agreed": {n: agreed(rules[n], trained[n]) for n in docs},
            "keyword baseline": {n: keyword_baseline(d) for n, d in docs.items()},
        }
        seen = folder.name in TRAINING_SETS
        print(
            f"{folder.name}: {len(truth)} documents, {sum(map(len, truth.values()))} signals "
            f"({'in' if seen else 'not in'} the trained reader's training sets)"
        )
        for name, predicted in readers.items():
            r = score(predicted, truth)
            print(
                f"  {name:17} precision {r['precision']:.3f}  recall {r['recall']:.3f}"
                f"  dates {r['dates']:.3f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
