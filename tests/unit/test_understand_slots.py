"""Answers to the pending question: every option value round-trips, and short replies are read
against the slot being asked (or deliberately not)."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.agent.understand import OPTION_UPDATES, SLOT_OPTIONS, understand
from advisor.agent.understand.slots import option_label
from advisor.engine.models import SLOTS

# every option with its label in both languages (the Japanese from the gettext catalogue)
OPTIONS = [
    (slot, value, option_label(en, "en"), option_label(en, "ja"))
    for slot, opts in SLOT_OPTIONS.items()
    for value, en in opts
]


def test_every_contract_slot_has_options_with_both_labels() -> None:
    assert set(SLOT_OPTIONS) == set(SLOTS)
    for slot, opts in SLOT_OPTIONS.items():
        values = [v for v, _ in opts]
        assert len(values) == len(set(values)), slot
        assert all(
            (option_label(en, "en") and option_label(en, "ja") != en) or en == "EU" for _, en in opts
        ), slot
        assert "don't know" in values, slot


@pytest.mark.parametrize(
    ("slot", "value", "label_en", "label_ja"), OPTIONS, ids=[f"{o[0]}={o[1]}" for o in OPTIONS]
)
def test_option_value_and_labels_round_trip(slot: str, value: str, label_en: str, label_ja: str) -> None:
    for text in (value, label_en, label_ja):
        u = understand(text, pending_slot=slot)
        if value == "don't know" or (slot == "budget" and value == "over $10,000"):
            assert u.updates == {}
            assert u.unknown_slots == [slot]
        else:
            assert u.updates == OPTION_UPDATES[slot][value], text
            assert u.unknown_slots == []
        assert u.intent == "inform"


def test_option_updates_are_copies() -> None:
    u = understand("A100 80GB x2", pending_slot="hardware")
    u.updates["hardware"][0]["count"] = 99
    assert OPTION_UPDATES["hardware"]["A100 80GB x2"]["hardware"][0]["count"] == 2


SHORT: list[tuple[str, str, dict[str, Any], list[str]]] = [
    ("budget", "500", {"budget_usd_month": 500}, []),
    ("budget", "$2,000", {"budget_usd_month": 2000}, []),
    ("budget", "3万円", {"budget": {"amount": 30000, "currency": "JPY", "period": "month"}}, []),
    ("budget", "月5万円くらい", {"budget": {"amount": 50000, "currency": "JPY", "period": "month"}}, []),
    ("budget", "わからない", {}, ["budget"]),
    ("budget", "No idea", {}, ["budget"]),
    ("budget", "none", {}, ["budget"]),
    ("budget", "特になし", {}, ["budget"]),
    ("budget", "任せます", {}, ["budget"]),
    ("hardware", "2", {}, []),
    ("hardware", "1枚", {}, []),
    ("hardware", "none", {"hardware": []}, []),
    ("hardware", "特になし", {"hardware": []}, []),
    ("hardware", "いいえ", {"hardware": []}, []),
    ("hardware", "no", {"hardware": []}, []),
    ("hardware", "はい", {}, []),
    ("hardware", "2 A100s", {"hardware": [{"gpu": "A100", "count": 2}]}, []),
    ("hardware", "H100が8台", {"hardware": [{"gpu": "H100", "count": 8}]}, []),
    ("hardware", "GPUはないけどレンタルはできる", {"hardware": [], "can_rent_gpus": True}, []),
    ("hardware", "not sure", {}, ["hardware"]),
    ("data_sensitivity", "はい", {}, []),
    ("data_sensitivity", "yes", {}, []),
    ("data_sensitivity", "社外秘です", {"data_sensitivity": "confidential"}, []),
    ("data_sensitivity", "わかりません", {}, ["data_sensitivity"]),
    ("volume", "500", {"volume": {"requests_per_day": 500}}, []),
    ("volume", "500件", {"volume": {"requests_per_day": 500}}, []),
    ("volume", "1日300件", {"volume": {"requests_per_day": 300}}, []),
    ("volume", "about 3,000 a month", {"volume": {"requests_per_day": 100}}, []),
    ("volume", "未定", {}, ["volume"]),
    ("context", "32k", {"context_tokens": 32000}, []),
    ("context", "100 pages", {"context_tokens": 50000}, []),
    ("context", "20万トークン", {"context_tokens": 200000}, []),
    ("commercial_use", "yes", {"commercial_use": True}, []),
    ("commercial_use", "いいえ", {"commercial_use": False}, []),
    ("commercial_use", "はい", {"commercial_use": True}, []),
    ("region", "Japan", {"region": "jp"}, []),
    ("region", "日本", {"region": "jp"}, []),
    ("region", "ドイツです", {"region": "eu"}, []),
    ("languages", "日本語", {"languages": ["ja"]}, []),
    ("languages", "English and Japanese", {"languages": ["en", "ja"]}, []),
    ("deployment", "任せます", {}, ["deployment"]),
    ("deployment", "skip", {}, ["deployment"]),
    ("deployment", "オンプレミス", {"deployment": "on_prem"}, []),
    ("tasks", "要約", {"tasks": ["summarization"]}, []),
    ("tasks", "社内マニュアルの検索", {"data_sensitivity": "internal", "tasks": ["rag"]}, []),
]


@pytest.mark.parametrize(("slot", "text", "updates", "unknown"), SHORT, ids=[f"{s[0]}:{s[1]}" for s in SHORT])
def test_short_answer_for_pending_slot(
    slot: str, text: str, updates: dict[str, Any], unknown: list[str]
) -> None:
    u = understand(text, pending_slot=slot)
    assert u.updates == updates
    assert u.unknown_slots == unknown


def test_bare_budget_number_in_a_japanese_conversation_is_yen() -> None:
    u = understand("50000", pending_slot="budget", lang="ja")
    assert u.updates == {"budget": {"amount": 50000, "currency": "JPY", "period": "month"}}
    assert u.lang == "ja"
    assert u.notes == ["通貨の指定がないため、月額円として扱いました。"]


def test_count_alone_is_noted_not_applied() -> None:
    u = understand("2", pending_slot="hardware")
    assert u.updates == {}
    assert u.notes == ["2 GPU(s), but which model? Hardware left open."]


def test_count_completes_the_one_known_gpu() -> None:
    profile = {"hardware": [{"gpu": "A100 80GB", "count": 1}]}
    u = understand("2", pending_slot="hardware", profile=profile)
    assert u.updates == {"hardware": [{"gpu": "A100 80GB", "count": 2}]}


def test_nonsense_yes_changes_nothing_and_says_so() -> None:
    u = understand("はい", pending_slot="data_sensitivity")
    assert u.updates == {}
    assert u.notes == ["「はい」は data_sensitivity の質問への答えとして解釈できないため、変更していません。"]


def test_unknown_named_slot_wins_over_pending_slot() -> None:
    u = understand("予算はわからないけど、A100が2枚あります", pending_slot="hardware")
    assert u.updates == {"hardware": [{"gpu": "A100", "count": 2}]}
    assert u.unknown_slots == ["budget"]
