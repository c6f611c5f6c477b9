"""The agent's tools over the engine, and the question wording: typed, documented, KB-checked."""

from __future__ import annotations

import pytest
from agent_support import real_kb

from advisor.agent.next_question import wanted_slots
from advisor.agent.questions import acknowledge, make_question
from advisor.agent.tools import make_tools, resolve_model_id, scaled_profile, summarise
from advisor.engine import normalise_profile, recommend

RAW = {
    "tasks": ["summarization"],
    "data_sensitivity": "regulated",
    "deployment": "on_prem",
    "hardware": [{"gpu": "nvidia-a100-80gb", "count": 2}],
    "volume": {"requests_per_day": 500},
}


@pytest.fixture(scope="module")
def tools():  # type: ignore[no-untyped-def]
    kb = real_kb()
    profile = normalise_profile(RAW, kb, source="test")
    rec = recommend(profile, kb)
    return {t.name: t for t in make_tools(kb, profile, lambda: rec)}, rec


def test_the_tools_have_typed_arguments_and_docstrings(tools) -> None:  # type: ignore[no-untyped-def]
    by_name, _ = tools
    assert set(by_name) == {
        "search_models",
        "get_model_facts",
        "estimate_cost",
        "check_hardware_fit",
        "check_licence",
        "compare_models",
        "plan_hardware",
        "recommend",
    }
    for tool in by_name.values():
        assert len(tool.description) > 30
        assert all("description" in spec for spec in tool.args.values()), tool.name


def test_tools_answer_from_the_engine(tools) -> None:  # type: ignore[no-untyped-def]
    by_name, rec = tools
    assert by_name["recommend"].invoke({})["primary"]["model_id"] == rec.primary.model_id
    fit = by_name["check_hardware_fit"].invoke({"model": "Llama 3.3 70B Instruct", "gpu_count": 1})
    assert fit["owned"][0]["count"] == 1
    licence = by_name["check_licence"].invoke({"model": "gpt-4o"})
    assert licence["model_id"] == "gpt-4o" and "allowed" in licence
    assert by_name["search_models"].invoke({"task": "coding", "open_weights": True, "limit": 3})
    assert "error" in by_name["get_model_facts"].invoke({"model": "gpt-9-ultra"})
    assert "error" in by_name["compare_models"].invoke({"models": ["gpt-4o", "nonsense-model"]})


def test_plan_hardware_sizes_an_open_model_for_the_conversations_volume(tools) -> None:  # type: ignore[no-untyped-def]
    by_name, _ = tools
    plan = by_name["plan_hardware"].invoke({"model": "Llama 3.3 70B Instruct"})
    assert plan["model_id"] == "llama-3.3-70b" and plan["requests_per_day"] == 500
    assert plan["options"] and plan["options"][0]["owned"]  # the user's two A100s come first
    assert plan["options"][0]["hardware"]["gpu"] == "nvidia-a100-80gb"
    assert all(isinstance(a, str) and a for a in plan["assumptions"])  # worded, not message values
    doubled = by_name["plan_hardware"].invoke({"model": "llama-3.3-70b", "volume_factor": 2})
    assert doubled["requests_per_day"] == 1000
    line = summarise("plan_hardware", plan, "en")
    assert "\n" not in line and "nvidia-a100-80gb" in line
    assert "error" in by_name["plan_hardware"].invoke({"model": "gpt-4o"})  # closed weights: no plan
    assert "error" in by_name["plan_hardware"].invoke({"model": "gpt-9-ultra"})


def test_plan_hardware_is_worded_in_the_conversations_language() -> None:
    kb = real_kb()
    profile = normalise_profile(RAW, kb, source="test")
    rec = recommend(profile, kb)
    ja = {t.name: t for t in make_tools(kb, profile, lambda: rec, "ja")}["plan_hardware"]
    en = {t.name: t for t in make_tools(kb, profile, lambda: rec, "en")}["plan_hardware"]
    args = {"model": "llama-3.3-70b"}
    assert ja.invoke(args)["options"] == en.invoke(args)["options"]  # the same figures
    assert ja.invoke(args)["assumptions"] != en.invoke(args)["assumptions"]  # in other words


def test_summaries_are_one_line(tools) -> None:  # type: ignore[no-untyped-def]
    by_name, _ = tools
    cost = by_name["estimate_cost"].invoke({"model": "gpt-4o", "volume_factor": 2})
    line = summarise("estimate_cost", cost, "en")
    assert "\n" not in line and "$" in line
    assert "モデル" not in summarise(
        "check_licence", by_name["check_licence"].invoke({"model": "gpt-4o"}), "ja"
    )


def test_resolve_model_id_and_hypothetical_profiles() -> None:
    kb = real_kb()
    assert resolve_model_id(kb, "GPT-4o") == "gpt-4o" and resolve_model_id(kb, "gpt 4o") == "gpt-4o"
    assert resolve_model_id(kb, "no such model") is None
    profile = normalise_profile(RAW, kb, source="test")
    doubled = scaled_profile(profile, volume_factor=2, gpu_count=1)
    assert doubled.volume is not None and doubled.volume.requests_per_day == 1000
    assert doubled.hardware[0].count == 1 and profile.hardware[0].count == 2


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_askable_slot_has_wording_and_options(lang: str) -> None:
    slots = set(wanted_slots({"data_sensitivity": "regulated", "deployment": "any"}))
    slots |= set(wanted_slots({"deployment": "on_prem"})) | {"deployment"}
    for slot in slots:
        question = make_question(slot, lang)
        assert question.text and question.why and question.options, slot
        assert len({o.value for o in question.options}) == len(question.options)


def test_acknowledge_uses_labels_in_the_users_language() -> None:
    line = acknowledge(
        {"deployment": "on_prem", "budget": {"amount": 30000, "currency": "JPY", "period": "month"}},
        ["volume"],
        "ja",
    )
    assert "30,000 JPY/月" in line and "処理量" in line and "on_prem" not in line
    assert "利用形態: オンプレミス" in line  # the engine's terms, one per concept
