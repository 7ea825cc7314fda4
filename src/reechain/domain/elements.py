"""The 17 rare-earth elements and their REO ↔ metal arithmetic.

Values come from ``data/rare_earths/elements.csv`` (see ``reechain.refdata.elements``); this module only gives
them a type. Three reference oxides are not M2O3 (CeO2, Pr6O11, Tb4O7), which is why every conversion goes
through the element's own factor and never through one factor for a mixture.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from reechain.domain.errors import InvalidInput, Problem

ELEMENT_SYMBOLS: tuple[str, ...] = (
    "Sc",
    "Y",
    "La",
    "Ce",
    "Pr",
    "Nd",
    "Pm",
    "Sm",
    "Eu",
    "Gd",
    "Tb",
    "Dy",
    "Ho",
    "Er",
    "Tm",
    "Yb",
    "Lu",
)


class Segment(StrEnum):
    """The common Chinese industry split (轻/中/重): light La–Nd (Pm), medium Sm–Dy, heavy Ho–Lu + Y."""

    LIGHT = "light"
    MEDIUM = "medium"
    HEAVY = "heavy"
    NOT_CLASSIFIED = "not_classified"


@dataclass(frozen=True)
class Element:
    symbol: str
    name: str
    atomic_number: int
    atomic_weight: float
    reference_oxide: str
    oxide_molar_mass_g_per_mol: float
    reo_to_metal_factor: float
    """t metal per t of the reference oxide (e.g. Nd2O3 → Nd 0.8574)."""
    metal_to_reo_factor: float
    class_china_3way: str
    class_2way_la_to_eu_light: str
    class_usgs_fs087_02: str
    class_usgs_mcs2026_heavy_chapter: str
    china_export_control_status_2025: str
    main_uses: str

    @property
    def segment(self) -> Segment:
        """Light / medium / heavy by the Chinese 3-way convention (Sc is not classified)."""
        try:
            return Segment(self.class_china_3way)
        except ValueError:
            return Segment.NOT_CLASSIFIED

    def reo_to_metal_t(self, t_reo: float) -> float:
        return t_reo * self.reo_to_metal_factor

    def metal_to_reo_t(self, t_metal: float) -> float:
        return t_metal * self.metal_to_reo_factor


class ElementTable(Mapping[str, Element]):
    """Elements by symbol; an unknown symbol is an InvalidInput naming it."""

    def __init__(self, elements: Iterable[Element]) -> None:
        self._by_symbol = {e.symbol: e for e in elements}

    def __getitem__(self, symbol: str) -> Element:
        try:
            return self._by_symbol[symbol]
        except KeyError:
            raise InvalidInput(
                f"unknown element {symbol!r}",
                [Problem(f"not one of {', '.join(ELEMENT_SYMBOLS)}", "element")],
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_symbol)

    def __len__(self) -> int:
        return len(self._by_symbol)

    def in_segment(self, segment: Segment) -> list[Element]:
        return [e for e in self._by_symbol.values() if e.segment is segment]


def load_elements(rows: Iterable[Mapping[str, str]]) -> ElementTable:
    """Build the table from the rows of ``elements.csv`` (column names as in the file)."""
    elements = [
        Element(
            symbol=r["symbol"],
            name=r["name"],
            atomic_number=int(r["atomic_number"]),
            atomic_weight=float(r["atomic_weight"]),
            reference_oxide=r["reference_oxide"],
            oxide_molar_mass_g_per_mol=float(r["oxide_molar_mass_g_per_mol"]),
            reo_to_metal_factor=float(r["reo_to_metal_factor"]),
            metal_to_reo_factor=float(r["metal_to_reo_factor"]),
            class_china_3way=r["class_china_3way"],
            class_2way_la_to_eu_light=r["class_2way_La_to_Eu_light"],
            class_usgs_fs087_02=r["class_usgs_fs087_02"],
            class_usgs_mcs2026_heavy_chapter=r["class_usgs_mcs2026_heavy_chapter"],
            china_export_control_status_2025=r["china_export_control_status_2025"],
            main_uses=r["main_uses"],
        )
        for r in rows
    ]
    missing = set(ELEMENT_SYMBOLS) - {e.symbol for e in elements}
    if missing:
        raise InvalidInput("elements table incomplete", [Problem(f"missing {sorted(missing)}", "symbol")])
    return ElementTable(elements)
