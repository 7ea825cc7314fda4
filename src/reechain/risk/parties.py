"""A counterparty as the due-diligence register knows it: names in every script, ownership, documents."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

SCHEMAS = ("Person", "Company", "Organization", "Vessel")
ROLES = (
    "customer",
    "supplier",
    "forwarder",
    "bank",
    "partner",
    "buyer",
    "consignee",
    "end_user",
    "notify_party",
    "agent",
    "owner",
)
DOCUMENT_KINDS = ("business_licence", "end_user_certificate", "kyc_questionnaire")
ID_MAX = 64
NAME_MAX = 300


@dataclass(frozen=True)
class PartyName:
    name: str
    script: str
    """Latin, Han, Cyrillic, Arabic, Hangul, Kana, Greek, … (from the first letter's Unicode name)."""


@dataclass(frozen=True)
class Document:
    kind: str
    reference: str
    expires_on: date | None


@dataclass(frozen=True)
class Holding:
    """``owner_id`` holds ``share`` (in (0, 1]) of ``owned_id``."""

    owner_id: str
    owned_id: str
    share: float


@dataclass(frozen=True)
class PartyRecord:
    party_id: str
    name: str
    schema: str | None
    """``None``: not known; screened both as a person and as an organisation."""
    country: str | None
    roles: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    registration_ids: tuple[tuple[str, str], ...] = ()
    """``(kind, value)``, e.g. ``("USCC", "91110000…")`` or ``("LEI", "…")``."""
    addresses: tuple[str, ...] = ()
    transit_countries: tuple[str, ...] = ()
    annex_ii: tuple[str, ...] = ()
    """Codes of the OECD Annex II risks answered "yes" in the KYC questionnaire."""
    red_flags: tuple[str, ...] = ()
    late_payments: int = 0
    documents: tuple[Document, ...] = field(default_factory=tuple)

    def names(self) -> list[PartyName]:
        """The legal name and every other name, each once, with its script."""
        out: list[PartyName] = []
        seen: set[str] = set()
        for n in (self.name, *self.other_names):
            key = n.casefold()
            if n and key not in seen:
                seen.add(key)
                out.append(PartyName(n, script_of(n)))
        return out


def script_of(text: str) -> str:
    """The script of the first letter of ``text``: ``Han`` for CJK ideographs, else the first word of the
    letter's Unicode name (``Latin``, ``Cyrillic``, ``Arabic``, ``Hangul``, …)."""
    for ch in text:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        if uname.startswith("CJK"):
            return "Han"
        if uname.startswith(("HIRAGANA", "KATAKANA")):
            return "Kana"
        return uname.split(" ", 1)[0].capitalize() if uname else "Unknown"
    return "Unknown"
