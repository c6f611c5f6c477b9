"""Checks on the knowledge-base facts files (licences, prices, GPUs, providers, FX, tasks).

Each file is validated on its own through the same reader the loader uses, so these tests pin the
data even while models.yaml is being edited; the last test checks the cross-references once the
whole knowledge base loads.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache

import pytest
from shared_paths import REPO

from advisor.kb import load_kb
from advisor.kb.errors import InputError
from advisor.kb.schema import (
    TASKS,
    FxFile,
    GPUsFile,
    LicencesFile,
    PricesFile,
    ProvidersFile,
    Strict,
    TasksFile,
)
from advisor.kb.yamlsource import read_document, validate_document

KB = REPO / "knowledge"
LITELLM_AS_OF = dt.date(2026, 7, 24)
SEED_AS_OF = dt.date(2026, 2, 25)
SEED_SOURCE = "seed: 003_228f1e5bab7d1cf2.txt"


@cache
def _doc(name: str, schema: type[Strict]) -> Strict:
    path = KB / name
    data, lines = read_document(path, str(path))
    return validate_document(schema, data, str(path), lines)


def licences() -> LicencesFile:
    return _doc("licences.yaml", LicencesFile)  # type: ignore[return-value]


def prices() -> PricesFile:
    return _doc("prices.yaml", PricesFile)  # type: ignore[return-value]


def gpus() -> GPUsFile:
    return _doc("gpus.yaml", GPUsFile)  # type: ignore[return-value]


def providers() -> ProvidersFile:
    return _doc("providers.yaml", ProvidersFile)  # type: ignore[return-value]


def _norm(text: str) -> str:
    """How a user's hardware text is compared: width-folded, case- and separator-insensitive."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


# ------------------------------------------------------------------ licences

def test_licences_cover_agreed_ids_and_kinds() -> None:
    lic = {x.id: x for x in licences().licences}
    agreed = {
        "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4", "deepseek-model", "mit",
        "apache-2.0", "qwen", "qwen-research", "gemma", "mistral-mrl", "mistral-mnpl", "gpt-oss",
        "llama-3.1-gemma", "llama-3.3-gemma", "llm-jp-172b", "sarashina-nc", "nvidia-open-model",
        "openai-api-terms", "anthropic-commercial-terms", "google-gemini-api-terms",
        "mistral-commercial-terms", "deepseek-api-terms",
    }
    assert agreed <= set(lic)
    assert len(lic) >= 15
    assert lic["qwen-research"].kind == "research_only" and lic["qwen-research"].commercial_use is False
    assert lic["mistral-mrl"].kind == "research_only" and lic["mistral-mrl"].commercial_use is False
    assert lic["mistral-mnpl"].kind == "non_production" and lic["mistral-mnpl"].commercial_use is False
    assert all(lic[i].kind == "proprietary" and lic[i].commercial_use for i in agreed if i.endswith("-terms"))


def test_llama_licences_carry_700m_cap_and_conditions() -> None:
    llama = [x for x in licences().licences if x.id.startswith("llama-")]
    assert len(llama) >= 7
    for lic in llama:
        assert lic.mau_cap == 700_000_000, lic.id
        assert any("700M" in c for c in lic.conditions), lic.id
        assert any("Built with" in c for c in lic.conditions), lic.id


def test_llama_output_training_and_eu_clauses() -> None:
    lic = {x.id: x for x in licences().licences}
    assert lic["llama-3"].output_training_restricted is True
    assert all(lic[i].output_training_restricted is False for i in ("llama-3.1", "llama-3.2", "llama-3.3", "llama-4"))
    assert lic["llama-3.2"].eu_multimodal_restriction and lic["llama-4"].eu_multimodal_restriction
    assert not lic["llama-3.3"].eu_multimodal_restriction
    assert lic["llama-3.3"].notes and "multimodal" in lic["llama-3.3"].notes


