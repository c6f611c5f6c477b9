"""Merging the LLM's reading with the rules': the rules win on hard constraints; injection changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

from advisor.agent.llm import HardwareMention, ProfileUpdate
from advisor.agent.merge import apply_updates, llm_updates, merge_intent, merge_understanding

KB = SimpleNamespace(models={}, gpus={})


def test_apply_updates_unions_tags_merges_volume_and_replaces_budget() -> None:
    profile = {"tasks": ["rag"], "volume": {"requests_per_day": 100}, "budget_usd_month": 50}
    out = apply_updates(
        profile,
        {
            "tasks": ["summarization", "rag"],
            "volume": {"input_tokens": 2000},
            "budget": {"amount": 30000, "currency": "JPY", "period": "month"},
        },
    )
    assert out["tasks"] == ["rag", "summarization"]
    assert out["volume"] == {"requests_per_day": 100, "input_tokens": 2000}
    assert "budget_usd_month" not in out and out["budget"]["currency"] == "JPY"
    assert profile["tasks"] == ["rag"]  # the input is not mutated


def test_llm_updates_shape_matches_the_rules() -> None:
    read = ProfileUpdate(
        tasks=["summarization"],
        budget_amount=300000,
        budget_currency="jpy",
        requests_per_day=500,
        hardware=[HardwareMention(gpu="A100 80GB", count=2)],
    )
    assert llm_updates(read) == {
        "tasks": ["summarization"],
        "budget": {"amount": 300000, "currency": "JPY", "period": "month"},
        "volume": {"requests_per_day": 500},
        "hardware": [{"gpu": "A100 80GB", "count": 2}],
    }
    assert llm_updates(ProfileUpdate(budget_amount=2000)) == {"budget_usd_month": 2000}
    assert llm_updates(ProfileUpdate(no_gpus=True)) == {"hardware": []}


def test_rules_win_and_llm_fills_gaps() -> None:
    notes: list[str] = []
    merged = merge_understanding(
        {"data_sensitivity": "regulated"},
        {"data_sensitivity": "public", "latency": "batch"},
        {},
        injection=False,
        kb=KB,
        notes=notes,
    )
    assert merged == {"data_sensitivity": "regulated", "latency": "batch"}


def test_llm_cannot_change_a_filled_hard_constraint() -> None:
    notes: list[str] = []
    merged = merge_understanding(
        {}, {"deployment": "any"}, {"deployment": "on_prem"}, injection=False, kb=KB, notes=notes
    )
    assert merged == {} and notes


def test_injection_blocks_every_hard_constraint_from_the_llm() -> None:
    notes: list[str] = []
    merged = merge_understanding(
        {},
        {"data_sensitivity": "public", "deployment": "any", "latency": "batch"},
        {},
        injection=True,
        kb=KB,
        notes=notes,
    )
    assert merged == {"latency": "batch"}
    assert merge_intent("other", "change", injection=True) == "other"


def test_llm_tasks_must_be_known() -> None:
    notes: list[str] = []
    assert (
        merge_understanding({}, {"tasks": ["world-domination"]}, {}, injection=False, kb=KB, notes=notes)
        == {}
    )
    assert merge_intent("inform", "why_not", injection=False) == "why_not"
    assert merge_intent("compare", "why_not", injection=False) == "compare"
