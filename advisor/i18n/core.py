"""Message values and their rendering (see the package docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LOCALES = ("en", "ja")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """Mark a message id for extraction without translating it here (gettext convention)."""
    return message


@dataclass(frozen=True)
class Usd:
    """A monthly or unit amount in US dollars; Japanese output adds yen beside it."""

    amount: float
    unit_price: bool = False  # per 1M tokens / per hour: as precise as stated


@dataclass(frozen=True)
class Num:
    """A count or token number, rounded to ``digits``."""

    value: float
    digits: int = 0


@dataclass(frozen=True)
class GB:
    value: float
    digits: int = 0


@dataclass(frozen=True)
class Pct:
    value: float  # 0.25 -> 25%


@dataclass(frozen=True)
class Plain:
    """A knowledge-base constant written as is (80, 1.3, 0.15)."""

    value: float


@dataclass(frozen=True)
class Date:
    value: dt.date | str


@dataclass(frozen=True)
class Label:
    """A code's human label: ``Label("dep", "on_prem")`` -> "on-premises" / "オンプレミス"."""

    group: str
    code: str


@dataclass(frozen=True)
class Text:
    """Knowledge-base prose with its Japanese form (validated in the KB); names stay as written."""

    en: str
    ja: str | None = None


@dataclass(frozen=True)
class Msg:
    """A sentence to be written at the edge: a message id and its typed parameters."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self, "en")


def msg(msgid: str, **params: Any) -> Msg:
    return Msg(msgid, params)


def norm_locale(locale: str | None) -> str:
    """Anything but a supported locale falls back to English, never to an error."""
    base = (locale or "en").split("_")[0].split("-")[0].lower()
    return base if base in LOCALES else "en"


@cache
def _catalogue(locale: str) -> dict[str, str]:
    """msgid -> translation from every .po file of ``locale`` (empty translations are skipped)."""
    folder = LOCALE_DIR / locale / "LC_MESSAGES"
    if not folder.is_dir():
        return {}
    from babel.messages.pofile import read_po

    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as fh:
            for m in read_po(fh):
                if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string:
                    out[m.id] = m.string
    return out


def gettext(msgid: str, locale: str | None) -> str:
    loc = norm_locale(locale)
    return msgid if loc == "en" else _catalogue(loc).get(msgid, msgid)


def _value(v: Any, locale: str) -> str:
    from advisor.engine import messages as legacy

    if isinstance(v, Msg):
        return render(v, locale)
    if isinstance(v, Usd):
        return legacy.usd_rate(v.amount) if v.unit_price else legacy.usd(v.amount)
    if isinstance(v, Num):
        return f"{v.value:,.{v.digits}f}"
    if isinstance(v, GB):
        return legacy.gb(v.value, v.digits)
    if isinstance(v, Pct):
        return legacy.pct(v.value)
    if isinstance(v, Plain):
        return legacy.plain(v.value)
    if isinstance(v, Date):
        return v.value.isoformat() if isinstance(v.value, dt.date) else str(v.value)
    if isinstance(v, Label):
        return legacy.label(v.group, v.code, locale)
    if isinstance(v, Text):
        return v.ja if locale == "ja" and v.ja else v.en
    if isinstance(v, (list, tuple)):
        return legacy.listing([_value(x, locale) for x in v], locale)
    return str(v)


def render(obj: Msg | str | Any, locale: str | None) -> str:
    """The words for ``obj`` in ``locale``: a Msg is translated and its parameters formatted."""
    loc = norm_locale(locale)
    if not isinstance(obj, Msg):
        return _value(obj, loc)
    from advisor.engine import messages as legacy

    params = {k: _value(v, loc) for k, v in obj.params.items()}
    if obj.msgid in legacy.CATALOGUE:
        return legacy.say(obj.msgid, loc, **params)
    return gettext(obj.msgid, loc).format(**params)
