"""Follow-ups through the whole graph (offline): each one answers, and none changes the profile."""

from __future__ import annotations

import pytest
from agent_support import offline_service

CLINIC = (
    "We are a clinic. We want to summarise patient records on our own servers. "
    "We have one RTX 4090. About 300 requests a day."
)


@pytest.fixture(scope="module")
def done() -> object:
    svc = offline_service()
    reply = svc.respond("f", CLINIC)
    assert reply.done
    return svc


def _ask(svc: object, text: str, thread: str) -> object:
    svc.respond(thread, CLINIC)  # type: ignore[attr-defined]
    return svc.respond(thread, text)  # type: ignore[attr-defined]


def test_the_recommendation_opens_with_what_it_is_based_on(done: object) -> None:
    reply = done.get_reply("f")  # type: ignore[attr-defined]
    first = reply.text.splitlines()[0]
    assert first.startswith("**Based on:**") and "regulated" in first and "own servers" in first
    assert "RTX 4090 × 1" in first and "300 requests/day" in first


def test_why_not_a_family_discusses_its_best_member(done: object) -> None:
    reply = _ask(done, "why not Claude?", "f1")
    assert "Claude" in reply.text and ("excluded" in reply.text or "scores lower" in reply.text)  # type: ignore[attr-defined]
    assert reply.profile["deployment"] == "on_prem"  # type: ignore[attr-defined]


def test_a_second_card_is_costed_as_two(done: object) -> None:
    reply = _ask(done, "what if we add a second RTX 4090?", "f2")
    assert "× 2" in reply.text  # type: ignore[attr-defined]
    assert reply.profile["hardware"] == [{"gpu": "nvidia-rtx-4090", "count": 1}]  # type: ignore[attr-defined]


def test_compare_ends_with_a_verdict(done: object) -> None:
    reply = _ask(done, "compare with Llama", "f3")
    assert reply.text.strip().splitlines()[-1].startswith("**Verdict for your profile:**")  # type: ignore[attr-defined]


def test_a_terms_question_is_answered_and_changes_nothing(done: object) -> None:
    reply = _ask(done, "is Claude processed in Japan?", "f4")
    assert "data residency in jp: not offered" in reply.text  # type: ignore[attr-defined]
    assert "region" not in reply.profile  # type: ignore[attr-defined]


def test_poc_then_migrate_gives_a_break_even_and_a_caveat(done: object) -> None:
    reply = _ask(done, "could we start on an API, then move on-premises later?", "f5")
    text = reply.text  # type: ignore[attr-defined]
    assert "requests/day" in text and "synthetic or de-identified" in text
    assert reply.profile["deployment"] == "on_prem"  # type: ignore[attr-defined]


def test_help_and_why_and_dont_know_always_work_during_the_interview() -> None:
    svc = offline_service()
    first = svc.respond("h", "We want to summarise patient records.")
    assert first.question is not None
    slot = first.question.slot
    for text in ("/help", "why do you ask?", "/help"):
        again = svc.respond("h", text)
        assert again.question is not None and again.question.slot == slot  # re-asked, never a dead end
    moved = svc.respond("h", "I don't know")
    assert moved.question is None or moved.question.slot != slot


def test_a_clicked_option_resumes_as_the_option_itself() -> None:
    from langgraph.types import Command

    svc = offline_service()
    first = svc.respond("c", "We want to summarise patient records.")
    assert first.question is not None and first.question.slot == "deployment"
    config = {"configurable": {"thread_id": "c"}}
    svc.graph.invoke(Command(resume={"slot": "deployment", "value": "on_prem"}), config)
    reply = svc.get_reply("c")
    assert reply is not None and reply.profile["deployment"] == "on_prem"
    assert reply.question is not None and reply.question.slot == "hardware"


def test_why_not_a_vendor_names_its_best_model_instead_of_reprinting_the_report() -> None:
    svc = offline_service()
    svc.respond(
        "w",
        "We run a public FAQ chatbot. The data is public, vendor APIs are fine. About 2,000 questions "
        "a day, budget $500 a month.",
    )
    reply = svc.respond("w", "why not Anthropic?")
    assert "Anthropic" in reply.text and "Claude" in reply.text and "# LLM recommendation" not in reply.text
