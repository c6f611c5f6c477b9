"""The implicit fact check on final answers, and the expectation matcher."""

from __future__ import annotations

from eval_support import kb

from advisor.engine import normalise_profile, recommend
from advisor.evaluation.checks import _same, check_recommendation, is_hard
from advisor.evaluation.facts import check_answer, money_figures
from advisor.evaluation.transcript import RecommendationExpect


def _rec(raw: dict) -> dict:
    return recommend(normalise_profile(raw, kb()), kb()).contract_dict()


API = {
    "tasks": ["chat"],
    "data_sensitivity": "public",
    "deployment": "any",
    "budget_usd_month": 1000,
    "volume": {"requests_per_day": 10000, "input_tokens": 1000, "output_tokens": 300},
}


def test_money_figures_read_as_written() -> None:
    figs = [(f.value, f.decimals) for f in money_figures("$1,267/month, USD 0.15 per 1M, 3.5k USD, 120ドル")]
    assert figs == [(1267.0, 0), (0.15, 2), (3500.0, 1), (120.0, 0)]


def test_known_models_and_recommendation_figures_pass() -> None:
    rec = _rec(API)
    p = rec["primary"]
    text = (
        f"Use {p['name']} (`{p['model_id']}`), about ${p['monthly_cost_usd']:,.0f}/month against your "
        f"$1,000 budget. GPT-4o and Llama 3.3 70B were also considered."
    )
    assert check_answer(text, rec, kb()).failures() == []


def test_invented_model_and_price_fail() -> None:
    rec = _rec(API)
    result = check_answer("Try GPT-7 Ultra or `llama-9-1t` at $123.45/month.", rec, kb())
    assert "GPT-7" in result.unknown_models and "llama-9-1t" in result.unknown_models
    assert result.unknown_prices == ["$123.45"]
    assert all(line.startswith(("answer.models:", "answer.prices:")) for line in result.failures())


def test_non_money_numbers_of_the_recommendation_do_not_license_a_price() -> None:
    raw = {
        "tasks": ["summarization"],
        "data_sensitivity": "regulated",
        "deployment": "on_prem",
        "hardware": [{"gpu": "nvidia-a100-80gb", "count": 2}],
    }
    rec = _rec(raw)
    needed = rec["primary"]["hardware"]["vram_needed_gb"]
    assert check_answer(f"It needs {needed} GB.", rec, kb()).failures() == []
    assert check_answer(f"It costs ${needed}/month.", rec, kb()).unknown_prices == [f"${needed}"]


def test_links_are_not_model_mentions() -> None:
    text = "Source: https://huggingface.co/google/gemma-7b and huggingface.co/lmstudio-ai/gemma-2b-it-GGUF"
    assert check_answer(text, None, kb()).unknown_models == []


def test_what_if_figures_are_recomputed_not_trusted() -> None:
    rec = _rec(API)
    hypo = _rec({**API, "budget_usd_month": 50})
    cost = hypo["primary"]["monthly_cost_usd"]
    steps = [{"name": "recommend", "args": {"budget_usd_month": 50}}]
    assert check_answer(f"It would cost ${cost:,.2f}/month.", rec, kb(), steps).unknown_prices == []
    assert check_answer("It would cost $7.77/month.", rec, kb(), steps).unknown_prices == ["$7.77"]


def test_expectation_matching_rules() -> None:
    assert _same({"requests_per_day": 500}, {"requests_per_day": 500.0, "input_tokens": 1000})
    assert _same(["ja"], ["en", "ja"]) and not _same(["ja", "zh"], ["ja"])
    assert _same([{"gpu": "apple-m2-16gb"}], [{"gpu": "apple-m2-16gb", "count": 1}])
    assert not _same(True, 1) and _same("On_Prem", "on_prem")


def test_recommendation_checks_name_the_broken_promise() -> None:
    rec = _rec(API)
    family = rec["primary"]["family"]
    lines = check_recommendation(RecommendationExpect(family_not_in=[family], none=True, hybrid=True), rec)
    assert f"recommendation.family_not_in: primary family '{family}' is excluded" in lines[1]
    assert lines[0].startswith("recommendation.none: expected no candidate")
    assert any(x.startswith("recommendation.hybrid: expected a hybrid plan") for x in lines)
    assert is_hard(lines[0]) and is_hard(lines[1]) and not is_hard(lines[-1])
    empty = {**rec, "primary": None, "warnings": [{"code": "no_candidate", "text": "relax"}]}
    assert (
        check_recommendation(RecommendationExpect(none=True, warning_codes_any=["no_candidate"]), empty) == []
    )


def test_figures_of_a_superseded_recommendation_are_allowed() -> None:
    before = _rec(API)
    after = _rec(
        {
            **API,
            "data_sensitivity": "regulated",
            "deployment": "on_prem",
            "hardware": [{"gpu": "nvidia-a100-80gb", "count": 2}],
        }
    )
    old = before["primary"]["monthly_cost_usd"]
    text = f"Now $0/month (was ${old:,.2f})."
    assert check_answer(text, after, kb()).unknown_prices == [f"${old:,.2f}"]
    assert check_answer(text, after, kb(), earlier=[before]).unknown_prices == []


def test_compare_step_figures_are_replayed_through_the_engine() -> None:
    from advisor.engine import queries as engine

    raw = {
        "tasks": ["rag"],
        "data_sensitivity": "confidential",
        "deployment": "on_prem",
        "hardware": [{"gpu": "nvidia-h100-sxm", "count": 8}],
    }
    rec = _rec(raw)
    row = engine.compare_models(kb(), ["deepseek-r1"], normalise_profile(rec["profile"], kb()))[0]
    steps = [{"name": "compare_models", "args": {"models": ["DeepSeek-R1"]}}]
    good = f"| DeepSeek-R1 | self_hosted | ${row['monthly_cost_usd']:,.2f} |"
    assert check_answer(good, rec, kb(), steps).unknown_prices == []
    assert check_answer("| DeepSeek-R1 | self_hosted | $31,415.93 |", rec, kb(), steps).unknown_prices == [
        "$31,415.93"
    ]


def test_cited_kb_sources_are_not_model_claims() -> None:
    from advisor.evaluation.facts import _kb_sources

    cited = "\n".join(f"- {s}" for s in _kb_sources(kb()))
    assert check_answer(cited, None, kb()).unknown_models == []
    assert "Gemma-2" in check_answer("We also like Gemma-2 for this.", None, kb()).unknown_models
