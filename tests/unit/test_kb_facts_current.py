"""The facts issue 13 found wrong or missing, pinned with the source they now cite.

Each test names the corrected value and checks that the entry cites the source it came from, so a
later edit cannot silently bring back the old figure or drop the provenance.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from advisor.kb import load_kb
from advisor.kb.litellm_names import ModelMatcher
from advisor.kb.loader import KnowledgeBase

KB_DIR = Path(__file__).resolve().parents[2] / "knowledge"
TODAY = dt.date(2026, 11, 30)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(KB_DIR, today=TODAY)


def test_targets_of_issue_13(kb: KnowledgeBase) -> None:
    models = list(kb.models.values())
    assert len(models) >= 250
    assert sum(m.open_weights for m in models) >= 120
    assert sum(bool(m.japanese and m.japanese.specialised) for m in models) >= 25
    assert len(kb.providers) >= 40
    assert len(kb.licences) >= 35
    assert len(kb.gpus) >= 45


@pytest.mark.parametrize(
    ("gpu", "bandwidth", "cited"),
    [
        ("nvidia-a100-80gb", 2039, "glennklockwood.com/garden/processors/A100"),
        ("apple-m1-16gb", 68, "llmcheck.net"),
        ("nvidia-h100-pcie", 2000, "PB-11133-001"),
        ("nvidia-l40s", 864, "L40/L40S datasheet"),
        ("nvidia-gh200", 4000, "lambda.ai"),
        ("apple-m3-pro-36gb", 150, "llmcheck.net"),
    ],
)
def test_corrected_bandwidth_with_its_source(
    kb: KnowledgeBase, gpu: str, bandwidth: float, cited: str
) -> None:
    g = kb.gpus[gpu]
    assert g.bandwidth_gbps == bandwidth
    assert cited in (g.source or "") + " ".join(r.source or "" for r in g.rental)


def test_gh200_bandwidth_note_names_the_announcement(kb: KnowledgeBase) -> None:
    assert "4 TB/s" in (kb.gpus["nvidia-gh200"].notes or "")


@pytest.mark.parametrize(
    "gpu", ["nvidia-h100-sxm", "nvidia-h100-pcie", "nvidia-h200", "nvidia-l40s", "amd-mi300x"]
)
def test_fp8_recorded_where_the_hardware_has_it(kb: KnowledgeBase, gpu: str) -> None:
    assert kb.gpus[gpu].fp8 is True


def test_ampere_has_no_fp8_and_blackwell_has_fp4(kb: KnowledgeBase) -> None:
    assert kb.gpus["nvidia-a100-80gb"].fp8 is False
    for gpu in ("nvidia-b200", "nvidia-b300", "nvidia-rtx-5090", "nvidia-rtx-pro-6000", "amd-mi355x"):
        assert kb.gpus[gpu].fp4 is True, gpu


def test_new_accelerators_present(kb: KnowledgeBase) -> None:
    expected = {
        "nvidia-rtx-5090": 32,
        "nvidia-rtx-pro-6000": 96,
        "nvidia-b300": 288,
        "amd-mi325x": 256,
        "amd-mi355x": 288,
        "nvidia-dgx-spark": 128,
        "intel-gaudi-3": 128,
        "apple-m4-16gb": 16,
        "apple-m5-16gb": 16,
        "apple-m5-max-128gb": 128,
    }
    for gpu, memory in expected.items():
        assert kb.gpus[gpu].memory_gb == memory, gpu
        assert kb.gpus[gpu].bandwidth_gbps, gpu


def test_h100_rentals_are_dated_and_post_cut(kb: KnowledgeBase) -> None:
    rentals = kb.gpus["nvidia-h100-sxm"].rental
    assert not [r for r in rentals if r.usd_per_hour == 1.65], "the undated $1.65/h quote is gone"
    aws = [r for r in rentals if r.provider == "aws"]
    assert not [r for r in aws if r.usd_per_hour > 10], "pre-June-2025 P5 on-demand price removed"
    on_demand = [r for r in aws if r.instance == "p5.48xlarge"]
    assert on_demand and "June 2025" in (on_demand[0].tier or "")


def test_every_rental_has_a_trust_tier(kb: KnowledgeBase) -> None:
    for g in kb.gpus.values():
        for r in g.rental:
            assert r.trust is not None, (g.id, r.provider)
            if r.provider == "vast.ai" or (r.provider == "runpod" and "Community" in (r.tier or "")):
                assert r.trust == "community", (g.id, r.provider, r.tier)
            if r.provider in ("aws", "gcp"):
                assert r.trust == "hyperscaler"


def test_mistral_large_3_is_open_weights_under_apache(kb: KnowledgeBase) -> None:
    m = kb.models["mistral-large-3"]
    assert m.open_weights and m.licence == "apache-2.0"
    assert (m.params_total_b, m.params_active_b) == (675, 41)
    assert "bearplex.com" in (m.source or "")


@pytest.mark.parametrize(
    ("mid", "total", "active", "context"),
    [
        ("deepseek-v4-pro", 1600, 49, 1_000_000),
        ("deepseek-v4-flash", 284, 13, 1_000_000),
        ("deepseek-v3.2", 685, 37, 163_840),
        ("deepseek-v3.1", 671, 37, 131_072),
    ],
)
def test_deepseek_current_line_is_mit(
    kb: KnowledgeBase, mid: str, total: float, active: float, context: int
) -> None:
    m = kb.models[mid]
    assert m.open_weights and m.licence == "mit"
    assert (m.params_total_b, m.params_active_b, m.context_window) == (total, active, context)


def test_gemma_4_is_apache_and_graded_from_its_card(kb: KnowledgeBase) -> None:
    for mid in ("gemma-4-31b", "gemma-4-26b-a4b", "gemma-4-e4b", "gemma-4-e2b"):
        assert kb.models[mid].licence == "apache-2.0", mid
    g = kb.models["gemma-4-31b"]
    assert g.japanese is not None and g.japanese.level == "strong"
    assert any(b.name.startswith("MMMLU") and b.score == 88.4 and b.self_reported for b in g.benchmarks)


def test_gpt_oss_ships_mxfp4_with_alternating_windows(kb: KnowledgeBase) -> None:
    for mid, full in (("gpt-oss-120b", 18), ("gpt-oss-20b", 12)):
        m = kb.models[mid]
        assert m.native_precision == "mxfp4" and m.tokenizer == "o200k_harmony", mid
        assert m.architecture is not None
        assert (m.architecture.sliding_window, m.architecture.full_attention_layers) == (128, full), mid
        assert m.architecture.layers == 2 * full


def test_gemma_3_local_global_layout(kb: KnowledgeBase) -> None:
    arch = kb.models["gemma-3-27b"].architecture
    assert arch is not None and arch.sliding_window == 1024 and arch.full_attention_layers == 10


def test_openai_models_name_their_tiktoken_encoding(kb: KnowledgeBase) -> None:
    for mid in ("gpt-4o", "gpt-5", "gpt-5.5", "gpt-5.4"):
        assert kb.models[mid].tokenizer == "o200k_base", mid


@pytest.mark.parametrize(
    ("litellm_key", "model_id"),
    [
        ("gpt-5.4-2026-03-05", "gpt-5.4"),
        ("claude-sonnet-5", "claude-sonnet-5"),
        ("claude-opus-4-7", "claude-opus-4.7"),
        ("gemini/gemini-3.1-pro-preview", "gemini-3.1-pro"),
        ("gemini/gemini-3.8-flash", "gemini-3.8-flash"),
        ("xai/grok-4.7", "grok-4.7"),
        ("deepseek/deepseek-v4-pro", "deepseek-v4-pro"),
        ("moonshot/kimi-k2.6", "kimi-k2.6"),
        ("zai/glm-5.1", "glm-5.1"),
        ("mistral/mistral-medium-3.5", "mistral-medium-3.5"),
    ],
)
def test_new_api_models_map_from_litellm_names(kb: KnowledgeBase, litellm_key: str, model_id: str) -> None:
    found = ModelMatcher.from_kb(kb).match(litellm_key)
    assert found is not None and found[0] == model_id


def test_claude_consumer_training_is_on_by_default(kb: KnowledgeBase) -> None:
    consumer = kb.providers["anthropic-claude-consumer"]
    assert consumer.trains_on_customer_data_by_default is True
    assert "2025-08-28" in (consumer.training_note or "")
    assert kb.providers["anthropic-claude-for-work"].trains_on_customer_data_by_default is False


@pytest.mark.parametrize(
    ("pid", "region"),
    [
        ("azure-openai-eu", "eu"),
        ("azure-openai-jp", "jp"),
        ("aws-bedrock-eu", "eu"),
        ("aws-bedrock-jp", "jp"),
        ("google-vertex-ai-eu", "eu"),
        ("google-vertex-ai-jp", "jp"),
    ],
)
def test_regional_endpoints_carry_residency(kb: KnowledgeBase, pid: str, region: str) -> None:
    p = kb.providers[pid]
    assert p.residency_regions == [region]
    assert p.trains_on_customer_data_by_default is False
    assert "docs" in (p.source or "") or "learn.microsoft.com" in (p.source or "")


def test_azure_baa_comes_with_the_dpa(kb: KnowledgeBase) -> None:
    for pid in ("azure-openai", "azure-openai-eu", "azure-openai-jp"):
        p = kb.providers[pid]
        assert p.baa_available is True and p.dpa_available is True, pid
        assert "DPA" in (p.source or ""), pid


def test_xai_is_a_provider_with_its_documented_retention(kb: KnowledgeBase) -> None:
    api = kb.providers["xai-api"]
    assert api.trains_on_customer_data_by_default is False and api.retention_days == 30
    assert "docs.x.ai" in (api.source or "")
    assert kb.providers["xai-grok-consumer"].trains_on_customer_data_by_default is True


def test_licence_conditions_have_japanese_one_for_one(kb: KnowledgeBase) -> None:
    for lic in kb.licences.values():
        assert len(lic.conditions_ja) == len(lic.conditions), lic.id
        for text in lic.conditions_ja:
            assert JAPANESE.search(text), (lic.id, text)
        if lic.notes:
            assert lic.notes_ja and JAPANESE.search(lic.notes_ja), lic.id


def test_provider_notes_have_japanese(kb: KnowledgeBase) -> None:
    for p in kb.providers.values():
        for en, ja in (
            (p.training_note, p.training_note_ja),
            (p.retention_note, p.retention_note_ja),
            (p.notes, p.notes_ja),
        ):
            if en:
                assert ja and JAPANESE.search(ja), p.id


def test_kimi_licence_thresholds(kb: KnowledgeBase) -> None:
    lic = kb.licences["kimi-modified-mit"]
    assert lic.mau_cap == 100_000_000 and lic.revenue_threshold_usd == 240_000_000
    assert {m.licence for m in kb.models.values() if m.family == "kimi"} == {"kimi-modified-mit"}


def test_fx_rates_are_recent_ecb_figures(kb: KnowledgeBase) -> None:
    for rate in kb.fx.values():
        assert rate.as_of is not None and (TODAY - rate.as_of).days <= 31, rate.currency
        assert "ECB" in (rate.source or "")
    assert kb.fx["EUR"].usd_per_unit == pytest.approx(1.1172)
    assert kb.fx["JPY"].usd_per_unit == pytest.approx(1.1172 / 175.68)


def test_every_japanese_note_has_its_japanese_form(kb) -> None:
    """A Japanese answer shows the Japanese-ability note in Japanese (JapaneseSupport.note_ja)."""
    missing = [m.id for m in kb.models.values() if m.japanese.note and not m.japanese.note_ja]
    assert missing == []
    assert "日本語" in kb.models["gemma-4-31b"].japanese.note_ja


def test_derivatives_keep_their_base_models_architecture(kb) -> None:
    """Fine-tunes and continual pre-training keep the base's layers, KV heads, head size and window layout."""
    for derived, base in (
        ("gpt-oss-safeguard-120b", "gpt-oss-120b"),
        ("qwen3-swallow-8b", "qwen3-8b"),
        ("shisa-v2-qwen2.5-32b", "qwen2.5-32b-instruct"),
    ):
        a, b = kb.models[derived].architecture, kb.models[base].architecture
        assert (a.layers, a.kv_heads, a.head_dim, a.sliding_window, a.full_attention_layers) == (
            b.layers,
            b.kv_heads,
            b.head_dim,
            b.sliding_window,
            b.full_attention_layers,
        )
        assert base in a.source


