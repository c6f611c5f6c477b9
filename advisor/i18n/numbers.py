"""Numbers, money, lists and dates for one locale, through Babel (CLDR data), never by hand."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent


def decimal(value: float, digits: int, locale: str) -> str:
    """Counts and sizes: rounded to ``digits``, with the locale's grouping."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=locale)


def plain(value: float, locale: str) -> str:
    """A knowledge-base constant as written (80, 1.3, 0.15): no forced decimals."""
    return format_decimal(value, format="#,##0.######", locale=locale)


def percent(value: float, locale: str) -> str:
    return format_percent(value, locale=locale)


def date(value: dt.date | str, locale: str) -> str:
    """ISO dates in both languages (sources are cited with them); Babel writes the pattern."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    return format_date(day, "yyyy-MM-dd", locale=locale)


def listing(items: list[str], locale: str) -> str:
    """ "a, b and c" / "a、b、c"."""
    return format_list(items, locale=locale) if items else ""


def yen(amount_jpy: float, locale: str) -> str:
    """A rounded yen figure in the way Japanese readers count it: 万 and 億 for large amounts."""
    if amount_jpy >= 1e8:
        return format_decimal(round(amount_jpy / 1e8, 1), format="#,##0.#", locale=locale) + "億円"
    if amount_jpy >= 1e4:
        man = amount_jpy / 1e4
        return format_decimal(round(man, 1 if man < 10 else 0), format="#,##0.#", locale=locale) + "万円"
    digits = 0 if amount_jpy >= 100 else (1 if amount_jpy >= 1 else 3)
    return format_decimal(round(amount_jpy, digits), format="#,##0.###", locale=locale) + "円"


def usd(amount: float, unit_price: bool, locale: str, jpy_per_usd: float | None) -> str:
    """ "$1,234" (whole dollars) or a unit price as precise as stated ("$0.15"); Japanese output
    adds the yen figure when the knowledge base's rate is known: "$1,234(約19万円)"."""
    pattern = "¤#,##0.######" if unit_price else "¤#,##0"
    text = format_currency(amount, "USD", format=pattern, currency_digits=False, locale=locale)
    if locale == "ja" and jpy_per_usd and amount > 0:
        text += f"(約{yen(amount * jpy_per_usd, locale)})"
    return text
