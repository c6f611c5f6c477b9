"""Regression tests for the advisor fixes the transcript suite led to (understanding and engine).

Each case is a phrase an expert user wrote in a transcript that the advisor misread, or an
engine ranking an expert would reject; the suite shows them end to end, these pin the root cause.
"""

from __future__ import annotations

from typing import Any

import pytest
from eval_support import kb
from message_probes import words

from advisor.agent.understand import understand
from advisor.engine import normalise_profile, recommend
from advisor.engine.screen import budget_penalty


def _read(text: str, slot: str | None = None) -> dict[str, Any]:
    return dict(understand(text, pending_slot=slot, kb=kb(), profile={}, lang=None).updates)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They're internal but nothing regulated or secret.", {"data_sensitivity": "internal"}),
        ("Nothing may leave the laptop.", {"deployment": "on_prem"}),
        ("We self-host on our own 2 x A100 80GB.", {"deployment": "on_prem"}),
        ("A small model on a single L4 GPU we own.", {"deployment": "on_prem"}),
        ("We are a German company.", {"region": "eu"}),
        ("院内のサーバーでしか扱えません。", {"deployment": "on_prem"}),
        ("チャットモデルを自社GPUで動かしたいです。", {"deployment": "on_prem"}),
        ("手元のMacBook Pro（M3 Max、メモリ128GB）だけで動かしたいです。", {"deployment": "on_prem"}),
        ("外部APIを使って構いません。", {"deployment": "any"}),
        ("APIの利用は問題ありません。", {"deployment": "any"}),
        (
            "銀行です。融資審査のメモを要約したいのですが、顧客の個人情報を含みます。",
            {"data_sensitivity": "regulated"},
        ),
    ],
)
def test_phrases_from_the_suite_are_understood(text: str, expected: dict[str, Any]) -> None:
    got = _read(text)
    assert {k: got.get(k) for k in expected} == expected, got


def test_german_company_is_a_region_not_a_language() -> None:
    assert "languages" not in _read("We are a German company.")


def test_personal_data_negated_in_japanese_is_not_appi() -> None:
    assert "regulations" not in _read("社外秘ではありますが個人情報はなく、APIの利用は問題ありません。")


@pytest.mark.parametrize(
    ("text", "gpu"),
    [
        ("locally on my MacBook Air with an M2 and 16GB of memory", "M2 16GB"),
        ("MacBook Pro（M3 Max、メモリ128GB）", "M3 Max 128GB"),
    ],
)
def test_apple_memory_joined_to_the_chip(text: str, gpu: str) -> None:
    assert _read(text)["hardware"] == [{"gpu": gpu, "count": 1}]


def test_volume_in_tasks_and_shared_token_unit() -> None:
    assert _read("About 3,000 tasks a day, 4,000 tokens in and 500 out.", "volume")["volume"] == {
        "requests_per_day": 3000,
        "input_tokens": 4000,
        "output_tokens": 500,
    }
    vol = _read("5,000 questions a day with 2,000 input and 300 output tokens")["volume"]
    assert vol == {"requests_per_day": 5000, "input_tokens": 2000, "output_tokens": 300}


def test_two_workloads_joined_by_and() -> None:
    got = _read(
        "Drafting marketing emails, which is just internal data and can use any API, and searching "
        "patient records, which are regulated and must stay on our own servers."
    )
    assert sorted(w["data_sensitivity"] for w in got["workloads"]) == ["internal", "regulated"]


def test_budget_penalty_keeps_ranking_when_everything_is_over_budget() -> None:
    assert budget_penalty(100, 200) == 0.0
    assert budget_penalty(20 * 1000, 20) > budget_penalty(20 * 100, 20) > budget_penalty(40, 20) > 0


def test_over_budget_everywhere_picks_a_cheap_option_not_the_dearest() -> None:
    raw = {
        "tasks": ["chat"],
        "data_sensitivity": "public",
        "deployment": "any",
        "budget_usd_month": 20,
        "volume": {"requests_per_day": 500000, "input_tokens": 3000, "output_tokens": 500},
    }
    rec = recommend(normalise_profile(raw, kb()), kb())
    assert rec.primary is not None and rec.primary.family not in ("claude", "o-series")
    assert any(w.code == "over_budget" for w in rec.warnings)


def test_plan_that_needs_buying_gpus_is_a_warning() -> None:
    raw = {
        "tasks": ["summarization"],
        "data_sensitivity": "regulated",
        "deployment": "air_gapped",
        "hardware": [],
        "can_rent_gpus": False,
    }
    rec = recommend(normalise_profile(raw, kb()), kb())
    assert rec.primary is not None and rec.primary.hardware is not None and rec.primary.hardware.procure
    assert any(w.code == "hardware" and "buy" in words(w.text) for w in rec.warnings)


def test_polite_japanese_renting() -> None:
    got = _read("GPUは持っていませんが借りられます。")
    assert got["can_rent_gpus"] is True and got["hardware"] == []


def test_regulated_data_on_an_api_asks_region_first() -> None:
    from advisor.agent.next_question import next_slot

    brief = {"tasks": ["classification"], "data_sensitivity": "regulated", "deployment": "any"}
    assert next_slot(brief, asked=[], first_filled=3) == "region"
