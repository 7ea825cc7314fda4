"""The approval matrix: which deviation needs whose approval, and how serious it is. Read from YAML data
(``reechain/data/contracts/approval_matrix.yaml`` by default); see that file for the fields."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reechain.domain.errors import InvalidInput, Problem
from reechain.risk.contracts.model import Category, Kind, Severity


@dataclass(frozen=True)
class Route:
    severity: Severity
    approver_role: str | None


@dataclass(frozen=True)
class MatrixRule:
    tags: frozenset[str]
    categories: frozenset[Category]
    kinds: frozenset[Kind]
    route: Route

    def applies(self, tags: Iterable[str], category: Category, kind: Kind) -> bool:
        return (
            (not self.tags or bool(self.tags & set(tags)))
            and (not self.categories or category in self.categories)
            and (not self.kinds or kind in self.kinds)
        )


@dataclass(frozen=True)
class ApprovalMatrix:
    version: str
    source: str
    rules: tuple[MatrixRule, ...]
    default: Route
    price_band_fraction: Mapping[str, float]
    price_within_band: Route
    price_outside_band: Route
    keywords: Mapping[str, tuple[str, ...]]

    def infer_tags(self, *texts: str) -> tuple[str, ...]:
        """Tags whose keywords occur in TEXTS (a clause and its section heading)."""
        lowered = " ".join(texts).lower()
        return tuple(tag for tag, words in self.keywords.items() if any(_mentions(lowered, w) for w in words))

    def route(
        self,
        tags: Iterable[str],
        category: Category,
        kind: Kind,
        *,
        channel: str = "",
        price_change: float | None = None,
    ) -> tuple[Route, str]:
        tag_set = set(tags)
        if kind is Kind.CHANGED and category is Category.NUMBER and "price" in tag_set:
            band = self.price_band_fraction.get(channel, 0.0)
            if price_change is not None and price_change <= band + 1e-12:
                return self.price_within_band, f"price within the {channel} band of ±{band:.0%}"
            shown = "unknown" if price_change is None else f"{price_change:.1%}"
            return self.price_outside_band, f"price change {shown} outside the band ±{band:.0%}"
        for rule in self.rules:
            if rule.applies(tag_set, category, kind):
                return rule.route, f"matrix rule for {', '.join(sorted(rule.tags & tag_set)) or 'any clause'}"
        return self.default, "matrix default"


def _mentions(text: str, word: str) -> bool:
    if re.search(r"[\u3400-\u9fff]", word):
        return word in text  # Chinese has no word boundaries
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _route(raw: Any, where: str, problems: list[Problem]) -> Route:
    if not isinstance(raw, Mapping):
        problems.append(Problem("expected {severity, approver_role}", field=where))
        return Route(Severity.MAJOR, None)
    try:
        severity = Severity(str(raw.get("severity")))
    except ValueError:
        problems.append(Problem(f"severity must be one of {[s.value for s in Severity]}", field=where))
        severity = Severity.MAJOR
    role = raw.get("approver_role")
    if severity.material and not role:
        problems.append(Problem("a major or critical deviation needs an approver_role", field=where))
    return Route(severity, str(role) if role else None)


def parse_matrix(data: Any, name: str = "approval matrix") -> ApprovalMatrix:
    """Check and build the matrix from parsed YAML; every bad field is named."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InvalidInput(f"{name}: expected a mapping", [Problem("not a mapping", field=name)])
    rules = []
    for i, raw in enumerate(data.get("rules") or []):
        where = f"rules[{i}]"
        try:
            categories = frozenset(Category(c) for c in raw.get("categories") or [])
            kinds = frozenset(Kind(k) for k in raw.get("kinds") or [])
        except (ValueError, AttributeError) as e:
            problems.append(Problem(str(e), field=where))
            continue
        rules.append(
            MatrixRule(frozenset(raw.get("tags") or []), categories, kinds, _route(raw, where, problems))
        )
    bands: dict[str, float] = {}
    for channel, value in (data.get("price_band_fraction") or {}).items():
        if not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value < 1:
            problems.append(Problem("a fraction in [0, 1)", field=f"price_band_fraction.{channel}"))
        else:
            bands[str(channel)] = float(value)
    keywords = {
        str(tag): tuple(str(w).lower() for w in words) for tag, words in (data.get("keywords") or {}).items()
    }
    matrix = ApprovalMatrix(
        version=str(data.get("version", "")),
        source=str(data.get("source", "")),
        rules=tuple(rules),
        default=_route(data.get("default"), "default", problems),
        price_band_fraction=bands,
        price_within_band=_route(data.get("price_within_band"), "price_within_band", problems),
        price_outside_band=_route(data.get("price_outside_band"), "price_outside_band", problems),
        keywords=keywords,
    )
    if problems:
        raise InvalidInput(f"{name} is not valid", problems)
    return matrix
