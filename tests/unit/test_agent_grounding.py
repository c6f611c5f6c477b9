"""The grounding check: model names and prices in LLM prose must exist in the Recommendation or the KB."""

from __future__ import annotations

from types import SimpleNamespace

from advisor.agent.grounding import check_grounding


def _model(mid: str, name: str, family: str, aliases: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(id=mid, name=name, family=family, aliases=list(aliases))


KB = SimpleNamespace(
    models={
        m.id: m
        for m in [
            _model("gpt-4o", "GPT-4o", "gpt"),
            _model("qwen2.5-32b-instruct", "Qwen2.5 32B Instruct", "qwen"),
            _model("llama-3.3-70b", "Llama 3.3 70B Instruct", "llama"),
        ]
    },
    prices_by_model={
        "gpt-4o": [
            SimpleNamespace(input=2.5, output=10.0, cached_input=1.25, batch_input=None, batch_output=None)
        ]
    },
    fx={"JPY": SimpleNamespace(usd_per_unit=0.0067)},
)
REC = {
    "primary": {"model_id": "qwen2.5-32b-instruct", "monthly_cost_usd": 412.5},
    "alternatives": [{"model_id": "llama-3.3-70b", "monthly_cost_usd": 1460.0}],
    "excluded": [{"model_id": "gpt-4o", "reasons": [{"code": "sensitivity", "text": "trains"}]}],
    "profile": {"budget_usd_month": 2000},
}


def test_grounded_text_passes() -> None:
    text = (
        "Qwen2.5 32B Instruct self-hosted costs about $412.50/month, against $1,460 for Llama 3.3 70B. "
        "GPT-4o ($2.50 per 1M input tokens) is excluded. Your budget is $2k."
    )
    result = check_grounding(text, REC, KB)
    assert result.ok, result


def test_invented_model_fails() -> None:
    result = check_grounding("Use GPT-7 Turbo instead; it is better than Qwen2.5.", REC, KB)
    assert not result.ok and result.unknown_models == ["GPT-7"]


def test_invented_price_fails() -> None:
    result = check_grounding("Qwen2.5 32B costs $99/month.", REC, KB)
    assert not result.ok and result.unknown_prices == ["$99"]


def test_yen_amounts_are_converted_with_the_kb_rate() -> None:
    yen = round(412.5 / 0.0067)
    assert check_grounding(f"月額は約{yen:,}円です。", REC, KB).ok
    assert not check_grounding("月額は約5円です。", REC, KB).ok


def test_explanation_must_name_the_recommended_model() -> None:
    assert not check_grounding("banana banana", REC, KB, must_name="qwen2.5-32b-instruct").ok
    assert check_grounding("Use Qwen2.5 32B Instruct.", REC, KB, must_name="qwen2.5-32b-instruct").ok
