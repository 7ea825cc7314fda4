"""The one shape every list format is read into."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

SCHEMAS = frozenset({"Person", "Company", "Organization", "Vessel", "Airplane", "LegalEntity"})


@dataclass(frozen=True)
class ListEntry:
    """One listed party: its id on the list, its primary name, other names, and what kind of party it is."""

    entry_id: str
    name: str
    schema: str = "LegalEntity"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    addresses: tuple[str, ...] = field(default=(), compare=False)

    def names(self) -> tuple[str, ...]:
        """Primary name first, then every other distinct name."""
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n.strip()))

    def fingerprint(self) -> str:
        """Hash of the entry as listed; changes whenever a name, alias, schema, country or program does."""
        payload = json.dumps(
            [self.entry_id, self.name, self.schema, self.country, list(self.aliases), list(self.programs)],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class ListedEntry:
    """A list entry together with the list and version it was loaded from."""

    list_name: str
    list_version: int
    entry: ListEntry
