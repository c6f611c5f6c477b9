"""Every sentence the agent writes through msg() has a Japanese translation with the same placeholders."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import advisor.agent as agent_pkg
from advisor.agent import basis, pending

AGENT = Path(agent_pkg.__file__).parent
PO = AGENT.parent / "locale" / "ja" / "LC_MESSAGES" / "advisor.po"


def _msgids() -> set[str]:
    ids: set[str] = set()
    for path in AGENT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("msg", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                ids.add(node.args[0].value)
    ids |= set(basis.DEPLOYMENT_WORDS.values()) | set(basis.SENSITIVITY_WORDS.values())
    ids |= set(pending._SLOT_NAMES.values())
    return ids


def _catalogue() -> dict[str, str]:
    with PO.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_agent_message_is_translated() -> None:
    missing = sorted(i for i in _msgids() if not _catalogue().get(i))
    assert not missing, missing


@pytest.mark.parametrize("msgid", sorted(_msgids()))
def test_placeholders_match(msgid: str) -> None:
    translation = _catalogue().get(msgid, "")
    assert _fields(translation) == _fields(msgid)
    # a Japanese sentence holds no English words (placeholders and acronyms aside)
    assert not re.search(r"[A-Za-z]{4,}", re.sub(r"\{\w+\}|BAA|HIPAA|DPA|API|GPU|LLM", "", translation)), (
        translation
    )
