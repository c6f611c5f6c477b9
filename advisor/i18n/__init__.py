"""Words at the edge: the one layer that turns codes and figures into English or Japanese.

The core (engine, agent decisions) never writes a sentence: it returns ``Msg`` values, a message id
plus typed parameters (``Usd``, ``Num``, ``GB``, ``Label``...). ``render(msg, locale)`` looks the
message up in the gettext catalogue of that locale and formats every parameter for it, so numbers,
currencies and lists read naturally in each language and a translator never sees a format spec.

Interim state (2026-11-30): message ids that are keys of the legacy catalogue
(``advisor/engine/messages.py``) are rendered from it; any other id is English text translated
through ``advisor/locale/<locale>/LC_MESSAGES/*.po``. New code writes English ids:
``msg("{model} needs {count} GPUs", model=name, count=Num(3))``.
"""

from __future__ import annotations

from advisor.i18n.core import GB, Date, Label, Msg, N_, Num, Pct, Plain, Text, Usd, gettext, msg, render

__all__ = ["GB", "N_", "Date", "Label", "Msg", "Num", "Pct", "Plain", "Text", "Usd", "gettext", "msg", "render"]
