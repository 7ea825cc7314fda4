"""A reader that learns which sentences announce a measure, from the labelled notices and articles.

The rules (`extract.py` and the modules it reads with) say which words name an element and which strings
are dates; they are kept for that.
What this reader learns is the part the rules did not generalise: whether a sentence announces a supply
measure of the document's own, and which measure and direction (``ban:+1``, ``quota:-1`` … or ``none``).

- **Units**: the title and every sentence of the text (the rules' sentence splitter).
- **Features** (all readable, see `SentenceClassifier.top_features`): character 1-4-grams of the sentence
  (Chinese and English alike; digits folded to 0), character 2-4-grams of the document's title (the genre:
  a price report, a results call), and cue features: which measure phrases and lexicon readings of the rules
  the sentence holds, hedge, claim, history and negation cues, rise/cut/lift words, the unit's position
  (title, first paragraph, later), whether it names elements or dates.
- **Model**: a multinomial logistic regression with balanced class weights (scikit-learn), one class per
  (measure, direction) seen in the labels plus ``none``.
- **Training labels**: the labels give each document's signals, not their sentences. A sentence is labelled
  with a signal when the rules' lexicon reads that measure in it, it names one of the signal's elements (or
  none) and it is not hedged, a false claim or a measure recalled; or when it is the evidence of a rule signal
  equal to the label; a signal no sentence matches goes to the sentence naming most of its elements. Every
  other sentence is ``none``.
- **Reading**: each sentence's most probable class, kept at a probability of at least `THRESHOLD`;
  sentences of one measure make one signal (its direction that of the most probable sentence), its elements
  those the rules read in these sentences (else the next sentence when it continues, the paragraph, the
  document), its dates the rules' dates of these sentences.

The model is fitted at first use from the labelled sets of the checkout (`benchmarks/data/notices*`, named in
`TRAINING_SETS`; a few seconds); nothing is downloaded, no weights are stored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from reechain.domain.errors import InvalidInput
from reechain.signals import extract as rules
from reechain.signals.reading import Document, read_document
from reechain.signals.vocabulary import REE

NONE = "none"
NOT_ANNOUNCING = ("hedged", "claimed", "history")
THRESHOLD = 0.7
"""A sentence announces its class only when the model gives that class at least this probability."""
C = 3.0
"""The logistic regression's inverse regularisation for the packaged model. C and THRESHOLD are those the
cross-validation over whole labelled sets chooses (benchmarks/signals_trained.py, last line)."""
POSITION_LIMIT = 3
"""Positions are told apart up to the third paragraph (title, 0, 1, 2, later)."""


@dataclass(frozen=True)
class Unit:
    """One sentence (or the title) of a document, with what the rules read in it."""

    index: int
    paragraph: int  # -1 for the title
    sentence: str
    plain: str  # casefolded, digits folded
    elements: frozenset[str]
    generic: bool  # "rare earths" in general
    cues: dict[str, float]


@dataclass
class Reading:
    """A document as the reader sees it: its units and what the whole text names."""

    doc: Document
    text: str
    title: str
    units: list[Unit]
    doc_elements: frozenset[str]
    doc_generic: bool


def _fold(s: str) -> str:
    return re.sub(r"\d", "0", s.casefold())


def _cues(sentence: str, paragraph: int, els: set[str], generic: bool) -> dict[str, float]:
    low = rules._plain(sentence).casefold()
    cues: dict[str, float] = {}
    for measure, (phrases, _) in rules.MEASURE_PHRASES.items():
        if any(p in low for p in phrases):
            cues[f"phrase={measure}"] = 1.0
    for rank, measure in enumerate(rules._measures_of(low)):
        cues[f"lexicon={measure}"] = 1.0 if rank == 0 else 0.5
    for name, hit in (
        ("hedged", rules.hedged(sentence)),
        ("claimed", rules.claimed(low)),
        ("history", rules.reported_history(low)),
        ("negated", re.search(r"\b(?:not|no|never)\b|n't|未|不|没有", low) is not None),
        ("up", rules._has(low, rules.UP)),
        ("down", rules._has(low, rules.DOWN)),
        ("lift", rules._lifting(low)),
        ("elements", bool(els)),
        ("rare_earths", generic),
        ("many_elements", len(els) >= 3),
        ("date", rules.has_date(sentence)),
        ("chinese", re.search(r"[\u4e00-\u9fff]", sentence) is not None),
    ):
        if hit:
            cues[name] = 1.0
    cues[f"position={'title' if paragraph < 0 else min(paragraph, POSITION_LIMIT)}"] = 1.0
    return cues


def read_units(doc: Document) -> Reading:
    """The units of a document, with the rules' reading of elements and cues."""
    text = rules._to_simplified.convert(doc.text)
    title = rules._to_simplified.convert(doc.title)
    parts: list[tuple[int, str]] = ([(-1, title)] if title.strip() else []) + rules.paragraph_sentences(text)
    units = []
    for i, (para, s) in enumerate(parts):
        els, generic = rules._elements(s)
        units.append(Unit(i, para, s, _fold(s), frozenset(els), generic, _cues(s, para, els, generic)))
    doc_els, doc_generic = rules._elements(f"{title}\n{text}")
    return Reading(doc, text, title, units, frozenset(doc_els), doc_generic)


