"""The few words the Slack adapter writes itself, through the one gettext layer (``words.WORDS``)."""

from __future__ import annotations

from advisor.adapters.slack.words import t


def label(lang: str, key: str, **values: object) -> str:
    """The adapter's sentence ``key`` in the user's language (English when the language is unknown)."""
    return t(key, lang, **values)
