"""The result of understanding one user message, shared by the offline rules and the LLM path.

A plain dataclass (not pydantic) because it is an internal hand-over between the understanding
step and the agent, which merges it with the profile; ``updates`` holds contract-profile fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INTENTS: tuple[str, ...] = (
    "inform",
    "why_not",
    "compare",
    "what_if",
    "change",
    "explain",
    "restart",
    "greeting",
    "thanks",
    "other",
)


@dataclass
class Understanding:
    """What one message says. ``updates`` are partial contract-profile fields (plus ``budget``
    {amount, currency, period} for non-USD money, which the engine converts at the KB's dated
    rate); ``what_if`` holds hypothetical changes that must not touch the stored profile;
    ``ignored`` is instruction-like text that was not read for facts; ``notes`` say what was
    assumed or converted, in the user's language.

    Fail-safe signals: ``needs_confirmation`` holds hard-field values this message would set but
    may not (a loosening of the profile, or a value from hearsay, dressed or instruction-like
    text): the flow asks the user to confirm each before applying it. ``hearsay`` lists text that
    is not the user speaking for themselves. ``hard_signals`` names hard topics raised but not
    resolved (ask with options; meanwhile the stricter reading). ``open_slots`` names other slots
    the message opened but left unfilled ("volume" when only monthly users were given).
    ``invalid`` maps a slot to why its number was refused ("negative", "too_large").
    ``priority`` is "quality" or "cost" when the user said which matters more."""

    updates: dict[str, Any] = field(default_factory=dict)
    unknown_slots: list[str] = field(default_factory=list)
    intent: str = "other"
    targets: list[str] = field(default_factory=list)
    what_if: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"
    ignored: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # fail-safe signals (see ``failsafe``): hard facts held back, what raised them, what is unclear
    needs_confirmation: dict[str, Any] = field(default_factory=dict)
    hearsay: list[str] = field(default_factory=list)
    hard_signals: list[str] = field(default_factory=list)
    open_slots: list[str] = field(default_factory=list)
    invalid: dict[str, str] = field(default_factory=dict)
    priority: str | None = None


class Notes:
    """Collects transparency notes in the user's language, without duplicates."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.items: list[str] = []

    def say(self, key: str, **params: object) -> None:
        """A catalogued sentence (``words.WORDS``, through the gettext layer), for new notes."""
        from advisor.agent.understand.words import t

        text = t(key, self.lang, **params)
        if text not in self.items:
            self.items.append(text)

    def add(self, en: str, ja: str) -> None:
        text = ja if self.lang == "ja" else en
        if text not in self.items:
            self.items.append(text)
