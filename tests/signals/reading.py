"""What the rules read in a hand-written text, for the signals tests."""

from __future__ import annotations

from reechain.signals.extract import extract
from reechain.signals.reading import read_document


def signals(name: str, text: str) -> list[dict[str, object]]:
    return [s.as_json() for s in extract(read_document(name, text.encode("utf-8")))]


def measures(name: str, text: str) -> list[tuple[object, object, object]]:
    return sorted((s["measure"], s["direction"], tuple(s["elements"])) for s in signals(name, text))  # type: ignore[arg-type]