def test_mla_and_windowed_architectures_of_this_years_open_models(kb) -> None:
    """Kimi K2 line and DeepSeek V3.1/V3.2 cache 576 MLA elements per token per layer over 61 layers
    (DeepSeek-V3 config_671B.json; Kimi K2.5 config); Gemma 4 31B: 60 layers, 10 global, window 1,024."""
    for mid in ("kimi-k2", "kimi-k2.5", "kimi-k2.6", "kimi-k2-thinking", "deepseek-v3.1", "deepseek-v3.2"):
        a = kb.models[mid].architecture
        assert (a.layers, a.attention, a.kv_dim_override) == (61, "mla", 576)
    g = kb.models["gemma-4-31b"].architecture
    assert (g.layers, g.kv_heads, g.head_dim, g.sliding_window, g.full_attention_layers) == (
        60,
        16,
        256,
        1024,
        10,
    )


def test_apple_silicon_bandwidths_carry_apples_announcement_dates(kb) -> None:
    """Apple's own figures with the announcement's date (M1 Pro/Max 2021-10-18, M2 Ultra 2023-06-05, M3 Pro 2023-10-30)."""
    for gid, bw, day in (
        ("apple-m1-pro-32gb", 200, "2021-10-18"),
        ("apple-m1-max-64gb", 400, "2021-10-18"),
        ("apple-m2-ultra-192gb", 800, "2023-06-05"),
        ("apple-m2-max-96gb", 400, "2023-06-05"),
        ("apple-m3-pro-36gb", 150, "2023-10-30"),
    ):
        g = kb.gpus[gid]
        assert g.bandwidth_gbps == bw
        assert str(g.as_of) == day and g.dated != "recorded"


def test_notes_of_commonly_recommended_open_models_have_japanese_forms(kb) -> None:
    """A Japanese report shows these models' notes in Japanese (Model.notes_ja), not English or nothing."""
    for mid in (
        "gemma-4-26b-a4b",
        "gemma-4-31b",
        "gpt-oss-20b",
        "gpt-oss-120b",
        "qwen3-32b",
        "mistral-large-3",
        "gpt-oss-swallow-120b",
        "llm-jp-4-32b-a3b-thinking",
    ):
        m = kb.models[mid]
        assert m.notes and m.notes_ja and not m.notes_ja.isascii()
