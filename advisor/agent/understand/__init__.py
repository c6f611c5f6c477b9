"""Offline, rule-based understanding of English and Japanese user messages.

``understand(text, pending_slot=..., kb=..., profile=...)`` turns one message into partial
contract-profile updates, "don't know" slots, an intent, named models, hypothetical changes and
ignored instruction-like text, plus the fail-safe signals (``needs_confirmation``, ``hearsay``,
``hard_signals``, ``open_slots``, ``invalid``) and the user's ``priority`` (see ``types``).
Fail-safe rules and the order of strictness are in ``failsafe``; the word lists are data in
``lexicon/*.yaml``. Pure Python: the LLM path lives in the agent and merges its output with this
one (``advisor.agent.merge``).
"""

from advisor.agent.understand.core import SLOT_FIELDS, understand
from advisor.agent.understand.slots import OPTION_UPDATES, SLOT_OPTIONS
from advisor.agent.understand.textnorm import detect_lang
from advisor.agent.understand.types import INTENTS, Understanding

__all__ = [
    "INTENTS",
    "OPTION_UPDATES",
    "SLOT_FIELDS",
    "SLOT_OPTIONS",
    "Understanding",
    "detect_lang",
    "understand",
]