def test_aup_tags_are_machine_readable() -> None:
    for lic in licences().licences:
        for tag in lic.aup_prohibits:
            assert tag == tag.lower() and " " not in tag, (lic.id, tag)
    by_id = {x.id: x for x in licences().licences}
    assert {"military", "unlicensed_medical_advice", "critical_infrastructure"} <= set(by_id["llama-3.1"].aup_prohibits)
    assert "automated_legal_decisions" in by_id["deepseek-model"].aup_prohibits


# ------------------------------------------------------------------ prices

SEED_PRICES = {  # article 003 "参照データ" (reference/seed_facts.yaml)
    ("gpt-4o", 2.50, 10.00), ("gpt-4o-mini", 0.15, 0.60), ("gpt-5.2-pro", 21.00, 168.00),
    ("gemini-2.5-flash-lite", 0.08, 0.30), ("claude-opus-4.5", 5.00, 25.00),
    ("llama-3-70b", 0.50, 0.75), ("deepseek-r1", 0.55, 2.19), ("llama-3.1-405b", 0.0, 0.0),
}


def test_every_seed_price_is_present_and_older_than_litellm() -> None:
    entries = prices().prices
    seeds = [p for p in entries if p.source == SEED_SOURCE]
    found = {(p.model, p.input, p.output) for p in seeds}
    assert found >= SEED_PRICES
    for p in seeds:
        assert p.as_of == SEED_AS_OF
        newer = [q for q in entries if q.model == p.model and q.source != SEED_SOURCE]
        assert newer, f"no litellm price for {p.model}"
        assert all(q.as_of is not None and q.as_of > SEED_AS_OF for q in newer)


def test_free_405b_seed_is_doubtful() -> None:
    (free,) = [p for p in prices().prices if p.model == "llama-3.1-405b" and p.source == SEED_SOURCE]
    assert free.doubtful and free.notes


def test_prices_non_negative_dated_and_tiers_consistent() -> None:
    for p in prices().prices:
        assert p.source and p.as_of, p.model
        values = [p.input, p.output, p.cached_input, p.batch_input, p.batch_output]
        assert all(v is None or v >= 0 for v in values)
        if not p.doubtful:
            assert p.input > 0 and p.output > 0, (p.model, p.provider)
        if p.long_context is not None:
            assert p.long_context.input >= p.input and p.long_context.output >= p.output


def test_litellm_prices_match_known_figures() -> None:
    current = {(p.model, p.provider): p for p in prices().prices if p.as_of == LITELLM_AS_OF}
    assert (current["gpt-4o", "openai-api"].input, current["gpt-4o", "openai-api"].output) == (2.5, 10.0)
    assert current["gpt-4o", "openai-api"].batch_input == 1.25
    pro = current["gemini-2.5-pro", "google-gemini-api-paid"].long_context
    assert pro is not None and pro.above_tokens == 200_000
    sonnet = current["claude-sonnet-4.5", "anthropic-api"].long_context
    assert sonnet is not None and sonnet.input == 6.0
    hosts = {prov for (_, prov) in current}
    assert {"together-ai", "groq", "fireworks-ai", "deepinfra", "cerebras"} <= hosts


def test_chatgpt_plus_subscription() -> None:
    subs = {s.id: s for s in prices().subscriptions}
    plus = subs["chatgpt-plus"]
    assert (plus.price, plus.currency, plus.period) == (240, "USD", "year")
    assert plus.source == "seed: 004_51d17a158286193d.txt"


# ------------------------------------------------------------------ GPUs

def test_gpu_coverage() -> None:
    by_kind: dict[str, list[str]] = {}
    for g in gpus().gpus:
        by_kind.setdefault(g.kind, []).append(g.id)
    accelerators = by_kind.get("datacenter", []) + by_kind.get("consumer", [])
    assert len(accelerators) >= 12
    assert len(by_kind["apple_silicon"]) >= 10
    assert by_kind["cpu"] == ["cpu-ram-64gb"]


