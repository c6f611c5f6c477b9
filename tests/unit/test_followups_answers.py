"""Follow-up helpers on the real knowledge base: provider terms, GPUs added to those owned, the
comparison's verdict, and what counts as naming a family rather than a model."""

from __future__ import annotations

import pytest
from agent_support import real_kb

from advisor.agent import followups_more as more
from advisor.agent import terms


@pytest.mark.parametrize(
    ("text", "providers", "topic"),
    [
        ("Does OpenAI train on our data?", ["openai-api"], "training"),
        ("is Claude processed in Japan?", ["anthropic-api"], "residency"),
        ("Does Anthropic sign a BAA?", ["anthropic-api"], "baa"),
        ("ChatGPT Business ならどうですか", ["openai-chatgpt-business"], "training"),
        (
            "ChatGPT Free vs Plus vs Enterprise: which plans train on our data?",
            ["openai-chatgpt-consumer", "openai-chatgpt-business"],
            "training",
        ),
        ("Gemini APIは学習に使われますか?", ["google-gemini-api-paid", "google-gemini-api-free"], "training"),
        ("Vertex AIのデータ保持期間は?", ["google-vertex-ai"], "retention"),
    ],
)
def test_terms_questions_name_the_provider_and_topic(text: str, providers: list[str], topic: str) -> None:
    q = terms.find(text, real_kb())
    assert q is not None and q.providers == providers and topic in q.topics


@pytest.mark.parametrize("text", ["why not Claude?", "We use OpenAI today.", "compare with GPT-5"])
def test_model_questions_and_statements_are_not_terms_questions(text: str) -> None:
    assert terms.find(text, real_kb()) is None


def test_terms_answers_come_from_the_kb_and_say_unknown_as_unknown() -> None:
    kb = real_kb()
    plans = terms.answer(terms.find("ChatGPT Plus vs Enterprise: training and retention?", kb), kb, "en")  # type: ignore[arg-type]
    personal, business = plans.split("\n\n")
    assert "yes by default" in personal and "not by default" in business
    assert "unknown" in business  # the KB states no retention period for ChatGPT Business
    assert "as of 2026-08-31" in business
    residency = terms.answer(terms.find("is Claude processed in Japan?", kb), kb, "ja")  # type: ignore[arg-type]
    assert "jp" in residency and "提供なし" in residency


def test_a_second_card_is_added_to_the_cards_owned() -> None:
    kb = real_kb()
    raw = {"hardware": [{"gpu": "nvidia-rtx-4090", "count": 1}]}
    change = {"hardware": [{"gpu": "RTX 4090", "count": 1}]}
    assert more.added_hardware(change, raw, "what if we add a second RTX 4090?", kb)["hardware"] == [
        {"gpu": "nvidia-rtx-4090", "count": 2}
    ]
    assert more.added_hardware(change, raw, "もう1枚RTX 4090を追加したら?", kb)["hardware"][0]["count"] == 2
    # "if we had an RTX 4090" states what they would have, not an addition
    assert more.added_hardware(change, raw, "what if we had an RTX 4090?", kb) == change


def test_the_verdict_names_the_pick_and_the_deciding_reason() -> None:
    rows = [
        {"model_id": "a", "allowed": True, "score": 0.8, "monthly_cost_usd": 10.0},
        {"model_id": "b", "allowed": True, "score": 0.7, "monthly_cost_usd": 50.0},
        {"model_id": "c", "allowed": False, "score": 0.9},
    ]
    text = more.verdict(rows, {"primary": {"model_id": "a"}}, str.upper, "en")
    assert "**Verdict for your profile:** A" in text and "$10" in text
    assert "none of these" in more.verdict([{"model_id": "c", "allowed": False}], {}, str, "en")
    assert "唯一" in more.verdict(rows[:1], {}, str, "ja")


def test_a_family_name_is_not_an_exact_model_name() -> None:
    model = real_kb().models["claude-opus-4.6"]
    assert not more.named_exactly(model, "why not Claude?")
    assert more.named_exactly(model, "why not Claude Opus 4.6?")


@pytest.mark.parametrize(
    ("text", "poc"),
    [
        ("could we start on an API, then move on-premises later?", True),
        ("まずAPIで検証して、その後オンプレに移行するのはどう?", True),
        ("We want to run it on-prem.", False),
    ],
)
def test_the_poc_then_migrate_request_is_recognised(text: str, poc: bool) -> None:
    assert more.wants_poc_plan(text) is poc
