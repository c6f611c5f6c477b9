"""The web chat's words in the user's language, through the one gettext layer (``advisor.i18n``).

The advice itself comes from the conversation service already in the user's language; these are
only the page's own labels (``words.STRINGS``) and the human names of profile codes
(``words.CODES``), looked up by the language of the last reply.
"""

from __future__ import annotations

from typing import Literal

from advisor.adapters.web.words import CODES, STRINGS
from advisor.agent.labels import field_label as agent_field_label
from advisor.i18n import gettext

Lang = Literal["en", "ja"]


def as_lang(value: object) -> Lang:
    """Anything that is not Japanese falls back to English, the service's default."""
    return "ja" if value == "ja" else "en"


def t(key: str, lang: Lang, **fmt: object) -> str:
    text = gettext(STRINGS[key], lang)
    return text.format(**fmt) if fmt else text


def code_label(field: str, code: object, lang: Lang) -> str:
    """``on_prem`` -> "only your own servers" / "自社サーバーのみ"; an unknown code reads as words."""
    msgid = CODES.get(field, {}).get(str(code))
    return gettext(msgid, lang) if msgid else str(code).replace("_", " ")


def field_label(field: str, lang: Lang) -> str:
    """The side panel names a profile field exactly as the agent does: one table (advisor.agent.labels)."""
    return agent_field_label(field, lang)