def label_of(measure: str, direction: int) -> str:
    return f"{measure}:{direction:+d}"


def _parse(label: str) -> tuple[str, int]:
    measure, direction = label.split(":")
    return measure, int(direction)


def _expanded(u: Unit) -> set[str]:
    return set(rules._element_set(set(u.elements), u.generic))


def align(reading: Reading, truth: Sequence[dict[str, Any]]) -> list[str]:
    """Training labels of a document's units from its labelled signals (see the module's docstring)."""
    out = [NONE] * len(reading.units)
    if not truth:
        return out
    evidence: dict[str, str] = {}
    for sig in rules.extract(reading.doc):
        evidence[label_of(sig.measure, sig.direction) + "|" + ",".join(sorted(sig.elements))] = sig.evidence
    for t in truth:
        label = label_of(t["measure"], t["direction"])
        want = set(t["elements"])
        hits = []
        for u in reading.units:
            named = _expanded(u)
            if any(c in u.cues for c in NOT_ANNOUNCING):
                continue  # a hedge, a false claim or a past measure recalled is not where the act is stated
            if f"lexicon={t['measure']}" in u.cues and (not named or named & want):
                hits.append(u.index)
        key = label + "|" + ",".join(sorted(want))
        if key in evidence:
            hits += [u.index for u in reading.units if u.sentence == evidence[key]]
        if not hits:
            overlap = [(len(_expanded(u) & want), -u.index) for u in reading.units]
            best = max(overlap)
            if best[0] > 0:
                hits = [-best[1]]
        for i in hits:
            if out[i] == NONE:
                out[i] = label
    return out


class SentenceClassifier:
    """Character n-grams of the sentence and the title, cue features, multinomial logistic regression."""

    def __init__(self, c: float = 1.0, cues: bool = True) -> None:
        self.c = c
        self.use_cues = cues
        self.sentence_grams = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(1, 4), min_df=2, sublinear_tf=True, max_features=60000
        )
        self.title_grams = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True, max_features=20000
        )
        self.cue_vector = DictVectorizer()
        self.model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)

    def _matrix(self, rows: Sequence[tuple[Unit, str]], fit: bool) -> Any:
        texts = [u.plain for u, _ in rows]
        titles = [f"§ {_fold(t)}" for _, t in rows]  # the mark: an untitled set still has a vocabulary
        cues = [u.cues if self.use_cues else _position_only(u.cues) for u, _ in rows]
        if fit:
            blocks = [
                self.sentence_grams.fit_transform(texts),
                0.5 * self.title_grams.fit_transform(titles),
                self.cue_vector.fit_transform(cues),
            ]
        else:
            blocks = [
                self.sentence_grams.transform(texts),
                0.5 * self.title_grams.transform(titles),
                self.cue_vector.transform(cues),
            ]
        return sparse.hstack(blocks).tocsr()

    def fit(self, rows: Sequence[tuple[Unit, str]], labels: Sequence[str]) -> SentenceClassifier:
        with threadpool_limits(1):  # a small problem: threads only contend (several times slower)
            self.model.fit(self._matrix(rows, fit=True), list(labels))
        return self

    def predict(self, rows: Sequence[tuple[Unit, str]]) -> list[tuple[str, float]]:
        if not rows:
            return []
        proba = self.model.predict_proba(self._matrix(rows, fit=False))
        best = proba.argmax(axis=1)
        classes = self.model.classes_
        return [(str(classes[b]), float(proba[i, b])) for i, b in enumerate(best)]

    def top_features(self, label: str, n: int = 10) -> list[str]:
        """The features that most favour a class: what the model has learned, readable."""
        names = [
            *(f"s:{g}" for g in self.sentence_grams.get_feature_names_out()),
            *(f"t:{g}" for g in self.title_grams.get_feature_names_out()),
            *self.cue_vector.get_feature_names_out(),
        ]
        classes = list(self.model.classes_)
        if label not in classes:
            return []
        coef = self.model.coef_[classes.index(label)] if len(classes) > 2 else self.model.coef_[0]
        if len(classes) == 2 and classes.index(label) == 0:
            coef = -coef
        return [names[i] for i in np.argsort(coef)[::-1][:n]]


