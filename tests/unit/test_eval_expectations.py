"""The transcript checks of 2026-11-30 and the implicit hard-constraint oracle, on hand-made outcomes."""

from __future__ import annotations

from typing import Any

import pytest
from agent_support import real_kb
from recommendation_samples import api_candidate, self_hosted_candidate

from advisor.evaluation.checks import check_profile, check_recommendation, evaluate, is_hard
from advisor.evaluation.hard import hard_constraint_failures
from advisor.evaluation.runner import Outcome
from advisor.evaluation.transcript import RecommendationExpect, Transcript

SOURCE: dict[str, Any] = {"sources": [{"fact": "f", "source": "s"}]}


def _cand(model_id: str = "qwen2.5-32b-instruct", **over: Any) -> dict[str, Any]:
    return self_hosted_candidate(model_id, **{"name": model_id, "reasons": ["x"], **SOURCE, **over})


def _api(model_id: str = "gpt-4o", provider: str = "openai-api") -> dict[str, Any]:
    return api_candidate(model_id, provider, name=model_id, reasons=["x"], **SOURCE)


def _rec(
    profile: dict[str, Any],
    primary: dict[str, Any] | None,
    alternatives: list[dict[str, Any]] = (),
    hybrid: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "profile": profile,
        "primary": primary,
        "alternatives": list(alternatives),
        "excluded": [],
        "hybrid": hybrid,
        "warnings": [],
        "kb_version": "t",
    }


def test_profile_not_fails_when_an_unwanted_value_is_understood() -> None:
    outcome = Outcome(profile={"tasks": ["classification", "summarization"], "deployment": "any"})
    assert check_profile({}, outcome, {"tasks": ["classification"]})
    assert check_profile({}, outcome, {"deployment": "any"})
    assert not check_profile({}, outcome, {"tasks": ["vision"], "deployment": "on_prem"})


def test_provider_rental_and_utilisation_checks() -> None:
    exp = RecommendationExpect(provider_not_in=["openai-api"])
    assert check_recommendation(exp, _rec({}, _api()))[0].startswith("recommendation.provider_not_in")
    hw = {
        "gpu": "nvidia-rtx-4090",
        "count": 1,
        "vram_needed_gb": 20,
        "vram_available_gb": 24,
        "rented": True,
        "rental_provider": "vast.ai",
        "utilisation": 1.7,
    }
    failures = check_recommendation(
        RecommendationExpect(rental_provider_not_in=["vast.ai"], max_utilisation=1.0),
        _rec({}, _cand(hardware=hw)),
    )
    assert {f.split(":")[0] for f in failures} == {
        "recommendation.rental_provider_not_in",
        "recommendation.max_utilisation",
    }
    assert all(is_hard(f) for f in failures)


def test_alternatives_are_checked_one_by_one() -> None:
    exp = RecommendationExpect.model_validate(
        {"alternatives": {"deployment_in": ["self_hosted"], "family_not_in": ["gpt"]}}
    )
    failures = check_recommendation(exp, _rec({}, _cand(), [_cand("llama-3.3-70b-instruct"), _api()]))
    assert len(failures) == 2
    assert all(f.startswith("recommendation.alternatives.") for f in failures)
    assert all(is_hard(f) for f in failures)


def test_answer_mentions_all_and_not_mentions() -> None:
    t = Transcript.model_validate(
        {
            "id": "t",
            "turns": ["hi"],
            "expect": {"answer_mentions_all": ["BAA", "vertex"], "answer_not_mentions": ["OpenAI API"]},
        }
    )
    outcome = Outcome(
        answer="Use Vertex AI under a signed BAA; avoid the openai api.",
        turns=1,
        recommendation=_rec({}, None),
    )
    failures = [f for f in evaluate(t, outcome, real_kb()) if f.startswith("answer_")]
    assert [f.split(":")[0] for f in failures] == ["answer_not_mentions"]


@pytest.mark.parametrize(
    ("profile", "primary", "needle"),
    [
        ({"deployment": "on_prem"}, _api(), "vendor API"),
        (
            {"deployment": "air_gapped"},
            _cand(
                hardware={
                    "gpu": "nvidia-h100-80gb",
                    "count": 1,
                    "vram_needed_gb": 30,
                    "vram_available_gb": 80,
                    "rented": True,
                }
            ),
            "rented",
        ),
        ({"vendor_requirements": ["dpa", "baa"]}, _api(), "does not show"),
        (
            {"commercial_use": True},
            _cand(licence={"id": "cc-by-nc-4.0", "commercial_use": False}),
            "commercial",
        ),
        ({"context_tokens": 200000}, _cand(), "less than the longest input"),
        ({"residency": ["zz"]}, _api(), "no processing in"),
    ],
)
def test_the_oracle_catches_a_forbidden_candidate(
    profile: dict[str, Any], primary: dict[str, Any], needle: str
) -> None:
    failures = hard_constraint_failures(_rec(profile, primary), real_kb())
    assert failures and needle in failures[0]
    assert is_hard(failures[0])


def test_the_oracle_judges_hybrid_routes_by_their_workload() -> None:
    profile = {
        "deployment": "any",
        "workloads": [
            {
                "name": "hr records",
                "tasks": ["summarization"],
                "data_sensitivity": "regulated",
                "deployment": "on_prem",
            },
            {"name": "marketing", "tasks": ["creative"], "data_sensitivity": "public"},
        ],
    }
    ok = {
        "routes": [
            {"workload": "marketing", "model_id": "gpt-4o", "deployment": "api", "provider": "openai-api"},
            {"workload": "hr records", "model_id": "qwen2.5-32b-instruct", "deployment": "self_hosted"},
        ],
        "reason": "split",
    }
    assert hard_constraint_failures(_rec(profile, _cand(), hybrid=ok), real_kb()) == []
    bad = {
        "routes": [
            {"workload": "hr records", "model_id": "gpt-4o", "deployment": "api", "provider": "openai-api"}
        ],
        "reason": "split",
    }
    assert len(hard_constraint_failures(_rec(profile, _cand(), hybrid=bad), real_kb())) >= 1


def test_a_clean_plan_passes() -> None:
    profile = {"deployment": "on_prem", "data_sensitivity": "regulated", "commercial_use": True}
    assert (
        hard_constraint_failures(_rec(profile, _cand(), [_cand("llama-3.3-70b-instruct")]), real_kb()) == []
    )
