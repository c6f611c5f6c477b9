"""Slack's documented Block Kit limits, as one check every Slack test applies to what it posts."""

from __future__ import annotations

from typing import Any

from advisor.adapters.slack import blocks as bk

MAX_SELECT_OPTIONS = 100
MAX_OPTION_TEXT = 75


def _plain(element: dict[str, Any], key: str) -> str:
    return str((element.get(key) or {}).get("text", ""))


def _element_problems(i: int, e: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if e["type"] == "button":
        if (
            not 0 < len(_plain(e, "text")) <= bk.MAX_BUTTON_TEXT
            or len(e.get("value", "")) > bk.MAX_BUTTON_VALUE
        ):
            found.append(f"{i}: button")
    elif e["type"] == "static_select":
        options = e.get("options") or []
        if not 0 < len(options) <= MAX_SELECT_OPTIONS or len(_plain(e, "placeholder")) > 150:
            found.append(f"{i}: select")
        if any(len(_plain(o, "text")) > MAX_OPTION_TEXT or len(o["value"]) > 150 for o in options):
            found.append(f"{i}: select option")
    return found


def violations(blocks: list[dict[str, Any]]) -> list[str]:
    """Every way a message breaks a documented Block Kit limit: ≤ 50 blocks, header ≤ 150, section text
    ≤ 3000 and ≤ 10 fields of ≤ 2000, context ≤ 10 elements, actions ≤ 25 elements with button text ≤ 75,
    unique action_ids and block_ids."""
    found = [f"{len(blocks)} blocks"] if len(blocks) > bk.MAX_BLOCKS else []
    action_ids: list[str] = []
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    for i, b in enumerate(blocks):
        kind = b["type"]
        if kind == "header" and not 0 < len(b["text"]["text"]) <= bk.MAX_HEADER_TEXT:
            found.append(f"{i}: header {len(b['text']['text'])}")
        if kind == "section":
            if "text" in b and not 0 < len(b["text"]["text"]) <= bk.MAX_SECTION_TEXT:
                found.append(f"{i}: section text {len(b['text']['text'])}")
            fields = b.get("fields", [])
            if "text" not in b and not fields:
                found.append(f"{i}: empty section")
            if len(fields) > bk.MAX_FIELDS or any(
                not 0 < len(f["text"]) <= bk.MAX_FIELD_TEXT for f in fields
            ):
                found.append(f"{i}: fields")
        if kind == "context":
            els = b["elements"]
            if not 0 < len(els) <= bk.MAX_CONTEXT_ELEMENTS or any(
                len(e["text"]) > bk.MAX_CONTEXT_TEXT for e in els
            ):
                found.append(f"{i}: context")
        if kind == "actions":
            els = b["elements"]
            if not 0 < len(els) <= bk.MAX_ACTION_ELEMENTS:
                found.append(f"{i}: actions {len(els)}")
            for e in els:
                action_ids.append(e["action_id"])
                found += _element_problems(i, e)
    if len(action_ids) != len(set(action_ids)):
        found.append("duplicate action_id")
    if len(block_ids) != len(set(block_ids)):
        found.append("duplicate block_id")
    return found