def test_gpu_aliases_resolve_uniquely() -> None:
    owner: dict[str, str] = {}
    for g in gpus().gpus:
        for text in {g.id, *g.aliases}:
            key = _norm(text)
            assert owner.setdefault(key, g.id) == g.id, f"'{text}' names {owner[key]} and {g.id}"
    expect = {"A100 80GB": "nvidia-a100-80gb", "A100": "nvidia-a100-80gb", "RTX 4090": "nvidia-rtx-4090",
              "4090": "nvidia-rtx-4090", "H100": "nvidia-h100-sxm", "M2 16GB": "apple-m2-16gb",
              "MacBook M2 16GB": "apple-m2-16gb", "Mac Studio M2 Ultra": "apple-m2-ultra-192gb",
              "Ａ１００ ８０ＧＢ": "nvidia-a100-80gb"}
    for text, gpu_id in expect.items():
        assert owner[_norm(text)] == gpu_id


def test_gpu_rentals_sourced_and_positive() -> None:
    rented = 0
    for g in gpus().gpus:
        for r in g.rental:
            rented += 1
            assert r.usd_per_hour > 0 and r.source and r.as_of, g.id
    assert rented >= 30
    h100 = {g.id: g for g in gpus().gpus}["nvidia-h100-sxm"]
    assert any(r.provider == "runpod" and r.usd_per_hour == 2.69 for r in h100.rental)


# ------------------------------------------------------------------ providers, FX, tasks

def test_providers_data_policies() -> None:
    prov = {p.id: p for p in providers().providers}
    assert len(prov) >= 8
    assert prov["openai-chatgpt-consumer"].trains_on_customer_data_by_default is True
    assert prov["google-gemini-api-free"].trains_on_customer_data_by_default is True
    assert all(prov[i].trains_on_customer_data_by_default is False
               for i in ("openai-api", "openai-chatgpt-business", "anthropic-api", "google-vertex-ai", "aws-bedrock"))
    for unknown in ("groq", "fireworks-ai", "deepinfra", "cerebras", "mistral-api", "deepseek-api"):
        assert prov[unknown].trains_on_customer_data_by_default is None
        assert "check the provider's terms" in (prov[unknown].notes or "")
    assert prov["openai-api"].residency_surcharge_pct == 10
    assert prov["deepseek-api"].hq_region == "cn" and prov["mistral-api"].hq_region == "eu"


def test_fx_rates_are_sourced_and_dated() -> None:
    fx = {r.currency: r for r in _doc("fx.yaml", FxFile).rates}  # type: ignore[attr-defined]
    assert {"JPY", "EUR", "GBP"} <= set(fx)
    for r in fx.values():
        assert r.source and r.as_of and r.dated == "source"
    assert 100 < 1 / fx["JPY"].usd_per_unit < 200


def test_tasks_match_contract() -> None:
    tasks = {t.id: t for t in _doc("tasks.yaml", TasksFile).tasks}  # type: ignore[attr-defined]
    assert set(tasks) == set(TASKS)
    assert "tool_calling" in tasks["agents"].needs
    assert "image" in tasks["vision"].modalities_in
    assert "要約" in tasks["summarization"].keywords_ja and "翻訳" in tasks["translation"].keywords_ja
    for t in tasks.values():
        assert t.keywords_en and t.keywords_ja and t.name_ja


def test_whole_knowledge_base_cross_references() -> None:
    try:
        kb = load_kb(KB)
    except InputError as exc:  # pragma: no cover - message shows every broken reference
        pytest.fail("\n".join(str(p) for p in exc.problems))
    for model in kb.models.values():
        assert model.licence in kb.licences
    for price in kb.prices:
        assert price.provider in kb.providers
    gpt4o = {p.provider: p for p in kb.current_prices("gpt-4o")}
    assert gpt4o["openai-api"].as_of >= LITELLM_AS_OF  # a refresh (prices-litellm-<day>.yaml) supersedes it
