"""The interview through the whole graph (offline): no dead ends, nothing invalid stored, loosening
only after a yes (typed or clicked), and the stricter reading of what was never said."""

from __future__ import annotations

from agent_support import offline_service
from langgraph.types import Command


def test_a_volume_without_a_daily_count_is_held_not_stored_and_joins_the_count() -> None:
    svc = offline_service()
    first = svc.respond(
        "v", "We want to summarise internal reports, APIs are fine. Each report is about 2,000 tokens."
    )
    assert "volume" not in first.profile and first.question is not None and first.question.slot == "volume"
    second = svc.respond("v", "about 300 a day")
    assert second.profile["volume"] == {"input_tokens": 2000, "requests_per_day": 300}
    assert second.done and "field required" not in second.text


def test_a_held_size_without_a_count_is_costed_at_the_default_and_said_as_assumed() -> None:
    svc = offline_service()
    svc.respond(
        "d", "We want to summarise internal reports, APIs are fine. Each report is about 2,000 tokens."
    )
    reply = svc.respond("d", "I don't know")
    assert reply.done and reply.recommendation["profile"]["volume"]["input_tokens"] == 2000  # type: ignore[index]
    assert "requests/day (assumed)" in reply.text.splitlines()[0]


def test_a_clicked_no_keeps_the_stricter_setting_and_a_clicked_yes_applies_it() -> None:
    svc = offline_service()
    svc.respond("k", "We want to summarise internal notes on our own servers. No GPUs but we can rent.")
    asked = svc.respond("k", "actually vendor APIs are fine")
    assert asked.question is not None and [o.value for o in asked.question.options] == ["yes", "no"]
    config = {"configurable": {"thread_id": "k"}}
    svc.graph.invoke(Command(resume={"slot": asked.question.slot, "value": "no"}), config)
    kept = svc.get_reply("k")
    assert kept is not None and kept.profile["deployment"] == "on_prem"
    again = svc.respond("k", "vendor APIs are fine now")
    assert again.question is not None
    svc.graph.invoke(Command(resume={"slot": again.question.slot, "value": "yes"}), config)
    changed = svc.get_reply("k")
    assert changed is not None and changed.profile["deployment"] == "any"


def test_regulated_data_with_no_stated_deployment_is_planned_on_premises_and_said_so() -> None:
    svc = offline_service()
    reply = svc.respond("s", "We want to summarise patient records.")
    while reply.question is not None:
        reply = svc.respond("s", "I don't know")
    assert reply.recommendation["profile"]["deployment"] == "on_prem"  # type: ignore[index]
    assert "(assumed)" in reply.text.splitlines()[0] and "own servers" in reply.text.splitlines()[0]


def test_the_answer_to_a_confirmation_may_tighten_but_never_loosen_anything_else() -> None:
    svc = offline_service()
    svc.respond("t", "We want to summarise internal notes on our own servers. We have 2 A100 80GB.")
    asked = svc.respond("t", "actually vendor APIs are fine")
    assert asked.question is not None
    kept = svc.respond("t", "No. In fact it must be air-gapped, and the notes are confidential.")
    assert kept.profile["deployment"] == "air_gapped" and kept.profile["data_sensitivity"] == "confidential"
