"""Tried, not adopted: does a document-level "announces a decided act" classifier, fitted leave-one-set-out
on the labelled sets, lift the rules' FIRST readings of sets 7-18 by silencing the documents it judges to
announce nothing? (docs/performance.md, "2026-11-28 evening: a document-level act gate, tried".)

Needs the first-reading outputs in /tmp/sigerr/pred-RUN.json: each the JSON a first reading's reader gives
over its set(s) (`extract` of the commit named in docs/performance.md, "where the signals reader loses on
unseen sets", run with that commit's `src` on PYTHONPATH): keys "vocab" and "sets" → set folder → document →
list of signals as `Signal.as_json()`.

Usage: python benchmarks/signals_document_gate.py [C]
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from reechain.signals.reading import read_document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
FOLDERS = ["notices", "notices_heldout"] + [f"notices_heldout{i}" for i in range(2, 19)]
RUNS = {7: [7], 8: [8], 9: [9], 10: [10], 11: [11], 12: [12, 13], 14: [14], 15: [15], 16: [16], 17: [17, 18]}
THRESHOLDS = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6]


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("sigbench", ROOT / "benchmarks" / "signals.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set_number(folder: str) -> int:
    named = {"notices": 0, "notices_heldout": 1}
    return named[folder] if folder in named else int(folder.removeprefix("notices_heldout"))


def _fold(text: str) -> str:
    return re.sub(r"\d", "0", text.lower())


def main() -> int:
    bench = _bench()
    c = float(sys.argv[1]) if len(sys.argv) > 1 else 4.0
    docs = []  # (set number, name, title and text, has a signal)
    for folder in FOLDERS:
        raw = yaml.safe_load((DATA / folder / "labels.yaml").read_text(encoding="utf-8"))
        for name, signals in raw.items():
            doc = read_document(name, (DATA / folder / name).read_bytes())
            docs.append((_set_number(folder), name, (doc.title or "") + "\n" + doc.text, bool(signals)))
    predicted: dict[int, dict[str, list[dict[str, object]]]] = {}
    for run, sets in RUNS.items():
        data = json.loads(Path(f"/tmp/sigerr/pred-{run}.json").read_text())
        for k in sets:
            predicted[k] = data["sets"][f"notices_heldout{k}"]
    act: dict[tuple[int, str], tuple[float, bool]] = {}
    for k in range(7, 19):
        train = [d for d in docs if d[0] != k]
        test = [d for d in docs if d[0] == k]
        vec = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True, preprocessor=_fold
        )
        x = vec.fit_transform([d[2] for d in train])
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, [d[3] for d in train])
        for d, p in zip(test, model.predict_proba(vec.transform([d[2] for d in test]))[:, 1], strict=True):
            act[(k, d[1])] = (float(p), d[3])
    auc = roc_auc_score([v[1] for v in act.values()], [v[0] for v in act.values()])
    print(f"{len(docs)} documents; C={c}; document AUC, leave-one-set-out over sets 7-18: {auc:.3f}")
    for t in THRESHOLDS:
        tp = fp = fn = 0
        for k in range(7, 19):
            truth = bench.labels(DATA / f"notices_heldout{k}")  # type: ignore[attr-defined]
            kept = {n: (g if act[(k, n)][0] >= t else []) for n, g in predicted[k].items()}
            s = bench.score(kept, truth)  # type: ignore[attr-defined]
            tp, fp, fn = tp + s["tp"], fp + s["fp"], fn + s["fn"]
        print(
            f"gate at {t:.1f}: precision {tp / (tp + fp):.3f} recall {tp / (tp + fn):.3f}",
            f"(tp {tp} fp {fp} fn {fn})",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
