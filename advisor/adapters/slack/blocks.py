"""Block Kit primitives that respect Slack's size limits by construction (pure functions, no I/O).

Slack rejects a whole message when one block is over its limit, so every builder here splits or
truncates instead of trusting its input; ``paginate`` spreads blocks over several messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from advisor.adapters.slack.mrkdwn import split_text, truncate

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ID = 255
# chat.postMessage accepts up to 40,000 characters of `text`, but notifications show a few hundred.
MAX_FALLBACK_TEXT = 3000

ANSWER_ACTION_PREFIX = "advisor_answer"
QUESTION_BLOCK_PREFIX = "advisor_question"


@dataclass(frozen=True)
class SlackMessage:
    """One chat.postMessage: ``text`` is the notification/fallback, ``blocks`` what Slack shows."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def _mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text.strip() or "-", MAX_HEADER_TEXT), "emoji": True},
    }


def divider() -> Block:
    return {"type": "divider"}


def sections(mrkdwn: str) -> list[Block]:
    """One section per ≤3000-character chunk of text."""
    return [
        {"type": "section", "text": _mrkdwn(chunk)} for chunk in split_text(mrkdwn.strip(), MAX_SECTION_TEXT)
    ]


def fields_sections(fields: Sequence[str]) -> list[Block]:
    """Two-column fields, at most ten per section, each cut to 2000 characters."""
    cells = [truncate(f, MAX_FIELD_TEXT) for f in fields if f.strip()]
    return [
        {"type": "section", "fields": [_mrkdwn(c) for c in cells[i : i + MAX_FIELDS]]}
        for i in range(0, len(cells), MAX_FIELDS)
    ]


def context_blocks(elements: Sequence[str]) -> list[Block]:
    """Small grey text; at most ten elements per block, each cut to 2000 characters."""
    items = [truncate(e, MAX_CONTEXT_TEXT) for e in elements if e.strip()]
    return [
        {"type": "context", "elements": [_mrkdwn(e) for e in items[i : i + MAX_CONTEXT_ELEMENTS]]}
        for i in range(0, len(items), MAX_CONTEXT_ELEMENTS)
    ]


def button_blocks(options: Sequence[tuple[str, str]], block_id: str) -> list[Block]:
    """Buttons for (value, label) pairs; ``action_id``s are unique within the message as Slack requires."""
    blocks: list[Block] = []
    for start in range(0, len(options), MAX_ACTION_ELEMENTS):
        elements = [
            {
                "type": "button",
                "action_id": f"{ANSWER_ACTION_PREFIX}:{start + i}",
                "text": {
                    "type": "plain_text",
                    "text": truncate(label or value, MAX_BUTTON_TEXT),
                    "emoji": True,
                },
                "value": value[:MAX_BUTTON_VALUE],
            }
            for i, (value, label) in enumerate(options[start : start + MAX_ACTION_ELEMENTS])
        ]
        suffix = f":{start // MAX_ACTION_ELEMENTS}" if start else ""
        blocks.append(
            {"type": "actions", "block_id": truncate(block_id, MAX_ID - 4) + suffix, "elements": elements}
        )
    return blocks


def paginate(blocks: Sequence[Block], fallback: str, continued: str = "…") -> list[SlackMessage]:
    """Spreads blocks over messages of at most 50; a divider is never left at the end of a page."""
    pages: list[list[Block]] = []
    current: list[Block] = []
    for block in blocks:
        if len(current) == MAX_BLOCKS:
            pages.append(current)
            current = []
        if block["type"] == "divider" and not current:
            continue
        current.append(block)
    if current:
        pages.append(current)
    for page in pages:
        while page and page[-1]["type"] == "divider":
            page.pop()
    pages = [p for p in pages if p]
    first = truncate(fallback.strip() or continued, MAX_FALLBACK_TEXT)
    return [SlackMessage(text=first if i == 0 else continued, blocks=page) for i, page in enumerate(pages)]
