"""The content a release is bound to: the same for the same goods and parties however they are listed,
different as soon as a kilogram, a party or the end use changes."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reechain.compliance.order import content_sha256, parse_order

from .support import EXAMPLE

BASE: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))


def digest(order: dict[str, Any]) -> str:
    return content_sha256(parse_order(order))


@given(st.permutations(range(4)), st.sampled_from(["", "  "]), st.text(min_size=1, max_size=12))
def test_listing_order_id_date_and_spacing_do_not_change_the_content(
    order: list[int], pad: str, new_id: str
) -> None:
    o = copy.deepcopy(BASE)
    o["parties"] = [o["parties"][i] for i in order]
    o["parties"][0]["name"] = pad + o["parties"][0]["name"].upper() + pad
    o["lines"] = list(reversed(o["lines"]))
    o["order_id"] = new_id.strip() or "X"
    o["date"] = "2027-01-01"
    assert digest(o) == digest(BASE)


@given(st.floats(min_value=0.001, max_value=1e6).filter(lambda q: q != 500))
def test_any_other_quantity_is_other_content(quantity_kg: float) -> None:
    o = copy.deepcopy(BASE)
    o["lines"][0]["quantity_kg"] = quantity_kg
    assert digest(o) != digest(BASE)


def test_a_new_consignee_schema_or_end_use_is_other_content() -> None:
    for change in (
        lambda o: o["parties"][1].update(name="New Trading Co."),
        lambda o: o["parties"][2].update(schema="Company"),
        lambda o: o.update(end_use="missile guidance"),
        lambda o: o.update(destination_country="KR"),
        lambda o: o["lines"][0].update(hs_code="2846901990"),
    ):
        o = copy.deepcopy(BASE)
        change(o)
        assert digest(o) != digest(BASE)
