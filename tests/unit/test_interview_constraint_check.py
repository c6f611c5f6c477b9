"""The constraint check on LLM text: advice that recommends what the hard constraints exclude, or
sends data where the profile forbids, is caught; warnings and compliant advice are not."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from advisor.agent.grounding import check_constraints


def _provider(pid: str, name: str, company: str, kind: str = "api", **kw: Any) -> SimpleNamespace:
    base = {
        "residency_regions": [],
        "baa_available": None,
        "dpa_available": None,
        "zero_data_retention": "unknown",
        "trains_on_customer_data_by_default": False,
    }
    return SimpleNamespace(id=pid, name=name, company=company, kind=kind, **{**base, **kw})


def _model(mid: str, name: str, open_weights: bool) -> SimpleNamespace:
    return SimpleNamespace(id=mid, name=name, aliases=[], open_weights=open_weights)


KB = SimpleNamespace(
    models={
        m.id: m
        for m in [
            _model("gpt-5", "GPT-5", False),
            _model("qwen3-32b", "Qwen3 32B", True),
            _model("llama-3.3-70b", "Llama 3.3 70B", True),
        ]
    },
    providers={
        p.id: p
        for p in [
            _provider(
                "openai-api",
                "OpenAI API Platform",
                "OpenAI",
                residency_regions=["us", "eu", "jp"],
                baa_available=True,
                zero_data_retention="on_request",
            ),
            _provider(
                "anthropic-api",
                "Anthropic Claude API",
                "Anthropic",
                residency_regions=["us"],
                baa_available=True,
            ),
            _provider("aws-bedrock", "Amazon Bedrock", "Amazon Web Services", kind="cloud"),
            _provider(
                "chatgpt",
                "ChatGPT Free",
                "OpenAI",
                kind="consumer_app",
                trains_on_customer_data_by_default=True,
            ),
        ]
    },
)


def _rec(**profile: Any) -> dict[str, Any]:
    return {
        "primary": {"model_id": "qwen3-32b"},
        "alternatives": [],
        "excluded": [{"model_id": "llama-3.3-70b", "reasons": [{"code": "licence"}]}],
        "profile": profile,
    }


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("We recommend sending the records to the OpenAI API.", {"deployment": "on_prem"}),
        ("Use a cloud API for the drafts.", {"deployment": "air_gapped"}),
        ("Send the files to Anthropic's API for best results.", {"residency": ["jp"]}),
        ("Go with the Anthropic Claude API.", {"vendor_requirements": ["zdr"]}),
        ("Try Amazon Bedrock in your account, or the OpenAI API.", {"deployment": "private_cloud"}),
        ("Just use ChatGPT Free for the patient notes.", {"data_sensitivity": "regulated"}),
        ("I recommend GPT-5 for this.", {"deployment": "on_prem"}),
        ("Llama 3.3 70B is the best choice here.", {}),
        ("推奨はQwen3 32Bですが、カルテはOpenAI APIに送ってください。", {"deployment": "on_prem"}),
    ],
)
def test_advice_against_the_constraints_is_caught(text: str, profile: dict[str, Any]) -> None:
    assert check_constraints(text, _rec(**profile), KB)


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        (
            "I recommend Qwen3 32B on your own servers; vendor APIs are excluded by your deployment.",
            {"deployment": "on_prem"},
        ),
        ("GPT-5 is not an option because nothing may leave the building.", {"deployment": "air_gapped"}),
        (
            "Use the OpenAI API with zero data retention requested first.",
            {"vendor_requirements": ["zdr"], "residency": ["jp"]},
        ),
        (
            "Amazon Bedrock in your own AWS account keeps the data in your cloud.",
            {"deployment": "private_cloud"},
        ),
        ("Llama 3.3 70B was excluded for its licence.", {}),
        ("Qwen3 32Bを推奨します。外部APIには送らないでください。", {"deployment": "on_prem"}),
    ],
)
def test_compliant_advice_and_warnings_pass(text: str, profile: dict[str, Any]) -> None:
    assert check_constraints(text, _rec(**profile), KB) == []
