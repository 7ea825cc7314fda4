"""Compliance use cases, one module per thing users do:

- ``checks``: decide an order document or a sales order (screen first, then decide and record at once);
- ``reviews``: the queue of holds, two-person release, rejection;
- ``licences``: register, list, draw down;
- ``allow_list``: silence one exact hit until it changes or expires;
- ``shipping``: the one path that ships a sales order;
- ``rules``: the measures in force on a day; ``party_screening``: hits per party under the lists in force;
  ``deciding`` and ``audit_payloads``: what a decision records.

Every decision and review is appended to the audit trail (stream ``compliance``) in its own transaction.
"""

from __future__ import annotations

from reechain.services.compliance.allow_list import add_allow_entry, list_allow_entries, revoke_allow_entry
from reechain.services.compliance.checks import check_order, check_sales_order, latest_check, recent_checks
from reechain.services.compliance.licences import add_licence, draw_down, licence_json, list_licences
from reechain.services.compliance.party_screening import Screening, clear_screening_cache, default_screening
from reechain.services.compliance.reviews import approve_hold, get_hold, list_holds, reject_hold
from reechain.services.compliance.rules import rule_book, rules_as_of
from reechain.services.compliance.shipping import ship_order

__all__ = [
    "Screening",
    "add_allow_entry",
    "add_licence",
    "approve_hold",
    "check_order",
    "check_sales_order",
    "clear_screening_cache",
    "default_screening",
    "draw_down",
    "get_hold",
    "latest_check",
    "licence_json",
    "list_allow_entries",
    "list_holds",
    "list_licences",
    "recent_checks",
    "reject_hold",
    "revoke_allow_entry",
    "rule_book",
    "rules_as_of",
    "ship_order",
]
