"""Lots: an identified quantity of one product with its own element content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reechain.domain.quantities import Basis, Mass


@dataclass(frozen=True)
class Lot:
    code: str
    product: str
    reo_fraction: float
    """t REO per t of this lot (ore and concentrate lots differ from the product's nominal grade)."""
    composition: Mapping[str, float] = field(default_factory=dict)
    """Fraction of the lot's REO that is each element's oxide."""

    def reo_t(self, quantity_t: float) -> float:
        return quantity_t * self.reo_fraction

    def reo_by_element_t(self, quantity_t: float) -> dict[str, float]:
        total = quantity_t * self.reo_fraction
        return {el: total * f for el, f in self.composition.items()}

    def reo_by_element(self, quantity: Mass) -> dict[str, Mass]:
        if quantity.basis is not Basis.PRODUCT:
            raise TypeError(f"expected t of lot {self.code}, got {quantity.unit}")
        return {el: Mass(t, Basis.REO, el) for el, t in self.reo_by_element_t(quantity.t).items()}