def _position_only(cues: dict[str, float]) -> dict[str, float]:
    """The cues that owe nothing to the rules' phrase lists (for the ablation without the lexicon)."""
    keep = ("position=", "elements", "rare_earths", "many_elements", "date", "chinese")
    return {k: v for k, v in cues.items() if k.startswith(keep)}


def rows_of(reading: Reading) -> list[tuple[Unit, str]]:
    return [(u, reading.title) for u in reading.units]


def fit(
    readings: Iterable[Reading], truths: Iterable[Sequence[dict[str, Any]]], c: float = 1.0, cues: bool = True
) -> SentenceClassifier:
    aligned = [(reading, align(reading, truth)) for reading, truth in zip(readings, truths, strict=True)]
    return fit_aligned(aligned, c, cues)


def fit_aligned(
    aligned: Iterable[tuple[Reading, list[str]]], c: float = 1.0, cues: bool = True
) -> SentenceClassifier:
    """A classifier fitted on documents whose units are already labelled (`align`)."""
    rows: list[tuple[Unit, str]] = []
    labels: list[str] = []
    for reading, units_labels in aligned:
        rows += rows_of(reading)
        labels += units_labels
    return SentenceClassifier(c, cues).fit(rows, labels)


def read(
    reading: Reading,
    model: SentenceClassifier,
    threshold: float = THRESHOLD,
    predicted: list[tuple[str, float]] | None = None,
    today: date | None = None,
) -> list[rules.Signal]:
    """The signals of one document: the classifier picks the sentences, the rules read elements and dates
    (`predicted`: the model's classes of the units, when already computed; `today`: the day of reading, as
    for ``rules.extract``)."""
    units = reading.units
    if predicted is None:
        predicted = model.predict(rows_of(reading))
    by_measure: dict[str, list[tuple[float, int, int]]] = {}
    for u, (label, p) in zip(units, predicted, strict=True):
        if label != NONE and p >= threshold:
            measure, direction = _parse(label)
            by_measure.setdefault(measure, []).append((p, direction, u.index))
    doc = reading.doc
    text = reading.text
    issuer = "/".join(rules._issuers_of(text)) or rules.foreign_issuer(reading.title, text)
    own_ref, _ = rules.doc_reference(text[:600], issuer)
    announced = doc.published or rules._announced(text, today)
    if doc.published is not None:
        announced = rules._act_date(rules.paragraph_sentences(text), doc.published) or announced
    anchor = rules.date_anchor(doc.published, text)
    found: dict[str, rules.Signal] = {}
    for measure, hits in by_measure.items():
        _, direction, top = max(hits)
        members = sorted(i for _, d, i in hits if d == direction)
        named: set[str] = set()
        generic = False
        for i in members:
            named |= units[i].elements
            generic |= units[i].generic
        if not named and not generic:
            i = members[0]
            if i + 1 < len(units) and rules._continues(units[i].sentence, units[i + 1].sentence):
                named = set(units[i + 1].elements)
        if not named and not generic:
            para = units[top].paragraph
            for u in units:
                if u.paragraph == para:
                    named |= u.elements
        if not named and not generic:
            named, generic = set(reading.doc_elements), reading.doc_generic
        elements = rules._element_set(named, generic)
        if not elements:
            continue
        evidence = units[top].sentence
        sig = rules.Signal(
            doc.name,
            announced,
            None,
            issuer,
            own_ref,
            elements,
            rules._segment(rules._plain(evidence).casefold(), measure),
            measure,
            direction,
            evidence,
        )
        for i in [top, *members]:
            rules._dates(sig, units[i].sentence, units[i].sentence.casefold(), announced, anchor)
        if measure == "suspension":
            year = own_ref.split(" ")[-3] if own_ref else None
            refs = [r for i in members for r in rules._suspended_refs(units[i].sentence, year, issuer)]
            sig.suspends = [r for r in dict.fromkeys(refs) if r != own_ref]
        found[measure] = sig
    licence, control = found.get("export_licence"), found.get("export_control")
    if licence and control and licence.direction == control.direction:
        control.elements = sorted(set(control.elements) | set(licence.elements))
        del found["export_licence"]
    signals = list(found.values())
    if any(x.measure == "suspension" for x in signals):
        signals = [x for x in signals if x.measure in ("suspension", "quota", "stockpiling")]
    for sig in signals:
        if sig.effective is None:
            sig.effective = rules._effective_anywhere(text, announced, anchor)
        if sig.effective is None:
            sig.effective = rules._month_start(text, announced, anchor, sig.evidence)
    return signals


