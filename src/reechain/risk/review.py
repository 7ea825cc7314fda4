"""When a party is due for its next review: a period per band (the group's policy, docs/risk.md)."""

from __future__ import annotations

import calendar
from datetime import date

REVIEW_MONTHS = {"prohibited": 3, "high": 6, "medium": 12, "low": 24}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(band: str, reviewed_on: date) -> date:
    return add_months(reviewed_on, REVIEW_MONTHS[band])
