"""The day facts are judged on: prices in force, their freshness, deprecations and shutdowns."""

from __future__ import annotations

import datetime as dt
import os

from advisor.kb.errors import InputError, Problem


def judged_today(today: dt.date | None = None) -> dt.date:
    """The caller's date, else ``ADVISOR_TODAY`` (YYYY-MM-DD, for reproducible runs), else the calendar."""
    if today is not None:
        return today
    value = os.environ.get("ADVISOR_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            [Problem("ADVISOR_TODAY", None, "", f"not a date: '{value}' (use YYYY-MM-DD)")]
        ) from None
