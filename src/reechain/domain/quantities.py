"""Masses that say what they are: t of product, t REO of one element (or of a mixture), or t metal.

Adding or comparing masses of different bases raises ``MixedBasis`` (a ``TypeError``): a tonne of
concentrate, a tonne of Nd2O3 and a tonne of Nd metal are different things. Conversions between REO and
metal go through the element's own factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reechain.domain.elements import Element

GRAMS_PER_T = 1_000_000
"""The ledger stores masses as whole grams (exact sums on every database); 1 g = 1e-6 t."""


class Basis(StrEnum):
    PRODUCT = "t product"
    REO = "t REO"
    METAL = "t metal"


class MixedBasis(TypeError):
    """Two masses of different bases (or elements, or products) were combined."""


@dataclass(frozen=True, order=False)
class Mass:
    """A mass in tonnes with its basis. ``element`` names the element for REO/metal masses (``None`` for a
    mixture's total REO); ``product`` optionally names the product for product masses."""

    t: float
    basis: Basis
    element: str | None = None
    product: str | None = None

    def __post_init__(self) -> None:
        if self.basis is Basis.METAL and self.element is None:
            raise ValueError("a metal mass must name its element")
        if self.basis is Basis.PRODUCT and self.element is not None:
            raise ValueError("a product mass has no element; use its composition")

    @property
    def unit(self) -> str:
        if self.basis is Basis.PRODUCT:
            return f"t {self.product}" if self.product else "t product"
        if self.basis is Basis.REO:
            return f"t REO ({self.element})" if self.element else "t REO"
        return f"t {self.element} metal"

    def _same(self, other: object) -> Mass:
        if not isinstance(other, Mass):
            raise MixedBasis(f"cannot combine {self.unit} with {type(other).__name__}")
        if (self.basis, self.element, self.product) != (other.basis, other.element, other.product):
            raise MixedBasis(f"cannot combine {self.unit} with {other.unit}")
        return other

    def __add__(self, other: object) -> Mass:
        return Mass(self.t + self._same(other).t, self.basis, self.element, self.product)

    def __sub__(self, other: object) -> Mass:
        return Mass(self.t - self._same(other).t, self.basis, self.element, self.product)

    def __lt__(self, other: object) -> bool:
        return self.t < self._same(other).t

    def __le__(self, other: object) -> bool:
        return self.t <= self._same(other).t

    def __mul__(self, factor: float) -> Mass:
        if isinstance(factor, Mass):
            raise MixedBasis("cannot multiply two masses")
        return Mass(self.t * factor, self.basis, self.element, self.product)

    __rmul__ = __mul__

    def __str__(self) -> str:
        return f"{self.t:,.3f} {self.unit}"

    def to_metal(self, element: Element) -> Mass:
        """t REO of an element → t of its metal."""
        if self.basis is not Basis.REO or self.element != element.symbol:
            raise MixedBasis(f"cannot convert {self.unit} to {element.symbol} metal")
        return Mass(element.reo_to_metal_t(self.t), Basis.METAL, element.symbol)

    def to_reo(self, element: Element) -> Mass:
        """t metal of an element → t of its reference oxide (REO)."""
        if self.basis is not Basis.METAL or self.element != element.symbol:
            raise MixedBasis(f"cannot convert {self.unit} to {element.reference_oxide}")
        return Mass(element.metal_to_reo_t(self.t), Basis.REO, element.symbol)


def t_product(t: float, product: str | None = None) -> Mass:
    return Mass(t, Basis.PRODUCT, None, product)


def t_reo(t: float, element: str | None = None) -> Mass:
    return Mass(t, Basis.REO, element)


def t_metal(t: float, element: str) -> Mass:
    return Mass(t, Basis.METAL, element)


def to_grams(t: float) -> int:
    return round(t * GRAMS_PER_T)


def to_t(grams: int) -> float:
    return grams / GRAMS_PER_T
