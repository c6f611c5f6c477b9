"""The true monthly cost (issue 12, parts 3, 6, 7 and 9): per-task defaults, reasoning, text size,
cache share, power by region, cost breakdown, priority and language-aware ranking, one break-even,
and litellm's cost functions as an outside oracle of the API arithmetic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os

import pytest

from advisor.engine import normalise_profile, recommend
from advisor.engine.cost import api_cost
from advisor.engine.profile import resolve
from advisor.engine.textsize import chars_to_tokens, pages_to_tokens, task_output_tokens, tokens_per_char
from advisor.kb.loader import get_kb
from advisor.kb.schema import ReasoningTokens

KB = get_kb()
TODAY = dt.date(2026, 11, 30)


def rec(**raw):
    return recommend(normalise_profile(raw, KB), KB, today=TODAY)


def resolved(**raw):
    return resolve(normalise_profile(raw, KB), KB)


def _parts_sum(c) -> float:
    return round(sum(v or 0.0 for v in c.cost_breakdown.model_dump().values()), 2)


@pytest.mark.parametrize(
    "raw",
    [
        {"tasks": ["chat"]},
        {"tasks": ["agents"], "volume": {"requests_per_day": 3000, "input_tokens": 6000}},
        {"tasks": ["rag"], "deployment": "on_prem", "hardware": [{"gpu": "A100 80GB", "count": 2}]},
        {"tasks": ["summarization"], "latency": "batch", "deployment": "private_cloud"},
    ],
)
def test_cost_breakdown_sums_to_monthly_cost(raw: dict) -> None:
    r = rec(**raw)
    for c in [r.primary, *r.alternatives]:
        assert c.cost_breakdown is not None
        assert _parts_sum(c) == pytest.approx(c.monthly_cost_usd, abs=0.011)
        if c.deployment == "api":
            assert c.cost_breakdown.gpu_usd is None and c.cost_breakdown.output_usd is not None
        else:
            parts = c.cost_breakdown
            assert parts.input_usd is None and (parts.gpu_usd is not None or parts.power_usd is not None)
            if c.hardware.rented:
                assert parts.power_usd is None and parts.gpu_usd > 0


def test_output_defaults_follow_the_task() -> None:
    assert (
        resolved(tasks=["translation"], volume={"requests_per_day": 10, "input_tokens": 2500}).output_tokens
        == 2500
    )
    assert resolved(tasks=["classification"]).output_tokens <= 10
    assert (
        resolved(tasks=["classification"], volume={"requests_per_day": 5, "output_tokens": 40}).output_tokens
        == 40
    )
    assert task_output_tokens(["classification", "summarization"], 1000) == 300  # the heaviest task


def test_characters_and_pages_become_tokens_by_language() -> None:
    assert chars_to_tokens(2000, "en") == pytest.approx(500)  # ~4 characters a token, not 2,000
    assert 0.6 * 2000 <= chars_to_tokens(2000, "ja", "o200k") <= 0.8 * 2000
    assert chars_to_tokens(2000, "ja") >= chars_to_tokens(2000, "ja", "o200k")
    assert pages_to_tokens(1, "en") == pytest.approx(750)
    assert pages_to_tokens(1, "ja", "o200k") == pytest.approx(1200 * 0.7)


JA_SAMPLE = (
    "当社は来年度から、顧客からの問い合わせ対応に大規模言語モデルを導入することを検討しています。"
    "対象となる業務は、製品の仕様に関する質問への回答、保守契約の内容確認、請求書の再発行手続きの案内などです。"
    "問い合わせの件数は一日あたり約三千件で、その多くは過去の回答履歴や社内マニュアルを参照すれば解決できます。"
    "一方で、個人情報や取引先の機密情報が含まれるため、データの保存場所と利用目的について厳格な管理が求められます。"
)
EN_SAMPLE = (
    "Next year we plan to introduce a large language model to handle customer enquiries. The work covers answering "
    "questions about product specifications, confirming the terms of maintenance contracts and guiding customers "
    "through the reissue of invoices. Because the messages contain personal data, where it is stored must be controlled."
)


@pytest.mark.parametrize("encoding,family", [("o200k_base", "o200k"), ("cl100k_base", "cl100k")])
def test_tokens_per_character_match_the_tokenizers(encoding: str, family: str) -> None:
    """The constants against tiktoken itself (offline, bundled tables): Japanese within 15%, English on
    the conservative (higher) side."""
    from advisor.kb.tokens import count_tokens

    ja = count_tokens(JA_SAMPLE, encoding) / len(JA_SAMPLE)
    en = count_tokens(EN_SAMPLE, encoding) / len(EN_SAMPLE)
    assert tokens_per_char("ja", family) == pytest.approx(ja, rel=0.15)
    assert en <= tokens_per_char("en", family) <= 2 * en


def test_cache_share_defaults_by_task_and_is_stated() -> None:
    agents = resolved(tasks=["agents"])
    assert agents.cached_share > 0.3 and any("cache" in str(a).lower() for a in agents.assumptions)
    assert resolved(tasks=["classification"]).cached_share == 0.0
    assert (
        resolved(tasks=["agents"], volume={"requests_per_day": 9, "cached_input_share": 0.1}).cached_share
        == 0.1
    )


def test_reasoning_tokens_are_billed_as_output() -> None:
    price = next(p for p in KB.current_prices("o3"))
    o3 = KB.models["o3"].model_copy(
        update={
            "reasoning_tokens": ReasoningTokens(
                low=1.0, medium=3.0, high=8.0, source="test multiplier", as_of=dt.date(2026, 1, 1)
            )
        }
    )
    r = resolved(
        tasks=["chat"],
        volume={
            "requests_per_day": 1000,
            "input_tokens": 1000,
            "output_tokens": 300,
            "cached_input_share": 0,
        },
    )
    plain, with_reasoning = api_cost(price, r), api_cost(price, r, model=o3)
    assert with_reasoning.parts.reasoning_usd == pytest.approx(3 * with_reasoning.parts.output_usd)
    assert with_reasoning.usd_month == pytest.approx(plain.usd_month + with_reasoning.parts.reasoning_usd)


def test_power_is_priced_by_region_from_the_knowledge_base() -> None:
    raw = {"tasks": ["chat"], "deployment": "on_prem", "hardware": [{"gpu": "A100 80GB", "count": 2}]}
    us, eu = rec(**raw, region="us"), rec(**raw, region="eu")
    assert us.primary.model_id == eu.primary.model_id
    assert us.primary.cost_breakdown.power_usd > 0 and eu.primary.cost_breakdown.power_usd > 0
    assert us.primary.cost_breakdown.power_usd != eu.primary.cost_breakdown.power_usd
    assert any(
        "eia.gov" in str(a) or "Electricity" in str(a) for a in [us.primary.cost.basis, *us.assumptions]
    )


def test_priority_moves_the_ranking() -> None:
    base = {
        "tasks": ["coding"],
        "volume": {"requests_per_day": 20_000, "input_tokens": 3000, "output_tokens": 800},
    }
    quality, cost = rec(**base, priority="quality"), rec(**base, priority="cost")
    assert quality.primary.model_id != cost.primary.model_id
    assert cost.primary.monthly_cost_usd < quality.primary.monthly_cost_usd


def test_japanese_tuned_variant_wins_only_where_japanese_matters() -> None:
    tuned = {m.id for m in KB.models.values() if m.japanese and m.japanese.specialised}
    english = rec(
        tasks=["summarization"],
        languages=["en"],
        deployment="on_prem",
        hardware=[{"gpu": "A100 80GB", "count": 2}],
    )
    assert english.primary.model_id not in tuned
    japanese = rec(
        tasks=["summarization"],
        languages=["ja"],
        deployment="on_prem",
        hardware=[{"gpu": "A100 80GB", "count": 2}],
    )
    assert japanese.primary.model_id in tuned


def test_one_break_even_figure_in_the_text_and_the_json() -> None:
    r = rec(
        tasks=["chat"],
        hardware=[{"gpu": "H100", "count": 8}],
        volume={"requests_per_day": 200_000, "input_tokens": 1000, "output_tokens": 300},
    )
    be = r.primary.cost.break_even_requests_per_day
    assert be is not None
    assert any(f"{be:,.0f}" in str(a) for a in r.advice)


# --- litellm as an outside oracle (offline, its bundled map; test-only dependency) ----------------


def _litellm():
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    module = pytest.importorskip("litellm")
    logging.getLogger("LiteLLM").setLevel(logging.ERROR)  # it warns about every custom-priced model
    return module


def test_api_cost_agrees_with_litellm_on_every_kb_price() -> None:
    litellm = _litellm()
    r = resolved(
        tasks=["chat"],
        volume={
            "requests_per_day": 1000,
            "input_tokens": 1500,
            "output_tokens": 400,
            "cached_input_share": 0.25,
        },
    )
    batch = dataclasses.replace(r, latency="batch")
    checked = 0
    for model_id in sorted(KB.prices_by_model):
        for price in KB.current_prices(model_id):
            for case, res in (("std", r), ("batch", batch)):
                if case == "batch" and (price.batch_input is None or price.batch_output is None):
                    continue
                p_in = price.batch_input if case == "batch" else price.input
                p_out = price.batch_output if case == "batch" else price.output
                name = f"kb-oracle/{price.provider}/{model_id}/{case}"
                entry = {
                    "input_cost_per_token": p_in / 1e6,
                    "output_cost_per_token": p_out / 1e6,
                    "litellm_provider": "openai",
                    "mode": "chat",
                }
                if price.cached_input is not None:
                    entry["cache_read_input_token_cost"] = price.cached_input / 1e6
                litellm.register_model({name: entry})
                cached = res.input_tokens * res.cached_share if price.cached_input is not None else 0
                tin, tout = litellm.cost_per_token(
                    model=name,
                    prompt_tokens=int(res.input_tokens),
                    completion_tokens=int(res.output_tokens),
                    cache_read_input_tokens=int(cached),
                    custom_llm_provider="openai",
                )
                oracle = (tin + tout) * res.requests_per_day * 30
                ours = api_cost(price, res).usd_month
                if price.long_context is None or res.input_tokens <= price.long_context.above_tokens:
                    assert ours == pytest.approx(oracle, rel=1e-9), name
                    checked += 1
    assert checked >= 100


def test_cost_is_per_text_not_per_token_for_japanese() -> None:
    price = next(p for p in KB.current_prices("gpt-4o"))
    generic = KB.models["gpt-4o"].model_copy(update={"tokenizer": None})
    o200k = KB.models["gpt-4o"].model_copy(update={"tokenizer": "o200k_base"})
    vol = {"requests_per_day": 1000, "input_tokens": 2000, "output_tokens": 500, "cached_input_share": 0}
    ja, en = resolved(languages=["ja"], volume=vol), resolved(languages=["en"], volume=vol)
    ratio = tokens_per_char("ja", "o200k") / tokens_per_char("ja")  # ~0.64: o200k packs Japanese tighter
    assert api_cost(price, ja, model=o200k).usd_month == pytest.approx(
        ratio * api_cost(price, ja, model=generic).usd_month
    )
    assert api_cost(price, en, model=o200k).usd_month == pytest.approx(
        api_cost(price, en, model=generic).usd_month
    )
