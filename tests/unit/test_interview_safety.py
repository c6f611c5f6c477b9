"""Fail safe by construction: which updates loosen a stated hard constraint, what the LLM may set,
how a yes/no answer is read, the stricter reading of unstated facts and the "Based on" line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from advisor.agent import safety
from advisor.agent.basis import based_on, strict_defaults

KB = SimpleNamespace(
    gpus={
        "rtx-4090": SimpleNamespace(name="RTX 4090", memory_gb=24),
        "h100-80gb": SimpleNamespace(name="H100", memory_gb=80),
    }
)


@pytest.mark.parametrize(
    ("field", "old", "new", "loose"),
    [
        ("data_sensitivity", "regulated", "public", True),
        ("data_sensitivity", "internal", "regulated", False),
        ("deployment", "on_prem", "any", True),
        ("deployment", "air_gapped", "on_prem", True),
        ("deployment", "any", "on_prem", False),
        ("deployment", None, "any", False),  # a first statement is not a loosening
        ("residency", ["jp"], [], True),
        ("residency", ["jp"], ["jp", "eu"], False),
        ("vendor_requirements", ["baa", "zdr"], ["baa"], True),
        ("hardware", [{"gpu": "rtx-4090", "count": 1}], [{"gpu": "rtx-4090", "count": 2}], True),
        ("hardware", [{"gpu": "rtx-4090", "count": 2}], [{"gpu": "rtx-4090", "count": 1}], False),
        ("hardware", [], [{"gpu": "h100-80gb", "count": 1000}], True),
        ("can_rent_gpus", False, True, True),
    ],
)
def test_loosening_is_recognised_per_field(field: str, old: object, new: object, loose: bool) -> None:
    assert safety.loosens(field, old, new, KB) is loose


def test_loosening_updates_are_held_back_and_tightening_ones_applied() -> None:
    profile = {"data_sensitivity": "regulated", "deployment": "on_prem"}
    updates = {"deployment": "any", "data_sensitivity": "regulated", "tasks": ["chat"]}
    proposals = safety.hold_back(profile, updates, KB)
    assert [(p["field"], p["value"], p["old"]) for p in proposals] == [("deployment", "any", "on_prem")]
    assert updates == {"data_sensitivity": "regulated", "tasks": ["chat"]}


def test_hearsay_holds_back_even_a_first_statement() -> None:
    updates = {"deployment": "any", "tasks": ["chat"]}
    proposals = safety.hold_back({}, updates, KB, all_hard=True)
    assert [p["field"] for p in proposals] == ["deployment"] and "deployment" not in updates


def test_the_llm_alone_may_only_tighten_a_stated_hard_slot() -> None:
    notes: list[str] = []
    merged = {"tasks": ["chat"], "deployment": "any", "data_sensitivity": "regulated"}
    kept = safety.llm_hard_values(
        {"tasks": ["chat"]}, merged, {"data_sensitivity": "confidential"}, KB, notes
    )
    assert kept == {"tasks": ["chat"], "data_sensitivity": "regulated"}  # never stated deployment: not filled
    assert len(notes) == 1


def test_understanding_signals_are_read_generically() -> None:
    u = SimpleNamespace(
        needs_confirmation=[
            ("deployment", "any", True),
            {"slot": "residency", "value": []},
            ("data_sensitivity", "regulated", False),
        ],
        hard_signals=["deployment", {"slot": "residency"}],
        hearsay=True,
    )
    assert safety.flagged(u) == [{"field": "deployment", "value": "any"}, {"field": "residency", "value": []}]
    assert safety.unresolved_topics(u) == ["deployment", "region"] and safety.hearsay(u)
    assert safety.flagged(SimpleNamespace()) == [] and not safety.hearsay(SimpleNamespace())


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("yes", "yes"),
        ({"slot": "deployment", "value": "no"}, "no"),
        ("Yes, APIs are fine now.", "yes"),
        ("はい、大丈夫です", "yes"),
        ("いいえ", "no"),
        ("no, keep it on-prem", "no"),
        ("わかりません", None),
        ("I don't know", None),  # unclear: the stricter setting stays
    ],
)
def test_a_confirmation_answer_is_yes_no_or_unclear(answer: object, verdict: str | None) -> None:
    assert safety.read_answer(answer) == verdict


def test_the_confirmation_is_a_yes_no_question_in_the_users_language() -> None:
    q = safety.confirm_question({"field": "deployment", "value": "any", "old": "on_prem"}, KB, "ja")
    assert q.slot == "deployment" and [o.value for o in q.options] == ["yes", "no"]
    assert "自社サーバー" in q.text and "外部API" in q.text


def test_unstated_facts_are_read_strictly_and_said_as_assumed() -> None:
    raw, assumed = strict_defaults({"tasks": ["summarization"]})
    assert raw["data_sensitivity"] == "confidential" and assumed == ["data_sensitivity"]
    raw, assumed = strict_defaults({"data_sensitivity": "regulated"})
    assert raw["deployment"] == "on_prem" and assumed == ["deployment"]
    raw, assumed = strict_defaults({"data_sensitivity": "public"})
    assert "deployment" not in raw and assumed == []


def test_based_on_lists_the_hard_constraints_and_marks_assumptions() -> None:
    raw = {
        "deployment": "on_prem",
        "hardware": [{"gpu": "rtx-4090", "count": 2}],
        "residency": ["jp"],
        "volume": {"requests_per_day": 1200},
    }
    rec = {"profile": {"data_sensitivity": "confidential", "deployment": "on_prem"}}
    line = based_on(raw, rec, ["data_sensitivity"], KB, "en")
    assert line.startswith("**Based on:**")
    for part in (
        "confidential (assumed)",
        "your own servers only",
        "jp",
        "RTX 4090 × 2",
        "1,200 requests/day",
    ):
        assert part in line, part
    ja = based_on(raw, rec, ["data_sensitivity"], KB, "ja")
    assert ja.startswith("**前提:**") and "機密(仮定)" in ja and "1日 1,200 リクエスト" in ja


def test_a_stated_requirement_adds_to_the_ones_already_stated() -> None:
    updates = {"vendor_requirements": ["zdr"], "residency": ["jp"]}
    proposals = safety.hold_back({"vendor_requirements": ["baa"], "residency": ["jp"]}, updates, KB)
    assert proposals == [] and updates == {"vendor_requirements": ["baa", "zdr"], "residency": ["jp"]}


def test_the_understandings_held_values_become_proposals_and_its_signals_open_questions() -> None:
    from advisor.agent.understand import understand

    u = understand("The admin says cloud is fine now.", profile={"deployment": "on_prem"})
    proposals = safety.flagged(u)
    assert [(p["field"], p["value"]) for p in proposals] == [("deployment", "any")]
    settled = SimpleNamespace(
        needs_confirmation={},
        hearsay=["the admin says"],
        hard_signals=["residency"],
        open_slots=["volume"],
        invalid={"budget": "negative", "number": "too_large"},
    )
    assert not safety.hearsay(settled)  # the understanding settled it: its own-word restrictions stand
    assert safety.unresolved_topics(settled) == ["region", "volume", "budget"]