LABELLED = Path(__file__).resolve().parents[3] / "benchmarks" / "data"
"""The labelled notices the model is fitted on: the repository's benchmark sets (the package is installed
from the checkout). Another folder can be given with REECHAIN_SIGNALS_LABELLED."""
TRAINING_SETS = (
    "notices",
    *(
        f"notices_heldout{n}"
        for n in (
            "",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "10",
            "11",
            "12",
            "13",
            "14",
            "15",
            "16",
            "17",
            "18",
            "19",
            "20",
            "21",
            "22",
            "23",
            "24",
            "25",
            "26",
            "27",
            "28",
            "29",
            "30",
            "31",
            "32",
            "33",
            "34",
            "35",
            "36",
            "37",
            "38",
            "39",
            "40",
            "41",
            "42",
            "43",
            "44",
            "45",
            "46",
            "47",
            "48",
            "49",
            "50",
            "51",
            "52",
            "53",
            "54",
            "55",
            "56",
            "57",
            "58",
            "59",
            "60",
            "61",
            "62",
            "63",
            "64",
            "65",
            "66",
            "67",
            "68",
            "69",
            "70",
            "71",
            "72",
            "73",
            "74",
            "75",
            "76",
            "77",
            "78",
            "79",
            "80",
            "81",
            "82",
            "83",
            "84",
            "85",
            "86",
            "87",
            "88",
            "89",
            "90",
            "91",
            "92",
            "93",
            "94",
            "95",
        )
    ),
)
"""The sets the packaged model learns from, named: a new set stays unseen until it is added here."""


def expand(elements: Any) -> list[str]:
    """A label's elements as symbols: "REE" (alone, in "REE+C" or as a list's item) is the 17 rare earths."""
    items = elements.split("+") if isinstance(elements, str) else elements
    out: set[str] = set()
    for item in items:
        out |= set(REE) if item == "REE" else {item}
    return sorted(out)


def load_set(folder: Path) -> list[tuple[Document, list[dict[str, Any]]]]:
    """The documents of one labelled set with their labelled signals."""
    raw = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8")) or {}
    out = []
    for name, sigs in raw.items():
        truth = [{**s, "elements": expand(s["elements"])} for s in sigs or []]
        out.append((read_document(name, (folder / name).read_bytes()), truth))
    return out


def labelled_sets() -> list[Path]:
    root = Path(os.environ.get("REECHAIN_SIGNALS_LABELLED", LABELLED))
    return [root / n for n in TRAINING_SETS if (root / n / "labels.yaml").is_file()]


@lru_cache(maxsize=1)
def packaged_model() -> SentenceClassifier:
    """The model fitted on every named labelled set (once per process, a few seconds)."""
    readings, truths = [], []
    for folder in labelled_sets():
        for doc, truth in load_set(folder):
            readings.append(read_units(doc))
            truths.append(truth)
    if not readings:
        raise InvalidInput(
            "the trained reader needs the labelled notices (benchmarks/data of the checkout, or"
            " REECHAIN_SIGNALS_LABELLED); use the rules reader"
        )
    return fit(readings, truths, C, cues=True)


def extract_trained(doc: Document, today: date | None = None) -> list[rules.Signal]:
    """Every signal of one document as the trained reader reads it (none for an empty one); ``today``, the
    day of reading, as for ``rules.extract``."""
    if not doc.text.strip():
        return []
    return read(read_units(doc), packaged_model(), today=today)
