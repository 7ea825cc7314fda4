"""What screening returns for one party and one list entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScreeningHit:
    """A list entry that a party's name matched, with the evidence.

    ``features`` are ``(name, score, detail)`` triples: the explanation a compliance officer reads.
    ``entry_fingerprint`` is a hash of the entry as it was when screened (names, aliases, schema, country,
    programs): an allow-list decision recorded against it lapses as soon as the list entry changes.
    """

    list_name: str
    list_version: int
    entry_id: str
    entry_name: str
    score: float
    features: tuple[tuple[str, float, str], ...]
    entry_fingerprint: str
    matched_name: str = ""
    entry_schema: str = ""
    entry_country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_name,
            "list_version": self.list_version,
            "entry_id": self.entry_id,
            "entry_name": self.entry_name,
            "matched_name": self.matched_name,
            "entry_schema": self.entry_schema,
            "entry_country": self.entry_country,
            "score": self.score,
            "features": [{"name": n, "score": s, "detail": d} for n, s, d in self.features],
            "entry_fingerprint": self.entry_fingerprint,
        }
