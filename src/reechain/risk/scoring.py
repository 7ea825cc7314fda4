"""The counterparty risk score: 0-100 and a band, from named factors, each with its points, its evidence and
the step of the OECD Due Diligence Guidance (or its Annex II risk class) it serves.

Every factor adds points ≥ 0 and the score is their sum capped at 100, so a further red flag, hit or expired
document never lowers it; a factor that demands disengagement (a listed party, a party blocked by ownership,
an Annex II class whose recommended action is to disengage) makes the band ``prohibited`` whatever the sum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from reechain.risk.reference import CountryRisk, GuidanceItem

BANDS = ("low", "medium", "high", "prohibited")
MEDIUM_FROM = 20
HIGH_FROM = 50

STEP_1 = "OECD DDG Step 1: strong management systems (know your counterparty, ownership, records)"
STEP_2 = "OECD DDG Step 2: identify and assess risks in the supply chain"
STEP_3 = "OECD DDG Step 3: design and implement a strategy to respond to identified risks"
STEP_5 = "OECD DDG Step 5: report on supply chain due diligence"

# The group's policy: points per factor (documented in docs/risk.md, "Score").
POINTS_POSSIBLE_MATCH = 40
POINTS_PARTLY_OWNED_MAX = 45  # a blocked owner holding just under 50 %: scaled linearly with the share
POINTS_FATF = {"call_for_action": 40, "increased_monitoring": 15, "none": 0}
POINTS_CPI_BELOW_30 = 10
POINTS_CPI_BELOW_50 = 5
POINTS_CAHRA = 20
POINTS_UNKNOWN_COUNTRY = 5
POINTS_TRANSIT_HUB = 10
POINTS_EXPIRED_DOCUMENT = 10
POINTS_MISSING_COUNTRY = 5
POINTS_HOLD = 5
POINTS_REJECTION = 25
POINTS_LATE_PAYMENT = 3
HISTORY_CAP = 30


@dataclass(frozen=True)
class Hit:
    list_name: str
    entry_id: str
    entry_name: str
    score: float


@dataclass(frozen=True)
class History:
    holds: int = 0
    rejections: int = 0
    late_payments: int = 0


@dataclass(frozen=True)
class DiligenceInputs:
    """What the score of one party is computed from."""

    party_id: str
    country: str | None
    hits: Sequence[Hit] = ()
    listed_at: float = 0.9
    """A hit at or above this score makes the party listed (the compliance policy's block threshold)."""
    blocked_owners: Sequence[tuple[str, float]] = ()
    blocked_by_ownership: bool = False
    transit_countries: Sequence[str] = ()
    annex_ii: Sequence[str] = ()
    red_flags: Sequence[str] = ()
    expired_documents: Sequence[tuple[str, str, date]] = ()
    """``(kind, reference, expired_on)``."""
    history: History = field(default_factory=History)


@dataclass(frozen=True)
class Factor:
    code: str
    points: int
    evidence: str
    guidance: str
    prohibits: bool = False


@dataclass(frozen=True)
class Assessment:
    party_id: str
    score: int
    band: str
    listed: bool
    owned_by_listed_share: float
    blocked_by_ownership: bool
    factors: tuple[Factor, ...]


def band_of(score: int, prohibited: bool) -> str:
    if prohibited:
        return "prohibited"
    if score >= HIGH_FROM:
        return "high"
    if score >= MEDIUM_FROM:
        return "medium"
    return "low"


def _screening(x: DiligenceInputs) -> list[Factor]:
    out = []
    for h in sorted(x.hits, key=lambda h: (-h.score, h.list_name, h.entry_id)):
        listed = h.score >= x.listed_at
        out.append(
            Factor(
                "listed" if listed else "possible_match",
                100 if listed else POINTS_POSSIBLE_MATCH,
                f"{h.list_name} {h.entry_id} {h.entry_name!r}, match score {h.score:.2f}",
                STEP_2,
                prohibits=listed,
            )
        )
    return out


def _ownership(x: DiligenceInputs) -> list[Factor]:
    if not x.blocked_owners:
        return []
    share = sum(s for _, s in x.blocked_owners)
    owners = ", ".join(f"{o} {s:.0%}" for o, s in x.blocked_owners)
    if x.blocked_by_ownership:
        return [
            Factor("blocked_by_ownership", 100, f"blocked owners hold {share:.0%} ({owners})", STEP_1, True)
        ]
    points = round(POINTS_PARTLY_OWNED_MAX * min(share, 0.5) / 0.5)
    return [Factor("owned_by_listed", points, f"blocked owners hold {share:.0%} ({owners})", STEP_1)]


def _country(x: DiligenceInputs, countries: Mapping[str, CountryRisk]) -> list[Factor]:
    if not x.country:
        return [Factor("country_unknown", POINTS_MISSING_COUNTRY, "no country given", STEP_1)]
    c = countries.get(x.country)
    if c is None:
        return [
            Factor(
                "country_not_rated",
                POINTS_UNKNOWN_COUNTRY,
                f"{x.country} is not in the packaged country table",
                STEP_2,
            )
        ]
    out = []
    cite = f"({c.source}; {c.vintage}; confidence {c.confidence})"
    if POINTS_FATF[c.fatf_status]:
        out.append(
            Factor(
                f"fatf_{c.fatf_status}",
                POINTS_FATF[c.fatf_status],
                f"{c.name}: FATF {c.fatf_status.replace('_', ' ')} {cite}",
                STEP_2,
            )
        )
    if c.cpi is not None and c.cpi < 50:
        points = POINTS_CPI_BELOW_30 if c.cpi < 30 else POINTS_CPI_BELOW_50
        out.append(
            Factor(
                "corruption_perception",
                points,
                f"{c.name}: CPI 2024 score {c.cpi} {cite}",
                "OECD DDG Annex II, paragraph 7 (bribery)",
            )
        )
    if c.cahra:
        out.append(
            Factor(
                "cahra_country",
                POINTS_CAHRA,
                f"{c.name}: conflict-affected or high-risk area {cite}",
                "OECD DDG Step 1, red flag locations",
            )
        )
    return out


def _transit(x: DiligenceInputs, countries: Mapping[str, CountryRisk]) -> list[Factor]:
    out = []
    for code in sorted(set(x.transit_countries)):
        c = countries.get(code)
        if c is not None and (c.transshipment_hub or c.cahra or c.fatf_status != "none"):
            why = "transshipment point" if c.transshipment_hub else "high-risk country"
            out.append(
                Factor(
                    "transit_risk",
                    POINTS_TRANSIT_HUB,
                    f"goods pass through {c.name} ({why}; {c.source})",
                    "OECD DDG Step 1, red flag locations (transit)",
                )
            )
    return out


def _questionnaire(x: DiligenceInputs, guidance: Mapping[str, GuidanceItem]) -> list[Factor]:
    out = []
    for code in sorted(set(x.annex_ii) | set(x.red_flags)):
        g = guidance[code]
        out.append(
            Factor(
                f"{g.kind}:{g.code}",
                g.points,
                f"answered yes in the KYC questionnaire: {g.title}",
                f"OECD DDG {g.guidance_ref}",
                prohibits=g.action == "disengage",
            )
        )
    return out


def _documents(x: DiligenceInputs) -> list[Factor]:
    return [
        Factor(
            "expired_document", POINTS_EXPIRED_DOCUMENT, f"{kind} {ref!r} expired on {on.isoformat()}", STEP_1
        )
        for kind, ref, on in sorted(x.expired_documents, key=lambda d: (d[0], d[1], d[2]))
    ]


def _history(x: DiligenceInputs) -> list[Factor]:
    h = x.history
    parts = [
        (
            "compliance_holds",
            POINTS_HOLD * h.holds,
            f"{h.holds} compliance hold(s) on orders naming this party",
            STEP_3,
        ),
        (
            "compliance_rejections",
            POINTS_REJECTION * h.rejections,
            f"{h.rejections} hold(s) rejected or orders blocked",
            STEP_3,
        ),
        (
            "late_payments",
            POINTS_LATE_PAYMENT * h.late_payments,
            f"{h.late_payments} late payment(s) recorded",
            STEP_3,
        ),
    ]
    return [
        Factor(code, min(points, HISTORY_CAP), text, step) for code, points, text, step in parts if points > 0
    ]


def assess(
    x: DiligenceInputs,
    countries: Mapping[str, CountryRisk],
    guidance: Mapping[str, GuidanceItem],
    owned_by_listed_share: float = 0.0,
) -> Assessment:
    """The score of one party: the same inputs always give the same factors in the same order."""
    factors = (
        _screening(x)
        + _ownership(x)
        + _country(x, countries)
        + _transit(x, countries)
        + _questionnaire(x, guidance)
        + _documents(x)
        + _history(x)
    )
    prohibited = any(f.prohibits for f in factors)
    score = 100 if prohibited else min(100, sum(f.points for f in factors))
    return Assessment(
        party_id=x.party_id,
        score=score,
        band=band_of(score, prohibited),
        listed=any(f.code == "listed" for f in factors),
        owned_by_listed_share=owned_by_listed_share,
        blocked_by_ownership=x.blocked_by_ownership,
        factors=tuple(factors),
    )
