"""A duty turned into an effort or an option is named as such in a deviation's reason (the category stays
``text``, as the output format fixes), so the approver sees what the change does, not only that it changed."""

from __future__ import annotations

import pytest

from reechain.risk.contracts.classify import categorise
from reechain.risk.contracts.model import Category

CERT = "The Buyer shall provide an end-user certificate for each destination before the first shipment to it."


@pytest.mark.parametrize(
    ("contract", "reason"),
    [
        (CERT.replace("shall provide", "shall use reasonable efforts to provide"),
         "obligation softened ('reasonable efforts' added)"),
        (CERT.replace("shall provide", "may provide"), "obligation softened (shall → may)"),
        (CERT.replace("before the first shipment", "upon request before the first shipment"),
         "obligation softened ('upon request' added)"),
        (CERT.replace("end-user certificate", "end-use statement"), "wording changed"),
    ],
)  # fmt: skip
def test_softened_duty_is_named(contract: str, reason: str) -> None:
    assert categorise(CERT, contract) == (Category.TEXT, reason)


def test_hardened_duty_is_named() -> None:
    soft = CERT.replace("shall provide", "shall use best efforts to provide")
    assert categorise(soft, CERT) == (Category.TEXT, "obligation hardened ('best efforts' removed)")
