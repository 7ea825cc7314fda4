"""The CSV files of the matcher tools: name pairs (``left,right,schema`` and optionally ``is_match``) and
party batches (``id,name,schema,country``), plus precision and recall per threshold."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reechain.compliance.lists.model import SCHEMAS
from reechain.domain.errors import InvalidInput, Problem

TRUE = frozenset({"1", "true", "yes", "y", "t"})
FALSE = frozenset({"0", "false", "no", "n", "f"})
DEFAULT_THRESHOLDS = (*(round(0.5 + 0.05 * i, 2) for i in range(10)), 0.97, 0.99)


@dataclass(frozen=True)
class NamePair:
    left: str
    right: str
    schema: str = "Company"
    is_match: bool | None = None


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    schema: str = "Company"
    country: str | None = None


@dataclass(frozen=True)
class ThresholdQuality:
    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    f1: float


def _rows(text: str, required: Sequence[str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise InvalidInput("bad CSV header", [Problem(f"missing column(s) {', '.join(missing)}", line=1)])
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}))
    except csv.Error as e:
        raise InvalidInput("the file is not valid CSV", [Problem(str(e), line=reader.line_num)]) from None
    return header, rows


def _schema(value: str, line: int) -> str:
    schema = value or "Company"
    if schema not in SCHEMAS:
        raise InvalidInput("bad schema", [Problem(f"one of {', '.join(sorted(SCHEMAS))}", "schema", line)])
    return schema


def read_pairs(text: str, *, labelled: bool = False) -> list[NamePair]:
    required = ["left", "right", "schema"] + (["is_match"] if labelled else [])
    _, rows = _rows(text, required)
    pairs: list[NamePair] = []
    for line, row in rows:
        label: bool | None = None
        if labelled:
            raw = row.get("is_match", "").casefold()
            if raw not in TRUE | FALSE:
                raise InvalidInput(
                    "bad label", [Problem("is_match must be 1/0 or true/false", "is_match", line)]
                )
            label = raw in TRUE
        pairs.append(NamePair(row["left"], row["right"], _schema(row.get("schema", ""), line), label))
    return pairs


def read_parties(text: str) -> list[Party]:
    _, rows = _rows(text, ["id", "name", "schema", "country"])
    parties: list[Party] = []
    seen: set[str] = set()
    for line, row in rows:
        if not row["id"]:
            raise InvalidInput("bad party", [Problem("id is empty", "id", line)])
        if row["id"] in seen:
            raise InvalidInput("bad party", [Problem(f"id {row['id']!r} appears twice", "id", line)])
        seen.add(row["id"])
        if not row["name"]:
            raise InvalidInput("bad party", [Problem("name is empty", "name", line)])
        parties.append(
            Party(row["id"], row["name"], _schema(row["schema"], line), row["country"].upper() or None)
        )
    return parties


def quality_by_threshold(
    scores: Sequence[float], labels: Sequence[bool], thresholds: Sequence[float] = DEFAULT_THRESHOLDS
) -> list[ThresholdQuality]:
    """Precision, recall and F1 of "score ≥ threshold means a match" at each threshold."""
    out = []
    for t in thresholds:
        tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and y)
        fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= t and not y)
        fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < t and y)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out.append(ThresholdQuality(t, tp, fp, fn, round(precision, 4), round(recall, 4), round(f1, 4)))
    return out
