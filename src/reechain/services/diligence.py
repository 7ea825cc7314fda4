"""Counterparty due diligence: screen parties, apply the 50 % rule, score them (``reechain risk diligence``).

``assess_files`` works on files alone and stores nothing; the register (``services.parties``) scores its
stored parties with the same ``score_records``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from reechain import refdata
from reechain.bootstrap import Container
from reechain.compliance.matching.hit import ScreeningHit
from reechain.compliance.matching.index_cache import code_digest
from reechain.compliance.matching.screener import PartyQuery
from reechain.risk.ownership import OwnershipResult, apply_fifty_percent_rule
from reechain.risk.parties import Holding, PartyRecord
from reechain.risk.reference import CountryRisk, GuidanceItem, country_table, guidance_table
from reechain.risk.register_file import read_ownership, read_parties
from reechain.risk.scoring import Assessment, DiligenceInputs, History, Hit, assess
from reechain.services import parties_gate, screening
from reechain.services.parties_gate import Thresholds

BOTH_SCHEMAS = ("Person", "Company")


@cache
def countries() -> dict[str, CountryRisk]:
    return country_table(refdata.read_csv("risk/country_risk.csv"))


@cache
def guidance() -> dict[str, GuidanceItem]:
    return guidance_table(refdata.read_csv("risk/oecd_guidance.csv"))


@cache
def form_stamp() -> str:
    """A digest of the matching code (every module of ``compliance.matching``) and of the libraries it reads
    names with (``index_cache.code_digest``): a stored comparable form, or a stored cross-script profile (what
    the screener looks a name up by), made by other matching code is stale and made again."""
    return code_digest()[:16]


@dataclass(frozen=True)
class PartyHit:
    list_name: str
    list_version: int
    entry_id: str
    entry_name: str
    score: float
    entry_fingerprint: str

    def as_json(self) -> dict[str, object]:
        return {
            "list": self.list_name,
            "list_version": self.list_version,
            "entry_id": self.entry_id,
            "entry_name": self.entry_name,
            "score": self.score,
            "entry_fingerprint": self.entry_fingerprint,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, object]) -> PartyHit:
        return cls(
            str(d["list"]),
            int(str(d["list_version"])),
            str(d["entry_id"]),
            str(d["entry_name"]),
            float(str(d["score"])),
            str(d["entry_fingerprint"]),
        )


def queries_of(names: Sequence[str], schema: str | None, country: str | None) -> list[PartyQuery]:
    """Every name of a party, as a person and as an organisation when its schema is not known."""
    schemas = (schema,) if schema else BOTH_SCHEMAS
    return [PartyQuery(n, s, country) for n in names for s in schemas]


def merge_hits(found: Sequence[Sequence[ScreeningHit]]) -> list[PartyHit]:
    """The best hit per list entry over several queries of one party, best first."""
    best: dict[tuple[str, str], PartyHit] = {}
    for hits in found:
        for h in hits:
            ph = PartyHit(
                h.list_name,
                h.list_version,
                h.entry_id,
                h.entry_name,
                round(float(h.score), 4),
                h.entry_fingerprint,
            )
            key = (ph.list_name, ph.entry_id)
            if key not in best or ph.score > best[key].score:
                best[key] = ph
    return sorted(best.values(), key=lambda h: (-h.score, h.list_name, h.entry_id))


def screen_records(
    c: Container, records: Sequence[PartyRecord], threshold: float, processes: int = 1
) -> dict[str, list[PartyHit]]:
    """Every record screened (all its names, both schemas when unknown) against every list in force;
    ``processes`` as for ``screening.screen_parties`` (the command line's imports use every core)."""
    queries: list[PartyQuery] = []
    spans: list[tuple[str, int, int]] = []
    for r in records:
        qs = queries_of([n.name for n in r.names()], r.schema, r.country)
        spans.append((r.party_id, len(queries), len(queries) + len(qs)))
        queries.extend(qs)
    found = screening.screen_parties(c, queries, threshold=threshold, processes=processes) if queries else []
    return {pid: merge_hits(found[a:b]) for pid, a, b in spans}


def score_records(
    records: Sequence[PartyRecord],
    hits: Mapping[str, Sequence[PartyHit]],
    ownership: OwnershipResult,
    history: Mapping[str, History],
    th: Thresholds,
    on: date,
) -> list[Assessment]:
    out = []
    for r in records:
        expired = [
            (d.kind, d.reference, d.expires_on)
            for d in r.documents
            if d.expires_on is not None and d.expires_on < on
        ]
        past = [history.get(n.name.casefold(), History()) for n in r.names()]
        hist = History(
            holds=sum(h.holds for h in past),
            rejections=sum(h.rejections for h in past),
            late_payments=r.late_payments,
        )
        inputs = DiligenceInputs(
            party_id=r.party_id,
            country=r.country,
            hits=[Hit(h.list_name, h.entry_id, h.entry_name, h.score) for h in hits.get(r.party_id, [])],
            listed_at=th.listed,
            blocked_owners=ownership.blocked_owners.get(r.party_id, []),
            blocked_by_ownership=r.party_id in ownership.blocked_by_ownership,
            transit_countries=r.transit_countries,
            annex_ii=r.annex_ii,
            red_flags=r.red_flags,
            expired_documents=expired,
            history=hist,
        )
        out.append(assess(inputs, countries(), guidance(), round(ownership.share_of(r.party_id), 6)))
    return out


def listed_ids(hits: Mapping[str, Sequence[PartyHit]], th: Thresholds) -> set[str]:
    return {pid for pid, hs in hits.items() if any(h.score >= th.listed for h in hs)}


def assess_records(
    c: Container,
    records: Sequence[PartyRecord],
    holdings: Sequence[Holding],
    on: date | None = None,
    processes: int = 1,
) -> list[Assessment]:
    th = parties_gate.thresholds(c)
    hits = screen_records(c, records, th.review, processes)
    ownership = apply_fifty_percent_rule(listed_ids(hits, th), holdings)
    return score_records(records, hits, ownership, parties_gate.history_by_name(c), th, on or date.today())


def assess_files(
    c: Container,
    parties_text: str,
    parties_file: str,
    ownership_text: str | None = None,
    ownership_file: str = "ownership",
    on: date | None = None,
    processes: int = 1,
) -> list[Assessment]:
    """``reechain risk diligence``: the files are read whole first (a bad field names file, row and field),
    then every party is screened (by ``processes`` worker processes, as ``screening.screen_parties``), the
    50 % rule applied and each party scored. Nothing is stored."""
    records = read_parties(parties_text, parties_file, guidance().keys())
    holdings = (
        read_ownership(ownership_text, ownership_file, {r.party_id for r in records})
        if ownership_text is not None
        else []
    )
    return assess_records(c, records, holdings, on, processes)


def assessment_json(a: Assessment) -> dict[str, object]:
    """One party of the ``risk diligence`` output (keys of DESIGN.md, plus each factor's guidance)."""
    return {
        "id": a.party_id,
        "score": a.score,
        "band": a.band,
        "listed": a.listed,
        "owned_by_listed_share": a.owned_by_listed_share,
        "blocked_by_ownership": a.blocked_by_ownership,
        "factors": [
            {"code": f.code, "points": f.points, "evidence": f.evidence, "guidance": f.guidance}
            for f in a.factors
        ],
    }
