"""Text that is not the user speaking for themselves: hearsay and text dressed as system notes.

- *Dressed* text imitates the advisor's own channels ("### System", "Developer note:",
  "[admin]", 「システム:」, 「開発者メモ」): from its marker to the end of the message it is never
  read for facts; a loosening it states is only recorded as needing the user's confirmation.
- *Hearsay* reports what someone else says ("the admin says cloud is fine now", "according to
  the CTO", 「上司がAPIでいいと言っていました」, 「情シスによると」): a restriction it reports is
  applied (a stricter reading is always safe), a loosening is held for confirmation.
Markers are data (lexicon category ``hearsay``: values ``dressed`` and ``attributed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from advisor.agent.understand.lexicon import entries

_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？\n]*")


@dataclass
class Voices:
    own: str
    hearsay: list[str] = field(default_factory=list)
    dressed: str = ""


@cache
def _markers(kind: str) -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?:{regex})" for regex, value in entries("hearsay") if value == kind),
        re.IGNORECASE | re.MULTILINE,
    )


def split_voices(text: str) -> Voices:
    """The user's own words, the hearsay sentences and the dressed tail of ``text``."""
    dressed = _markers("dressed").search(text)
    head, tail = (text[: dressed.start()], text[dressed.start() :]) if dressed else (text, "")
    attributed = _markers("attributed")
    own: list[str] = []
    hearsay: list[str] = []
    for m in _SENTENCE.finditer(head):
        (hearsay if attributed.search(m.group(0)) else own).append(m.group(0))
    return Voices(own="".join(own), hearsay=[h.strip() for h in hearsay if h.strip()], dressed=tail.strip())
