"""Who may do what. Every write checks the role on the server side."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PLANNER = "planner"
    TRADER = "trader"
    INVENTORY_CONTROLLER = "inventory_controller"
    COMPLIANCE_OFFICER = "compliance_officer"
    RISK_MANAGER = "risk_manager"
    ANALYST = "analyst"
    AUDITOR = "auditor"
    ADMIN = "admin"
    LEGAL = "legal"
    SALES_HEAD = "sales_head"


READ_ONLY = frozenset({Role.AUDITOR})
"""Roles that can read everything and change nothing."""
