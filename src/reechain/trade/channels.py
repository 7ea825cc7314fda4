"""Sales channels and contract price formulas."""

from __future__ import annotations

from enum import StrEnum

from reechain.domain.errors import InvalidInput, Problem


class Channel(StrEnum):
    LONG_TERM = "long_term"  # long-term contract with volumes and a price formula
    SPOT = "spot"
    EXCHANGE = "exchange"  # sold on a commodity exchange
    DISTRIBUTOR = "distributor"
    RETAIL = "retail"


def parse_channel(text: str) -> Channel:
    try:
        return Channel(text)
    except ValueError:
        raise InvalidInput(
            f"unknown channel {text!r}",
            [Problem(f"one of {', '.join(c.value for c in Channel)}", field="channel")],
        ) from None


def contract_price_cny_per_t(
    basis: str,
    *,
    fixed_cny_per_t: float | None,
    index_factor: float | None,
    premium_cny_per_t: float,
    index_cny_per_t: float | None,
) -> float:
    """Price of a delivery under a contract: ``fixed``, or ``index`` × factor + premium (e.g. a published
    oxide price index less 5 %: factor 0.95)."""
    if basis == "fixed":
        if fixed_cny_per_t is None:
            raise InvalidInput(
                "a fixed-price contract needs its price", [Problem("missing", field="price_cny_per_t")]
            )
        return fixed_cny_per_t
    if basis == "index":
        if index_cny_per_t is None:
            raise InvalidInput(
                "an index-priced contract needs the index price of the day",
                [Problem("missing", field="index_cny_per_t")],
            )
        return index_cny_per_t * (index_factor if index_factor is not None else 1.0) + premium_cny_per_t
    raise InvalidInput(f"unknown price basis {basis!r}", [Problem("fixed or index", field="price_basis")])
