"""The engine's result is worded at the edge: a Japanese recommendation contains no untranslated
English sentence (names aside), and English and Japanese say the same thing from the same result."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from typing import Any

import pytest
import yaml
from i18n_support import JAPANESE, english_left, kb_phrases
from shared_paths import REPO

from advisor.engine import check_hardware_fit, check_licence, compare_models, estimate_cost, normalise_profile
from advisor.engine import recommend as engine_recommend
from advisor.engine.models import Recommendation
from advisor.i18n import render, render_tree
from advisor.kb.loader import KnowledgeBase, load_kb

TODAY = dt.date(2026, 11, 22)
EXAMPLES = REPO / "examples"


@lru_cache(maxsize=1)
def kb() -> KnowledgeBase:
    return load_kb(require_sources=False)


def _example(name: str) -> dict[str, Any]:
    return dict(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))


PROFILES: dict[str, dict[str, Any]] = {
    "onprem-regulated-ja": _example("hospital-onprem-ja.yaml"),
    "api-coding": {
        "tasks": ["coding"],
        "languages": ["en", "ja"],
        "data_sensitivity": "internal",
        "budget_usd_month": 800,
        "volume": {"requests_per_day": 3000, "input_tokens": 4000, "output_tokens": 800},
    },
    "eu-vision": {
        "tasks": ["vision", "extraction"],
        "languages": ["ja", "de"],
        "region": "eu",
        "data_sensitivity": "confidential",
        "regulations": ["gdpr"],
        "needs": ["json_output"],
    },
    "900m-mau": {
        "tasks": ["chat"],
        "languages": ["ja"],
        "monthly_active_users": 900_000_000,
        "deployment": "private_cloud",
        "can_rent_gpus": True,
    },
    "impossible-budget": {
        "tasks": ["reasoning", "coding"],
        "languages": ["ja"],
        "budget_usd_month": 5,
        "volume": {"requests_per_day": 200_000, "input_tokens": 8000, "output_tokens": 2000},
    },
    "hybrid": _example("hybrid-manufacturer-ja.yaml"),
    "nothing-fits": {
        "tasks": ["summarization"],
        "languages": ["ja"],
        "deployment": "air_gapped",
        "hardware": [{"gpu": "RTX 4090", "count": 1}],
        "context_tokens": 900_000,
    },
    "eu-fintech": _example("eu-fintech.yaml"),
    "regulated-hipaa": {
        "tasks": ["chat"],
        "languages": ["ja"],
        "data_sensitivity": "regulated",
        "regulations": ["hipaa"],
        "can_rent_gpus": False,
    },
}


@cache
def _typed(name: str) -> Recommendation:
    return engine_recommend(normalise_profile(PROFILES[name], kb()), kb(), today=TODAY)


@cache
def rec(name: str, lang: str) -> Recommendation:
    """The result as its contract JSON reads in ``lang`` (every sentence worded), read back."""
    return Recommendation.model_validate(_typed(name).contract_dict(lang))


def sentences(r: Recommendation) -> dict[str, list[str]]:
    """Every human sentence of a recommendation, by where it appears."""
    cands = [c for c in [r.primary, *r.alternatives] if c is not None]
    return {
        "reasons": [x for c in cands for x in c.reasons],
        "excluded": [x.text for e in r.excluded for x in e.reasons],
        "warnings": [w.text for w in r.warnings],
        "assumptions": list(r.assumptions),
        "advice": list(r.advice),
        "facts": [s.fact for c in cands for s in c.sources],
        "conditions": [x for c in cands for x in c.licence.conditions],
        "hybrid": [r.hybrid.reason, *(x.reason or "" for x in r.hybrid.routes)] if r.hybrid else [],
        "basis": [c.cost.basis for c in cands if c.cost],
    }


# --- the helper itself ----------------------------------------------------------------------------


def test_english_run_helper_tells_english_from_quoted_names_and_units() -> None:
    assert english_left("Vendor APIs are ruled out by your deployment") != []
    assert english_left("GPT-OSS Swallow 120B (RL v0.1) は重みが公開されていません。") == []
    assert english_left("NVIDIA A100 80GB × 2(自社保有)で自社運用、int8: 160 GB 中 136 GB を使用。") == []
    assert english_left("クラウド GPU のレンタルを許可する(can_rent_gpus: true)") == []
    assert english_left("about 447 tokens/s per stream") != []


def test_unknown_language_falls_back_to_english() -> None:
    mlops = _typed("api-coding").primary
    assert mlops is not None
    assert [render(x, "fr") for x in mlops.reasons] == [render(x, "en") for x in mlops.reasons]
    assert [render(x, None) for x in mlops.reasons] == [render(x, "en") for x in mlops.reasons]
    assert rec("api-coding", "fr") == rec("api-coding", "en")


# --- real recommendations in Japanese -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_japanese_recommendation_has_no_untranslated_sentence(name: str) -> None:
    ja = rec(name, "ja")
    for where, texts in sentences(ja).items():
        for text in texts:
            assert english_left(text) == [], f"{name} {where}: {text}"
            quoted_only = where in ("conditions", "facts") or text.startswith(tuple(kb_phrases()))
            if not quoted_only:
                assert JAPANESE.search(text), f"{name} {where}: no Japanese in {text!r}"


def test_the_profiles_cover_every_kind_of_sentence() -> None:
    """The profiles above exercise hybrid plans, warnings of each kind, advice and no-candidate."""
    ja = {n: rec(n, "ja") for n in PROFILES}
    assert ja["hybrid"].hybrid is not None
    assert ja["nothing-fits"].primary is None
    codes = {w.code for r in ja.values() for w in r.warnings}
    assert {"over_budget", "no_candidate", "licence_condition"} <= codes
    assert any(r.advice for r in ja.values())
    excluded = {x.code for r in ja.values() for e in r.excluded for x in e.reasons}
    assert {"sensitivity", "deployment", "hardware", "licence", "mau_cap", "context"} <= excluded


_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_english_and_japanese_say_the_same_thing(name: str) -> None:
    """Same decision, same codes, same number of sentences, and every figure of each English sentence
    appears in its Japanese counterpart (numbers are formatted by code, not by translators)."""
    en, ja = rec(name, "en"), rec(name, "ja")
    assert en.profile == ja.profile and en.kb_version == ja.kb_version
    pick = [
        (c.model_id, c.deployment, c.provider, c.monthly_cost_usd, c.score)
        for c in [en.primary, *en.alternatives]
        if c is not None
    ]
    assert pick == [
        (c.model_id, c.deployment, c.provider, c.monthly_cost_usd, c.score)
        for c in [ja.primary, *ja.alternatives]
        if c is not None
    ]
    assert [(e.model_id, [x.code for x in e.reasons]) for e in en.excluded] == [
        (e.model_id, [x.code for x in e.reasons]) for e in ja.excluded
    ]
    assert [w.code for w in en.warnings] == [w.code for w in ja.warnings]
    s_en, s_ja = sentences(en), sentences(ja)
    # KB prose is shown in its own words: untranslated conditions point to their source instead
    quoted = [w.code == "licence_condition" for w in en.warnings]
    s_en["warnings"] = [x for x, q in zip(s_en["warnings"], quoted, strict=True) if not q]
    s_ja["warnings"] = [x for x, q in zip(s_ja["warnings"], quoted, strict=True) if not q]
    for where in ("reasons", "excluded", "warnings", "assumptions", "advice", "hybrid"):
        assert len(s_en[where]) == len(s_ja[where]), where
        for a, b in zip(s_en[where], s_ja[where], strict=True):
            assert set(_NUMBER.findall(a)) <= set(_NUMBER.findall(b)), f"{where}: {a!r} vs {b!r}"


def test_english_wording_is_unchanged() -> None:
    """A few sentences users and transcripts already know, word for word."""
    en = sentences(rec("onprem-regulated-ja", "en"))
    assert any(
        re.fullmatch(
            r"Vendor APIs are ruled out by your deployment 'on_prem'; .+ has no downloadable weights\.", s
        )
        for s in en["excluded"]
    )
    assert (
        "Self-hosting needs ML-ops skills (serving, updates, monitoring, security patches)." in en["reasons"]
    )
    assert any(a.startswith("Budget 300,000 JPY/month converted at ") for a in en["assumptions"])
    assert "Default: no prompt-cache share given: 0% of input billed at cached rates." in en["assumptions"]


def test_japanese_uses_the_domain_terms() -> None:
    text = "\n".join(x for v in sentences(rec("onprem-regulated-ja", "ja")).values() for x in v)
    for term in ("自社運用", "KV キャッシュ", "量子化", "オンプレミス", "月額"):
        assert term in text, term
    hybrid = rec("hybrid", "ja")
    assert hybrid.hybrid is not None and "機密" in hybrid.hybrid.reason


# --- tool-level functions ----------------------------------------------------------------------------


def test_tool_functions_speak_the_requested_language() -> None:
    profile = normalise_profile(PROFILES["onprem-regulated-ja"], kb())
    fit = render_tree(check_hardware_fit(kb(), "llama-3.1-405b", profile), "ja")
    texts = [fit["method"], *(r["text"] for r in fit["reasons"])]
    lic = render_tree(check_licence(kb(), "llama-3.3-70b", {"monthly_active_users": 900_000_000}), "ja")
    texts += [p["text"] for p in lic["problems"]]
    cost = render_tree(estimate_cost(kb(), "qwen2.5-32b-instruct", {"latency": "batch"}, today=TODAY), "ja")
    texts += [a["basis"] for a in cost["api"]] + list(cost["assumptions"])
    if cost["self_hosted"]:
        texts += [cost["self_hosted"]["basis"], *cost["self_hosted"]["assumptions"]]
    rows = render_tree(compare_models(kb(), ["gpt-4o", "qwen2.5-32b-instruct"], profile, today=TODAY), "ja")
    texts += [r["text"] for row in rows for r in row.get("reasons", []) if isinstance(r, dict)]
    texts += [r for row in rows for r in row.get("reasons", []) if isinstance(r, str)]
    assert lic["problems"] and fit["reasons"] and cost["api"]
    for text in texts:
        assert english_left(text) == [], text
        assert JAPANESE.search(text), text
    en = render_tree(check_licence(kb(), "llama-3.3-70b", {"monthly_active_users": 900_000_000}), "en")
    assert "monthly active users" in en["problems"][0]["text"]


# --- callers pass the conversation's language ----------------------------------------------------------


def test_japanese_chat_gets_a_japanese_recommendation() -> None:
    from agent_support import offline_service

    service = offline_service()
    reply = service.respond(
        "i18n-ja",
        "患者のカルテを要約したい。A100 80GBが2枚あり、オンプレで運用。予算は月30万円、1日500件程度。",
    )
    assert reply.lang == "ja" and reply.recommendation is not None
    final = Recommendation.model_validate(reply.recommendation)
    assert final.primary is not None
    for where, texts in sentences(final).items():
        for text in texts:
            assert english_left(text) == [], f"{where}: {text}"
    assert "自社運用" in reply.text and "Task fit" not in reply.text
