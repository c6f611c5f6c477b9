"""The few words the Slack adapter writes itself; they live in the engine's message catalogue under
``slack.`` (advisor/engine/messages_faces.py), so one i18n layer holds every sentence."""

from __future__ import annotations

from advisor.engine.messages import say


def label(lang: str, key: str, **values: object) -> str:
    """The adapter's sentence ``key`` in the user's language (English when the language is unknown)."""
    return say(f"slack.{key}", lang, **values)
