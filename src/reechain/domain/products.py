"""Products: a form, an element composition (fractions of its REO), a REO content per t and a spec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reechain.domain.elements import ELEMENT_SYMBOLS, Element
from reechain.domain.errors import InvalidInput, Problem
from reechain.domain.quantities import Basis, Mass

COMPOSITION_TOLERANCE = 1e-6


class Form(StrEnum):
    ORE = "ore"
    CONCENTRATE = "concentrate"
    CARBONATE = "carbonate"
    OXIDE = "oxide"
    METAL = "metal"
    ALLOY = "alloy"
    MAGNET = "magnet"
    COMPOUND = "compound"
    RESIDUE = "residue"
    """Transformation losses; each residue lot carries its own composition (that of the loss)."""
    OTHER = "other"
    """Non rare-earth inputs (iron, boron, reagents): REO content 0."""


def composition_problems(composition: Mapping[str, float], where: str = "composition") -> list[Problem]:
    """A composition is a set of element fractions of the REO, each in [0, 1], summing to 1 (or empty)."""
    problems = []
    for symbol, fraction in composition.items():
        if symbol not in ELEMENT_SYMBOLS:
            problems.append(Problem(f"unknown element {symbol!r}", where))
        elif not 0.0 <= fraction <= 1.0:
            problems.append(Problem(f"fraction of {symbol} must be in [0, 1], got {fraction}", where))
    total = sum(composition.values())
    if composition and abs(total - 1.0) > COMPOSITION_TOLERANCE:
        problems.append(Problem(f"element fractions must sum to 1, got {total:.6f}", where))
    return problems


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    form: Form
    reo_fraction: float
    """t REO per t of product. Above 1 for metals and alloys (REO-equivalent of the metal)."""
    composition: Mapping[str, float] = field(default_factory=dict)
    """Fraction of the REO that is each element's oxide; sums to 1 unless the product holds no REO."""
    spec: str = ""
    purity: float | None = None
    """Purity of the main constituent, e.g. 0.995 for 99.5 % TREO or 99.9 % Nd2O3/TREO."""

    def problems(self) -> list[Problem]:
        out = composition_problems(self.composition)
        if self.reo_fraction < 0:
            out.append(Problem("REO content per t cannot be negative", "reo_fraction"))
        if self.reo_fraction > 0 and not self.composition and self.form is not Form.RESIDUE:
            out.append(Problem("a product that holds REO needs an element composition", "composition"))
        if self.purity is not None and not 0 < self.purity <= 1:
            out.append(Problem("purity must be in (0, 1]", "purity"))
        return out

    def validate(self) -> Product:
        problems = self.problems()
        if problems:
            raise InvalidInput(f"product {self.code!r} is not valid", problems)
        return self

    def reo_by_element(self, quantity: Mass) -> dict[str, Mass]:
        """t REO of each element held in a quantity of this product."""
        if quantity.basis is not Basis.PRODUCT:
            raise InvalidInput(f"expected t of {self.code}, got {quantity.unit}")
        total = quantity.t * self.reo_fraction
        return {el: Mass(total * f, Basis.REO, el) for el, f in self.composition.items()}


def metal_reo_fraction(
    metal_mass_fractions: Mapping[str, float], elements: Mapping[str, Element]
) -> tuple[float, dict[str, float]]:
    """REO-equivalent content and REO composition of a metal/alloy given its mass fractions of each metal.

    E.g. PrNd metal 25 % Pr, 75 % Nd: REO per t = 0.25·1.2082 + 0.75·1.1664.
    """
    reo = {el: f * elements[el].metal_to_reo_factor for el, f in metal_mass_fractions.items()}
    total = sum(reo.values())
    return total, ({el: v / total for el, v in reo.items()} if total > 0 else {})
