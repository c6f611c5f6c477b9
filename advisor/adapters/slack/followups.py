"""Follow-up buttons under a recommendation card: "Why not <runner-up>?", "Compare", "What if…" (a menu)
and "Start over".

A button carries a structured value (``{"do": "why_not", "model": "<id>"}``), never a sentence; the
click is turned into the user's words in the thread's language only when it reaches the service
(``followup_text``), so a Japanese thread stays Japanese and the service reads the same phrase a
person would type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.adapters.names import Names
from advisor.adapters.slack.blocks import MAX_BUTTON_TEXT, Block
from advisor.adapters.slack.labels import label
from advisor.adapters.slack.mrkdwn import truncate

FOLLOWUP_PREFIX = "advisor_followup"
FOLLOWUP_BLOCK = "advisor_followups"
KINDS = ("why_not", "compare", "what_if", "restart")
WHAT_IFS = ("volume_x2", "volume_x10", "volume_half")


@dataclass(frozen=True)
class Followup:
    """What a click asks: ``kind`` one of KINDS; ``model`` for why_not, ``case`` for what_if."""

    kind: str
    model: str = ""
    case: str = ""

    def encode(self) -> str:
        data = {"do": self.kind, "model": self.model, "case": self.case}
        return json.dumps({k: v for k, v in data.items() if v}, separators=(",", ":"))


def decode(value: str) -> Followup | None:
    """The follow-up a button value stands for; None for anything that is not one of ours."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("do") not in KINDS:
        return None
    followup = Followup(str(data["do"]), str(data.get("model") or ""), str(data.get("case") or ""))
    if followup.kind == "what_if" and followup.case not in WHAT_IFS:
        return None
    if followup.kind == "why_not" and not followup.model:
        return None
    return followup


def followup_text(followup: Followup, lang: str) -> str:
    """The user's words for a click, as the service reads them."""
    if followup.kind == "why_not":
        return label(lang, "ask.why_not", model=followup.model)
    if followup.kind == "what_if":
        return label(lang, f"ask.{followup.case}")
    return label(lang, f"ask.{followup.kind}")


def _text(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT), "emoji": True}


def _button(followup: Followup, text: str) -> Block:
    return {
        "type": "button",
        "action_id": f"{FOLLOWUP_PREFIX}:{followup.kind}",
        "text": _text(text),
        "value": followup.encode(),
    }


def followup_blocks(rec: Mapping[str, Any], lang: str, names: Names) -> list[Block]:
    """One actions block; buttons about other models only when there is a runner-up to ask about."""
    alternatives = rec.get("alternatives") or []
    elements: list[Block] = []
    if rec.get("primary") and alternatives:
        runner_up = alternatives[0]
        elements.append(
            _button(
                Followup("why_not", model=str(runner_up.get("model_id"))),
                label(lang, "btn.why_not", name=names.candidate(runner_up)),
            )
        )
        elements.append(_button(Followup("compare"), label(lang, "btn.compare")))
    if rec.get("primary"):
        elements.append(
            {
                "type": "static_select",
                "action_id": f"{FOLLOWUP_PREFIX}:what_if",
                "placeholder": _text(label(lang, "btn.what_if")),
                "options": [
                    {
                        "text": _text(label(lang, f"whatif.{case}")),
                        "value": Followup("what_if", case=case).encode(),
                    }
                    for case in WHAT_IFS
                ],
            }
        )
    elements.append(_button(Followup("restart"), label(lang, "btn.restart")))
    return [{"type": "actions", "block_id": FOLLOWUP_BLOCK, "elements": elements}]


def clicked_value(action: Mapping[str, Any]) -> str:
    """A button's value, or the option picked in a menu."""
    selected = action.get("selected_option") or {}
    return str(selected.get("value") or action.get("value") or "")


def clicked_label(action: Mapping[str, Any]) -> str:
    """What the user saw and clicked, in plain text: "Why not Llama 3.3 70B?", "What if… the volume doubles"."""
    selected = action.get("selected_option") or {}
    if selected:
        return f"{(action.get('placeholder') or {}).get('text', '')} {(selected.get('text') or {}).get('text', '')}".strip()
    return str((action.get("text") or {}).get("text") or "")
