"""Words at the edge: the one layer that turns codes and figures into English or Japanese.

The core (engine, agent decisions) never writes a sentence: it returns ``Msg`` values, an English
message id plus typed parameters (``Usd``, ``Num``, ``GB``, ``Label``...). ``render(msg, locale)``
looks the message up in the gettext catalogue of that locale
(``advisor/locale/<locale>/LC_MESSAGES/advisor.po``, managed with Babel: ``make i18n``) and formats
every parameter for it with Babel (numbers, currencies, lists, dates), so a translator never sees a
format spec. Knowledge-base prose travels as ``Text(en, ja)`` from the KB's ``*_ja`` fields.

New code writes English ids: ``msg("{model} needs {count} GPUs", model=name, count=Num(3))``;
``make i18n`` extracts them and the test of the catalogue fails until the Japanese is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.i18n.core import (
    GB,
    L_,
    N_,
    Clauses,
    Date,
    Fx,
    Label,
    Msg,
    Num,
    Pct,
    Plain,
    Sentences,
    Text,
    Usd,
    fx_of,
    gettext,
    msg,
    norm_locale,
    pgettext,
    render,
    render_tree,
)
from advisor.i18n.labels import label
from advisor.i18n.numbers import listing as _listing


def listing(items: Iterable[str], locale: str | None) -> str:
    """Already-worded items as one list in ``locale`` ("a, b and c" / "a、b、c")."""
    return _listing(list(items), norm_locale(locale))


__all__ = [
    "GB",
    "L_",
    "N_",
    "Clauses",
    "Date",
    "Fx",
    "Label",
    "Msg",
    "Num",
    "Pct",
    "Plain",
    "Sentences",
    "Text",
    "Usd",
    "fx_of",
    "gettext",
    "label",
    "listing",
    "msg",
    "norm_locale",
    "pgettext",
    "render",
    "render_tree",
]
