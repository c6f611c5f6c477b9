"""Message values and their rendering (see the package docstring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from advisor.i18n import numbers
from advisor.resources import locale_dir

if TYPE_CHECKING:
    from advisor.kb.loader import KnowledgeBase

LOCALES = ("en", "ja")
LOCALE_DIR = locale_dir()
DOMAIN = "advisor"


def N_(message: str) -> str:
    """Mark a message id for extraction without translating it here (gettext convention)."""
    return message


def L_(group: str, english: str) -> str:
    """Mark a code's English label for extraction with its group as gettext context (``pgettext``)."""
    return english


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
    """A code's human label: ``Label("dep", "on_prem")`` -> "on_prem" / "オンプレミス"."""

    group: str
    code: str


@dataclass(frozen=True)
class Text:
    """Knowledge-base prose with its Japanese form (validated in the KB); names stay as written.

    Without a Japanese form, Japanese output never shows the English: it points to the source
    (``source``, a quoted title) instead, so a Japanese answer holds no English sentence."""

    en: str
    ja: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Sentences:
    """Sentences run together: a space between English ones, none between Japanese ones."""

    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Clauses:
    """Clauses of one statement: "a; b" in English, "a / b" in Japanese."""

    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Fx:
    """The dated USD->JPY rate from the knowledge base, so Japanese output can show yen beside USD."""

    jpy_per_usd: float
    as_of: dt.date | None = None
    source: str | None = None


def fx_of(kb: KnowledgeBase) -> Fx | None:
    """The knowledge base's dated USD->JPY rate, so Japanese words can show yen beside dollars."""
    jpy = kb.fx.get("JPY")
    return Fx(1 / jpy.usd_per_unit, jpy.as_of, jpy.source) if jpy is not None else None


@dataclass(frozen=True)
class Msg:
    """A sentence to be written at the edge: a message id and its typed parameters."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self, "en")

    def __hash__(self) -> int:  # equal messages dedupe (sets, dict keys) like the sentences they stand for
        return hash((self.msgid, tuple(sorted(self.params.items()))))


def msg(msgid: str, **params: Any) -> Msg:
    """A message: English ``msgid`` (extracted into the catalogue) and typed parameters; a list
    parameter is a list of items ("a, b and c" / "a、b、c")."""
    return Msg(msgid, {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()})


def norm_locale(locale: str | None) -> str:
    """Anything but a supported locale falls back to English, never to an error."""
    base = (locale or "en").split("_")[0].split("-")[0].lower()
    return base if base in LOCALES else "en"


@cache
def _catalogue(locale: str) -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> translation from the locale's .po file (empty translations are skipped)."""
    path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        cat = read_po(fh)
    return {
        (m.context, m.id): m.string
        for m in cat
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string
    }


def gettext(msgid: str, locale: str | None) -> str:
    loc = norm_locale(locale)
    return msgid if loc == "en" else _catalogue(loc).get((None, msgid), msgid)


def pgettext(context: str, msgid: str, locale: str | None) -> str:
    loc = norm_locale(locale)
    return msgid if loc == "en" else _catalogue(loc).get((context, msgid), msgid)


def _text(v: Text, locale: str) -> str:
    if locale != "ja" or v.ja:
        return v.ja if locale == "ja" and v.ja else v.en
    if v.source:
        return render(msg("See the source \u201c{source}\u201d (in English only).", source=v.source), locale)
    return render(msg("(not yet translated)"), locale)


def _full_stop(text: str, locale: str) -> str:
    """End a sentence the way its own script does (KB prose may lack the stop)."""
    text = text.rstrip()
    if not text or text.endswith((".", "。", "!", "?", ")", "）")):
        return text
    return text + ("。" if locale == "ja" and not text[-1:].isascii() else ".")


def _value(v: Any, locale: str, fx: Fx | None) -> str:
    if isinstance(v, Msg):
        return render(v, locale, fx)
    if isinstance(v, Usd):
        return numbers.usd(v.amount, v.unit_price, locale, fx.jpy_per_usd if fx else None)
    if isinstance(v, Num | GB):
        return numbers.decimal(v.value, v.digits, locale)
    if isinstance(v, Pct):
        return numbers.percent(v.value, locale)
    if isinstance(v, Plain):
        return numbers.plain(v.value, locale)
    if isinstance(v, Date):
        return numbers.date(v.value, locale)
    if isinstance(v, Label):
        from advisor.i18n.labels import label

        return label(v.group, v.code, locale)
    if isinstance(v, Text):
        return _text(v, locale)
    if isinstance(v, Sentences):
        parts = dict.fromkeys(_full_stop(_value(p, locale, fx), locale) for p in v.parts)  # said once
        return ("" if locale == "ja" else " ").join(p for p in parts if p)
    if isinstance(v, Clauses):
        return (" / " if locale == "ja" else "; ").join(_value(p, locale, fx) for p in v.parts)
    if isinstance(v, Sequence) and not isinstance(v, str):
        return numbers.listing([_value(x, locale, fx) for x in v], locale)
    return str(v)


def render(obj: Msg | str | Any, locale: str | None, fx: Fx | None = None) -> str:
    """The words for ``obj`` in ``locale``: a Msg is translated and its parameters formatted.

    ``fx`` (the knowledge base's dated USD->JPY rate) adds yen beside dollar amounts in Japanese."""
    loc = norm_locale(locale)
    if not isinstance(obj, Msg):
        return _value(obj, loc, fx)
    params = {k: _value(v, loc, fx) for k, v in obj.params.items()}
    return gettext(obj.msgid, loc).format(**params)


def render_tree(obj: Any, locale: str | None, fx: Fx | None = None) -> Any:
    """A tool result (dicts, lists, pydantic models) with every message worded in ``locale``:
    the edge for JSON handed to an LLM or a front end."""
    from pydantic import BaseModel

    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json", context={"locale": locale, "fx": fx})
    if isinstance(obj, dict):
        return {k: render_tree(v, locale, fx) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [render_tree(v, locale, fx) for v in obj]
    if isinstance(obj, Msg | Text | Sentences | Clauses):
        return render(obj, locale, fx)
    return obj
