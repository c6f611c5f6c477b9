"""The interview policy: ask only what changes the answer, never twice, and few questions for a brief."""

from __future__ import annotations

import pytest

from advisor.agent.next_question import filled_slots, next_slot, question_cap, wanted_slots


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({}, "tasks"),
        ({"tasks": ["summarization"]}, "data_sensitivity"),
        ({"tasks": ["rag"], "data_sensitivity": "regulated"}, "deployment"),
        ({"tasks": ["rag"], "data_sensitivity": "confidential"}, "deployment"),
        ({"tasks": ["rag"], "data_sensitivity": "regulated", "deployment": "on_prem"}, "hardware"),
        ({"tasks": ["rag"], "data_sensitivity": "internal", "deployment": "air_gapped"}, "hardware"),
        ({"tasks": ["chat"], "data_sensitivity": "public"}, "volume"),
        ({"tasks": ["chat"], "data_sensitivity": "public", "volume": {"requests_per_day": 500}}, "budget"),
        (
            {
                "tasks": ["chat"],
                "data_sensitivity": "regulated",
                "deployment": "any",
                "volume": {"requests_per_day": 5},
                "budget_usd_month": 100,
            },
            "region",
        ),
        (
            {
                "tasks": ["chat"],
                "data_sensitivity": "public",
                "volume": {"requests_per_day": 5},
                "budget": {"amount": 30000, "currency": "JPY"},
            },
            None,
        ),
        ({"tasks": ["rag"], "data_sensitivity": "regulated", "deployment": "on_prem", "hardware": []}, None),
    ],
)
def test_next_slot_follows_what_changes_the_answer(profile: dict, expected: str | None) -> None:
    assert next_slot(profile) == expected


def test_hardware_is_not_asked_when_apis_are_allowed() -> None:
    assert "hardware" not in wanted_slots(
        {"tasks": ["chat"], "data_sensitivity": "internal", "deployment": "any"}
    )


def test_never_reasks_an_asked_or_unknown_slot() -> None:
    profile = {"tasks": ["chat"], "data_sensitivity": "public"}
    assert next_slot(profile, asked=["volume"]) == "budget"
    assert next_slot(profile, unknown=["volume"]) == "budget"
    assert next_slot(profile, asked=["volume"], unknown=["budget"]) is None


def test_one_message_brief_gets_at_most_one_question() -> None:
    profile = {"tasks": ["summarization"], "data_sensitivity": "regulated", "budget_usd_month": 2000}
    assert question_cap(3) == 1
    assert next_slot(profile, asked=[], first_filled=3) == "deployment"
    assert next_slot({**profile, "deployment": "on_prem"}, asked=["deployment"], first_filled=3) is None


def test_vague_opener_is_capped_at_five_questions() -> None:
    asked: list[str] = []
    profile: dict = {}
    answers = {
        "tasks": {"tasks": ["chat"]},
        "data_sensitivity": {"data_sensitivity": "regulated"},
        "deployment": {"deployment": "any"},
        "volume": {"volume": {"requests_per_day": 100}},
        "budget": {"budget_usd_month": 50},
        "region": {"region": "jp"},
    }
    while (slot := next_slot(profile, asked, first_filled=0)) is not None:
        asked.append(slot)
        profile.update(answers[slot])
    assert asked == ["tasks", "data_sensitivity", "deployment", "region", "volume"]


def test_filled_slots_reads_the_contract_shapes() -> None:
    assert filled_slots({"hardware": []}) == {"hardware"}
    assert filled_slots({"volume": {"input_tokens": 200}}) == set()
    assert filled_slots({"regulations": ["appi"]}) == {"region"}
    assert filled_slots(
        {"workloads": [{"name": "a", "tasks": ["chat"], "data_sensitivity": "internal"}]}
    ) == {"tasks", "data_sensitivity"}
