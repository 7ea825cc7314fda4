"""Market signals use cases: read notices into signals (no storage), keep documents, the timeline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from reechain.bootstrap import Container
from reechain.domain.errors import Forbidden, InvalidInput, NotFound, Problem, ReechainError
from reechain.domain.roles import Role
from reechain.services.auth import AuthenticatedUser
from reechain.signals.extract import Signal, extract
from reechain.signals.reading import Document, read_document
from reechain.signals.shocks import as_shock
from reechain.store.tables.signals import SignalDocumentRow

WRITERS = frozenset({Role.ANALYST, Role.ADMIN})
READERS = frozenset(
    {
        Role.ANALYST,
        Role.ADMIN,
        Role.PLANNER,
        Role.TRADER,
        Role.RISK_MANAGER,
        Role.AUDITOR,
        Role.COMPLIANCE_OFFICER,
    }
)
MAX_FILE_BYTES = 5_000_000


def _require(user: AuthenticatedUser, roles: frozenset[Role], what: str) -> None:
    if not user.has_any(roles):
        raise Forbidden(f"{what} needs one of the roles {', '.join(sorted(r.value for r in roles))}")


@dataclass
class DocumentResult:
    file: str
    sha256: str = ""
    signals: list[Signal] = field(default_factory=list)
    error: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "signals": len(self.signals),
            "error": self.error or None,
        }


READERS_OF_SIGNALS = ("rules", "trained")
"""`rules`: the phrase rules (`reechain.signals.extract` and its modules). `trained`: a sentence classifier
fitted on the labelled notices (trained.py), with the rules' elements and dates; see docs/signals.md for how
each scores on unseen sets."""


def read_files(files: Sequence[tuple[str, bytes]], reader: str = "rules") -> list[DocumentResult]:
    """Each file read and its signals extracted; a bad file gets its error, the others go on."""
    if reader not in READERS_OF_SIGNALS:
        raise InvalidInput(f"unknown reader {reader!r}: one of {', '.join(READERS_OF_SIGNALS)}")
    if reader == "trained":
        from reechain.signals.trained import extract_trained as read_signals
    else:
        read_signals = extract
    out = []
    for name, raw in files:
        try:
            if len(raw) > MAX_FILE_BYTES:
                raise InvalidInput(f"{name}: larger than {MAX_FILE_BYTES:,} bytes")
            doc = read_document(name, raw)
            out.append(DocumentResult(name, doc.sha256, read_signals(doc)))
        except ReechainError as e:
            out.append(DocumentResult(name, error=str(e)))
    return out


def extract_json(results: list[DocumentResult]) -> dict[str, Any]:
    return {
        "signals": [s.as_json() for r in results for s in r.signals],
        "documents": [r.as_json() for r in results],
    }


@dataclass
class IngestReport:
    stored: int
    already_known: int
    signals: int


def ingest(c: Container, files: Sequence[tuple[str, bytes]], *, user: AuthenticatedUser) -> IngestReport:
    """Keep the documents (all or nothing: one unreadable file refuses the batch, naming it)."""
    _require(user, WRITERS, "adding notices")
    docs: list[tuple[Document, str]] = []
    problems = []
    for name, raw in files:
        try:
            if len(raw) > MAX_FILE_BYTES:
                raise InvalidInput(f"{name}: larger than {MAX_FILE_BYTES:,} bytes")
            doc = read_document(name, raw)
            docs.append((doc, raw.decode(doc.encoding)))
        except ReechainError as e:
            problems.append(Problem(e.message, name))
    if problems:
        raise InvalidInput(f"{len(problems)} file(s) refused; nothing stored", problems)
    with c.uow() as uow:
        s = uow.session
        known = set(
            s.scalars(
                select(SignalDocumentRow.sha256).where(
                    SignalDocumentRow.sha256.in_([d.sha256 for d, _ in docs])
                )
            )
        )
        now = datetime.now(UTC)
        stored = 0
        for doc, text in docs:
            if doc.sha256 in known:
                continue
            known.add(doc.sha256)
            s.add(
                SignalDocumentRow(
                    sha256=doc.sha256,
                    name=doc.name[:255],
                    title=doc.title,
                    url=doc.url,
                    publisher=doc.publisher,
                    published=doc.published,
                    raw=text,
                    encoding=doc.encoding,
                    ingested_at=now,
                    ingested_by=user.username,
                )
            )
            stored += 1
        uow.commit()
    return IngestReport(stored, len(docs) - stored, sum(len(extract(d)) for d, _ in docs))


@lru_cache(maxsize=4096)
def _signals_of(sha256: str, name: str, text: str, encoding: str) -> tuple[Signal, ...]:
    return tuple(extract(read_document(name, text.encode(encoding))))


@dataclass
class TimelineEntry:
    document: str
    index: int
    signal: Signal
    title: str
    url: str
    publisher: str


def timeline(
    c: Container, *, user: AuthenticatedUser, element: str | None = None, segment: str | None = None
) -> list[TimelineEntry]:
    """Every stored document's signals in date order, filtered by element and segment."""
    _require(user, READERS, "reading market signals")
    with c.uow() as uow:
        rows = [
            (r.sha256, r.name, r.raw, r.encoding, r.title, r.url, r.publisher)
            for r in uow.session.scalars(select(SignalDocumentRow).order_by(SignalDocumentRow.id))
        ]
    out = []
    for sha, name, raw, encoding, title, url, publisher in rows:
        for i, sig in enumerate(_signals_of(sha, name, raw, encoding)):
            if element and element not in sig.elements:
                continue
            if segment and sig.segment != segment:
                continue
            out.append(TimelineEntry(sha, i, sig, title, url, publisher))
    out.sort(
        key=lambda e: (e.signal.effective or e.signal.announced or datetime.min.date(), e.document, e.index)
    )
    return out


def shock(
    c: Container, document: str, index: int, *, user: AuthenticatedUser
) -> tuple[dict[str, Any] | None, str]:
    """The scenario shock of one stored signal (DESIGN.md format) and what it assumes."""
    _require(user, READERS, "reading market signals")
    with c.uow() as uow:
        r = uow.session.scalars(
            select(SignalDocumentRow).where(SignalDocumentRow.sha256 == document)
        ).one_or_none()
        if r is None:
            raise NotFound(f"no stored document {document}")
        sigs = _signals_of(r.sha256, r.name, r.raw, r.encoding)
    if not 0 <= index < len(sigs):
        raise NotFound(f"document {document} has no signal {index}")
    return as_shock(sigs[index])


def load_sample_notices(c: Container, *, user: AuthenticatedUser) -> IngestReport:
    """Keep the sample group's notices (``data/sample_group/notices``, restatements of real MOFCOM/GAC
    announcements) for the timeline, as ``ingest`` does for an upload; loading them again changes nothing."""
    from importlib import resources

    folder = resources.files("reechain.data").joinpath("sample_group").joinpath("notices")
    files = sorted(
        (f.name, f.read_bytes())
        for f in folder.iterdir()
        if f.name.endswith((".txt", ".md")) and f.name[:3] in ("zh_", "en_")
    )
    return ingest(c, files, user=user)


SCENARIO_MONTHS = 24
SCENARIO_RUNS = 500
SCENARIO_LEAD_MONTHS = 3
"""A scenario started from a signal opens this many months before the shock, so its fan shows the market
before and after, and runs ``SCENARIO_MONTHS`` months of ``SCENARIO_RUNS`` paths (as the market page's
example)."""


def run_scenario(c: Container, document: str, index: int, *, user: AuthenticatedUser) -> int:
    """Turn one stored signal into a market scenario and start it: one action of an analyst. The scenario
    carries the signal's shock (``signals.shocks.as_shock``, its stated assumptions) and the notice it came
    from (``source``: title, publisher, url, reference, the sentence), which the run's page shows beside the
    fan. Returns the run's id; refuses a signal with no shock (a suspension, an investment, no date)."""
    from reechain.market.scenario import month_index, month_text
    from reechain.services import market_runs

    found, note = shock(c, document, index, user=user)
    if found is None:
        raise InvalidInput("this signal gives no scenario shock", [Problem(note, "signal")])
    with c.uow() as uow:
        r = uow.session.scalars(select(SignalDocumentRow).where(SignalDocumentRow.sha256 == document)).one()
        sig = _signals_of(r.sha256, r.name, r.raw, r.encoding)[index]
        title, url, publisher = r.title or r.name, r.url, r.publisher
    start = month_text(month_index(found["start"]) - SCENARIO_LEAD_MONTHS)
    scenario = market_runs.parse_scenario_text(
        json.dumps(
            {"start": start, "months": SCENARIO_MONTHS, "runs": SCENARIO_RUNS, "seed": 1, "shocks": [found]}
        )
    )
    source = {
        "document": document,
        "index": index,
        "title": title,
        "url": url,
        "publisher": publisher,
        "doc_ref": sig.doc_ref,
        "announced": sig.announced.isoformat() if sig.announced else None,
        "measure": sig.measure,
        "elements": list(sig.elements),
        "evidence": sig.evidence,
        "assumption": note,
    }
    name = f"{sig.doc_ref or title}: {sig.measure} {' '.join(sig.elements)}"
    return market_runs.start_run(
        c, scenario, name=name[:200], by=user.username, roles=user.roles, source=source
    )


@dataclass(frozen=True)
class PricePoint:
    year: int
    usd_per_kg: float
    product: str
    basis: str
    source: str


PRICE_PRODUCTS = {"Pr": "NdPr oxide", "Nd": "NdPr oxide"}


def price_series(element: str) -> list[PricePoint]:
    """Annual average prices of the element's oxide from the packaged, sourced price table."""
    import csv
    from importlib import resources

    from reechain.signals.vocabulary import ELEMENTS

    names = ELEMENTS.get(element)
    if names is None:
        return []
    product = PRICE_PRODUCTS.get(element, f"{names[1][0].capitalize()} oxide")
    ref = resources.files("reechain.data.rare_earths").joinpath("prices.csv")
    out = []
    for row in csv.DictReader(ref.read_text(encoding="utf-8").splitlines()):
        if row["period_type"] != "annual_average" or row["product"] != product or row["unit"] != "USD/kg":
            continue
        try:
            out.append(
                PricePoint(int(row["date"]), float(row["value_point"]), product, row["basis"], row["source"])
            )
        except ValueError:
            continue
    return sorted(out, key=lambda p: p.year)
